import assert from 'node:assert/strict';
import type { Browser, BrowserContext } from 'playwright-core';
import type { DevIdentity, OrgAuditResponse } from '../../bot/http/contracts.js';
import { ids, type TestUser } from '../helpers/activities.js';
import { controlsNotReachedByTab, launchChromium, openTab, skipWithoutBrowser, useTabRig, wcagViolations, type TabApp } from '../helpers/tab-browser.js';

const themes = ['default', 'dark', 'contrast'] as const;
const settingsHash = '#/org/settings';

describe('the organisation settings page in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let app: TabApp;
  let context: BrowserContext;
  /** The developer identities holding each organisation role (local mode's stand-ins for app-role assignments). */
  let admin: TestUser;
  let union: TestUser;
  let adminIdentity: DevIdentity;

  /** Finds the developer identities holding the administrator and union representative roles in the app. */
  async function findRoleIdentities(): Promise<void> {
    const identities = (await (await fetch(`${app.url}/api/v1/dev/identities`)).json()) as DevIdentity[];
    const withRole = (role: DevIdentity['roles'][number]): DevIdentity => identities.find((identity) => identity.roles.includes(role))!;
    adminIdentity = withRole('administrator');
    admin = { id: '29:dev-admin', aadObjectId: adminIdentity.userId, name: adminIdentity.name };
    const unionIdentity = withRole('unionRepresentative');
    union = { id: '29:dev-union', aadObjectId: unionIdentity.userId, name: unionIdentity.name };
  }

  /** Saves settings as the administrator, as the page does: `PATCH /api/v1/org/settings` with the changed values. */
  async function saveAsAdmin(body: { changes: Record<string, unknown>; decision?: { reference: string; discussedOn: string } }): Promise<void> {
    const response = await fetch(`${app.url}/api/v1/org/settings`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-dev-user': `${adminIdentity.tenantId}/${adminIdentity.userId}`, 'x-dev-roles': 'Administrator' },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 200, await response.text());
  }

  before(async function () {
    skipWithoutBrowser(this, 'the organisation settings page in Chromium');
    browser = await launchChromium();
  });

  after(async function () {
    await browser?.close();
  });

  describe('changing the settings', function () {
    // Each test saves settings (or must see none saved): each has its own app, seeded team and so tenant.
    useTabRig('each', () => browser, (rig) => ({ app, context } = rig));
    beforeEach(findRoleIdentities);

    it('tells someone without an organisation role that the page is not for them', async function () {
      const page = await openTab(context, app.pageUrl(settingsHash, ids.ola));
      assert.equal(await page.locator('h1').textContent(), 'Innstillinger for virksomheten');
      assert.match((await page.locator('main').textContent()) ?? '', /administratorer, HR \/ kompetanseenheten og tillitsvalgte/);
      assert.equal(await page.locator('[data-form="org-settings"]').count(), 0);
      await page.close();
    });

    it('shows an administrator what named progress implies and refuses it without the decision, then saves and logs it', async function () {
      const page = await openTab(context, app.pageUrl(settingsHash, admin));
      const main = page.locator('main');
      assert.match((await main.textContent()) ?? '', /kontrolltiltak etter arbeidsmiljøloven kapittel 9/);
      await page.getByRole('switch', { name: 'Navngitt framdrift for kursansvarlige' }).check();
      const reference = page.getByRole('textbox', { name: /Referanse til arbeidsgivers beslutning/ });
      await reference.waitFor();
      await page.getByRole('button', { name: 'Lagre innstillingene' }).click();
      await page.locator('text=Navngitt framdrift kan bare slås på med referansen til arbeidsgivers beslutning').first().waitFor();
      assert.deepEqual(await wcagViolations(page), [], 'with the problems shown');
      await reference.fill('Sak 2026/77');
      await page.locator('[data-setting="discussedOn"]').fill('2026-02-20');
      await page.getByRole('button', { name: 'Lagre innstillingene' }).click();
      await page.getByRole('status').filter({ hasText: 'Innstillingene er lagret' }).waitFor();
      const audit = page.locator('[data-table="audit"] tbody tr');
      await audit.first().waitFor();
      assert.match((await audit.first().textContent()) ?? '', /Astrid Berg.*Navngitt framdrift for kursansvarlige.*Av.*På.*Sak 2026\/77, drøftet 20\. februar 2026/);
      const stored = (await (await fetch(`${app.url}/api/v1/org/audit`, { headers: { 'x-dev-user': `${adminIdentity.tenantId}/${adminIdentity.userId}`, 'x-dev-roles': 'Administrator' } })).json()) as OrgAuditResponse;
      assert.deepEqual(stored.entries.map((entry) => [entry.setting, entry.newValue, entry.decisionReference, entry.discussedOn]), [['namedProgress', true, 'Sak 2026/77', '2026-02-20']]);
      await page.close();
    });

    it('changes the minimum group size and weekdays from the keyboard-usable form', async function () {
      const page = await openTab(context, app.pageUrl(settingsHash, admin));
      await page.locator('[data-setting="minGroupSize"]').fill('7');
      await page.getByRole('checkbox', { name: 'lørdag' }).check();
      await page.getByRole('button', { name: 'Lagre innstillingene' }).click();
      await page.getByRole('status').filter({ hasText: 'Innstillingene er lagret' }).waitFor();
      const settings = await app.running.app.services.tenantSettings.get(adminIdentity.tenantId);
      assert.equal(settings.minGroupSize, 7);
      assert.deepEqual(settings.weekdays, [1, 2, 3, 4, 5, 6]);
      await page.close();
    });
  });

  describe('after the administrator changed the settings', function () {
    // These tests only read: one app for all of them, in which the administrator made the two changes the tests
    // above make on the page (named progress on with the decision, then the minimum group size and Saturdays).
    useTabRig('all', () => browser, (rig) => ({ app, context } = rig));
    before(async function () {
      await findRoleIdentities();
      await saveAsAdmin({ changes: { namedProgress: true }, decision: { reference: 'Sak 2026/77', discussedOn: '2026-02-20' } });
      await saveAsAdmin({ changes: { minGroupSize: 7, weekdays: [1, 2, 3, 4, 5, 6] } });
    });

    it('shows a union representative the settings and the change log, read-only', async function () {
      const page = await openTab(context, app.pageUrl(settingsHash, union));
      const text = (await page.locator('main').textContent()) ?? '';
      assert.match(text, /bare administratorer kan endre dem/);
      assert.equal(await page.locator('[data-form="org-settings"]').count(), 0);
      await page.locator('[data-table="audit"]').waitFor();
      await page.close();
    });

    it('speaks Nynorsk when asked', async function () {
      const page = await openTab(context, app.pageUrl(settingsHash, admin, { lang: 'nn' }));
      await page.locator('h1', { hasText: 'Innstillingar for verksemda' }).waitFor();
      assert.match((await page.locator('main').textContent()) ?? '', /Namngiven framdrift for kursansvarlege/);
      await page.close();
    });

    for (const [who, user] of [
      ['an administrator', () => admin],
      ['a union representative', () => union],
    ] as const) {
      it(`reaches every control with the Tab key as ${who}`, async function () {
        const page = await openTab(context, app.pageUrl(settingsHash, user()));
        await page.locator('[data-section="audit"] h2').waitFor();
        assert.deepEqual(await controlsNotReachedByTab(page), []);
        await page.close();
      });

      for (const theme of themes) {
        it(`has no WCAG 2.1 A/AA violations as ${who} in the ${theme} theme`, async function () {
          const page = await openTab(context, app.pageUrl(settingsHash, user(), { theme }));
          await page.locator(`[data-theme="${theme}"]`).waitFor();
          await page.locator('[data-table="audit"], [data-section="audit"] p').first().waitFor();
          assert.deepEqual(await wcagViolations(page), []);
          await page.close();
        });
      }
    }
  });
});
