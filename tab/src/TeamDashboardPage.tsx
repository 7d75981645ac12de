import { Button, Link, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Field, Select, tokens } from '@fluentui/react-components';
import { AddRegular, ArrowDownloadRegular, ArrowRightRegular } from '@fluentui/react-icons';
import { useState, type ReactNode } from 'react';
import type { TeamDashboard } from '../../bot/http/contracts';
import { api, ApiFailure } from './api-client';
import { useApp } from './app-context';
import { DeliveriesPanel } from './DeliveriesPanel';
import { useT } from './i18n';
import { LessonCompletionChart } from './LessonCompletionChart';
import { NamedProgress } from './NamedProgress';
import { ErrorMessage, Loading, TooFew } from './PageState';
import { ParticipationChart } from './ParticipationChart';
import { ReflectionRounds } from './ReflectionRounds';
import { routeHash } from './route';
import { saveDownload } from './save-download';
import { SchedulesPanel } from './SchedulesPanel';
import { SetupFormPanel } from './SetupFormPanel';
import { TeamHeadline } from './TeamHeadline';
import { TeamKnowledgeSection } from './KnowledgePanel';
import { usePageStyles, useFitSelectStyles } from './styles';
import { useAsync } from './use-async';

const useStyles = makeStyles({
  header: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'flex-start', justifyContent: 'space-between' },
  titles: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS, minWidth: 0 },
  stats: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(9em, 1fr))', gap: tokens.spacingHorizontalM, margin: 0 },
  stat: { display: 'flex', flexDirection: 'column-reverse', rowGap: tokens.spacingVerticalXXS },
  statValue: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  statLabel: { color: tokens.colorNeutralForeground2 },
  status: { margin: 0, fontWeight: tokens.fontWeightSemibold, ':empty': { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden' } },
});

/** The channel tab "Framdrift": the team's progress for everyone; schedules, deliveries and named progress for leaders. */
export function TeamDashboardPage(props: { readonly teamId: string | undefined }) {
  const t = useT();
  const page = usePageStyles();
  const { client, me, host } = useApp();
  const teamId = (host.kind === 'teams' ? host.teamId : undefined) ?? props.teamId ?? me.teams[0]?.teamId;
  // The course shown: undefined until the coordinator picks one (the server shows the team's latest course).
  const [courseId, setCourseId] = useState<string | undefined>();
  const [settingUp, setSettingUp] = useState(false);
  const { state, reload, set } = useAsync(() => (teamId ? api.dashboard(client, teamId, courseId) : Promise.resolve(undefined)), [client, teamId, courseId]);
  const setup =
    teamId && settingUp ? (
      <SetupFormPanel
        teamId={teamId}
        courseId={courseId}
        onCancel={() => setSettingUp(false)}
        onSaved={(saved) => {
          setSettingUp(false);
          if (saved.courseId === courseId) reload();
          else setCourseId(saved.courseId);
        }}
      />
    ) : undefined;
  const setupButton = teamId && !settingUp ? <SetUpCourseButton onClick={() => setSettingUp(true)} /> : undefined;

  let content;
  if (!teamId) content = <p className={page.paragraph}>{t('tab.dashboard.noTeam')}</p>;
  else if (state.status === 'loading') content = <Loading />;
  else if (state.status === 'error') {
    const notSetUp = state.failure instanceof ApiFailure && state.failure.error.code === 'notSetUp';
    content = notSetUp ? (
      <>
        <NotSetUp />
        {setupButton}
        {setup}
      </>
    ) : (
      <ErrorMessage failure={state.failure} onRetry={reload} />
    );
  } else if (state.data)
    content = <Dashboard dashboard={state.data} teamId={teamId} onChange={set} onReload={reload} onCourse={setCourseId} setup={setup} setupButton={setupButton} />;

  return (
    <main className={page.main} aria-busy={state.status === 'loading'} data-page="team">
      {state.status === 'ready' && state.data ? content : (
        <>
          <h1 className={page.h1}>{t('tab.dashboard.title')}</h1>
          {content}
        </>
      )}
    </main>
  );
}

function NotSetUp() {
  const t = useT();
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t('tab.dashboard.notSetUp.title')}</MessageBarTitle> {t('tab.dashboard.notSetUp.body')}
      </MessageBarBody>
    </MessageBar>
  );
}

