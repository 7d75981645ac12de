import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ids, team, type TestUser } from './activities.js';
import { startApp, type RunningApp } from './app-harness.js';
import { FakeConnector } from './fake-connector.js';
import { seedTeam } from './seed-team.js';
import { browserSuiteDecision, machineBrowser, requireBrowser } from '../../scripts/find-browser.js';

/** The repository's root folder. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Where `npm run build:tab` writes the tab. */
export const tabDist = join(repoRoot, 'dist', 'tab');


/** Flags for a headless, offline Chromium that never phones home. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The fixed time the seeded app runs at (Monday 2 March 2026, 09:00 in Oslo). */
export const seedClock = { now: () => new Date('2026-03-02T08:00:00.000Z') };

/** The newest modification time of the tab's sources (tab/ and the API contracts it imports). */
function newestTabSource(): number {
  const walk = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
      const path = join(dir, entry.name);
      return Math.max(newest, entry.isDirectory() ? walk(path) : statSync(path).mtimeMs);
    }, 0);
  return Math.max(walk(join(repoRoot, 'tab')), statSync(join(repoRoot, 'bot', 'http', 'contracts.ts')).mtimeMs);
}

/** Builds the tab with Vite unless `dist/tab` holds a build newer than its sources (`TAB_REBUILD=1` forces one). */
export function ensureTabBuilt(): void {
  const index = join(tabDist, 'index.html');
  if (existsSync(index) && process.env.TAB_REBUILD !== '1' && statSync(index).mtimeMs >= newestTabSource()) return;
  execFileSync(join(repoRoot, 'node_modules', '.bin', 'vite'), ['build', '--config', 'tab/vite.config.ts', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
}

/** A running app in local mode with a seeded team, serving the built tab. */
export type TabApp = {
  readonly running: RunningApp;
  readonly connector: FakeConnector;
  readonly url: string;
  /** The tab's address for a page, as a person, with optional query parameters (`theme`, `lang`). */
  pageUrl(hash: string, user?: TestUser, params?: Record<string, string>): string;
  close(): Promise<void>;
};

/** How a {@link startTabApp} app is configured and seeded. */
export type TabAppOptions = { readonly env?: NodeJS.ProcessEnv; readonly members?: number };

/**
 * Starts the real app (temp SQLite file, local mode, no scheduler loop) with the fake Bot Connector, seeds a
 * department through /api/messages, and serves `dist/tab` at /tab.
 */
export async function startTabApp(options: TabAppOptions = {}): Promise<TabApp> {
  ensureTabBuilt();
  const connector = await new FakeConnector().start();
  let running: RunningApp | undefined;
  try {
    running = await startApp({ clock: seedClock, env: { SCHEDULER_TICK_SECONDS: '0', ...options.env } });
    await seedTeam(running, connector, { members: options.members ?? 5 });
  } catch (error) {
    await running?.close();
    await connector.stop();
    throw error;
  }
  return {
    running,
    connector,
    url: running.url,
    pageUrl(hash, user = ids.ingrid, params = {}) {
      const query = new URLSearchParams({ dev: '1', user: user.aadObjectId, ...params });
      return `${running.url}/tab/index.html?${query.toString()}${hash}`;
    },
    async close() {
      await running.close();
      await connector.stop();
    },
  };
}

/** An app of one's own (its own database, Bot Connector and seeded department) and a browser context that reaches it. */
export type TabRig = { readonly app: TabApp; readonly context: BrowserContext; close(): Promise<void> };

/** Starts a {@link startTabApp} app and opens a browser context for it in `browser`. */
export async function startTabRig(browser: Browser, options: TabAppOptions = {}): Promise<TabRig> {
  const app = await startTabApp(options);
  try {
    const context = await offlineContext(browser, app.url);
    return {
      app,
      context,
      async close() {
        await context.close();
        await app.close();
      },
    };
  } catch (error) {
    await app.close();
    throw error;
  }
}

/**
 * Gives the tests of the calling `describe` data of their own, so that any of them can run alone and in any order:
 * a new {@link TabRig} for each test (`'each'`: for tests that change what they or others read) or one for the
 * describe's tests together (`'all'`: only where none of them changes anything another reads). Registers the hooks
 * that start it (passing it to `use`, which usually assigns the describe's `app` and `context`) and close it.
 * @remarks The browser is shared: launching one is slow, seeding an app is not.
 */
export function useTabRig(scope: 'each' | 'all', browser: () => Browser, use: (rig: TabRig) => void, options: TabAppOptions = {}): void {
  let rig: TabRig | undefined;
  const start = async (): Promise<void> => {
    rig = await startTabRig(browser(), options);
    use(rig);
  };
  const stop = async (): Promise<void> => {
    const running = rig;
    rig = undefined;
    await running?.close();
  };
  if (scope === 'each') {
    beforeEach(start);
    afterEach(stop);
  } else {
    before(start);
    after(stop);
  }
}

/** The seeded team's dashboard hash. */
export const teamHash = `#/team?teamId=${encodeURIComponent(team.id)}`;

/**
 * For a browser suite's first `before` hook: finds the browser (installing Debian's Chromium where it can); without
 * one, skips the suite with a notice, or fails under CI=true (as the PostgreSQL suites do).
 */
export function skipWithoutBrowser(context: Mocha.Context, suite: string): void {
  context.timeout(15 * 60_000);
  const decision = browserSuiteDecision(machineBrowser(), process.env, suite);
  if (decision.run) return;
  if ('error' in decision) throw new Error(decision.error);
  process.stderr.write(`\n  ${decision.notice}\n`);
  context.skip();
}

/** Starts the browser {@link requireBrowser} finds, headless, through playwright-core. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: requireBrowser(), args: chromiumArgs, headless: true });
}

/** A browser context that reaches only the app under test (everything else is aborted, so tests run offline). */
export async function offlineContext(browser: Browser, appUrl: string, viewport = { width: 1280, height: 900 }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (!url.startsWith(appUrl)) return route.abort();
    return route.continue();
  });
  return context;
}

