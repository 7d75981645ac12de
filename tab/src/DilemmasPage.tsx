import { Button, Field, Input, Link, makeStyles, Select, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular, ArrowLeftRegular, SendRegular } from '@fluentui/react-icons';
import { useState, type FormEvent } from 'react';
import type { DilemmaRoundView, DilemmaRoundsView } from '../../bot/http/contracts';
import { useApp } from './app-context';
import { dilemmaApi } from './dilemma-api';
import { useT } from './i18n';
import { ErrorMessage, Loading } from './PageState';
import { routeHash } from './route';
import { saveDownload } from './save-download';
import { usePageStyles, useTableStyles, useFitSelectStyles } from './styles';
import { TableScroll } from './TableScroll';
import { useAsync } from './use-async';

const useStyles = makeStyles({
  round: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  scenario: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  effects: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  reasons: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  reason: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalM,
    borderInlineStartWidth: tokens.strokeWidthThick,
    borderInlineStartStyle: 'solid',
    borderInlineStartColor: tokens.colorNeutralStroke1,
  },
  reasonText: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  author: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  form: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalS, alignItems: 'end' },
  status: { margin: 0, fontWeight: tokens.fontWeightSemibold, ':empty': { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden' } },
});

/** The page "Dilemmaer": the team's dilemma rounds with their distributions (once enough have answered) and shared reasons. */
export function DilemmasPage(props: { readonly teamId: string | undefined }) {
  const t = useT();
  const page = usePageStyles();
  const styles = useStyles();
  const { client, me, host } = useApp();
  const teamId = (host.kind === 'teams' ? host.teamId : undefined) ?? props.teamId ?? me.teams[0]?.teamId;
  const teamName = me.teams.find((team) => team.teamId === teamId)?.name;
  const { state, reload } = useAsync(() => (teamId ? dilemmaApi.view(client, teamId) : Promise.resolve(undefined)), [client, teamId]);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<Error | undefined>();

  async function exportCsv(what: 'dilemmas' | 'dilemma-reasons'): Promise<void> {
    if (!teamId) return;
    setStatus('');
    setFailure(undefined);
    try {
      const download = await dilemmaApi.exportCsv(client, teamId, what, t(what === 'dilemmas' ? 'tab.dilemmas.exportFileName' : 'tab.dilemmas.exportReasonsFileName'));
      saveDownload(download);
      setStatus(t('tab.dilemmas.exportDone', { filename: download.filename }));
    } catch (error) {
      setFailure(error as Error);
    }
  }

  let content;
  if (!teamId) content = <p className={page.paragraph}>{t('tab.dashboard.noTeam')}</p>;
  else if (state.status === 'loading') content = <Loading />;
  else if (state.status === 'error') content = <ErrorMessage failure={state.failure} onRetry={reload} />;
  else if (state.data) {
    const view = state.data;
    content = (
      <>
        <p className={page.paragraph}>{t('tab.dilemmas.intro')}</p>
        {view.canEdit && <PostForm teamId={teamId} view={view} onPosted={reload} />}
        <div className={page.row}>
          <Button icon={<ArrowDownloadRegular />} onClick={() => void exportCsv('dilemmas')} data-action="export-dilemmas">
            {t('tab.dilemmas.export')}
          </Button>
          <Button icon={<ArrowDownloadRegular />} onClick={() => void exportCsv('dilemma-reasons')} data-action="export-reasons">
            {t('tab.dilemmas.exportReasons')}
          </Button>
        </div>
        <p role="status" className={styles.status}>
          {status}
        </p>
        {failure && <ErrorMessage failure={failure} />}
        {view.rounds.length === 0 ? <p className={page.muted}>{t('tab.dilemmas.none')}</p> : view.rounds.map((round) => <Round key={round.id} round={round} />)}
      </>
    );
  }

  return (
    <main className={page.main} aria-busy={state.status === 'loading'} data-page="dilemmas">
      <Link href={routeHash({ page: 'team', teamId: props.teamId })}>
        <ArrowLeftRegular aria-hidden="true" /> {t('tab.dilemmas.back')}
      </Link>
      <h1 className={page.h1}>{t('tab.dilemmas.title')}</h1>
      {teamName && <p className={page.lead}>{teamName}</p>}
      {content}
    </main>
  );
}

