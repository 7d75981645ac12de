import { Button, Field, Input, Link, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular, PrintRegular } from '@fluentui/react-icons';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { ActivityView, CompletionView, OrgReportView } from '../../bot/http/contracts';
import { api } from './api-client';
import { useApp } from './app-context';
import { intlLocale, useT } from './i18n';
import { ErrorMessage, Loading } from './PageState';
import { routeHash } from './route';
import { saveDownload } from './save-download';
import { usePageStyles, useTableStyles } from './styles';
import { TableScroll } from './TableScroll';
import { useAsync } from './use-async';
import { OrgKnowledgeSection } from './KnowledgePanel';

/** Print: only the report — no developer bar, no controls, no coloured panels; tables keep their rows together. */
const PRINT_CSS =
  '@media print { [data-dev-bar], [data-no-print] { display: none !important; } body, [data-theme] { background: #fff !important; color: #000 !important; } ' +
  '[data-page="org-report"] section { border-color: #999 !important; background: #fff !important; break-inside: avoid-page; } [data-page="org-report"] tr { break-inside: avoid; } }';

const useStyles = makeStyles({
  controls: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  stats: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(10em, 1fr))', gap: tokens.spacingHorizontalM, margin: 0 },
  stat: { display: 'flex', flexDirection: 'column-reverse', rowGap: tokens.spacingVerticalXXS },
  statValue: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  statLabel: { color: tokens.colorNeutralForeground2 },
  total: { fontWeight: tokens.fontWeightSemibold },
  hidden: { color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
  status: { margin: 0, fontWeight: tokens.fontWeightSemibold, ':empty': { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden' } },
  printOnly: { display: 'none', '@media print': { display: 'block' } },
});

/** The current month and eleven before it, `YYYY-MM`. */
function lastTwelveMonths(): { readonly from: string; readonly to: string } {
  const now = new Date();
  const month = (date: Date): string => date.toISOString().slice(0, 7);
  return { from: month(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1))), to: month(now) };
}

/** The organisation report for HR, the competence unit, union representatives and administrators: aggregates only, small cells suppressed, printable. */
export function OrgReportPage(props: { readonly from: string | undefined; readonly to: string | undefined }) {
  const t = useT();
  const page = usePageStyles();
  const styles = useStyles();
  const { client } = useApp();
  const fallback = lastTwelveMonths();
  const from = props.from ?? fallback.from;
  const to = props.to ?? fallback.to;
  const [draft, setDraft] = useState({ from, to });
  const { state, reload } = useAsync(() => api.orgReport(client, from, to), [client, from, to]);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<Error | undefined>();

  function show(event: FormEvent): void {
    event.preventDefault();
    window.location.hash = routeHash({ page: 'org-report', from: draft.from || undefined, to: draft.to || undefined });
  }

  async function exportCsv(): Promise<void> {
    setStatus('');
    setFailure(undefined);
    try {
      const download = await api.orgReportCsv(client, from, to, t('tab.orgReport.exportFileName'));
      saveDownload(download);
      setStatus(t('tab.orgReport.exportDone', { filename: download.filename }));
    } catch (error) {
      setFailure(error as Error);
    }
  }

  return (
    <main className={page.main} aria-busy={state.status === 'loading'} data-page="org-report">
      <style>{PRINT_CSS}</style>
      <h1 className={page.h1}>{t('tab.orgReport.title')}</h1>
      <OrgNav current="report" />
      <form className={styles.controls} onSubmit={show} data-no-print="" aria-label={t('tab.orgReport.range')}>
        <Field label={t('tab.orgReport.from')}>
          <Input type="month" value={draft.from} onChange={(_event, data) => setDraft({ ...draft, from: data.value })} required />
        </Field>
        <Field label={t('tab.orgReport.to')}>
          <Input type="month" value={draft.to} onChange={(_event, data) => setDraft({ ...draft, to: data.value })} required />
        </Field>
        <Button type="submit" appearance="primary">
          {t('tab.orgReport.show')}
        </Button>
        <Button icon={<ArrowDownloadRegular />} onClick={() => void exportCsv()} data-action="export">
          {t('tab.orgReport.export')}
        </Button>
        <Button icon={<PrintRegular />} onClick={() => window.print()} data-action="print">
          {t('tab.orgReport.print')}
        </Button>
      </form>
      <p role="status" className={styles.status} data-status="export">
        {status}
      </p>
      {failure && <ErrorMessage failure={failure} />}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage failure={state.failure} onRetry={reload} />}
      {state.status === 'ready' && <Report report={state.data} />}
      <OrgKnowledgeSection />
    </main>
  );
}

