import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { AlertRegular } from '@fluentui/react-icons';
import { useId, useState } from 'react';
import type { HeadCountView, TeamHeadlineView } from '../../bot/http/contracts';
import { api } from './api-client';
import { useApp } from './app-context';
import { ConfirmDialog } from './ConfirmDialog';
import { useT } from './i18n';
import { ErrorMessage, Loading } from './PageState';
import { usePageStyles } from './styles';
import { useAsync } from './use-async';

const useStyles = makeStyles({
  big: { margin: 0, fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  facts: { margin: 0, display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalXL, rowGap: tokens.spacingVerticalXS },
  fact: { display: 'flex', columnGap: tokens.spacingHorizontalXS },
  label: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  status: { margin: 0, fontWeight: tokens.fontWeightSemibold, ':empty': { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden' } },
});

/** A head count in words: exact, or a band ("1–4") where the exact figure would point at a few people. */
export function useHeadCount(): (count: HeadCountView) => string {
  const t = useT();
  const { fmt } = useApp();
  return (count) => ('exact' in count ? fmt.number(count.exact) : t('tab.headline.band', { from: fmt.number(count.from), to: fmt.number(count.to) }));
}

/** The leader's headline at the top of Framdrift: "X of N have completed", the due date, how many are not done, and "send a reminder now". */
export function TeamHeadline(props: { readonly teamId: string; readonly courseId?: string }) {
  const t = useT();
  const page = usePageStyles();
  const { client } = useApp();
  const { state, reload, set } = useAsync(() => api.headline(client, props.teamId, props.courseId), [client, props.teamId, props.courseId]);
  return (
    <section className={page.section} aria-labelledby="headline-title" data-section="headline">
      <h2 id="headline-title" className={page.h2}>
        {t('tab.headline.title')}
      </h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage failure={state.failure} onRetry={reload} />}
      {state.status === 'ready' && <HeadlineBody headline={state.data} onChange={set} />}
    </section>
  );
}

/** The figures and the reminder button of one team's headline (also used on the roll-up page). */
export function HeadlineBody(props: { readonly headline: TeamHeadlineView; readonly onChange: (headline: TeamHeadlineView) => void; readonly compact?: boolean }) {
  const t = useT();
  const page = usePageStyles();
  const styles = useStyles();
  const { client, fmt } = useApp();
  const count = useHeadCount();
  const reasonId = useId();
  const { headline } = props;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<Error | undefined>();

  async function send(): Promise<void> {
    setConfirming(false);
    setBusy(true);
    setStatus('');
    setFailure(undefined);
    try {
      props.onChange(await api.remindNow(client, headline.teamId, headline.courseId));
      setStatus(t('tab.headline.remindDone'));
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setBusy(false);
    }
  }

  const blocked = headline.reminderBlocked;
  return (
    <>
      {headline.members === null || headline.completed === null || headline.notDone === null ? (
        <p className={page.paragraph} data-headline="too-few">
          {t('tab.headline.tooFew', { min: headline.minGroupSize })}
        </p>
      ) : (
        <p className={props.compact ? page.paragraph : styles.big} data-headline="completed">
          {t('tab.headline.completed', { completed: count(headline.completed), members: fmt.number(headline.members) })}
        </p>
      )}
      <dl className={styles.facts}>
        <div className={styles.fact}>
          <dt className={styles.label}>{t('tab.headline.dueDate')}</dt>
          <dd className={styles.value} data-headline="due">
            {headline.dueDate ? fmt.date(headline.dueDate) : t('tab.headline.noDueDate')}
          </dd>
        </div>
        {headline.notDone !== null && (
          <div className={styles.fact}>
            <dt className={styles.label}>{t('tab.headline.notDone')}</dt>
            <dd className={styles.value} data-headline="not-done">
              {count(headline.notDone)}
            </dd>
          </div>
        )}
      </dl>
      <div className={page.row}>
        <Button
          appearance="primary"
          icon={<AlertRegular />}
          disabledFocusable={blocked !== null || busy}
          aria-describedby={blocked ? reasonId : undefined}
          onClick={() => setConfirming(true)}
          data-action="remind-now"
        >
          {t('tab.headline.remind')}
        </Button>
        {blocked && (
          <p id={reasonId} className={page.muted} data-headline="blocked">
            {t(blocked === 'nobodyLeft' ? 'tab.headline.blocked.nobodyLeft' : blocked === 'remindersOff' ? 'tab.headline.blocked.remindersOff' : 'tab.headline.blocked.allRemindedToday')}
          </p>
        )}
      </div>
      <p role="status" className={styles.status} data-status="remind">
        {status}
      </p>
      {failure && <ErrorMessage failure={failure} />}
      <ConfirmDialog
        open={confirming}
        title={t('tab.headline.confirm.title')}
        body={t('tab.headline.confirm.body', { team: headline.teamName })}
        confirm={t('tab.headline.confirm.send')}
        cancel={t('tab.common.cancel')}
        onConfirm={() => void send()}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}
