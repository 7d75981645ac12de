import { makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { StageContent } from '../../bot/http/contracts';
import { api } from './api-client';
import { useApp } from './app-context';
import { useT } from './i18n';
import { ErrorMessage, Loading } from './PageState';
import { usePageStyles } from './styles';

/** How often the stage asks for new answers while it is shown. */
export const STAGE_POLL_MS = 3000;

// Sizes for a screen read from across a meeting room: they grow with the stage, never below a comfortable minimum.
const big = 'clamp(1.25rem, 0.9rem + 1.3vw, 2.25rem)';
const bigger = 'clamp(1.5rem, 1rem + 2vw, 3rem)';
const biggest = 'clamp(2rem, 1.2rem + 3vw, 4.25rem)';

const useStyles = makeStyles({
  main: {
    boxSizing: 'border-box',
    minHeight: '100vh',
    paddingBlock: 'clamp(1rem, 3vw, 3rem)',
    paddingInline: 'clamp(1rem, 4vw, 4rem)',
    display: 'flex',
    flexDirection: 'column',
    rowGap: 'clamp(1rem, 2.5vw, 2.5rem)',
    fontSize: big,
    lineHeight: 1.35,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  kicker: { margin: 0, fontSize: big, color: tokens.colorNeutralForeground2 },
  h1: { margin: 0, fontSize: biggest, lineHeight: 1.15, fontWeight: tokens.fontWeightSemibold },
  h2: { margin: 0, fontSize: bigger, fontWeight: tokens.fontWeightSemibold },
  questions: { margin: 0, paddingInlineStart: '1.4em', display: 'flex', flexDirection: 'column', rowGap: '0.3em', fontSize: bigger },
  counts: { display: 'flex', flexDirection: 'column', rowGap: '0.4em' },
  countText: { margin: 0, fontSize: bigger, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  muted: { margin: 0, color: tokens.colorNeutralForeground2 },
  track: {
    height: '0.6em',
    maxWidth: '40rem',
    borderRadius: '0.3em',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground3,
    overflow: 'hidden',
  },
  fill: { height: '100%', backgroundColor: tokens.colorCompoundBrandBackground },
  distribution: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', rowGap: '0.5em' },
  answers: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 26em), 1fr))',
    gap: 'clamp(0.75rem, 1.5vw, 1.5rem)',
  },
  answer: {
    boxSizing: 'border-box',
    padding: '0.8em',
    borderRadius: tokens.borderRadiusXLarge,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
    display: 'flex',
    flexDirection: 'column',
    rowGap: '0.4em',
  },
  author: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  qa: { margin: 0, display: 'flex', flexDirection: 'column', rowGap: '0.4em' },
  question: { color: tokens.colorNeutralForeground2, fontSize: '0.75em' },
  // Users' text is text: shown as typed, line breaks kept, never as Markdown, links or mentions.
  text: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  answerText: { marginInlineStart: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  visuallyHidden: { position: 'absolute', width: '1px', height: '1px', margin: '-1px', padding: 0, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0 },
});

/**
 * The meeting stage (`#/stage?teamId=…&kind=…&id=…`), for everyone in the room: the round's questions, how many of the
 * team have answered (only for a team of at least the minimum group size), and the answers their authors shared —
 * anonymous ones without any name — asked for again every few seconds, so answers appear as they arrive.
 * @remarks Everything shown comes from the stage API, which applies the team dashboard's rules; the page adds nothing.
 */
