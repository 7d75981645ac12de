/**
 * `npm run screenshots:tab`: the README pictures of the tab, as Teams users see it.
 *
 * Starts the real app in local mode on a temp SQLite file with a seeded department (as the browser tests do),
 * opens the built tab (building it first when needed) in Debian's Chromium through playwright-core, hides the
 * developer bar, and writes:
 *   docs/images/dashboard-light.png    the leader's "Framdrift" tab, default theme, desktop width
 *   docs/images/dashboard-dark.png     the same in the dark theme
 *   docs/images/dashboard-narrow.png   the same at 360 px (a narrow side panel or a phone)
 *   docs/images/my-course.png          the personal tab "Mitt kurs" of a team member
 *   docs/images/meeting-stage.png      a reflection round on a department meeting's stage, dark theme
 *
 * `npm run screenshots:tab -- meeting-stage.png` writes only the pictures named.
 *
 * Needs a Chromium-family browser, found (or installed) by scripts/find-browser.ts; `CHROMIUM_PATH` overrides.
 * Works offline: every request
 * that is not to the local app is aborted.
 */
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ids, team } from '../tests/helpers/activities.js';
import { requireBrowser } from './find-browser.js';
import { chromiumArgs, offlineContext, openTab, repoRoot, startTabApp, teamHash, type TabApp } from '../tests/helpers/tab-browser.js';

const outDir = join(repoRoot, 'docs', 'images');
/** The developer bar is for local development; the pictures show the tab as it looks inside Teams. */
const hideDevBar = '[data-dev-bar] { display: none !important; }';

type Shot = {
  readonly file: string;
  readonly hash: string;
  readonly user?: typeof ids.ingrid;
  readonly theme?: 'default' | 'dark';
  readonly viewport: { readonly width: number; readonly height: number };
  /** Only the top of a long page, in CSS pixels; the whole page when absent. */
  readonly maxHeight?: number;
};

const shots: readonly Shot[] = [
  { file: 'dashboard-light.png', hash: teamHash, viewport: { width: 1100, height: 900 }, maxHeight: 1500 },
  { file: 'dashboard-dark.png', hash: teamHash, theme: 'dark', viewport: { width: 1100, height: 900 }, maxHeight: 1500 },
  { file: 'dashboard-narrow.png', hash: teamHash, viewport: { width: 360, height: 740 }, maxHeight: 1800 },
  { file: 'my-course.png', hash: '#/personal', user: ids.ola, viewport: { width: 1100, height: 900 } },
  // The seeded round with shared answers is the second lesson's ("17 mål og 169 delmål").
  { file: 'meeting-stage.png', hash: `#/stage?${new URLSearchParams({ teamId: team.id, kind: 'reflection', id: 'goals-and-targets' }).toString()}`, user: ids.ola, theme: 'dark', viewport: { width: 1280, height: 720 }, maxHeight: 1100 },
];

async function shoot(browser: Browser, app: TabApp, shot: Shot): Promise<string> {
  const context = await offlineContext(browser, app.url, shot.viewport);
  try {
    const page: Page = await openTab(context, app.pageUrl(shot.hash, shot.user, { theme: shot.theme ?? 'default' }));
    await page.addStyleTag({ content: hideDevBar });
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    const height = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } }).document.documentElement.scrollHeight);
    const path = join(outDir, shot.file);
    await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width: shot.viewport.width, height: Math.min(height, shot.maxHeight ?? height) } });
    return path;
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const app = await startTabApp();
  // Norwegian browser locale, so the time fields read 09:00 rather than 09:00 AM.
  const browser = await chromium.launch({ executablePath: requireBrowser(), args: [...chromiumArgs, '--lang=nb-NO'], headless: true });
  try {
    const only = process.argv.slice(2).filter((arg) => arg.endsWith('.png'));
    for (const shot of shots.filter((candidate) => only.length === 0 || only.includes(candidate.file))) console.log(`wrote ${relative(repoRoot, await shoot(browser, app, shot))}`);
  } finally {
    await browser.close();
    await app.close();
  }
}

await main();
