import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { NextStepsView } from '../../bot/http/contracts.js';
import { channelAction, ids, team, teamPeople, type TestUser } from '../helpers/activities.js';
import { cardOf, cardText } from '../helpers/fake-connector.js';
import { controlsNotReachedByTab, launchChromium, skipWithoutBrowser, offlineContext, openTab, teamHash, useTabRig, wcagViolations, type TabApp } from '../helpers/tab-browser.js';

// The callbacks passed to page.evaluate run in the browser; the project compiles without the DOM lib.
declare const document: any;
declare function getComputedStyle(element: unknown): any;

const themes = ['default', 'dark', 'contrast'] as const;
const nextStepsHash = `#/next-steps?teamId=${encodeURIComponent(team.id)}`;
const itemText = 'Kurs i grønne innkjøp for alle innkjøpere';

/** The texts a form control's `aria-describedby` points at (where a field's hint and validation message live). */
async function descriptionOf(page: Page, selector: string): Promise<string> {
  return page.evaluate((css: string) => {
    const element = document.querySelector(css);
    return (element?.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id: string) => document.getElementById(id)?.textContent ?? '')
      .join(' | ');
  }, selector);
}

/** What the focused element is, as `tag[name|id|data-item]`. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element) return '';
    const name = element.getAttribute('name') ?? element.id ?? '';
    const item = element.getAttribute('data-item');
    return `${element.tagName.toLowerCase()}${item !== null ? `[data-item=${item}]` : name ? `[${name}]` : ''}`;
  });
}

describe('the next-steps page in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let app: TabApp;
  let context: BrowserContext;
  const teamPath = `/api/v1/teams/${encodeURIComponent(team.id)}`;

  /** The next-steps view as the API gives it to a person (to check what the page changed). */
  async function viewOf(user: TestUser): Promise<NextStepsView> {
    const response = await fetch(`${app.url}${teamPath}/next-steps`, { headers: { 'x-dev-user': `${ids.tenant}/${user.aadObjectId}` } });
    return (await response.json()) as NextStepsView;
  }
  const channelPosts = () => app.connector.calls.filter((call) => call.path === '/v3/conversations');

  /** Calls the tab's API for the team as its leader Ingrid, as the page does; returns the answer's body. */
  async function asLeader(method: string, path: string, body?: unknown): Promise<any> {
    const headers = { 'x-dev-user': `${ids.tenant}/${ids.ingrid.aadObjectId}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const response = await fetch(`${app.url}${teamPath}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    assert.ok(response.ok, `${method} ${path} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  /** What the first test does on the page: the leader starts a round, and the outbox posts its questions in the channel. */
  async function startRound(): Promise<void> {
    await asLeader('POST', '/next-steps/round');
    await app.running.app.services.outboxWorker.drain();
    assert.ok(await app.running.app.services.nextSteps.latest({ tenantId: ids.tenant, teamId: team.id }), 'the round was posted');
  }

  /** What the second test does in the round's thread: Ola shares his answers with his name, Kari hers anonymously. */
  async function shareAnswers(): Promise<void> {
    const latest = (await app.running.app.services.nextSteps.latest({ tenantId: ids.tenant, teamId: team.id }))!;
    const answer = (user: TestUser, visibility: string, step1: string, step3: string) =>
      app.running.post(
        channelAction('nextsteps.submit', { teamId: team.id, roundId: latest.round.id, visibility, step1, step2: '', step3, step4: '' }, { serviceUrl: app.connector.url, user, conversationId: latest.round.threadId }),
      );
    assert.equal((await answer(ids.ola, 'named', 'Mer om klimatilpasning', 'Personalmøtet')).status, 200);
    assert.equal((await answer(teamPeople[2]!, 'anonymous', 'Samarbeid med teknisk', 'Fagdag i mai')).status, 200);
  }

  /** What the third test does on the page: the leader adds the item, owned by Ola and due 20 April 2026. */
  async function addItem(): Promise<string> {
    const item = (await asLeader('POST', '/plan-items', { text: itemText, ownerUserId: ids.ola.aadObjectId, dueDate: '2026-04-20' })) as { id: string };
    return item.id;
  }

  /** What the third and fifth tests do on the page: the item is added, then set in progress. */
  async function addItemInProgress(): Promise<void> {
    const id = await addItem();
    await asLeader('PATCH', `/plan-items/${encodeURIComponent(id)}`, { status: 'inProgress' });
  }

  before(async function () {
    skipWithoutBrowser(this, 'the next-steps page in Chromium');
    browser = await launchChromium();
  });

  after(async function () {
    await browser?.close();
  });

  // Each describe below starts from what the tests before it did in the page, seeded through the API; where its
  // tests change the round or the plan, each test has an app and seeded team of its own.
  describe('before any round', function () {
    useTabRig('each', () => browser, (rig) => ({ app, context } = rig));

    it('is linked from the dashboard; a leader starts a round after confirming, and the questions go to the channel', async function () {
      const page = await openTab(context, app.pageUrl(teamHash));
      await page.getByRole('navigation', { name: 'Sider for teamet' }).getByRole('link', { name: 'Neste steg og plan' }).click();
      await page.locator('[data-page="next-steps"] h1', { hasText: 'Neste steg' }).waitFor();
      const round = page.locator('[data-section="round"]');
      await round.getByText('Ingen runde om neste steg er startet ennå.').waitFor();
      assert.equal(await round.locator('[data-questions] li').count(), 4);
      assert.equal(await focused(page), 'h1', 'the new page’s heading has focus');

      const before = channelPosts().length;
      await page.getByRole('button', { name: 'Start en runde om neste steg' }).click();
      const dialog = page.getByRole('dialog', { name: 'Starte en runde om neste steg?' });
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      // Once the outbox is drained, nothing more has been posted: cancelling queued nothing.
      await app.running.app.services.outboxWorker.drain();
      assert.equal(channelPosts().length, before, 'cancelling posts nothing');
      await page.getByRole('button', { name: 'Start en runde om neste steg' }).click();
      await dialog.getByRole('button', { name: 'Start runden' }).click();
      await page.locator('[data-status="round"]', { hasText: 'Runden er startet. Spørsmålene sendes nå som en ny tråd i kanalen Generelt.' }).waitFor();
      // The tab only queues the round; the outbox posts it (the background loop is off in this harness).
      await app.running.app.services.outboxWorker.drain();
      assert.equal(channelPosts().length, before + 1);
      assert.match(cardText(cardOf(channelPosts().at(-1)!.body.activity as Record<string, unknown>)), /Neste steg for Oppvekst/);
      await page.locator('[data-answer-count]', { hasText: '0' }).waitFor();
      assert.equal(await round.locator('h3').count(), 4, 'the four questions, each a heading over its answers');
      await page.close();
    });
  });

  describe('with a round started', function () {
    useTabRig('each', () => browser, (rig) => ({ app, context } = rig));
    beforeEach(startRound);

    it('shows the answers shared in the thread grouped per question, named with the display name or as anonymous', async function () {
      await shareAnswers();

      const page = await openTab(context, app.pageUrl(nextStepsHash));
      assert.equal(await page.locator('[data-answer-count]').textContent(), '2');
      const first = (await page.locator('[data-question="0"]').textContent()) ?? '';
      assert.match(first, /Mer om klimatilpasning— Ola Hansen/);
      assert.match(first, /Samarbeid med teknisk— anonym/);
      assert.match((await page.locator('[data-question="1"]').textContent()) ?? '', /Ingen delte svar på dette spørsmålet ennå\./);
      const third = (await page.locator('[data-question="2"]').textContent()) ?? '';
      assert.match(third, /Personalmøtet— Ola Hansen/);
      assert.match(third, /Fagdag i mai— anonym/);
      assert.equal(await page.locator('[data-question="0"] li').count(), 2);
      await page.close();
    });
  });

  describe('with the round’s answers shared', function () {
    useTabRig('each', () => browser, (rig) => ({ app, context } = rig));
    beforeEach(async function () {
      await startRound();
      await shareAnswers();
    });

    it('adds an item with an owner and a due date, says so, and moves focus to the new item', async function () {
      const page = await openTab(context, app.pageUrl(nextStepsHash));
      await page.locator('[data-section="plan"]').getByText('Planen har ingen tiltak ennå.').waitFor();
      const form = page.locator('[data-form="plan-add"]');
      await form.getByRole('textbox', { name: 'Tiltak' }).fill(itemText);
      await form.getByRole('combobox', { name: 'Ansvarlig' }).selectOption({ label: 'Ola Hansen' });
      await form.getByLabel('Frist').fill('2026-04-20');
      await form.getByRole('button', { name: 'Legg til' }).click();
      await page.locator('[data-status="plan"]', { hasText: 'Tiltaket er lagt til i planen.' }).waitFor();

      const [saved] = (await viewOf(ids.ingrid)).items;
      assert.deepEqual({ ...saved, id: undefined }, { id: undefined, text: itemText, owner: { userId: ids.ola.aadObjectId, name: 'Ola Hansen' }, dueDate: '2026-04-20', status: 'planned' });
      const item = page.locator(`[data-item="${saved!.id}"]`);
      assert.match((await item.textContent()) ?? '', new RegExp(`${itemText}AnsvarligOla HansenFrist20\\. april 2026StatusPlanlagt`));
      assert.equal(await focused(page), `li[data-item=${saved!.id}]`);
      assert.equal(await form.locator('textarea[name="text"]').inputValue(), '', 'the form is cleared for the next item');
      await page.close();
    });
  });

  describe('with an item planned', function () {
    useTabRig('each', () => browser, (rig) => ({ app, context } = rig));
    beforeEach(async function () {
      await startRound();
      await shareAnswers();
      await addItem();
    });

    it('shows the API’s validation problems next to their fields, in the reader’s language, and focuses the first', async function () {
      const page = await openTab(context, app.pageUrl(nextStepsHash));
      const form = page.locator('[data-form="plan-add"]');
      await form.getByLabel('Frist').fill('2026-02-01');
      await form.getByRole('button', { name: 'Legg til' }).click();
      await form.getByText('Skriv hva tiltaket går ut på.').waitFor();
      assert.match(await descriptionOf(page, '[data-form="plan-add"] textarea[name="text"]'), /Skriv hva tiltaket går ut på\./);
      assert.equal(await form.locator('textarea[name="text"]').getAttribute('aria-invalid'), 'true');
      assert.match(await descriptionOf(page, '[data-form="plan-add"] input[name="dueDate"]'), /Fristen kan ikke være tilbake i tid\./);
      assert.equal(await form.locator('input[name="dueDate"]').getAttribute('aria-invalid'), 'true');
      assert.equal(await form.locator('select[name="owner"]').getAttribute('aria-invalid'), null);
      assert.equal(await focused(page), 'textarea[text]');

      await form.locator('textarea[name="text"]').fill('x'.repeat(501));
      await form.locator('input[name="dueDate"]').fill('');
      await form.getByRole('button', { name: 'Legg til' }).click();
      await form.getByText('Teksten er for lang (høyst 500 tegn).').waitFor();
      assert.equal(await form.getByText('Fristen kan ikke være tilbake i tid.').count(), 0);
      assert.equal((await viewOf(ids.ingrid)).items.length, 1, 'nothing was saved');
      await page.close();
    });

    it('edits the status of an item in place, and returns focus to the item', async function () {
      const page = await openTab(context, app.pageUrl(nextStepsHash));
      await page.getByRole('button', { name: `Endre tiltaket «${itemText}»` }).click();
      const edit = page.locator('[data-form="plan-edit"]');
      await edit.waitFor();
      assert.equal(await focused(page), 'textarea[text]', 'the edit form opens on its first field');
      await edit.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'I gang' });
      await edit.getByRole('button', { name: 'Lagre' }).click();
      await page.locator('[data-status="plan"]', { hasText: 'Endringene i tiltaket er lagret.' }).waitFor();
      const [saved] = (await viewOf(ids.ingrid)).items;
      assert.equal(saved!.status, 'inProgress');
      assert.equal(saved!.owner?.name, 'Ola Hansen');
      assert.equal(saved!.dueDate, '2026-04-20');
      assert.equal(await page.locator(`[data-item="${saved!.id}"] [data-plan-status]`).textContent(), 'I gang');
      assert.equal(await focused(page), `li[data-item=${saved!.id}]`);
      await page.close();
    });
  });

  describe('with the item in progress', function () {
    useTabRig('each', () => browser, (rig) => ({ app, context } = rig));
    beforeEach(async function () {
      await startRound();
      await shareAnswers();
      await addItemInProgress();
    });

    it('deletes an item after confirming, and puts focus on the plan’s heading', async function () {
      const page = await openTab(context, app.pageUrl(nextStepsHash));
      const form = page.locator('[data-form="plan-add"]');
      await form.getByRole('textbox', { name: 'Tiltak' }).fill('Arena for deling på tvers');
      await form.getByRole('button', { name: 'Legg til' }).click();
      await page.locator('[data-item]').nth(1).waitFor();
      const remove = page.getByRole('button', { name: 'Slett tiltaket «Arena for deling på tvers»' });
      await remove.click();
      const dialog = page.getByRole('dialog', { name: 'Slette tiltaket?' });
      await dialog.getByRole('button', { name: 'Avbryt' }).click();
      await dialog.waitFor({ state: 'hidden' });
      assert.equal((await viewOf(ids.ingrid)).items.length, 2);
      await remove.click();
      await dialog.getByRole('button', { name: 'Slett' }).click();
      await page.locator('[data-status="plan"]', { hasText: 'Tiltaket «Arena for deling på tvers» er slettet.' }).waitFor();
      assert.equal(await page.locator('[data-item]').count(), 1);
      assert.equal(await focused(page), 'h2[plan-title]');
      assert.deepEqual((await viewOf(ids.ingrid)).items.map((item) => item.text), [itemText]);
      await page.close();
    });
  });

  describe('with the item in progress, reading only', function () {
    // These tests change nothing (the validation messages are the page's own): one seeded team for all of them.
    useTabRig('all', () => browser, (rig) => ({ app, context } = rig));
    before(async function () {
      await startRound();
      await shareAnswers();
      await addItemInProgress();
    });

    it('downloads the plan as Markdown and as CSV, authenticated like the dashboard’s export', async function () {
      const page = await openTab(context, app.pageUrl(nextStepsHash));
      const [markdown] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Last ned som Markdown' }).click()]);
      assert.equal(markdown.suggestedFilename(), 'plan-oppvekst.md');
      const md = await readFile(await markdown.path(), 'utf8');
      assert.match(md, /^# Plan for neste steg: Oppvekst\n/);
      assert.match(md, new RegExp(`\\| ${itemText} \\| Ola Hansen \\| 20\\. april 2026 \\| I gang \\|`));
      assert.match(md, /- Mer om klimatilpasning \(Ola Hansen\)/);
      assert.match(md, /- Samarbeid med teknisk \(anonym\)/);
      assert.doesNotMatch(md, /Arena for deling/);
      await page.locator('[data-status="plan"]', { hasText: 'Planen er lastet ned som plan-oppvekst.md.' }).waitFor();

      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Last ned som CSV' }).click()]);
      assert.equal(csv.suggestedFilename(), 'plan-oppvekst.csv');
      assert.equal((await readFile(await csv.path(), 'utf8')).replace(/^\uFEFF/, '').trim(), `Tiltak;Ansvarlig;Frist;Status\r\n${itemText};Ola Hansen;2026-04-20;I gang`);
      await page.locator('[data-status="plan"]', { hasText: 'Planen er lastet ned som plan-oppvekst.csv.' }).waitFor();
      await page.close();
    });

    it('shows a member the answers and the plan read-only: no round button, no form, no edit or delete', async function () {
      const page = await openTab(context, app.pageUrl(nextStepsHash, ids.ola));
      const main = page.locator('main');
      assert.match((await main.textContent()) ?? '', /De kursansvarlige i teamet lager planen\. Du kan lese den og laste den ned\./);
      assert.match((await page.locator('[data-item]').textContent()) ?? '', new RegExp(`${itemText}.*Ola Hansen.*I gang`));
      assert.match((await page.locator('[data-question="0"]').textContent()) ?? '', /Mer om klimatilpasning/);
      assert.equal(await main.locator('form, textarea, select, input').count(), 0);
      assert.deepEqual(await main.getByRole('button').allTextContents(), ['Last ned som Markdown', 'Last ned som CSV']);
      assert.equal(await main.getByRole('button', { name: /Start en runde|Endre|Slett/ }).count(), 0);
      await page.close();
    });

    it('speaks Nynorsk and English, with dates per language', async function () {
      const nn = await openTab(context, app.pageUrl(nextStepsHash, ids.ingrid, { lang: 'nn' }));
      assert.match((await nn.locator('main').textContent()) ?? '', /Svar frå siste runde.*— anonym.*Ansvarleg.*20\. april 2026.*I gang/);
      await nn.close();
      const en = await openTab(context, app.pageUrl(nextStepsHash, ids.ingrid, { lang: 'en' }));
      await en.locator('h1', { hasText: 'Next steps' }).waitFor();
      assert.match((await en.locator('main').textContent()) ?? '', /Answers from the latest round.*— anonymous.*Owner.*20 April 2026.*In progress/);
      await en.close();
    });

    it('reaches every control with the Tab key, for a leader and for a member', async function () {
      for (const user of [ids.ingrid, ids.ola]) {
        const page = await openTab(context, app.pageUrl(nextStepsHash, user));
        await page.locator('[data-item]').first().waitFor();
        assert.deepEqual(await controlsNotReachedByTab(page), [], user.name);
        await page.close();
      }
    });

    for (const theme of themes) {
      it(`has no WCAG 2.1 A/AA violations in the ${theme} theme (with an edit form and validation messages showing)`, async function () {
        const page = await openTab(context, app.pageUrl(nextStepsHash, ids.ingrid, { theme }));
        await page.locator(`[data-theme="${theme}"]`).waitFor();
        await page.getByRole('button', { name: `Endre tiltaket «${itemText}»` }).click();
        const form = page.locator('[data-form="plan-add"]');
        await form.getByRole('button', { name: 'Legg til' }).click();
        await form.getByText('Skriv hva tiltaket går ut på.').waitFor();
        assert.deepEqual(await wcagViolations(page), []);
        const member = await openTab(context, app.pageUrl(nextStepsHash, ids.ola, { theme }));
        await member.locator(`[data-theme="${theme}"]`).waitFor();
        assert.deepEqual(await wcagViolations(member), []);
        await page.close();
        await member.close();
      });
    }

    it('fits a 320 px wide panel without horizontal scrolling of the page', async function () {
      const narrow = await offlineContext(browser, app.url, { width: 320, height: 720 });
      try {
        const page = await openTab(narrow, app.pageUrl(nextStepsHash));
        await page.locator('[data-item]').first().waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `overflows by ${overflow}px`);
      } finally {
        await narrow.close();
      }
    });
  });
});