/** One round: the scenario, the distribution (or why it is not shown yet), each option's costs and gains, and shared reasons. */
function Round(props: { readonly round: DilemmaRoundView }) {
  const t = useT();
  const page = usePageStyles();
  const table = useTableStyles();
  const styles = useStyles();
  const { fmt } = useApp();
  const { round } = props;
  const headingId = `dilemma-${round.id}`;
  const effect = (e: { readonly goal: number; readonly goalName: string; readonly text: string }) => t('tab.dilemmas.effect', { goal: e.goal, name: e.goalName, text: e.text });
  return (
    <section className={`${page.section} ${styles.round}`} aria-labelledby={headingId} data-round={round.dilemmaId}>
      <h2 id={headingId} className={page.h2}>
        {round.title}
      </h2>
      <p className={page.muted}>
        {t('tab.dilemmas.started', { date: fmt.dateTime(round.startedAt) })} · {t('tab.dilemmas.answered', { count: round.answered })}
      </p>
      <p className={styles.scenario}>{round.scenario}</p>
      {!round.revealed && <p className={page.paragraph}>{t('tab.dilemmas.hidden', { min: round.minGroupSize })}</p>}
      <TableScroll labelledBy={headingId}>
        <table className={table.table} aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col" className={table.th}>{t('tab.dilemmas.option')}</th>
              <th scope="col" className={table.th}>{t('tab.dilemmas.count')}</th>
              {round.revealed && <th scope="col" className={table.th}>{t('tab.dilemmas.gains')}</th>}
              {round.revealed && <th scope="col" className={table.th}>{t('tab.dilemmas.costs')}</th>}
            </tr>
          </thead>
          <tbody>
            {round.options.map((option) => (
              <tr key={option.id} data-option={option.id}>
                <th scope="row" className={table.th}>{option.label}</th>
                <td className={table.td} data-count="">{option.count === null ? t('tab.common.tooFew') : fmt.number(option.count)}</td>
                {round.revealed && (
                  <td className={table.td}>
                    <ul className={styles.effects}>{(option.gains ?? []).map((gain, i) => <li key={i}>{effect(gain)}</li>)}</ul>
                  </td>
                )}
                {round.revealed && (
                  <td className={table.td}>
                    <ul className={styles.effects}>{(option.costs ?? []).map((cost, i) => <li key={i}>{effect(cost)}</li>)}</ul>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h3 className={page.h3}>{t('tab.dilemmas.shared')}</h3>
      {round.shared.length === 0 ? (
        <p className={page.muted}>{t('tab.dilemmas.noShared')}</p>
      ) : (
        <ul className={styles.reasons}>
          {round.shared.map((reply, i) => (
            <li key={i} className={styles.reason}>
              <p className={styles.reasonText}>{reply.reason}</p>
              <p className={styles.author}>— {reply.authorName ?? t('tab.dilemmas.anonymous')}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Course coordinators: post a dilemma now, or at a date and time (moved into the sending hours by the server). */
function PostForm(props: { readonly teamId: string; readonly view: DilemmaRoundsView; readonly onPosted: () => void }) {
  const fit = useFitSelectStyles();
  const t = useT();
  const page = usePageStyles();
  const styles = useStyles();
  const { client, fmt } = useApp();
  const open = props.view.dilemmas.filter((dilemma) => !dilemma.posted);
  const [dilemmaId, setDilemmaId] = useState('');
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<Error | undefined>();

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setStatus('');
    setFailure(undefined);
    try {
      const queued = await dilemmaApi.post(client, props.teamId, { dilemmaId: dilemmaId || undefined, date: date || undefined, time: time || undefined });
      setStatus(t('tab.dilemmas.post.done', { known: queued.channel === null ? 'no' : 'yes', channel: queued.channel ?? '', date: fmt.dateTime(queued.dueAt) }));
      props.onPosted();
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={page.section} aria-labelledby="dilemma-post-title" data-section="post">
      <h2 id="dilemma-post-title" className={page.h2}>
        {t('tab.dilemmas.post.title')}
      </h2>
      {open.length === 0 ? (
        <p className={page.muted}>{t('tab.dilemmas.post.allPosted')}</p>
      ) : (
        <form className={styles.form} onSubmit={(event) => void submit(event)}>
          <Field label={t('tab.dilemmas.post.dilemma')}>
            <Select className={fit.root} select={{ className: fit.select }} value={dilemmaId} onChange={(_, data) => setDilemmaId(data.value)} data-field="dilemmaId">
              <option value="">{t('tab.dilemmas.post.next')}</option>
              {open.map((dilemma) => (
                <option key={dilemma.id} value={dilemma.id}>
                  {dilemma.title}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('tab.dilemmas.post.date')}>
            <Input type="date" value={date} onChange={(_, data) => setDate(data.value)} data-field="date" />
          </Field>
          <Field label={t('tab.dilemmas.post.time')}>
            <Input type="time" value={time} onChange={(_, data) => setTime(data.value)} data-field="time" />
          </Field>
          <Button type="submit" appearance="primary" icon={<SendRegular />} disabled={busy} data-action="post-dilemma">
            {t('tab.dilemmas.post.submit')}
          </Button>
        </form>
      )}
      <p role="status" className={styles.status}>
        {status}
      </p>
      {failure && <ErrorMessage failure={failure} />}
    </section>
  );
}
