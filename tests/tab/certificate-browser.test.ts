import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext } from 'playwright-core';
import { ids, teamPeople } from '../helpers/activities.js';
import { launchChromium, openTab, skipWithoutBrowser, teamHash, useTabRig, wcagViolations, type TabApp } from '../helpers/tab-browser.js';

/** cert: the certificate download in Mitt kurs and the leader's certificate count, in Chromium. */
describe('course certificate and knowledge checks in the tab (Chromium)', function () {
  this.timeout(60_000);
  let browser: Browser;
  let app: TabApp;
  let context: BrowserContext;
  const anne = teamPeople[4];
  const anneHeaders = { 'x-dev-user': `${ids.tenant}/${anne.aadObjectId}` };

  before(async function () {
    skipWithoutBrowser(this, 'course certificate and knowledge checks in the tab (Chromium)');
    browser = await launchChromium();
  });

  after(async function () {
    await browser?.close();
  });

  // Taking the certificate records it, and the leader's count reads that: each test has its own seeded department,
  // in which Anne has read every lesson.
  useTabRig('each', () => browser, (rig) => ({ app, context } = rig));

  beforeEach(async function () {
    const course = (await (await fetch(`${app.url}/api/v1/me/course`, { headers: anneHeaders })).json()) as { lessons: { lessonId: string }[] };
    for (const lesson of course.lessons) assert.equal((await fetch(`${app.url}/api/v1/me/lessons/${lesson.lessonId}/read`, { method: 'POST', headers: anneHeaders })).status, 200);
  });

  it('offers a finished person the certificate as a PDF download, accessibly', async function () {
    const page = await openTab(context, app.pageUrl('#/personal', anne));
    await page.locator('[data-certificate]').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Last ned kursbevis (PDF)' }).click()]);
    assert.match(download.suggestedFilename(), /^kursbevis-.+\.pdf$/);
    assert.equal((await readFile(await download.path())).subarray(0, 5).toString('latin1'), '%PDF-');
    await page.locator('[data-status="certificate"]', { hasText: 'Lastet ned' }).waitFor();
    assert.deepEqual(await wcagViolations(page), []);
    await page.close();
  });

  it('offers no certificate to someone who has not finished', async function () {
    const page = await openTab(context, app.pageUrl('#/personal', teamPeople[3]));
    await page.locator('[data-lesson]').first().waitFor();
    assert.equal(await page.locator('[data-certificate]').count(), 0);
    await page.close();
  });

  it('shows the leader how many have a certificate only from the minimum group size, and the course\'s knowledge checks', async function () {
    // Anne has taken her certificate (one of five), as in the first test.
    const certificate = await fetch(`${app.url}/api/v1/me/certificate`, { headers: anneHeaders });
    assert.equal(certificate.status, 200);
    assert.equal(certificate.headers.get('content-type'), 'application/pdf');
    const page = await openTab(context, app.pageUrl(teamHash, ids.ingrid));
    const section = page.locator('[data-section="knowledge"]');
    await section.locator('[data-certified]').waitFor();
    assert.match((await section.textContent()) ?? '', /Antallet med kursbevis vises når både de som har og de som ikke har kursbevis, er minst 5\./);
    // The built-in course has knowledge checks on three lessons; nobody has answered, so no figures are shown.
    assert.match((await section.textContent()) ?? '', /Leksjon: 17 mål og 169 delmål\s*Færre enn 5 har svart, så tallene vises ikke\./);
    assert.doesNotMatch((await section.textContent()) ?? '', /\d+ %/);
    assert.deepEqual(await wcagViolations(page), []);
    await page.close();
  });
});