/** "Set up a course": opens the setup form (the API refuses people who do not coordinate the team). */
function SetUpCourseButton(props: { readonly onClick: () => void }) {
  const t = useT();
  return (
    <Button icon={<AddRegular />} onClick={props.onClick} data-action="open-setup">
      {t('tab.courses.setUp')}
    </Button>
  );
}

/** The course picker: shown when the team runs more than one course. */
function CoursePicker(props: { readonly dashboard: TeamDashboard; readonly onCourse: (courseId: string) => void }) {
  const fit = useFitSelectStyles();
  const t = useT();
  if (props.dashboard.courses.length < 2) return null;
  return (
    <Field label={t('tab.courses.picker')}>
      <Select className={fit.root} select={{ className: fit.select }} value={props.dashboard.courseId} onChange={(_event, data) => props.onCourse(data.value)} data-field="course">
        {props.dashboard.courses.map((course) => (
          <option key={course.id} value={course.id}>
            {course.title}
          </option>
        ))}
      </Select>
    </Field>
  );
}

function Dashboard(props: {
  readonly dashboard: TeamDashboard;
  readonly teamId: string;
  readonly onChange: (dashboard: TeamDashboard) => void;
  readonly onReload: () => void;
  readonly onCourse: (courseId: string) => void;
  readonly setup: ReactNode;
  readonly setupButton: ReactNode;
}) {
  const t = useT();
  const page = usePageStyles();
  const styles = useStyles();
  const { client, fmt } = useApp();
  const { dashboard } = props;
  const leader = dashboard.viewer.role !== 'member';
  const [exportStatus, setExportStatus] = useState('');
  const [exportFailure, setExportFailure] = useState<Error | undefined>();

  async function exportCsv(): Promise<void> {
    setExportStatus('');
    setExportFailure(undefined);
    try {
      const download = await api.exportCsv(client, props.teamId, t('tab.dashboard.exportFileName'), dashboard.courseId);
      saveDownload(download);
      setExportStatus(t('tab.dashboard.exportDone', { filename: download.filename }));
    } catch (error) {
      setExportFailure(error as Error);
    }
  }

  const totalReflections = dashboard.lessons.every((lesson) => lesson.reflections !== null)
    ? dashboard.lessons.reduce((sum, lesson) => sum + (lesson.reflections ?? 0), 0)
    : null;
  const posted = dashboard.lessons.filter((lesson) => lesson.posted).length;

  return (
    <>
      <div className={styles.header}>
        <div className={styles.titles}>
          <h1 className={page.h1}>{t('tab.dashboard.title')}</h1>
          <p className={page.lead}>{t('tab.dashboard.subtitle', { team: dashboard.team.name, course: dashboard.courseTitle })}</p>
          {dashboard.courseWithdrawn && (
            <MessageBar intent="warning" layout="multiline" data-course-withdrawn="">
              <MessageBarBody>{t('tab.packs.courseWithdrawn')}</MessageBarBody>
            </MessageBar>
          )}
          <nav aria-label={t('tab.dashboard.nav')} data-nav="dashboard">
            <Link href={routeHash({ page: 'next-steps', teamId: props.teamId, courseId: dashboard.courses.length > 1 ? dashboard.courseId : undefined })}>
              {t('tab.nextSteps.open')} <ArrowRightRegular aria-hidden="true" />
            </Link>{' '}
            <Link href={routeHash({ page: 'dilemmas', teamId: props.teamId })} data-link="dilemmas">
              {t('tab.dilemmas.open')} <ArrowRightRegular aria-hidden="true" />
            </Link>
          </nav>
        </div>
        {leader && (
          <Button icon={<ArrowDownloadRegular />} onClick={() => void exportCsv()} data-action="export">
            {t('tab.dashboard.export')}
          </Button>
        )}
      </div>
      <CoursePicker dashboard={dashboard} onCourse={props.onCourse} />
      {leader && props.setupButton}
      {props.setup}
      {leader && (
        <p role="status" className={styles.status} data-status="export">
          {exportStatus}
        </p>
      )}
      {exportFailure && <ErrorMessage failure={exportFailure} />}
      {leader && dashboard.setUp && <TeamHeadline teamId={props.teamId} courseId={dashboard.courseId} />}
      {leader && dashboard.setUp && <TeamKnowledgeSection teamId={props.teamId} />}
      <p className={page.paragraph}>{leader ? t('tab.dashboard.roleLeader') : t('tab.dashboard.roleMember')}</p>
      {!dashboard.setUp && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('tab.dashboard.notSetUp.title')}</MessageBarTitle> {t('tab.dashboard.notSetUp.body')}
          </MessageBarBody>
        </MessageBar>
      )}
      {dashboard.tooFewToShow && (
        <MessageBar intent="warning" layout="multiline" data-too-few-note="">
          <MessageBarBody>
            <MessageBarTitle>{t('tab.common.tooFew')}</MessageBarTitle> {t('tab.dashboard.tooFewNote', { min: dashboard.minGroupSize })}
          </MessageBarBody>
        </MessageBar>
      )}

      <div className={page.grid}>
        <section className={page.section} aria-labelledby="own-title" data-section="own">
          <h2 id="own-title" className={page.h2}>
            {t('tab.own.title')}
          </h2>
          <Field label={t('tab.own.progressLabel')} hint={t('tab.own.summary', { read: dashboard.own.lessonsRead, total: dashboard.own.lessonsTotal, reflections: dashboard.own.reflections })}>
            <ProgressBar value={dashboard.own.lessonsRead} max={Math.max(1, dashboard.own.lessonsTotal)} thickness="large" />
          </Field>
          <Link href="#/personal">{t('tab.own.openCourse')}</Link>
        </section>

        <section className={page.section} aria-labelledby="summary-title" data-section="summary">
          <h2 id="summary-title" className={page.h2}>
            {t('tab.summary.title')}
          </h2>
          <dl className={styles.stats}>
            <div className={styles.stat}>
              <dd className={styles.statValue}>{dashboard.members === null ? <TooFew /> : fmt.number(dashboard.members)}</dd>
              <dt className={styles.statLabel}>{t('tab.summary.members')}</dt>
            </div>
            <div className={styles.stat}>
              <dd className={styles.statValue}>{t('tab.summary.postedValue', { posted, total: dashboard.lessons.length })}</dd>
              <dt className={styles.statLabel}>{t('tab.summary.posted')}</dt>
            </div>
            <div className={styles.stat}>
              <dd className={styles.statValue}>{totalReflections === null ? <TooFew /> : fmt.number(totalReflections)}</dd>
              <dt className={styles.statLabel}>{t('tab.summary.reflections')}</dt>
            </div>
          </dl>
        </section>
      </div>

      <section className={page.section} aria-labelledby="lessons-title" data-section="lessons">
        <h2 id="lessons-title" className={page.h2}>
          {t('tab.lessons.title')}
        </h2>
        <p className={page.muted}>{t('tab.lessons.caption')}</p>
        <LessonCompletionChart lessons={dashboard.lessons} members={dashboard.members} labelledBy="lessons-title" />
      </section>

      <section className={page.section} aria-labelledby="participation-title" data-section="participation">
        <h2 id="participation-title" className={page.h2}>
          {t('tab.participation.title')}
        </h2>
        <ParticipationChart weeks={dashboard.participation} step={dashboard.minGroupSize} labelledBy="participation-title" />
      </section>

      <section className={page.section} aria-labelledby="rounds-title" data-section="rounds">
        <h2 id="rounds-title" className={page.h2}>
          {t('tab.rounds.title')}
        </h2>
        <ReflectionRounds rounds={dashboard.rounds} labelledBy="rounds-title" />
      </section>

      {dashboard.schedules && (
        <section className={page.section} aria-labelledby="schedules-title" data-section="schedules">
          <h2 id="schedules-title" className={page.h2}>
            {t('tab.schedules.title')}
          </h2>
          <SchedulesPanel
            teamId={props.teamId}
            courseId={dashboard.courseId}
            schedules={dashboard.schedules}
            onSchedules={(response) => props.onChange({ ...dashboard, schedules: response.schedules })}
            onSent={props.onReload}
          />
        </section>
      )}

      {dashboard.deliveries && (
        <section className={page.section} aria-labelledby="deliveries-title" data-section="deliveries">
          <h2 id="deliveries-title" className={page.h2}>
            {t('tab.deliveries.title')}
          </h2>
          <DeliveriesPanel deliveries={dashboard.deliveries} />
        </section>
      )}

      {(leader || dashboard.namedProgress) && (
        <section className={page.section} aria-labelledby="named-title" data-section="named">
          <h2 id="named-title" className={page.h2}>
            {t('tab.named.title')}
          </h2>
          <NamedProgress enabled={dashboard.namedProgressEnabled} rows={dashboard.namedProgress} labelledBy="named-title" />
        </section>
      )}
    </>
  );
}