export function StagePage(props: { readonly teamId: string; readonly kind: string; readonly id: string }) {
  const t = useT();
  const page = usePageStyles();
  const styles = useStyles();
  const { client, fmt } = useApp();
  const [content, setContent] = useState<StageContent | undefined>();
  const [failure, setFailure] = useState<Error | undefined>();
  const [refreshes, setRefreshes] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const shown = useRef(false);

  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = (): void => {
      // A stage nobody looks at (the window minimised, the meeting in the background) does not ask.
      if (document.visibilityState === 'hidden' && shown.current) {
        timer = setTimeout(poll, STAGE_POLL_MS);
        return;
      }
      api.stageContent(client, props.teamId, props.kind, props.id).then(
        (next) => {
          if (!current) return;
          shown.current = true;
          setContent(next);
          setFailure(undefined);
          setRefreshes((n) => n + 1);
          timer = setTimeout(poll, STAGE_POLL_MS);
        },
        (error: unknown) => {
          if (!current) return;
          // A failed poll after a good one keeps what is shown and tries again; a first failure is shown.
          setFailure(error instanceof Error ? error : new Error(String(error)));
          setRefreshes((n) => n + 1);
          if (shown.current) timer = setTimeout(poll, STAGE_POLL_MS);
        },
      );
    };
    poll();
    return () => {
      current = false;
      if (timer) clearTimeout(timer);
    };
  }, [client, props.teamId, props.kind, props.id, attempt]);

  if (!content) {
    return (
      <main className={page.main} aria-busy={failure ? 'false' : 'true'} data-page="stage" data-refreshes={refreshes}>
        <h1 className={page.h1}>{t(`tab.meeting.kind.${props.kind === 'dilemma' ? 'dilemma' : 'reflection'}`)}</h1>
        {failure ? <ErrorMessage failure={failure} onRetry={() => setAttempt((n) => n + 1)} /> : <Loading />}
      </main>
    );
  }

  const { answered, members, distribution } = content;
  const total = distribution ? distribution.reduce((sum, part) => sum + part.count, 0) : 0;
  return (
    <main className={styles.main} data-page="stage" data-refreshes={refreshes} aria-labelledby="stage-title">
      <header>
        <p className={styles.kicker}>
          {t(`tab.meeting.kind.${content.kind}`)} · {content.team.name}
        </p>
        <h1 id="stage-title" className={styles.h1}>
          {content.title}
        </h1>
      </header>
      <section aria-labelledby="stage-questions">
        <h2 id="stage-questions" className={styles.visuallyHidden}>
          {t('tab.meeting.stage.questions')}
        </h2>
        <ol className={styles.questions} data-stage="questions">
          {content.questions.map((question, index) => (
            <li key={index}>{question}</li>
          ))}
        </ol>
      </section>
      <section className={styles.counts} data-stage="counts" aria-label={t('tab.meeting.stage.distribution')}>
        {answered !== null && members !== null ? (
          <>
            <p className={styles.countText}>{t('tab.meeting.stage.answered', { answered: fmt.number(answered), members: fmt.number(members) })}</p>
            <div className={styles.track} aria-hidden="true">
              <div className={styles.fill} style={{ width: `${members > 0 ? Math.min(100, (answered / members) * 100) : 0}%` }} />
            </div>
          </>
        ) : (
          <p className={styles.muted} data-too-few="">
            {t('tab.meeting.stage.tooFew', { min: content.minGroupSize })}
          </p>
        )}
        {distribution && (
          <ul className={styles.distribution} data-stage="distribution">
            {distribution.map((part) => (
              <li key={part.label}>
                <span className={styles.text}>{part.label}</span>: <strong>{fmt.number(part.count)}</strong>
                <div className={styles.track} aria-hidden="true">
                  <div className={styles.fill} style={{ width: `${total > 0 ? (part.count / total) * 100 : 0}%` }} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="stage-shared">
        <h2 id="stage-shared" className={styles.h2}>
          {t('tab.meeting.stage.shared')}
        </h2>
        <p className={styles.muted}>{t('tab.meeting.stage.live')}</p>
        <p className={styles.visuallyHidden} role="status">
          {t('tab.meeting.panel.sharedCount', { count: content.shared.length })}
        </p>
        {content.shared.length === 0 ? (
          <p className={styles.text}>{t('tab.meeting.stage.noShared')}</p>
        ) : (
          <ul className={styles.answers} data-stage="shared">
            {content.shared.map((shared, index) => (
              <li key={index} className={styles.answer} data-anonymous={shared.authorName === null ? '' : undefined}>
                <p className={styles.author}>{shared.authorName ?? t('tab.meeting.stage.anonymous')}</p>
                <dl className={styles.qa}>
                  {shared.answers.map((answer, question) =>
                    answer.trim() ? (
                      <div key={question}>
                        <dt className={styles.question}>{content.questions[question] ?? ''}</dt>
                        <dd className={styles.answerText}>{answer}</dd>
                      </div>
                    ) : null,
                  )}
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
