import { app, meeting, pages } from '@microsoft/teams-js';
import { themeName, type ThemeName } from './theme';

/** What the tab learns from Teams, or from the URL in local developer mode. */
export type HostInfo = {
  readonly kind: 'teams' | 'dev' | 'none';
  /** The Teams locale (`app.locale`), e.g. `nn-NO`. */
  readonly locale: string | undefined;
  readonly theme: ThemeName;
  /** The team's thread id (`team.internalId`), which the bot knows the team by. */
  readonly teamId: string | undefined;
  /** Where Teams shows the page (`page.frameContext`): `content`, `settings`, `sidePanel`, `meetingStage`, … */
  readonly frameContext?: string | undefined;
  /** The meeting the tab is in (`meeting.id`); undefined outside a meeting. */
  readonly meetingId?: string | undefined;
};

/** How long to wait for Teams to answer `app.initialize()`. */
const INITIALIZE_TIMEOUT_MS = 8000;

/** True when the page was opened as `…/tab/?dev=1` (local developer mode). */
export function isDevMode(search: string = window.location.search): boolean {
  return new URLSearchParams(search).get('dev') === '1';
}

/**
 * Connects to Teams through teams-js and reads the context, or reads the URL in developer mode.
 * @remarks Outside Teams and without `?dev=1`, `kind` is `none`: the page asks to be opened in Teams.
 */
export async function connectHost(): Promise<HostInfo> {
  const params = new URLSearchParams(window.location.search);
  if (isDevMode()) {
    // `?frame=sidePanel|meetingStage` and `?meeting=1` try the meeting pages locally.
    return {
      kind: 'dev',
      locale: params.get('lang') ?? undefined,
      theme: themeName(params.get('theme')),
      teamId: undefined,
      frameContext: params.get('frame') ?? undefined,
      meetingId: params.get('meeting') ? 'dev-meeting' : undefined,
    };
  }
  if (window.parent === window && !window.opener) return { kind: 'none', locale: navigator.language, theme: 'default', teamId: undefined };
  try {
    await withTimeout(app.initialize(), INITIALIZE_TIMEOUT_MS);
    const context = await app.getContext();
    return {
      kind: 'teams',
      locale: context.app.locale,
      theme: themeName(context.app.theme),
      teamId: context.team?.internalId ?? context.channel?.ownerGroupId ?? undefined,
      frameContext: context.page.frameContext,
      meetingId: context.meeting?.id,
    };
  } catch {
    return { kind: 'none', locale: navigator.language, theme: 'default', teamId: undefined };
  }
}

/** Follows theme changes in Teams; a no-op elsewhere. */
export function onTeamsThemeChange(host: HostInfo, handler: (theme: ThemeName) => void): void {
  if (host.kind === 'teams') app.registerOnThemeChangeHandler((theme) => handler(themeName(theme)));
}

/** Tells Teams the tab has loaded (hides Teams' loading indicator). */
export function notifyLoaded(host: HostInfo): void {
  if (host.kind !== 'teams') return;
  app.notifyAppLoaded();
  app.notifySuccess();
}

/** What the configuration page saves for the channel tab. */
export type TabConfig = { readonly entityId: string; readonly contentUrl: string; readonly websiteUrl: string; readonly suggestedDisplayName: string };

/**
 * The channel tab's settings: the dashboard on this server, named as the messages name it.
 * @param meetingTeamId in a meeting, the team whose rounds the meeting shows: the tab opens the meeting page
 * (`#/meeting?teamId=…`). The link lives only in the tab's content URL; the server stores nothing about the meeting.
 */
export function tabConfig(suggestedDisplayName: string, origin: string = window.location.origin, meetingTeamId?: string): TabConfig {
  const base = `${origin.replace(/^http:/, 'https:')}/tab/index.html`;
  if (meetingTeamId !== undefined) {
    const contentUrl = `${base}#/meeting?teamId=${encodeURIComponent(meetingTeamId)}`;
    return { entityId: 'laerekraft-meeting', contentUrl, websiteUrl: contentUrl, suggestedDisplayName };
  }
  const contentUrl = `${base}#/team`;
  return { entityId: 'laerekraft-framdrift', contentUrl, websiteUrl: contentUrl, suggestedDisplayName };
}

/** True when the tab is in a Teams meeting (its chat, details, side panel or stage). */
export function inMeeting(host: HostInfo): boolean {
  return host.meetingId !== undefined || host.frameContext === 'sidePanel' || host.frameContext === 'meetingStage';
}

/** The address of the stage view of one item: what the side panel shares to the meeting stage. */
export function stageUrl(item: { readonly teamId: string; readonly kind: string; readonly id: string }, origin: string = window.location.origin): string {
  const query = new URLSearchParams({ teamId: item.teamId, kind: item.kind, id: item.id });
  return `${origin}/tab/index.html#/stage?${query.toString()}`;
}

/**
 * Whether this person may share the app's content to the meeting stage now (Teams lets presenters and organisers
 * share): only in the meeting's side panel in Teams; false elsewhere.
 */
export function canShareToStage(host: HostInfo): Promise<boolean> {
  if (host.kind !== 'teams' || host.frameContext !== 'sidePanel') return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      meeting.getAppContentStageSharingCapabilities((error, capabilities) => resolve(!error && capabilities?.doesAppHaveSharePermission === true));
    } catch {
      resolve(false);
    }
  });
}

/** Shares a page of the tab to the meeting stage, for everyone in the meeting (`meeting.shareAppContentToStage`). */
export function shareToStage(host: HostInfo, url: string): Promise<void> {
  if (host.kind !== 'teams') return Promise.reject(new Error('not in Teams'));
  return new Promise((resolve, reject) => {
    try {
      meeting.shareAppContentToStage((error, result) => (error || result === false ? reject(new Error(error?.message ?? 'share refused')) : resolve()), url);
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/**
 * Lets Teams save the channel tab: registers the save handler and marks the settings valid (or not yet: a meeting's
 * tab waits for its team to be chosen).
 * @remarks A no-op outside Teams, where the page only shows what it would save.
 */
export function registerTabSave(host: HostInfo, config: TabConfig, failureMessage: string, valid = true): void {
  if (host.kind !== 'teams' || !pages.config.isSupported()) return;
  pages.config.registerOnSaveHandler((saveEvent) => {
    pages.config
      .setConfig(config)
      .then(() => saveEvent.notifySuccess())
      .catch(() => saveEvent.notifyFailure(failureMessage));
  });
  pages.config.setValidityState(valid);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}
