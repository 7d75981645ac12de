import { Badge, Button, Field, Link, makeStyles, ProgressBar, Select, Textarea, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular, CheckmarkCircleRegular, CircleRegular, DeleteRegular, EditRegular } from '@fluentui/react-icons';
import { useState, type FormEvent } from 'react';
import type { MyCourse, MyReflection } from '../../bot/http/contracts';
import { api, ApiFailure } from './api-client';
import { useApp } from './app-context';
import { ConfirmDialog } from './ConfirmDialog';
import { useT } from './i18n';
import { ErrorMessage, Loading } from './PageState';
import { routeHash } from './route';
import { saveDownload } from './save-download';
import { usePageStyles, useFitSelectStyles } from './styles';
import { useAsync } from './use-async';

const useStyles = makeStyles({
  lessons: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column' },
  lesson: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    paddingBlock: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  lessonText: { flexGrow: 1, minWidth: '12em', display: 'flex', flexDirection: 'column' },
  minutes: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  reflections: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL },
  reflection: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, paddingBlockEnd: tokens.spacingVerticalM, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  qa: { margin: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  question: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  answer: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  status: { margin: 0, fontWeight: tokens.fontWeightSemibold, ':empty': { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden' } },
});

/** The personal tab "Mitt kurs": own progress, the lessons (read or not, open one), and own reflections (edit, delete). */
export function MyCoursePage() {
  const t = useT();
  const page = usePageStyles();
  const { client, me } = useApp();
  const { state, reload, set } = useAsync(() => api.myCourse(client), [client]);
  return (
    <main className={page.main} aria-busy={state.status === 'loading'} data-page="personal">
      <h1 className={page.h1}>{t('tab.personal.title')}</h1>
      <MoreLinks />
      <nav aria-label={t('tab.privacy.nav')} data-nav="privacy">
        <Link href={routeHash({ page: 'org-privacy' })}>{t('tab.privacy.title')}</Link>
      </nav>
      {me.roles.length > 0 && (
        <nav aria-label={t('tab.org.nav')} className={page.row}>
          {me.roles.some((role) => role !== 'courseOwner') && <Link href={routeHash({ page: 'org-settings' })}>{t('tab.org.title')}</Link>}
          {me.roles.some((role) => role === 'courseOwner' || role === 'administrator') && <Link href={routeHash({ page: 'org-packs' })}>{t('tab.packs.nav')}</Link>}
        </nav>
      )}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage failure={state.failure} onRetry={reload} />}
      {state.status === 'ready' && <Course course={state.data} onChange={set} />}
    </main>
  );
}

/** cert: the course certificate as a PDF, fetched with the caller's sign-in (the name is the one in their token). */
function CertificateDownload(props: { readonly courseId: string }) {
  const t = useT();
  const page = usePageStyles();
  const styles = useStyles();
  const { client } = useApp();
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<Error | undefined>();
  async function download(): Promise<void> {
    setStatus('');
    setFailure(undefined);
    try {
      const file = await api.certificate(client, props.courseId, t('tab.personal.certificateFileName'));
      saveDownload(file);
      setStatus(t('tab.personal.certificateDone', { filename: file.filename }));
    } catch (error) {
      setFailure(error as Error);
    }
  }
  return (
    <div className={page.row} data-certificate="">
      <p className={page.paragraph}>{t('tab.personal.certificateHint')}</p>
      <Button icon={<ArrowDownloadRegular />} onClick={() => void download()} data-action="certificate">
        {t('tab.personal.certificate')}
      </Button>
      <p role="status" className={styles.status} data-status="certificate">
        {status}
      </p>
      {failure && <ErrorMessage failure={failure} />}
    </div>
  );
}

/** Links to the roll-up of one's teams (a leader of several) and to the organisation's pages (organisation roles). */
function MoreLinks() {
  const t = useT();
  const page = usePageStyles();
  const { me } = useApp();
  const leads = me.teams.filter((team) => team.role !== 'member').length;
  // Course owners publish courses; the organisation's figures are for the other organisation roles.
  const org = me.roles.some((role) => role !== 'courseOwner');
  if (leads < 2 && !org) return null;
  return (
    <nav aria-label={t('tab.personal.more')} className={page.row} data-nav="more">
      {leads >= 2 && <Link href={routeHash({ page: 'teams-overview' })}>{t('tab.overview.title')}</Link>}
      {org && <Link href={routeHash({ page: 'org-report', from: undefined, to: undefined })}>{t('tab.orgReport.title')}</Link>}
    </nav>
  );
}

function Course(props: { readonly course: MyCourse; readonly onChange: (course: MyCourse) => void }) {
  const fit = useFitSelectStyles();
  const t = useT();
  const page = usePageStyles();
  const styles = useStyles();
  const { course } = props;
  const [status, setStatus] = useState('');
  const [choosing, setChoosing] = useState<Error | undefined>();
  const { client } = useApp();
  const total = course.lessons.length;

  /** Continues another course, here and in personal chat (the choice is stored for the person). */
  async function choose(courseId: string): Promise<void> {
    setChoosing(undefined);
    try {
      props.onChange(await api.chooseCourse(client, courseId));
    } catch (error) {
      setChoosing(error as Error);
    }
  }

  return (
    <>
      {course.courses.length > 1 ? (
        <Field label={t('tab.personal.coursePicker')}>
          <Select className={fit.root} select={{ className: fit.select }} value={course.courseId} onChange={(_event, data) => void choose(data.value)} data-field="course">
            {course.courses.map((option) => (
              <option key={option.id} value={option.id}>
                {option.title}
              </option>
            ))}
          </Select>
        </Field>
      ) : (
        <p className={page.lead}>{course.title}</p>
      )}
      {choosing && <ErrorMessage failure={choosing} />}
      <section className={page.section} aria-labelledby="my-lessons-title" data-section="my-lessons">
        <h2 id="my-lessons-title" className={page.h2}>
          {t('tab.personal.lessonsTitle')}
        </h2>
        <Field label={t('tab.personal.progressLabel')} hint={t('tab.personal.progress', { read: course.lessonsRead, total })}>
          <ProgressBar value={course.lessonsRead} max={Math.max(1, total)} thickness="large" />
        </Field>
        <ol className={styles.lessons}>
          {course.lessons.map((lesson) => (
            <li key={lesson.lessonId} className={styles.lesson} data-lesson={lesson.lessonId}>
              <span className={styles.lessonText}>
                <span>{t('tab.lessons.lessonLabel', { number: lesson.number, title: lesson.title })}</span>
                <span className={styles.minutes}>{t('tab.personal.minutes', { minutes: lesson.minutes })}</span>
              </span>
              <Badge appearance="tint" color={lesson.read ? 'success' : 'informative'} icon={lesson.read ? <CheckmarkCircleRegular /> : <CircleRegular />}>
                {lesson.read ? t('tab.personal.read') : t('tab.personal.unread')}
              </Badge>
              <Link href={routeHash({ page: 'lesson', lessonId: lesson.lessonId })} aria-label={t('tab.personal.openLabel', { number: lesson.number, title: lesson.title })}>
                {t('tab.personal.open')}
              </Link>
            </li>
          ))}
        </ol>
        {total > 0 && course.lessonsRead === total && <CertificateDownload courseId={course.courseId} />}
      </section>
      <section className={page.section} aria-labelledby="my-reflections-title" data-section="my-reflections">
        <h2 id="my-reflections-title" className={page.h2} tabIndex={-1}>
          {t('tab.personal.reflectionsTitle')}
        </h2>
        <p className={page.muted}>{t('tab.personal.privacy')}</p>
        <p role="status" className={styles.status} data-status="reflections">
          {status}
        </p>
        {course.reflections.length === 0 ? (
          <p className={page.paragraph}>{t('tab.personal.noReflections')}</p>
        ) : (
          <ul className={styles.reflections}>
            {course.reflections.map((reflection) => (
              <ReflectionItem
                key={reflection.lessonId}
                reflection={reflection}
                onSaved={(saved) => {
                  props.onChange({ ...course, reflections: course.reflections.map((r) => (r.lessonId === saved.lessonId ? saved : r)) });
                  setStatus(t('tab.personal.saved'));
                }}
                onDeleted={() => {
                  props.onChange({ ...course, reflections: course.reflections.filter((r) => r.lessonId !== reflection.lessonId) });
                  setStatus(t('tab.personal.deleted', { title: reflection.lessonTitle }));
                  document.getElementById('my-reflections-title')?.focus();
                }}
              />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function ReflectionItem(props: { readonly reflection: MyReflection; readonly onSaved: (reflection: MyReflection) => void; readonly onDeleted: () => void }) {
  const t = useT();
  const page = usePageStyles();
  const styles = useStyles();
  const { client, fmt } = useApp();
  const { reflection } = props;
  const [editing, setEditing] = useState(false);
  const [answers, setAnswers] = useState<[string, string, string]>(() => [reflection.answers[0] ?? '', reflection.answers[1] ?? '', reflection.answers[2] ?? '']);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Error | undefined>();
  const [confirming, setConfirming] = useState(false);
  const headingId = `reflection-${reflection.lessonId}`;
  const questions = reflection.questions.length === 3 ? reflection.questions : [t('tab.questions.q1'), t('tab.questions.q2'), t('tab.questions.q3')];

  const problem = (index: number): string | undefined => {
    if (!(failure instanceof ApiFailure)) return undefined;
    return failure.error.problems?.find((p) => p.field === `answers.${index}` || p.field === `answers[${index}]` || p.field === `answer${index + 1}`)?.message;
  };

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      const saved = await api.saveReflection(client, reflection.lessonId, { answers });
      setEditing(false);
      props.onSaved(saved);
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setBusy(false);
    }
  }

  async function remove(): Promise<void> {
    setConfirming(false);
    setBusy(true);
    setFailure(undefined);
    try {
      await api.deleteReflection(client, reflection.lessonId);
      props.onDeleted();
    } catch (error) {
      setFailure(error as Error);
      setBusy(false);
    }
  }

  const fieldProblems = [0, 1, 2].some((index) => problem(index));
  return (
    <li className={styles.reflection} data-reflection={reflection.lessonId}>
      <h3 id={headingId} className={page.h3}>
        {reflection.lessonTitle}
      </h3>
      <div className={page.row}>
        <Badge appearance="outline" color="informative">
          {t(`tab.personal.visibility.${reflection.visibility}`)}
        </Badge>
        <span className={page.muted}>{t('tab.personal.updated', { date: fmt.dateTime(reflection.updatedAt) })}</span>
      </div>
      {editing ? (
        <form className={styles.form} onSubmit={(event) => void save(event)} aria-labelledby={headingId}>
          {questions.map((question, index) => (
            <Field key={index} label={question} validationMessage={problem(index)}>
              <Textarea
                value={answers[index]}
                resize="vertical"
                onChange={(_event, data) => setAnswers((current) => current.map((value, i) => (i === index ? data.value : value)) as [string, string, string])}
              />
            </Field>
          ))}
          {failure && !fieldProblems && <ErrorMessage failure={failure} />}
          <div className={page.row}>
            <Button type="submit" appearance="primary" disabled={busy}>
              {t('tab.personal.save')}
            </Button>
            <Button
              onClick={() => {
                setEditing(false);
                setFailure(undefined);
                setAnswers([reflection.answers[0] ?? '', reflection.answers[1] ?? '', reflection.answers[2] ?? '']);
              }}
            >
              {t('tab.common.cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <>
          <dl className={styles.qa}>
            {questions.map((question, index) => (
              <div key={index}>
                <dt className={styles.question}>{question}</dt>
                <dd className={styles.answer}>{reflection.answers[index]?.trim() ? reflection.answers[index] : t('tab.personal.noAnswer')}</dd>
              </div>
            ))}
          </dl>
          {failure && <ErrorMessage failure={failure} />}
          <div className={page.row}>
            <Button icon={<EditRegular />} disabled={busy} onClick={() => setEditing(true)} aria-label={t('tab.personal.editLabel', { title: reflection.lessonTitle })}>
              {t('tab.personal.edit')}
            </Button>
            <Button icon={<DeleteRegular />} disabled={busy} onClick={() => setConfirming(true)} aria-label={t('tab.personal.deleteLabel', { title: reflection.lessonTitle })}>
              {t('tab.personal.delete')}
            </Button>
          </div>
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('tab.personal.confirmDelete.title')}
        body={t('tab.personal.confirmDelete.body', { title: reflection.lessonTitle })}
        confirm={t('tab.personal.confirmDelete.confirm')}
        cancel={t('tab.common.cancel')}
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
      />
    </li>
  );
}
