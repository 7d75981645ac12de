import type { BrowserContext, FrameLocator, Page } from 'playwright-core';

/**
 * A stand-in for the Teams client at the teams-js boundary: a page on the app's origin that frames the tab and
 * answers teams-js's postMessage requests as Teams does (initialize, getContext, the SSO token, the meeting's
 * stage-sharing calls), records every request, and can send a theme change.
 * @remarks Nothing in the tab is replaced: the built tab runs its real teams-js, which accepts messages from a
 * parent on its own origin. Only the tab's `frame-ancestors` is widened to that origin for the test.
 */

/** What the fake Teams tells the tab. */
export type FakeTeamsOptions = {
  /** `page.frameContext`: `content`, `settings`, `sidePanel`, `meetingStage`. */
  readonly frameContext: string;
  /** The tab's page (`#/meeting?teamId=…`, `#/stage?…`). */
  readonly hash: string;
  /** The SSO token `authentication.getAuthToken` answers with. */
  readonly token: string;
  readonly locale?: string;
  readonly theme?: 'default' | 'dark' | 'contrast';
  readonly meetingId?: string;
  readonly tenantId: string;
  readonly userObjectId: string;
  /** What `meeting.getAppContentStageSharingCapabilities` answers (a presenter: true). */
  readonly canShare?: boolean;
};

/** One teams-js request the tab sent to the host. */
export type HostCall = { readonly func: string; readonly args: readonly unknown[] };

/** The tab in the fake Teams client. */
export type FakeTeams = {
  readonly page: Page;
  /** The framed tab, for locators. */
  readonly tab: FrameLocator;
  /** Every teams-js request so far. */
  calls(): Promise<HostCall[]>;
  /** Teams' theme changes (`themeChange`), as when the person switches theme in Teams. */
  setTheme(theme: 'default' | 'dark' | 'contrast'): Promise<void>;
  /** The person presses Save on the tab's configuration page (`settings.save`). */
  pressSave(): Promise<void>;
};

let hosts = 0;
const framable = new WeakSet<BrowserContext>();

// The host's script runs in the browser; the project compiles without the DOM lib.
const hostScript = `
const options = JSON.parse(document.getElementById('options').textContent);
const runtime = {
  apiVersion: 4,
  hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
  isLegacyTeams: false,
  supports: { appInitialization: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} }, meeting: {}, teamsCore: {}, dialog: { card: {}, url: {} } },
};
window.hostCalls = [];
const frame = document.getElementById('tab');
window.addEventListener('message', (event) => {
  const message = event.data;
  if (!message || typeof message.func !== 'string' || typeof message.id !== 'number') return;
  window.hostCalls.push({ func: message.func, args: message.args || [] });
  const reply = (args) => event.source.postMessage({ id: message.id, uuidAsString: message.uuidAsString, args, isPartialResponse: false }, event.origin);
  switch (message.func) {
    case 'initialize':
      return reply([options.frameContext, 'web', JSON.stringify(runtime), '2.58.0']);
    case 'getContext':
      return reply([{
        locale: options.locale, theme: options.theme, frameContext: options.frameContext, entityId: 'laerekraft-meeting',
        meetingId: options.meetingId, chatId: options.meetingId ? '19:meeting_fake@thread.v2' : undefined,
        userObjectId: options.userObjectId, tid: options.tenantId, hostClientType: 'web', hostName: 'Teams', appSessionId: 'fake-session',
      }]);
    case 'authentication.getAuthToken':
      return reply([true, options.token]);
    case 'meeting.getAppContentStageSharingCapabilities':
      return reply([null, { doesAppHaveSharePermission: options.canShare === true }]);
    case 'meeting.shareAppContentToStage':
      return reply([null, true]);
    case 'settings.setSettings':
      return reply([true]);
    default:
      return undefined;
  }
});
window.setTheme = (theme) => frame.contentWindow.postMessage({ func: 'themeChange', args: [theme] }, location.origin);
window.pressSave = () => frame.contentWindow.postMessage({ func: 'settings.save', args: [{}] }, location.origin);
`;

/**
 * Opens the tab (`/tab/index.html` + `hash`, no developer mode) inside the fake Teams client, and waits until the
 * tab has told Teams it loaded.
 */
export async function openInFakeTeams(context: BrowserContext, appUrl: string, options: FakeTeamsOptions): Promise<FakeTeams> {
  const full = { locale: 'nb-NO', theme: 'default', canShare: false, ...options };
  const hostUrl = `${appUrl}/__fake-teams/${++hosts}.html`;
  const tabUrl = `${appUrl}/tab/index.html${options.hash}`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake Teams</title></head>
<body style="margin:0"><script type="application/json" id="options">${JSON.stringify(full).replace(/</g, '\\u003c')}</script>
<iframe id="tab" title="Lærekraft" src="${tabUrl}" style="border:0;width:100vw;height:100vh;display:block"></iframe>
<script>${hostScript}</script></body></html>`;
  await context.route(hostUrl, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  if (!framable.has(context)) {
    framable.add(context);
    // Teams frames the tab; here the fake host on the app's own origin does, so frame-ancestors names 'self' too.
    await context.route(`${appUrl}/tab/index.html`, async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      const csp = headers['content-security-policy'];
      if (csp) headers['content-security-policy'] = csp.replace(/frame-ancestors ([^;]*)/, "frame-ancestors 'self' $1");
      await route.fulfill({ response, headers });
    });
  }
  const page = await context.newPage();
  await page.goto(hostUrl);
  const calls = async (): Promise<HostCall[]> => page.evaluate(() => (globalThis as unknown as { hostCalls: HostCall[] }).hostCalls);
  const tab = page.frameLocator('iframe#tab');
  return {
    page,
    tab,
    calls,
    async setTheme(theme) {
      await page.evaluate((next) => (globalThis as unknown as { setTheme: (theme: string) => void }).setTheme(next), theme);
    },
    async pressSave() {
      await page.evaluate(() => (globalThis as unknown as { pressSave: () => void }).pressSave());
    },
  };
}
