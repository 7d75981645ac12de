import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { lessonPostKey } from '../../bot/core/delivery.js';
import type { TeamDashboard } from '../../bot/http/contracts.js';
import { ids, team, teamPeople, type TestUser } from '../helpers/activities.js';
import { controlsNotReachedByTab, launchChromium, skipWithoutBrowser, offlineContext, openTab, startTabApp, teamHash, useTabRig, wcagViolations, type TabApp } from '../helpers/tab-browser.js';

// The callbacks passed to page.evaluate run in the browser; the project compiles without the DOM lib.
declare const document: any;
declare function getComputedStyle(element: unknown): any;

const themes = ['default', 'dark', 'contrast'] as const;

/** Opens every disclosure so axe and the keyboard walk see the whole page. */
async function openDisclosures(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelectorAll('details').forEach((details: any) => (details.open = true)));
}

/** The seeded team's dashboard as the API gives it to a person (to check what the page changed). */
async function dashboardOf(app: TabApp, user: TestUser): Promise<TeamDashboard> {
  const response = await fetch(`${app.url}/api/v1/teams/${encodeURIComponent(team.id)}/dashboard`, { headers: { 'x-dev-user': `${ids.tenant}/${user.aadObjectId}` } });
  return (await response.json()) as TeamDashboard;
}

