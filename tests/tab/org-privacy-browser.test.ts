import assert from 'node:assert/strict';
import type { Browser, BrowserContext } from 'playwright-core';
import { ids } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { seedOrgTeam, type SeededOrgTeam } from '../helpers/seed-org.js';
import { controlsNotReachedByTab, ensureTabBuilt, launchChromium, offlineContext, openTab, seedClock, skipWithoutBrowser, wcagViolations } from '../helpers/tab-browser.js';

/**
 * "Personvern i din organisasjon" and the dashboard's bands in Chromium: an employee without any role finds their
 * organisation's values from Mitt kurs; the page passes axe and the keyboard walk; a leader's dashboard gives the
 * headline's band where the exact count would point at a few people.
 */
describe('the organisation’s privacy values and the dashboard’s bands in Chromium', function () {
  this.timeout(90_000);
  let browser: Browser;
  let running: RunningApp;
  let context: BrowserContext;
  let team: SeededOrgTeam;
  const url = (hash: string, userId: string) => `${running.url}/tab/index.html?${new URLSearchParams({ dev: '1', user: userId }).toString()}${hash}`;

  before(async function () {
    skipWithoutBrowser(this, 'the organisation’s privacy values in Chromium');
    ensureTabBuilt();
    [browser, running] = await Promise.all([launchChromium(), startApp({ clock: seedClock, env: { SCHEDULER_TICK_SECONDS: '0' } })]);
    team = await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:oppvekst@thread.tacv2', name: 'Oppvekst', members: 20, completed: 17, started: 2 });
    await running.app.services.tenantSettings.update(ids.tenant, { userId: 'admin-1', name: 'Astrid Berg' }, { namedProgress: true, minGroupSize: 6, retentionDays: 400 }, { reference: 'Sak 2026/123', discussedOn: '2026-02-26' });
    context = await offlineContext(browser, running.url);
  });

  after(async function () {
    await context?.close();
    await browser?.close();
    await running?.close();
  });

  it('shows an employee their organisation’s values, reached from Mitt kurs, and passes axe and the keyboard walk', async function () {
    const employee = team.memberIds[5]!;
    const page = await openTab(context, url('#/personal', employee));
    await page.getByRole('link', { name: 'Personvern i din organisasjon' }).click();
    await page.locator('[data-page="org-privacy"] [data-privacy="values"]').waitFor();
    assert.match((await page.locator('[data-value="namedProgress"]').textContent()) ?? '', /^På: .*Sak 2026\/123.*26\. februar 2026/);
    assert.match((await page.locator('[data-value="minGroupSize"]').textContent()) ?? '', /^6 personer/);
    assert.match((await page.locator('[data-value="retentionDays"]').textContent()) ?? '', /^400 dager/);
    assert.deepEqual(await wcagViolations(page), []);
    assert.deepEqual(await controlsNotReachedByTab(page), []);
    await page.close();
  });

  it('gives the leader the headline’s band on the dashboard: 17 of 20 read is "15–19 av 20" (minimum 6)', async function () {
    const page = await openTab(context, url(`#/team?teamId=${encodeURIComponent(team.ref.teamId)}`, team.leaderId));
    const rows = page.locator('[data-chart="lessons"] tbody tr');
    await rows.first().waitFor();
    const texts = await rows.allTextContents();
    assert.equal(texts.length, 8);
    for (const text of texts) assert.match(text, /15–19 av 20/);
    assert.doesNotMatch(texts.join('\n'), /(^|[^–\d])1[79] av 20/, 'no exact 17 or 19');
    await page.close();
  });
});
