import { Button, Link, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import { ArrowLeftRegular, SendRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { NextStepsView } from '../../bot/http/contracts';
import { ApiFailure } from './api-client';
import { useApp } from './app-context';
import { ConfirmDialog } from './ConfirmDialog';
import { useT } from './i18n';
import { nextStepsApi } from './next-steps-api';
import { ErrorMessage, Loading, TooFew } from './PageState';
import { PlanEditor } from './PlanEditor';
import { routeHash } from './route';
import { usePageStyles } from './styles';
import { useAsync } from './use-async';

/** How often, and how many times, the page looks for a round it queued before it gives up until the next visit. */
const roundPollMs = 1500;
const roundPollTries = 40;

const useStyles = makeStyles({
  facts: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalXXL, rowGap: tokens.spacingVerticalS, margin: 0 },
  fact: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  factLabel: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  factValue: { margin: 0, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  question: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  answers: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  answer: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalM,
    borderInlineStartWidth: tokens.strokeWidthThick,
    borderInlineStartStyle: 'solid',
    borderInlineStartColor: tokens.colorNeutralStroke1,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
  },
  answerText: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  author: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  status: { margin: 0, fontWeight: tokens.fontWeightSemibold, ':empty': { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden' } },
});

/** The page "Neste steg": the latest round's shared answers per question, and the team's plan. */
export function NextStepsPage(props: { readonly teamId: string | undefined; readonly courseId?: string | undefined }) {
  const t = useT();
  const page = usePageStyles();
  const { client, me, host } = useApp();
  const teamId = (host.kind === 'teams' ? host.teamId : undefined) ?? props.teamId ?? me.teams[0]?.teamId;
  const teamName = me.teams.find((team) => team.teamId === teamId)?.name;
  const { state, reload, set } = useAsync(() => (teamId ? nextStepsApi.view(client, teamId, props.courseId) : Promise.resolve(undefined)), [client, teamId, props.courseId]);
  const heading = useRef<HTMLHeadingElement>(null);
  const ready = state.status === 'ready';
  // Reached through a link inside the tab: put the reader at the top of the new page.
  useEffect(() => {
    if (ready) heading.current?.focus();
  }, [ready]);

  let content;
  if (!teamId) content = <p className={page.paragraph}>{t('tab.dashboard.noTeam')}</p>;
  else if (state.status === 'loading') content = <Loading />;
  else if (state.status === 'error') {
    const notSetUp = state.failure instanceof ApiFailure && state.failure.error.code === 'notSetUp';
    content = notSetUp ? (
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t('tab.dashboard.notSetUp.title')}</MessageBarTitle> {t('tab.dashboard.notSetUp.body')}
        </MessageBarBody>
      </MessageBar>
    ) : (
      <ErrorMessage failure={state.failure} onRetry={reload} />
    );
  } else if (state.data) {
    const view = state.data;
    content = (
      <>
        <p className={page.paragraph}>{view.canEdit ? t('tab.nextSteps.introLeader') : t('tab.nextSteps.introMember')}</p>
        <RoundSection teamId={teamId} courseId={props.courseId} view={view} onStarted={reload} />
        <PlanEditor teamId={teamId} view={view} onItems={(items) => set({ ...view, items })} />
      </>
    );
  }

  return (
    <main className={page.main} aria-busy={state.status === 'loading'} data-page="next-steps">
      <Link href={routeHash({ page: 'team', teamId: props.teamId })}>
        <ArrowLeftRegular aria-hidden="true" /> {t('tab.nextSteps.back')}
      </Link>
      <h1 ref={heading} tabIndex={-1} className={page.h1}>
        {t('tab.nextSteps.title')}
      </h1>
      {teamName && <p className={page.lead}>{teamName}</p>}
      {content}
    </main>
  );
}

/** The four questions, the latest round's shared answers grouped per question, and (for leaders) starting a round. */
function RoundSection(props: { readonly teamId: string; readonly courseId?: string | undefined; readonly view: NextStepsView; readonly onStarted: () => void }) {
  const t = useT();
  const page = usePageStyles();
  const styles = useStyles();
  const { client, fmt } = useApp();
  const { view } = props;
  const { round } = view;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<Error | undefined>();
  // The round is only queued: the outbox posts it a moment later. Until it shows, the page looks again now and then.
  const [awaiting, setAwaiting] = useState<{ readonly previousId: string | undefined } | undefined>();
  const { onStarted } = props;
  useEffect(() => {
    if (!awaiting) return;
    if (round && round.id !== awaiting.previousId) {
      setAwaiting(undefined);
      return;
    }
    let tries = 0;
    const timer = setInterval(() => {
      tries += 1;
      if (tries > roundPollTries) {
        clearInterval(timer);
        setAwaiting(undefined);
        return;
      }
      onStarted();
    }, roundPollMs);
    return () => clearInterval(timer);
  }, [awaiting, round, onStarted]);

  async function start(): Promise<void> {
    setConfirming(false);
    setBusy(true);
    setStatus('');
    setFailure(undefined);
    try {
      const started = await nextStepsApi.startRound(client, props.teamId, props.courseId);
      setStatus(t('tab.nextSteps.round.startedDone', { known: started.channel === null ? 'no' : 'yes', channel: started.channel ?? '' }));
      setAwaiting({ previousId: round?.id });
      props.onStarted();
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={page.section} aria-labelledby="round-title" data-section="round">
      <h2 id="round-title" className={page.h2}>
        {t('tab.nextSteps.round.title')}
      </h2>
      {round ? (
        <>
          <p className={page.muted}>{t('tab.nextSteps.round.caption')}</p>
          <dl className={styles.facts}>
            <div className={styles.fact}>
              <dt className={styles.factLabel}>{t('tab.nextSteps.round.started')}</dt>
              <dd className={styles.factValue}>{fmt.dateTime(round.startedAt)}</dd>
            </div>
            <div className={styles.fact}>
              <dt className={styles.factLabel}>{t('tab.nextSteps.round.answerCount')}</dt>
              <dd className={styles.factValue} data-answer-count="">
                {round.answerCount === null ? <TooFew /> : fmt.number(round.answerCount)}
              </dd>
            </div>
          </dl>
          {view.questions.map((question, index) => {
            const answers = round.answers
              .map((shared) => ({ who: shared.authorName ?? t('tab.nextSteps.round.anonymous'), text: shared.answers[index]?.trim() ?? '' }))
              .filter((answer) => answer.text);
            const headingId = `question-${index}`;
            return (
              <div key={index} className={styles.question} data-question={index}>
                <h3 id={headingId} className={page.h3}>
                  {question}
                </h3>
                {answers.length === 0 ? (
                  <p className={page.muted}>{t('tab.nextSteps.round.noAnswers')}</p>
                ) : (
                  <ul className={styles.answers} aria-labelledby={headingId}>
                    {answers.map((answer, position) => (
                      <li key={position} className={styles.answer}>
                        <p className={styles.answerText}>{answer.text}</p>
                        <p className={styles.author}>— {answer.who}</p>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            );
          })}
        </>
      ) : (
        <>
          <p className={page.paragraph}>{t('tab.nextSteps.round.none')}</p>
          <p className={page.muted}>{t('tab.nextSteps.round.questions')}</p>
          <ol className={page.list} data-questions="">
            {view.questions.map((question, index) => (
              <li key={index}>{question}</li>
            ))}
          </ol>
        </>
      )}
      {view.canEdit && (
        <div className={page.row}>
          <Button icon={<SendRegular />} disabled={busy} onClick={() => setConfirming(true)} data-action="start-round">
            {t('tab.nextSteps.round.start')}
          </Button>
        </div>
      )}
      <p role="status" className={styles.status} data-status="round">
        {status}
      </p>
      {failure && <ErrorMessage failure={failure} />}
      <ConfirmDialog
        open={confirming}
        title={t('tab.nextSteps.round.confirm.title')}
        body={t('tab.nextSteps.round.confirm.body')}
        confirm={t('tab.nextSteps.round.confirm.confirm')}
        cancel={t('tab.common.cancel')}
        onConfirm={() => void start()}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
