import { app, pages } from '@microsoft/teams-js';
import { themeName, type ThemeName } from './theme';

/** What the tab learns from Teams, or from the URL in local developer mode. */
export type HostInfo = {
  readonly kind: 'teams' | 'dev' | 'none';
  /** The Teams locale (`app.locale`), e.g. `nn-NO`. */
  readonly locale: string | undefined;
  readonly theme: ThemeName;
  /** The team's thread id (`team.internalId`), which the bot knows the team by. */
  readonly teamId: string | undefined;
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
    return { kind: 'dev', locale: params.get('lang') ?? undefined, theme: themeName(params.get('theme')), teamId: undefined };
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

/** The channel tab's settings: the dashboard on this server, named as the messages name it. */
export function tabConfig(suggestedDisplayName: string, origin: string = window.location.origin): TabConfig {
  const contentUrl = `${origin.replace(/^http:/, 'https:')}/tab/index.html#/team`;
  return { entityId: 'laerekraft-framdrift', contentUrl, websiteUrl: contentUrl, suggestedDisplayName };
}

/**
 * Lets Teams save the channel tab: registers the save handler and marks the settings valid.
 * @remarks A no-op outside Teams, where the page only shows what it would save.
 */
export function registerTabSave(host: HostInfo, config: TabConfig, failureMessage: string): void {
  if (host.kind !== 'teams' || !pages.config.isSupported()) return;
  pages.config.registerOnSaveHandler((saveEvent) => {
    pages.config
      .setConfig(config)
      .then(() => saveEvent.notifySuccess())
      .catch(() => saveEvent.notifyFailure(failureMessage));
  });
  pages.config.setValidityState(true);
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
