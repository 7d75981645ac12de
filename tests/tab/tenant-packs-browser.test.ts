import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DevIdentity, PackListResponse } from '../../bot/http/contracts.js';
import { ids, type TestUser } from '../helpers/activities.js';
import { launchChromium, openTab, skipWithoutBrowser, useTabRig, wcagViolations, type TabApp } from '../helpers/tab-browser.js';
import { asYaml, lessonTitle, packTitles, testPack, tinyPng } from '../helpers/tenant-pack.js';

const packsHash = '#/org/packs';
const languages = [
  ['nb', 'Bokmål'],
  ['nn', 'Nynorsk'],
  ['en', 'English'],
] as const;
const themes = [
  ['default', 'Lyst'],
  ['dark', 'Mørkt'],
  ['contrast', 'Høy kontrast'],
] as const;

// The callbacks passed to page.evaluate run in the browser; the project compiles without the DOM lib.
declare const document: any;

describe('publishing a course pack from the tab in Chromium', function () {
  this.timeout(120_000);
  let browser: Browser;
  let app: TabApp;
  let context: BrowserContext;
  let owner: TestUser;
  let ownerIdentity: DevIdentity;

  before(async function () {
    skipWithoutBrowser(this, 'publishing a course pack from the tab in Chromium');
    browser = await launchChromium();
  });

  after(async function () {
    await browser?.close();
  });

  // A test publishes and withdraws a pack (and uploads its image to check it): each test has its own app and seeded team.
  useTabRig('each', () => browser, (rig) => ({ app, context } = rig));

  beforeEach(async function () {
    const identities = (await (await fetch(`${app.url}/api/v1/dev/identities`)).json()) as DevIdentity[];
    ownerIdentity = identities.find((identity) => identity.roles.includes('courseOwner'))!;
    owner = { id: '29:dev-owner', aadObjectId: ownerIdentity.userId, name: ownerIdentity.name };
  });

  async function choose(page: Page, pack: { name: string; text: string }, images: readonly { name: string; bytes: Buffer }[] = []): Promise<void> {
    await page.locator('input[name="pack"]').setInputFiles({ name: pack.name, mimeType: pack.name.endsWith('.json') ? 'application/json' : 'application/yaml', buffer: Buffer.from(pack.text) });
    if (images.length > 0) await page.locator('input[name="images"]').setInputFiles(images.map((image) => ({ name: image.name, mimeType: 'image/png', buffer: image.bytes })));
    await page.getByRole('button', { name: 'Kontroller pakken' }).click();
  }

  it('tells someone without the role that the page is not for them', async function () {
    const page = await openTab(context, app.pageUrl(packsHash, ids.ola));
    assert.equal(await page.locator('h1').textContent(), 'Publiser egne kurs');
    assert.match((await page.locator('main').textContent()) ?? '', /kurseiere og administratorer/);
    assert.equal(await page.locator('input[name="pack"]').count(), 0);
    await page.close();
  });

  it('is linked from the personal tab for a course owner', async function () {
    const page = await openTab(context, app.pageUrl('#/personal', owner));
    const nav = page.getByRole('navigation', { name: 'Virksomheten' });
    assert.equal(await nav.getByRole('link', { name: 'Innstillinger for virksomheten' }).count(), 0, 'a course owner has no settings to see');
    await nav.getByRole('link', { name: 'Publiser egne kurs' }).click();
    await page.locator('[data-page="org-packs"] h1').waitFor();
    assert.equal(await page.locator('input[name="pack"]').count(), 1);
    await page.close();
  });

  it('shows every problem of a broken pack, accessibly', async function () {
    const page = await openTab(context, app.pageUrl(packsHash, owner));
    const broken = testPack({ id: 'intro-baerekraft' });
    broken.content.nb.lessons[0].keyFact = 'x'.repeat(301);
    await choose(page, { name: 'brannvern.yaml', text: asYaml(broken) });
    const problems = page.locator('[data-pack-problems]');
    await problems.waitFor();
    const text = (await problems.textContent()) ?? '';
    assert.match(text, /Pakken har 2 feil/);
    assert.match(text, /\/id.*«intro-baerekraft» brukes allerede av et kurs som følger med appen/);
    assert.match(text, /\/content\/nb\/lessons\/0\/keyFact.*nb.*Teksten er 301 tegn lang, men grensen er 300\. Gjør den kortere\./);
    assert.equal(await page.locator('[data-pack-preview]').count(), 0);
    assert.deepEqual(await wcagViolations(page), []);
    await page.close();
  });

  it('previews every card in nb, nn and en with Microsoft’s renderer in light, dark and high contrast, at phone width, then publishes', async function () {
    const page = await openTab(context, app.pageUrl(packsHash, owner));
    await choose(page, { name: 'brannvern.json', text: JSON.stringify(testPack({ lessons: 2, image: 'brann.png' })) }, [{ name: 'brann.png', bytes: tinyPng }]);
    const preview = page.locator('[data-pack-preview]');
    await preview.waitFor();
    for (const [language, label] of languages) {
      await preview.getByRole('radio', { name: label }).check();
      await preview.locator(`[data-preview-language="${language}"]`).waitFor();
      const cards = preview.locator('[data-adaptive-card] .ac-adaptiveCard');
      assert.equal(await cards.count(), 2);
      for (const n of [1, 2]) {
        // The title is in the DOM Microsoft's renderer built, as a heading.
        const title = cards.nth(n - 1).getByRole('heading', { name: lessonTitle(language, n) });
        assert.equal(await title.count(), 1, `${language} lesson ${n}`);
      }
      const image = cards.first().locator('img');
      assert.match((await image.getAttribute('alt')) ?? '', { nb: /brannslukningsapparat/, nn: /brannsløkkingsapparat/, en: /fire extinguisher/ }[language]);
      // The image loads from the app's own /media address.
      assert.ok(await image.evaluate((element: any) => element.complete && element.naturalWidth === 1), `${language}: the image loaded`);
    }
    for (const [theme, label] of themes) {
      await preview.getByRole('radio', { name: label }).check();
      await preview.locator(`[data-preview-theme="${theme}"]`).waitFor();
      assert.deepEqual(await wcagViolations(page), [], theme);
    }
    const article = preview.locator('article').first();
    const wide = (await article.boundingBox())!.width;
    await preview.getByRole('switch', { name: 'Mobilbredde' }).check();
    await page.waitForFunction(() => document.querySelector('[data-pack-preview] article').getBoundingClientRect().width <= 340);
    assert.ok(wide > 340);

    await page.getByRole('button', { name: 'Publiser versjon 1.0.0' }).click();
    await page.getByRole('status').filter({ hasText: `${packTitles.nb} 1.0.0 er publisert` }).waitFor();
    const row = page.locator('[data-version="brannvern@1.0.0"]');
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /Tilbys nå/);
    const headers = { 'x-dev-user': `${ownerIdentity.tenantId}/${ownerIdentity.userId}`, 'x-dev-roles': 'CourseOwner' };
    const stored = (await (await fetch(`${app.url}/api/v1/org/packs`, { headers })).json()) as PackListResponse;
    assert.deepEqual(stored.versions.map((version) => [version.courseId, version.version, version.current]), [['brannvern', '1.0.0', true]]);

    // Withdraw it from the table, through the confirmation dialog.
    await row.getByRole('button', { name: 'Trekk tilbake 1.0.0' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Trekk tilbake' }).click();
    await page.getByRole('status').filter({ hasText: 'Versjon 1.0.0 er trukket tilbake' }).waitFor();
    await page.locator('[data-version="brannvern@1.0.0"]', { hasText: 'Trukket tilbake' }).waitFor();
    await page.close();
  });
});
