import { useEffect, useState } from 'react';

/** A page of the tab, from the URL's hash. */
export type Route =
  | { readonly page: 'team'; readonly teamId: string | undefined }
  | { readonly page: 'next-steps'; readonly teamId: string | undefined; readonly courseId?: string | undefined }
  | { readonly page: 'dilemmas'; readonly teamId: string | undefined }
  | { readonly page: 'config' }
  | { readonly page: 'personal' }
  | { readonly page: 'lesson'; readonly lessonId: string }
  | { readonly page: 'org-report'; readonly from: string | undefined; readonly to: string | undefined }
  | { readonly page: 'org-plan' }
  | { readonly page: 'teams-overview' }
  | { readonly page: 'org-settings' }
  | { readonly page: 'org-packs' }
  | { readonly page: 'org-privacy' }
  | { readonly page: 'meeting'; readonly teamId: string | undefined }
  | { readonly page: 'stage'; readonly teamId: string; readonly kind: string; readonly id: string };

/**
 * Reads `#/team?teamId=…`, `#/next-steps?teamId=…[&course=…]`, `#/dilemmas?teamId=…`, `#/config`, `#/personal`, `#/lesson?lessonId=…`,
 * `#/org/report?from=YYYY-MM&to=YYYY-MM`, `#/org/plan`, `#/teams`, `#/org/settings`, `#/org/packs`, `#/org/privacy`,
 * `#/meeting?teamId=…` (the meeting's side panel), `#/stage?teamId=…&kind=reflection|dilemma&id=…` (the meeting stage);
 * anything else is the personal tab.
 */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  switch (path.replace(/\/+$/, '')) {
    case '/team':
      return { page: 'team', teamId: params.get('teamId') ?? undefined };
    case '/next-steps':
      return { page: 'next-steps', teamId: params.get('teamId') ?? undefined, courseId: params.get('course') ?? undefined };
    case '/dilemmas':
      return { page: 'dilemmas', teamId: params.get('teamId') ?? undefined };
    case '/config':
      return { page: 'config' };
    case '/org/report':
      return { page: 'org-report', from: params.get('from') ?? undefined, to: params.get('to') ?? undefined };
    case '/org/plan':
      return { page: 'org-plan' };
    case '/teams':
      return { page: 'teams-overview' };
    case '/org/settings':
      return { page: 'org-settings' };
    case '/org/packs':
      return { page: 'org-packs' };
    case '/meeting':
      return { page: 'meeting', teamId: params.get('teamId') ?? undefined };
    case '/stage': {
      const [teamId, kind, id] = [params.get('teamId'), params.get('kind'), params.get('id')];
      return teamId && kind && id ? { page: 'stage', teamId, kind, id } : { page: 'meeting', teamId: teamId ?? undefined };
    }
    case '/org/privacy':
      return { page: 'org-privacy' };
    case '/lesson': {
      const lessonId = params.get('lessonId');
      return lessonId ? { page: 'lesson', lessonId } : { page: 'personal' };
    }
    default:
      return { page: 'personal' };
  }
}

/** The hash for a route. */
export function routeHash(route: Route): string {
  switch (route.page) {
    case 'team':
      return route.teamId ? `#/team?teamId=${encodeURIComponent(route.teamId)}` : '#/team';
    case 'next-steps': {
      if (!route.teamId) return '#/next-steps';
      const course = route.courseId ? `&course=${encodeURIComponent(route.courseId)}` : '';
      return `#/next-steps?teamId=${encodeURIComponent(route.teamId)}${course}`;
    }
    case 'dilemmas':
      return route.teamId ? `#/dilemmas?teamId=${encodeURIComponent(route.teamId)}` : '#/dilemmas';
    case 'config':
      return '#/config';
    case 'org-settings':
      return '#/org/settings';
    case 'org-packs':
      return '#/org/packs';
    case 'org-privacy':
      return '#/org/privacy';
    case 'lesson':
      return `#/lesson?lessonId=${encodeURIComponent(route.lessonId)}`;
    case 'org-report': {
      const query = new URLSearchParams();
      if (route.from) query.set('from', route.from);
      if (route.to) query.set('to', route.to);
      return query.toString() ? `#/org/report?${query.toString()}` : '#/org/report';
    }
    case 'org-plan':
      return '#/org/plan';
    case 'teams-overview':
      return '#/teams';
    case 'meeting':
      return route.teamId ? `#/meeting?teamId=${encodeURIComponent(route.teamId)}` : '#/meeting';
    case 'stage':
      return `#/stage?${new URLSearchParams({ teamId: route.teamId, kind: route.kind, id: route.id }).toString()}`;
    default:
      return '#/personal';
  }
}

/** The current route, following hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
