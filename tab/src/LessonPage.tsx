import { Button, Link, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import { ArrowLeftRegular, CheckmarkCircleRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { LessonContent } from '../../bot/http/contracts';
import { api } from './api-client';
import { useApp } from './app-context';
import { useT } from './i18n';
import { ErrorMessage, Loading } from './PageState';
import { InlineMarkdown, RichText } from './RichText';
import { usePageStyles } from './styles';
import { useAsync } from './use-async';

const useStyles = makeStyles({
  article: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, maxWidth: '70ch' },
  image: { maxWidth: '100%', height: 'auto', borderRadius: tokens.borderRadiusMedium },
  status: { margin: 0, fontWeight: tokens.fontWeightSemibold, ':empty': { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden' } },
  read: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, margin: 0 },
});

/** One lesson to read in the personal tab, with "I have read it". */
export function LessonPage(props: { readonly lessonId: string }) {
  const t = useT();
  const page = usePageStyles();
  const { client } = useApp();
  const { state, reload, set } = useAsync(() => api.lesson(client, props.lessonId), [client, props.lessonId]);
  return (
    <main className={page.main} aria-busy={state.status === 'loading'} data-page="lesson">
      <Link href="#/personal">
        <ArrowLeftRegular aria-hidden="true" /> {t('tab.lesson.back')}
      </Link>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && (
        <>
          <h1 className={page.h1}>{t('tab.personal.title')}</h1>
          <ErrorMessage failure={state.failure} onRetry={reload} />
        </>
      )}
      {state.status === 'ready' && <Lesson lesson={state.data} onRead={set} />}
    </main>
  );
}

function Lesson(props: { readonly lesson: LessonContent; readonly onRead: (lesson: LessonContent) => void }) {
  const t = useT();
  const page = usePageStyles();
  const styles = useStyles();
  const { client } = useApp();
  const { lesson } = props;
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<Error | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [lesson.lessonId]);

  async function markRead(): Promise<void> {
    setBusy(true);
    setFailure(undefined);
    try {
      props.onRead(await api.markRead(client, lesson.lessonId));
      setStatus(t('tab.lesson.markedRead'));
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <article className={styles.article} aria-labelledby="lesson-title">
      <p className={page.muted}>{t('tab.lesson.position', { number: lesson.number, total: lesson.total, minutes: lesson.minutes })}</p>
      <h1 id="lesson-title" className={page.h1} ref={heading} tabIndex={-1}>
        {lesson.title}
      </h1>
      {lesson.image && <img className={styles.image} src={lesson.image.url} alt={lesson.image.alt} />}
      {lesson.body.map((paragraph, index) => (
        <RichText key={index} text={paragraph} />
      ))}
      <MessageBar intent="info" layout="multiline" icon={null}>
        <MessageBarBody>
          <MessageBarTitle>{t('tab.lesson.keyFact')}</MessageBarTitle> <InlineMarkdown text={lesson.keyFact} />
        </MessageBarBody>
      </MessageBar>
      {lesson.goals.length > 0 && (
        <section aria-labelledby="lesson-goals">
          <h2 id="lesson-goals" className={page.h2}>
            {t('tab.lesson.goals')}
          </h2>
          <ul className={page.list}>
            {lesson.goals.map((goal) => (
              <li key={goal.number}>{t('tab.lesson.goal', { number: goal.number, name: goal.name })}</li>
            ))}
          </ul>
        </section>
      )}
      {lesson.sources.length > 0 && (
        <section aria-labelledby="lesson-sources">
          <h2 id="lesson-sources" className={page.h2}>
            {t('tab.lesson.sources')}
          </h2>
          <ul className={page.list}>
            {lesson.sources.map((source) => (
              <li key={source.url}>
                <Link href={source.url} target="_blank" rel="noreferrer">
                  {source.title}
                  <span className={page.visuallyHidden}> {t('tab.lesson.newWindow')}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {lesson.read ? (
        <p className={styles.read} data-read="">
          <CheckmarkCircleRegular aria-hidden="true" /> {t('tab.lesson.isRead')}
        </p>
      ) : (
        <div>
          <Button appearance="primary" icon={<CheckmarkCircleRegular />} disabled={busy} onClick={() => void markRead()} data-action="mark-read">
            {t('tab.lesson.markRead')}
          </Button>
        </div>
      )}
      <p role="status" className={styles.status} data-status="lesson">
        {status}
      </p>
      {failure && <ErrorMessage failure={failure} />}
    </article>
  );
}
