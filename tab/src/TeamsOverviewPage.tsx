import { Link } from '@fluentui/react-components';
import type { TeamHeadlineView, TeamsOverviewView } from '../../bot/http/contracts';
import { api } from './api-client';
import { useApp } from './app-context';
import { useT } from './i18n';
import { ErrorMessage, Loading } from './PageState';
import { routeHash } from './route';
import { usePageStyles } from './styles';
import { HeadlineBody } from './TeamHeadline';
import { useAsync } from './use-async';

/** One page for a leader of several teams: each team's headline and reminder button, with a link to its dashboard. */
export function TeamsOverviewPage() {
  const t = useT();
  const page = usePageStyles();
  const { client } = useApp();
  const { state, reload, set } = useAsync(() => api.teamsOverview(client), [client]);
  // One headline per team and course (a team may run several courses).
  const replace = (overview: TeamsOverviewView, headline: TeamHeadlineView): TeamsOverviewView => ({
    teams: overview.teams.map((team) => (team.teamId === headline.teamId && team.courseId === headline.courseId ? headline : team)),
  });
  return (
    <main className={page.main} aria-busy={state.status === 'loading'} data-page="teams-overview">
      <h1 className={page.h1}>{t('tab.overview.title')}</h1>
      <p className={page.lead}>{t('tab.overview.lead')}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage failure={state.failure} onRetry={reload} />}
      {state.status === 'ready' && state.data.teams.length === 0 && <p className={page.paragraph}>{t('tab.overview.empty')}</p>}
      {state.status === 'ready' && (
        <div className={page.grid}>
          {state.data.teams.map((headline, index) => (
            <section key={`${headline.teamId}\u0000${headline.courseId}`} className={page.section} aria-labelledby={`overview-${index}`} data-section="team-headline">
              <h2 id={`overview-${index}`} className={page.h2}>
                {headline.teamName}
              </h2>
              <p className={page.muted}>{headline.courseTitle}</p>
              <HeadlineBody headline={headline} compact onChange={(next) => set(replace(state.data, next))} />
              <Link href={routeHash({ page: 'team', teamId: headline.teamId })}>{t('tab.overview.open', { team: headline.teamName })}</Link>
            </section>
          ))}
        </div>
      )}
    </main>
  );
}
