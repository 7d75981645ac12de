import type { KnowledgeLessonAggregate, OrgKnowledgeView, TeamKnowledgeView } from '../../bot/http/contracts';
import { api } from './api-client';
import { useApp } from './app-context';
import { useT } from './i18n';
import { ErrorMessage, Loading } from './PageState';
import { usePageStyles, useTableStyles } from './styles';
import { TableScroll } from './TableScroll';
import { useAsync } from './use-async';

/**
 * cert: the knowledge checks of a course as aggregates per question (never a person's answer), hidden below the minimum
 * group size by the server (null figures), with an accessible table per question.
 */
function LessonAggregates(props: { readonly lesson: KnowledgeLessonAggregate; readonly minGroupSize: number; readonly idPrefix: string }) {
  const t = useT();
  const page = usePageStyles();
  const table = useTableStyles();
  const { fmt } = useApp();
  const { lesson } = props;
  return (
    <div data-knowledge-lesson={lesson.lessonId}>
      <h3 className={page.h3}>{t('tab.knowledge.lesson', { title: lesson.title })}</h3>
      {lesson.tooFewToShow ? (
        <p className={page.muted} data-too-few="">
          {t('tab.knowledge.tooFew', { min: props.minGroupSize })}
        </p>
      ) : (
        lesson.questions.map((question, index) => {
          const captionId = `${props.idPrefix}-${lesson.lessonId}-${index}`;
          return (
            <TableScroll key={question.questionId} labelledBy={captionId}>
              <table className={table.table} data-question={question.questionId}>
                <caption id={captionId} style={{ textAlign: 'start' }}>
                  {question.prompt}{' '}
                  <span className={table.note}>
                    {t('tab.knowledge.summary', { answered: question.answered ?? 0, share: question.shareCorrect === null ? '–' : fmt.percent(question.shareCorrect) })}
                  </span>
                </caption>
                <thead>
                  <tr>
                    <th scope="col" className={table.th}>
                      {t('tab.knowledge.choice')}
                    </th>
                    <th scope="col" className={table.th}>
                      {t('tab.knowledge.count')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {question.choices.map((choice) => (
                    <tr key={choice.choiceId}>
                      <th scope="row" className={`${table.td} ${table.rowHeader}`}>
                        {choice.text}
                        {choice.correct && <span className={table.note}>{t('tab.knowledge.correct')}</span>}
                      </th>
                      <td className={`${table.td} ${table.number}`}>{choice.count ?? t('tab.common.tooFew')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          );
        })
      )}
    </div>
  );
}

/** The leader's section: how many have a certificate, and the knowledge checks of the team's course. */
export function TeamKnowledgeSection(props: { readonly teamId: string }) {
  const t = useT();
  const page = usePageStyles();
  const { client } = useApp();
  const { state, reload } = useAsync(() => api.teamKnowledge(client, props.teamId), [client, props.teamId]);
  return (
    <section className={page.section} aria-labelledby="knowledge-title" data-section="knowledge">
      <h2 id="knowledge-title" className={page.h2}>
        {t('tab.knowledge.title')}
      </h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage failure={state.failure} onRetry={reload} />}
      {state.status === 'ready' && <TeamKnowledge view={state.data} />}
    </section>
  );
}

function TeamKnowledge(props: { readonly view: TeamKnowledgeView }) {
  const t = useT();
  const page = usePageStyles();
  const { view } = props;
  return (
    <>
      <p className={page.paragraph} data-certified="">
        {view.certified !== null && view.members !== null
          ? t('tab.knowledge.certified', { certified: view.certified, members: view.members })
          : t('tab.knowledge.certifiedHidden', { min: view.minGroupSize })}
      </p>
      <p className={page.muted}>{t('tab.knowledge.privacy', { min: view.minGroupSize })}</p>
      {view.lessons.length === 0 ? (
        <p className={page.paragraph}>{t('tab.knowledge.none')}</p>
      ) : (
        view.lessons.map((lesson) => <LessonAggregates key={lesson.lessonId} lesson={lesson} minGroupSize={view.minGroupSize} idPrefix="team-knowledge" />)
      )}
    </>
  );
}

/** The organisation report's section: every course's knowledge checks across the organisation. */
export function OrgKnowledgeSection() {
  const t = useT();
  const page = usePageStyles();
  const { client } = useApp();
  const { state, reload } = useAsync(() => api.orgKnowledge(client), [client]);
  return (
    <section className={page.section} aria-labelledby="org-knowledge-title" data-section="org-knowledge">
      <h2 id="org-knowledge-title" className={page.h2}>
        {t('tab.knowledge.orgTitle')}
      </h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage failure={state.failure} onRetry={reload} />}
      {state.status === 'ready' && <OrgKnowledge view={state.data} />}
    </section>
  );
}

function OrgKnowledge(props: { readonly view: OrgKnowledgeView }) {
  const t = useT();
  const page = usePageStyles();
  const { view } = props;
  return (
    <>
      <p className={page.muted}>{t('tab.knowledge.privacy', { min: view.minGroupSize })}</p>
      {view.courses.length === 0 && <p className={page.paragraph}>{t('tab.knowledge.none')}</p>}
      {view.courses.map((course) => (
        <div key={course.courseId} data-knowledge-course={course.courseId}>
          <p className={page.lead}>{course.title}</p>
          {course.lessons.map((lesson) => (
            <LessonAggregates key={lesson.lessonId} lesson={lesson} minGroupSize={view.minGroupSize} idPrefix={`org-knowledge-${course.courseId}`} />
          ))}
        </div>
      ))}
    </>
  );
}
