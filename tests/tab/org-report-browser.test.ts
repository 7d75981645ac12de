import assert from 'node:assert/strict';
import type { Browser, BrowserContext } from 'playwright-core';
import { ids } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { seedOrgTeam, type SeededOrgTeam } from '../helpers/seed-org.js';
import { controlsNotReachedByTab, ensureTabBuilt, launchChromium, offlineContext, openTab, seedClock, skipWithoutBrowser, wcagViolations } from '../helpers/tab-browser.js';

// The callbacks passed to page.evaluate run in the browser; the project compiles without the DOM lib.
declare const document: any;
declare function getComputedStyle(element: unknown): any;

/** The competence unit's developer identity (bot/http/api/dev-identities.ts). */
const hrUserId = 'd0000000-0000-4000-8000-0000000000c2';

describe('the organisation report and the leader’s headline in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let running: RunningApp;
  let context: BrowserContext;
  let oppvekst: SeededOrgTeam;
  const url = (hash: string, userId: string, params: Record<string, string> = {}) =>
    `${running.url}/tab/index.html?${new URLSearchParams({ dev: '1', user: userId, ...params }).toString()}${hash}`;

  before(async function () {
    skipWithoutBrowser(this, 'the organisation report and the leader’s headline in Chromium');
    ensureTabBuilt();
    browser = await launchChromium();
  });

  after(async function () {
    await browser?.close();
  });

  // A test sends reminders (and the report counts what is seeded): each test has its own app with the three teams.
  beforeEach(async function () {
    running = await startApp({ clock: seedClock, env: { SCHEDULER_TICK_SECONDS: '0' } });
    oppvekst = await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:oppvekst@thread.tacv2', name: 'Oppvekst', members: 20, completed: 17, started: 2 });
    await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:helse@thread.tacv2', name: 'Helse og omsorg', members: 12, completed: 6, started: 6, completedMonth: '2026-01' });
    await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:liten@thread.tacv2', name: 'Liten stab', members: 3, completed: 1, started: 1 });
    context = await offlineContext(browser, running.url);
  });

  afterEach(async function () {
    await context?.close();
    await running?.close();
  });

  it('shows HR the report with small figures hidden, says why, and passes axe and the keyboard walk', async function () {
    const page = await openTab(context, url('#/org/report?from=2026-01&to=2026-03', hrUserId));
    await page.locator('[data-page="org-report"] h1', { hasText: 'Organisasjonsrapport' }).waitFor();
    await page.locator('[data-table="course"]').waitFor();
    assert.match((await page.locator('[data-note="suppression"]').textContent()) ?? '', /sekundær prikking/);
    const oppvekstRow = page.locator('tr[data-team="Oppvekst"]');
    assert.match((await oppvekstRow.textContent()) ?? '', /skjult/);
    assert.equal(await page.locator('tr[data-team="Liten stab"] td', { hasText: 'skjult' }).count(), 9);
    // No count of people (the first four figures of a row) is 1 … 4.
    const figures: string[] = await page.evaluate(() =>
      [...document.querySelectorAll('[data-table="course"] tr')].flatMap((row: any) => [...row.querySelectorAll('td')].slice(0, 4).map((cell: any) => cell.textContent.trim())),
    );
    assert.ok(figures.length > 0);
    for (const figure of figures) assert.ok(figure === 'skjult' || figure === '0' || Number(figure.replace(/\s/g, '')) >= 5, `figure ${figure}`);
    assert.deepEqual(await wcagViolations(page), []);
    assert.deepEqual(await controlsNotReachedByTab(page), []);
    await page.close();
  });

  it('chooses the months with the keyboard, and prints without its controls', async function () {
    const page = await openTab(context, url('#/org/report?from=2026-01&to=2026-03', hrUserId));
    await page.locator('[data-table="months"]').waitFor();
    assert.equal(await page.locator('[data-table="months"] tbody tr').count(), 3);
    await page.getByLabel('Fra måned').fill('2026-02');
    await page.getByLabel('Fra måned').press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-table="months"] tbody tr').length === 2);
    await page.emulateMedia({ media: 'print' });
    const display: string = await page.evaluate(() => getComputedStyle(document.querySelector('[data-page="org-report"] form')).display);
    assert.equal(display, 'none');
    assert.ok(await page.locator('[data-table="course"]').isVisible(), 'the tables print');
    await page.emulateMedia({ media: 'screen' });
    await page.close();
  });

  it('refuses a leader the report with a message', async function () {
    const page = await openTab(context, url('#/org/report', oppvekst.leaderId));
    await page.getByText(/tilgang|rolle/i).first().waitFor();
    assert.equal(await page.locator('[data-table="course"]').count(), 0);
    await page.close();
  });

  it('shows the leader the headline in bands, and sends a reminder once a day after a confirmation', async function () {
    const page = await openTab(context, url(`#/team?teamId=${encodeURIComponent(oppvekst.ref.teamId)}`, oppvekst.leaderId));
    const headline = page.locator('[data-section="headline"]');
    await headline.locator('[data-headline="completed"]', { hasText: '16–19 av 20 har fullført' }).waitFor();
    assert.match((await headline.locator('[data-headline="not-done"]').textContent()) ?? '', /1–4/);
    assert.match((await headline.locator('[data-headline="due"]').textContent()) ?? '', /8\. mai 2026/);
    assert.deepEqual(await wcagViolations(page), []);
    await headline.getByRole('button', { name: 'Send påminnelse nå' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sende påminnelse nå?' });
    await dialog.waitFor();
    assert.deepEqual(await wcagViolations(page), []);
    await dialog.getByRole('button', { name: 'Send påminnelse' }).click();
    await page.locator('[data-status="remind"]', { hasText: 'Påminnelsen er lagt i kø' }).waitFor();
    const button = headline.getByRole('button', { name: 'Send påminnelse nå' });
    assert.equal(await button.getAttribute('aria-disabled'), 'true');
    const reasonId = await button.getAttribute('aria-describedby');
    assert.match((await page.locator(`[id="${reasonId}"]`).textContent()) ?? '', /fått en påminnelse i dag/);
    const rows = await running.app.database.db.selectFrom('outbox').select('target_key').where('tenant_id', '=', ids.tenant).execute();
    assert.equal(rows.length, 3, 'one reminder to each of the 3 not done');
    await page.close();
  });
});