/** Opens a page of the tab and waits until it has shown its main content. */
export async function openTab(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('main[aria-busy="false"], main:not([aria-busy])').first().waitFor();
  await page.locator('main h1').first().waitFor();
  return page;
}

// The callbacks passed to page.evaluate run in the browser; the project compiles without the DOM lib.
declare const document: any;
declare function getComputedStyle(element: unknown): any;

/** Every WCAG 2.1 A and AA violation axe-core finds on the page, as readable lines. */
export async function wcagViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')} — ${node.failureSummary ?? ''}`));
}

/** Marks every visible, enabled control, then presses Tab until each has had focus (or the walk comes round). */
export async function controlsNotReachedByTab(page: Page): Promise<string[]> {
  const controls: string[] = await page.evaluate(() => {
    const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
    return [...document.querySelectorAll(selector)]
      .filter((element: any) => {
        const box = element.getBoundingClientRect();
        return !element.disabled && element.getAttribute('tabindex') !== '-1' && box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden' && !element.closest('dialog:not([open])');
      })
      .map((element: any, index: number) => {
        element.setAttribute('data-kbd', String(index));
        return `${index}:${element.tagName.toLowerCase()} ${(element.textContent || element.getAttribute('aria-label') || element.getAttribute('name') || '').trim().slice(0, 40)}`;
      });
  });
  assert.ok(controls.length > 0, 'no controls found');
  await page.evaluate(() => document.activeElement?.blur());
  const reached = new Set<string>();
  for (let presses = 0; presses < controls.length * 4 + 10 && reached.size < controls.length; presses++) {
    await page.keyboard.press('Tab');
    const mark: string | null = await page.evaluate(() => document.activeElement?.getAttribute('data-kbd') ?? null);
    if (mark !== null) reached.add(mark);
  }
  return controls.filter((control) => !reached.has(control.split(':')[0]!));
}