// One browser for the file; each describe (or, where tests change what they read, each test) has its own app with its
// own database and seeded department, so that any test can run alone and in any order.
describe('the tab in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;

  before(async function () {
    skipWithoutBrowser(this, 'the tab in Chromium');
    browser = await launchChromium();
  });

  after(async function () {
    await browser?.close();
  });

  describe('the team dashboard (Framdrift)', function () {
    // Its tests pause, reschedule, send and fail lessons: each starts from the freshly seeded department.
    let app: TabApp;
    let context: BrowserContext;
    useTabRig('each', () => browser, (rig) => ({ app, context } = rig));

    it('renders the seeded team for its leader: completion per lesson, participation, rounds, schedules, deliveries', async function () {
      const page = await openTab(context, app.pageUrl(teamHash));
      assert.equal(await page.locator('html').getAttribute('lang'), 'nb');
      assert.equal(await page.locator('h1').textContent(), 'Framdrift');
      assert.match((await page.locator('main').textContent()) ?? '', /Oppvekst · /);
      const lessons = page.locator('[data-chart="lessons"] tbody tr');
      assert.equal(await lessons.count(), 8);
      // A team of five: 3 and 1 of 5 are given as the headline's band (headCount).
      assert.match((await lessons.nth(0).textContent()) ?? '', /1–4 av 5/);
      assert.match((await lessons.nth(1).textContent()) ?? '', /1–4 av 51–4$/);
      assert.match((await lessons.nth(2).textContent()) ?? '', /Ikke sendt til kanalen ennå/);
      assert.match((await page.locator('[data-chart="participation"] tbody').textContent()) ?? '', /Uke 10/);
      const rounds = (await page.locator('[data-table="rounds"]').textContent()) ?? '';
      assert.match(rounds, /17 mål og 169 delmål1–42/);
      await openDisclosures(page);
      const shared = (await page.locator('[data-section="rounds"] details').textContent()) ?? '';
      assert.match(shared, /Ingrid Nilsen/);
      assert.match(shared, /En kollega \(anonymt\)/);
      assert.doesNotMatch(shared, /Bare for meg/);
      assert.equal(await page.locator('[data-schedule]').count(), 3);
      assert.match((await page.locator('[data-schedule="lesson"]').textContent()) ?? '', /hver mandag kl\. 09\.00.*Neste: 9\. mars 2026/);
      assert.match((await page.locator('[data-section="deliveries"]').textContent()) ?? '', /Kommende.*Tidligere/);
      assert.match((await page.locator('[data-section="named"]').textContent()) ?? '', /ikke slått på navngitt framdrift.*arbeidsmiljøloven kapittel 9.*tillitsvalgte.*DPIA/);
      assert.equal(await page.locator('[data-table="named"]').count(), 0);
      await page.close();
    });

    it('shows a member their own progress and the team’s totals, with no schedules, deliveries, names or export', async function () {
      const page = await openTab(context, app.pageUrl(teamHash, ids.ola));
      const text = (await page.locator('main').textContent()) ?? '';
      assert.match(text, /Du har lest 1 av 8 leksjoner og gitt 1 refleksjon\./);
      assert.match(text, /Ingen navn vises/);
      assert.match((await page.locator('[data-chart="lessons"] tbody tr').nth(0).textContent()) ?? '', /1–4 av 5/);
      for (const hidden of ['[data-section="schedules"]', '[data-section="deliveries"]', '[data-section="named"]', '[data-action="export"]']) {
        assert.equal(await page.locator(hidden).count(), 0, hidden);
      }
      await page.close();
    });

    it('lets a leader pause and resume the lessons, and says so', async function () {
      const page = await openTab(context, app.pageUrl(teamHash));
      const lesson = page.locator('[data-schedule="lesson"]');
      await lesson.getByRole('button', { name: 'Pause leksjonene' }).click();
      await page.locator('[data-status="schedules"]', { hasText: 'Leksjonene er satt på pause.' }).waitFor();
      assert.match((await lesson.textContent()) ?? '', /På pause/);
      assert.equal((await dashboardOf(app, ids.ingrid)).schedules!.find((s) => s.kind === 'lesson')!.paused, true);
      await lesson.getByRole('button', { name: 'Fortsett leksjonene' }).click();
      await page.locator('[data-status="schedules"]', { hasText: 'Leksjonene fortsetter som planlagt.' }).waitFor();
      assert.match((await lesson.textContent()) ?? '', /Aktiv/);
      assert.equal((await dashboardOf(app, ids.ingrid)).schedules!.find((s) => s.kind === 'lesson')!.paused, false);
      await page.close();
    });

    it('changes the time of day of the lessons, and the rule in words follows', async function () {
      const page = await openTab(context, app.pageUrl(teamHash));
      const input = page.locator('input[name="lessonTime"]');
      await input.fill('10:30');
      await page.getByRole('button', { name: 'Lagre klokkeslett' }).click();
      await page.locator('[data-status="schedule-times"]', { hasText: 'De nye klokkeslettene er lagret.' }).waitFor();
      await page.locator('[data-schedule="lesson"]', { hasText: 'kl. 10.30' }).waitFor();
      await input.fill('09:00');
      await page.getByRole('button', { name: 'Lagre klokkeslett' }).click();
      await page.locator('[data-schedule="lesson"]', { hasText: 'hver mandag kl. 09.00' }).waitFor();
      await page.close();
    });

    it('downloads the CSV of the aggregates with the right rows', async function () {
      const page = await openTab(context, app.pageUrl(teamHash));
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Last ned CSV' }).click()]);
      assert.equal(download.suggestedFilename(), 'framdrift-oppvekst.csv');
      const lines = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '').trim().split('\r\n');
      assert.equal(lines[0], 'Nr.;Leksjon;Sendt i kanalen;Har lest;Medlemmer;Refleksjoner;Delte svar');
      assert.equal(lines.length, 9);
      assert.match(lines[1]!, /^1;.*;Ja;1–4;5;0;0$/);
      assert.match(lines[2]!, /^2;.*;Ja;1–4;5;1–4;2$/);
      await page.locator('[data-status="export"]', { hasText: 'framdrift-oppvekst.csv' }).waitFor();
      await page.close();
    });

    it('sends the next lesson now after the leader confirms in a dialog', async function () {
      const page = await openTab(context, app.pageUrl(teamHash));
      const before = app.connector.calls.filter((call) => call.path === '/v3/conversations').length;
      await page.getByRole('button', { name: 'Send neste leksjon nå' }).click();
      const dialog = page.getByRole('dialog', { name: 'Sende nå?' });
      await dialog.waitFor();
      assert.deepEqual(await wcagViolations(page), []);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      // Cancelling queued nothing: once the outbox is drained, nothing more has been posted.
      await app.running.app.services.outboxWorker.drain();
      assert.equal(app.connector.calls.filter((call) => call.path === '/v3/conversations').length, before);
      await page.getByRole('button', { name: 'Send neste leksjon nå' }).click();
      await dialog.getByRole('button', { name: 'Send nå' }).click();
      await page.locator('[data-status="schedules"]', { hasText: 'Neste leksjon sendes nå i kanalen Generelt.' }).waitFor();
      // The tab only queues the send; the outbox posts it (the background loop is off in this harness).
      await app.running.app.services.outboxWorker.drain();
      assert.equal(app.connector.calls.filter((call) => call.path === '/v3/conversations').length, before + 1);
      await page.close();
    });

    it('warns, after sending now, that an earlier try that gave up may have reached the channel', async function () {
      // The state the worker leaves when a scheduled lesson post gives up after transient failures: the row failed
      // `gaveUp:`, holding the lesson's post claim (one of its tries may have reached Teams). Made here through the
      // outbox's own writes, since this harness's clock stands still and the worker's retries would never come due.
      const { repositories: repos, services } = app.running.app;
      const teamRef = { tenantId: ids.tenant, teamId: team.id };
      const ref = { ...teamRef, courseId: (await repos.enrollments.list(teamRef)).at(-1)!.courseId };
      const now = services.clock.now();
      const next = (await services.channelCourse.nextLessonToPost(ref))!;
      await repos.schedules.enqueue(ref, 'lesson', { occurrenceKey: 'gave-up', dueAt: now, status: 'queued', targets: [{ targetKey: 'channel', payload: { kind: 'channelLesson', lessonId: next.lesson.id } }] }, now);
      const [row] = await repos.outbox.claim(now, 60_000, 10);
      assert.ok(row && row.payload.kind === 'channelLesson' && row.payload.lessonId);
      const { courseId } = (await repos.enrollments.find(ref))!;
      assert.equal(await repos.outbox.claimPost(row.team, lessonPostKey(courseId, row.payload.lessonId), row.id, now), 'claimed');
      assert.ok(await repos.outbox.markFailed(row.id, row.leaseToken, 'gaveUp:transient', now));

      const page = await openTab(context, app.pageUrl(teamHash));
      await page.getByRole('button', { name: 'Send neste leksjon nå' }).click();
      await page.getByRole('dialog', { name: 'Sende nå?' }).getByRole('button', { name: 'Send nå' }).click();
      await page.locator('[data-status="schedules"]', { hasText: 'Neste leksjon sendes nå' }).waitFor();
      const warning = page.locator('[data-warning="earlier-try-gave-up"]');
      await warning.waitFor();
      assert.match((await warning.textContent()) ?? '', /Et tidligere forsøk på å sende denne leksjonen ga opp etter feil hos Teams, men kan ha kommet fram likevel/);
      assert.deepEqual(await wcagViolations(page), []);
      const before = app.connector.calls.filter((call) => call.path === '/v3/conversations').length;
      await app.running.app.services.outboxWorker.drain();
      assert.equal(app.connector.calls.filter((call) => call.path === '/v3/conversations').length, before + 1, 'posted once, the claim taken over');
      await page.close();
    });

    it('shows a delivery that failed with its state and the reason in plain words', async function () {
      const sent = await fetch(`${app.url}/api/v1/teams/${encodeURIComponent(team.id)}/schedules/lesson/send-now`, { method: 'POST', headers: { 'x-dev-user': `${ids.tenant}/${ids.ingrid.aadObjectId}` } });
      assert.equal(sent.status, 200);
      app.connector.stallNext((call) => call.method === 'POST' && call.path === '/v3/conversations', { status: 403, code: 'BotNotInConversationRoster' }).release();
      await app.running.app.services.outboxWorker.drain();
      const page = await openTab(context, app.pageUrl(teamHash));
      const failed = page.locator('[data-table="deliveries-past"] [data-delivery="failed"]', { hasText: 'appen er fjernet fra teamet' });
      await failed.first().waitFor();
      assert.equal(await page.locator('[data-table="deliveries-past"] [data-delivery="failed"]').count(), 1, 'the one delivery that failed');
      assert.match((await failed.first().textContent()) ?? '', /Leksjon.*Feilet.*Årsak: appen er fjernet fra teamet.*0 av 1 sendt.*1 feilet/);
      await page.close();
    });
  });

  describe('themes, language and layout', function () {
    // Its tests only read (themes and language live in the page): one seeded department for all of them.
    let app: TabApp;
    let context: BrowserContext;
    useTabRig('all', () => browser, (rig) => ({ app, context } = rig));

    it('switches theme from the developer bar and from ?theme=', async function () {
      const page = await openTab(context, app.pageUrl(teamHash));
      const background = () => page.evaluate(() => getComputedStyle(document.querySelector('[data-theme]')).backgroundColor as string);
      const light = await background();
      await page.getByLabel('Tema').selectOption('dark');
      await page.locator('[data-theme="dark"]').waitFor();
      const dark = await background();
      assert.notEqual(dark, light);
      const [r, g, b] = dark.match(/\d+/g)!.map(Number);
      assert.ok(r! < 60 && g! < 60 && b! < 60, `dark background ${dark}`);
      await page.goto(app.pageUrl(teamHash, ids.ingrid, { theme: 'contrast' }));
      await page.locator('[data-theme="contrast"]').waitFor();
      assert.equal(await background(), 'rgb(0, 0, 0)');
      await page.close();
    });

    it('speaks Nynorsk and English, with the page’s lang set to match', async function () {
      const page = await openTab(context, app.pageUrl(teamHash, ids.ingrid, { lang: 'nn' }));
      assert.equal(await page.locator('html').getAttribute('lang'), 'nn');
      assert.match((await page.locator('main').textContent()) ?? '', /Fullføring per leksjon.*Har lese.*Refleksjonsrundar/);
      await page.getByLabel('Språk').selectOption('en');
      await page.locator('h1', { hasText: 'Progress' }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      await page.close();
    });

    for (const width of [320, 360]) {
      it(`fits a ${width} px wide panel without horizontal scrolling of the page`, async function () {
        const narrow = await offlineContext(browser, app.url, { width, height: 720 });
        try {
          for (const hash of [teamHash, '#/personal']) {
            const page = await openTab(narrow, app.pageUrl(hash));
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            assert.ok(overflow <= 0, `${hash} overflows by ${overflow}px`);
            const cells = await page.locator('td, th').count();
            assert.ok(hash !== teamHash || cells > 0, 'the dashboard has table cells to look at');
            assert.deepEqual(await page.evaluate(wordsBrokenInTables), [], `${hash}: no word in a table is broken over two lines`);
            await page.close();
          }
        } finally {
          await narrow.close();
        }
      });
    }

    it('shows on the configuration page what it saves for the channel tab', async function () {
      const page = await openTab(context, app.pageUrl('#/config'));
      assert.equal(await page.locator('[data-config="name"]').textContent(), 'Framdrift');
      assert.equal(await page.locator('[data-config="url"]').textContent(), `${app.url.replace('http:', 'https:')}/tab/index.html#/team`);
      await page.close();
    });
  });

  describe('the personal tab (Mitt kurs)', function () {
    // Its tests mark lessons read and edit and delete reflections: each starts from the freshly seeded department.
    let app: TabApp;
    let context: BrowserContext;
    useTabRig('each', () => browser, (rig) => ({ app, context } = rig));

    it('lists my lessons, opens one and marks it read', async function () {
      const page = await openTab(context, app.pageUrl('#/personal', teamPeople[3]));
      assert.equal(await page.locator('[data-lesson]').count(), 8);
      const read = page.locator('[data-lesson]').filter({ has: page.getByText('Lest', { exact: true }) });
      assert.equal(await read.count(), 0);
      await page.getByRole('link', { name: /^Les leksjon 1:/ }).click();
      await page.locator('[data-page="lesson"] h1').waitFor();
      assert.match((await page.locator('main').textContent()) ?? '', /Leksjon 1 av 8/);
      assert.ok((await page.locator('article strong').count()) > 0, 'the **bold** of the lesson text is rendered');
      assert.ok((await page.locator('article ul li').count()) >= 3, 'the "- " lists of the lesson text are rendered');
      assert.doesNotMatch((await page.locator('article').textContent()) ?? '', /\*\*/);
      await page.getByRole('button', { name: 'Jeg har lest' }).click();
      await page.locator('[data-status="lesson"]', { hasText: 'Leksjonen er merket som lest.' }).waitFor();
      await page.getByRole('link', { name: 'Tilbake til Mitt kurs' }).click();
      await read.first().waitFor();
      assert.equal(await read.count(), 1);
      assert.match((await page.locator('main').textContent()) ?? '', /Du har lest 1 av 8 leksjoner\./);
      await page.close();
    });

    it('edits my reflection, shows the server’s message for a too-long answer, and deletes it after confirming', async function () {
      const page = await openTab(context, app.pageUrl('#/personal', ids.ola));
      const reflection = page.locator('[data-reflection]');
      assert.equal(await reflection.count(), 1);
      assert.match((await reflection.textContent()) ?? '', /Delt i tråden anonymt.*Delt anonymt/);
      await reflection.getByRole('button', { name: /^Endre/ }).click();
      const first = reflection.getByLabel('Hva leste du?');
      await first.fill('x'.repeat(1001));
      await reflection.getByRole('button', { name: 'Lagre' }).click();
      await reflection.getByText(/Svaret på «Hva leste du\?» er 1001 tegn langt/).waitFor();
      await first.fill('Endret i fanen');
      await reflection.getByRole('button', { name: 'Lagre' }).click();
      await page.locator('[data-status="reflections"]', { hasText: 'Refleksjonen er lagret.' }).waitFor();
      assert.match((await reflection.textContent()) ?? '', /Endret i fanen/);
      await reflection.getByRole('button', { name: /^Slett/ }).click();
      await page.getByRole('dialog', { name: 'Slette refleksjonen?' }).getByRole('button', { name: 'Slett' }).click();
      await page.locator('[data-status="reflections"]', { hasText: 'er slettet' }).waitFor();
      assert.match((await page.locator('main').textContent()) ?? '', /Du har ikke skrevet noen refleksjoner ennå\./);
      await page.close();
    });
  });

  describe('privacy and accessibility', function () {
    // Its tests only read: one seeded department for all of them, and two more apps configured otherwise.
    let app: TabApp;
    let context: BrowserContext;
    useTabRig('all', () => browser, (rig) => ({ app, context } = rig));
    let named: TabApp;
    let small: TabApp;
    let namedContext: BrowserContext;
    let smallContext: BrowserContext;

    before(async function () {
      [named, small] = await Promise.all([startTabApp({ env: { NAMED_PROGRESS: 'true' } }), startTabApp({ members: 4 })]);
      [namedContext, smallContext] = await Promise.all([offlineContext(browser, named.url), offlineContext(browser, small.url)]);
    });

    after(async function () {
      await namedContext?.close();
      await smallContext?.close();
      await named?.close();
      await small?.close();
    });

    it('shows leaders each member’s counts only where the organisation switched named progress on, and explains it', async function () {
      const page = await openTab(namedContext, named.pageUrl(teamHash));
      const rows = page.locator('[data-table="named"] tbody tr');
      assert.equal(await rows.count(), 5);
      assert.match((await rows.filter({ hasText: ids.ola.name }).textContent()) ?? '', /Ola Hansen11/);
      assert.match((await page.locator('[data-section="named"]').textContent()) ?? '', /har slått på navngitt framdrift/);
      const member = await openTab(namedContext, named.pageUrl(teamHash, ids.ola));
      assert.equal(await member.locator('[data-table="named"]').count(), 0);
      assert.doesNotMatch((await member.locator('main').textContent()) ?? '', /Kari Berg|Per Lie|Anne Dahl/);
      await page.close();
      await member.close();
    });

    it('shows “too few to show” instead of every figure for a team below the minimum group size', async function () {
      const page = await openTab(smallContext, small.pageUrl(teamHash));
      assert.match((await page.locator('[data-too-few-note]').textContent()) ?? '', /færre enn 5 medlemmer/);
      const lessonRows = page.locator('[data-chart="lessons"] tbody tr');
      assert.equal(await lessonRows.count(), 8);
      assert.equal(await page.locator('[data-chart="lessons"] [data-too-few]').count(), 16);
      assert.doesNotMatch((await page.locator('[data-chart="lessons"]').textContent()) ?? '', /\d av \d/);
      assert.ok((await page.locator('[data-chart="participation"] [data-too-few]').count()) > 0);
      assert.equal(await page.locator('[data-chart="participation"] svg').count(), 0);
      await page.close();
    });

    const pages: readonly { readonly name: string; readonly hash: string; readonly user?: TestUser; readonly app: () => TabApp; readonly context: () => BrowserContext }[] = [
      { name: 'the leader’s dashboard', hash: teamHash, app: () => app, context: () => context },
      { name: 'a member’s dashboard', hash: teamHash, user: ids.ola, app: () => app, context: () => context },
      { name: 'the dashboard with named progress', hash: teamHash, app: () => named, context: () => namedContext },
      { name: 'the dashboard of a small team', hash: teamHash, app: () => small, context: () => smallContext },
      { name: 'the personal tab', hash: '#/personal', app: () => app, context: () => context },
      { name: 'a lesson', hash: `#/lesson?lessonId=${encodeURIComponent('')}`, app: () => app, context: () => context },
      { name: 'the configuration page', hash: '#/config', app: () => app, context: () => context },
    ];

    for (const target of pages) {
      it(`reaches every control on ${target.name} with the Tab key`, async function () {
        const page = await openTab(target.context(), target.app().pageUrl(await resolveHash(target.hash, target.app()), target.user));
        await openDisclosures(page);
        assert.deepEqual(await controlsNotReachedByTab(page), []);
        await page.close();
      });

      for (const theme of themes) {
        it(`has no WCAG 2.1 A/AA violations on ${target.name} in the ${theme} theme`, async function () {
          const page = await openTab(target.context(), target.app().pageUrl(await resolveHash(target.hash, target.app()), target.user, { theme }));
          await page.locator(`[data-theme="${theme}"]`).waitFor();
          await openDisclosures(page);
          assert.deepEqual(await wcagViolations(page), []);
          await page.close();
        });
      }
    }
  });
});

/** A lesson page's hash needs a real lesson id: the first lesson of the app's course. */
async function resolveHash(hash: string, app: TabApp): Promise<string> {
  if (!hash.startsWith('#/lesson')) return hash;
  const lessonId = app.running.app.courses.defaultCourse().content.nb!.lessons[0]!.id;
  return `#/lesson?lessonId=${encodeURIComponent(lessonId)}`;
}

/** The words in table cells that the browser broke over two lines (run in the page; hyphens and spaces are word boundaries). */
function wordsBrokenInTables(): string[] {
  const broken: string[] = [];
  for (const cell of document.querySelectorAll('td, th')) {
    const walker = document.createTreeWalker(cell, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of (node.textContent ?? '').matchAll(/[^\s\-–]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}