/** Links between the organisation's pages. */
export function OrgNav(props: { readonly current: 'report' | 'plan' }) {
  const t = useT();
  const page = usePageStyles();
  const { me } = useApp();
  const planAllowed = me.roles.some((role) => role === 'competenceUnit' || role === 'administrator');
  return (
    <nav aria-label={t('tab.orgNav.label')} className={page.row} data-no-print="">
      <Link href={routeHash({ page: 'org-report', from: undefined, to: undefined })} aria-current={props.current === 'report' ? 'page' : undefined}>
        {t('tab.orgReport.title')}
      </Link>
      {planAllowed && (
        <Link href={routeHash({ page: 'org-plan' })} aria-current={props.current === 'plan' ? 'page' : undefined}>
          {t('tab.orgPlan.title')}
        </Link>
      )}
    </nav>
  );
}

function Report(props: { readonly report: OrgReportView }) {
  const t = useT();
  const page = usePageStyles();
  const styles = useStyles();
  const { fmt } = useApp();
  const { report } = props;
  const month = (value: string): string => new Intl.DateTimeFormat(intlLocale(t.language), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${value}-01T00:00:00Z`));
  const figure = (value: number | null) => (value === null ? <span className={styles.hidden}>{t('tab.orgReport.hidden')}</span> : fmt.number(value));
  return (
    <>
      <p className={styles.printOnly}>{t('tab.orgReport.period', { from: month(report.from), to: month(report.to) })}</p>
      <MessageBar intent="info" layout="multiline" data-note="suppression">
        <MessageBarBody>
          <MessageBarTitle>{t('tab.orgReport.privacy.title')}</MessageBarTitle> {t('tab.orgReport.privacy.body', { min: report.minGroupSize, primary: report.suppressed.primary, secondary: report.suppressed.secondary })}
        </MessageBarBody>
      </MessageBar>
      <section className={page.section} aria-labelledby="org-total-title" data-section="org-total">
        <h2 id="org-total-title" className={page.h2}>
          {t('tab.orgReport.total.title')}
        </h2>
        <dl className={styles.stats}>
          {(
            [
              ['tab.orgReport.col.members', report.total.members],
              ['tab.orgReport.col.completed', report.total.completed],
              ['tab.orgReport.col.participated', report.total.participated],
              ['tab.orgReport.col.reflectionRounds', report.activity.reflectionRounds],
              ['tab.orgReport.col.nextStepsRounds', report.activity.nextStepsRounds],
            ] as const
          ).map(([key, value]) => (
            <div key={key} className={styles.stat}>
              <dd className={styles.statValue}>{figure(value)}</dd>
              <dt className={styles.statLabel}>{t(key)}</dt>
            </div>
          ))}
        </dl>
        {report.teamsNotSetUp > 0 && <p className={page.muted}>{t('tab.orgReport.notSetUp', { count: report.teamsNotSetUp })}</p>}
      </section>
      {report.courses.length === 0 && <p className={page.paragraph}>{t('tab.orgReport.empty')}</p>}
      {report.courses.map((course) => (
        <section key={course.courseId} className={page.section} aria-labelledby={`course-${course.courseId}`} data-section="course">
          <h2 id={`course-${course.courseId}`} className={page.h2}>
            {course.title}
          </h2>
          <p className={page.muted}>{t('tab.orgReport.course.caption', { lessons: course.lessons })}</p>
          <CourseTable course={course} figure={figure} />
        </section>
      ))}
      <section className={page.section} aria-labelledby="months-title" data-section="months">
        <h2 id="months-title" className={page.h2}>
          {t('tab.orgReport.months.title')}
        </h2>
        <p className={page.muted}>{t('tab.orgReport.months.caption')}</p>
        <MonthsTable report={report} figure={figure} month={month} />
      </section>
    </>
  );
}

type FigureCell = (value: number | null) => ReactNode;

function CourseTable(props: { readonly course: OrgReportView['courses'][number]; readonly figure: FigureCell }) {
  const t = useT();
  const table = useTableStyles();
  const styles = useStyles();
  const { course, figure } = props;
  const id = `course-${course.courseId}`;
  const cells = (completion: CompletionView, activity: ActivityView | null) => (
    <>
      {[completion.members, completion.completed, completion.started, completion.notStarted].map((value, i) => (
        <td key={`c${i}`} className={`${table.td} ${table.number}`}>
          {figure(value)}
        </td>
      ))}
      {(activity ? [activity.reflectionRounds, activity.nextStepsRounds, activity.planned, activity.inProgress, activity.done] : [null, null, null, null, null]).map((value, i) => (
        <td key={`a${i}`} className={`${table.td} ${table.number}`}>
          {figure(value)}
        </td>
      ))}
    </>
  );
  return (
    <TableScroll labelledBy={id}>
      <table className={table.table} aria-labelledby={id} data-table="course">
        <thead>
          <tr>
            {(
              [
                'tab.orgReport.col.team',
                'tab.orgReport.col.members',
                'tab.orgReport.col.completed',
                'tab.orgReport.col.started',
                'tab.orgReport.col.notStarted',
                'tab.orgReport.col.reflectionRounds',
                'tab.orgReport.col.nextStepsRounds',
                'tab.orgReport.col.planned',
                'tab.orgReport.col.inProgress',
                'tab.orgReport.col.done',
              ] as const
            ).map((key) => (
              <th key={key} scope="col" className={table.th}>
                {t(key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {course.teams.map((team) => (
            <tr key={team.teamId} data-team={team.name}>
              <th scope="row" className={`${table.td} ${table.rowHeader}`}>
                {team.name}
              </th>
              {cells(team.completion, team.activity)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className={styles.total} data-team="">
            <th scope="row" className={`${table.td} ${table.rowHeader} ${styles.total}`}>
              {t('tab.orgReport.courseTotal')}
            </th>
            {cells(course.total, course.activity)}
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}

function MonthsTable(props: { readonly report: OrgReportView; readonly figure: FigureCell; readonly month: (value: string) => string }) {
  const t = useT();
  const table = useTableStyles();
  const { figure } = props;
  return (
    <TableScroll labelledBy="months-title">
      <table className={table.table} aria-labelledby="months-title" data-table="months">
        <thead>
          <tr>
            {(['tab.orgReport.col.month', 'tab.orgReport.col.completedInMonth', 'tab.orgReport.col.active', 'tab.orgReport.col.reflectionRounds', 'tab.orgReport.col.nextStepsRounds'] as const).map((key) => (
              <th key={key} scope="col" className={table.th}>
                {t(key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.report.months.map((row) => (
            <tr key={row.month}>
              <th scope="row" className={`${table.td} ${table.rowHeader}`}>
                {props.month(row.month)}
              </th>
              <td className={`${table.td} ${table.number}`}>{figure(row.completed)}</td>
              <td className={`${table.td} ${table.number}`}>{figure(row.active)}</td>
              <td className={`${table.td} ${table.number}`}>{figure(row.reflectionRounds)}</td>
              <td className={`${table.td} ${table.number}`}>{figure(row.nextStepsRounds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
