import assert from 'node:assert/strict';
import type { Browser, BrowserContext } from 'playwright-core';
import { channelAction, ids, team, teamPeople, type TestUser } from '../helpers/activities.js';
import { FakeJwks, ssoEnv } from '../helpers/entra-tokens.js';
import { openInFakeTeams, type FakeTeams, type FakeTeamsOptions } from '../helpers/fake-teams-host.js';
import { launchChromium, offlineContext, skipWithoutBrowser, startTabApp, wcagViolations, type TabApp } from '../helpers/tab-browser.js';

// The callbacks passed to evaluate run in the browser; the project compiles without the DOM lib.
declare function getComputedStyle(element: unknown): any;

const meetingId = 'MCMxOTptZWV0aW5nX2Zha2VAdGhyZWFkLnYyIzA=';
const [ingrid, ola, , per] = teamPeople;
/** Someone in the tenant who is not in the team. */
const sigrid: TestUser = { id: '29:sigrid', aadObjectId: '6a1c0e5e-0000-4000-8000-0000000000f6', name: 'Sigrid Moe' };

/** A browser and a fake Entra ID, shared by the tests of a describe. */
type MeetingHost = { browser: Browser; jwks: FakeJwks };

/** A running app with single sign-on against the host's fake Entra ID, its own seeded team, a browser context, and the lesson ids. */
type MeetingRig = MeetingHost & { app: TabApp; context: BrowserContext; lessons: { id: string; title: string }[] };

async function startHost(): Promise<MeetingHost> {
  const [jwks, browser] = await Promise.all([new FakeJwks().start(), launchChromium()]);
  return { browser, jwks };
}

async function stopHost(host: MeetingHost | undefined): Promise<void> {
  await host?.browser.close();
  await host?.jwks.stop();
}

async function startRig(host: MeetingHost): Promise<MeetingRig> {
  const app = await startTabApp({ env: ssoEnv(host.jwks) });
  const context = await offlineContext(host.browser, app.url);
  const lessons = app.running.app.courses.defaultCourse().content.nb!.lessons.map((lesson) => ({ id: lesson.id, title: lesson.title }));
  return { ...host, app, context, lessons };
}

async function stopRig(rig: MeetingRig | undefined): Promise<void> {
  await rig?.context.close();
  await rig?.app.close();
}

/** Opens the tab in the fake Teams meeting as a person. */
async function inMeeting(rig: MeetingRig, user: TestUser, options: Omit<FakeTeamsOptions, 'token' | 'tenantId' | 'userObjectId'>): Promise<FakeTeams> {
  return openInFakeTeams(rig.context, rig.app.url, { meetingId, ...options, token: await rig.jwks.token(user), tenantId: ids.tenant, userObjectId: user.aadObjectId });
}

const stageHash = (lessonId: string) => `#/stage?${new URLSearchParams({ teamId: team.id, kind: 'reflection', id: lessonId }).toString()}`;

describe('the department meeting in Chromium: the side panel (Teams faked at the teams-js boundary)', function () {
  this.timeout(120_000);
  let host: MeetingHost | undefined;
  let rig: MeetingRig | undefined;

  // Its tests only read (what is shown on the stage is the fake host's, not the app's): one seeded team for all of them.
  before(async function () {
    skipWithoutBrowser(this, 'the department meeting in Chromium');
    host = await startHost();
    rig = await startRig(host);
  });

  after(async function () {
    await stopRig(rig);
    await stopHost(host);
  });

  it('lets the course coordinator choose the team when adding the tab to a meeting, and saves the link in the tab only', async function () {
    const teams = await inMeeting(rig!, ingrid, { frameContext: 'settings', hash: '#/config' });
    await teams.tab.getByRole('heading', { name: 'Legg til Framdrift i møtet' }).waitFor();
    const choice = teams.tab.getByRole('combobox', { name: 'Team' });
    await choice.waitFor();
    assert.deepEqual(await choice.locator('option').allTextContents(), [team.name]);
    assert.equal(await choice.inputValue(), team.id, 'the only team is chosen');
    // The settings become valid once a team is chosen.
    await waitForCall(teams, (call) => call.func.endsWith('setValidityState') && call.args[0] === true);
    assert.deepEqual(await wcagViolations(teams.page), []);
    // Save: the tab's content URL is the meeting page of the chosen team (nothing is stored on the server).
    await teams.pressSave();
    await waitForCall(teams, (call) => call.func === 'settings.save.success');
    const saved = (await teams.calls()).find((call) => call.func === 'settings.setSettings')?.args[0] as { contentUrl: string; entityId: string };
    assert.equal(saved.contentUrl, `${rig!.app.url.replace(/^http:/, 'https:')}/tab/index.html#/meeting?teamId=${encodeURIComponent(team.id)}`);
    assert.equal(saved.entityId, 'laerekraft-meeting');
    await teams.page.close();

    // Someone who coordinates no team cannot link the meeting to one: the settings stay invalid.
    const member = await inMeeting(rig!, ola, { frameContext: 'settings', hash: '#/config' });
    await member.tab.getByText('Du er ikke kursansvarlig for noe team.', { exact: false }).waitFor();
    await waitForCall(member, (call) => call.func.endsWith('setValidityState'));
    assert.ok((await member.calls()).filter((call) => call.func.endsWith('setValidityState')).every((call) => call.args[0] === false));
    await member.page.close();
  });

  it('lists the team’s reflection rounds, newest first, and shares the chosen one to the stage through teams-js', async function () {
    const teams = await inMeeting(rig!, ingrid, { frameContext: 'sidePanel', hash: `#/meeting?teamId=${encodeURIComponent(team.id)}`, canShare: true });
    await teams.tab.getByRole('heading', { name: 'Avdelingsmøte' }).waitFor();
    const items = teams.tab.locator('[data-stage-item]');
    await items.first().waitFor();
    assert.equal(await items.count(), 2);
    const newest = items.nth(0);
    assert.match((await newest.textContent()) ?? '', new RegExp(`Refleksjonsrunde${escape(rig!.lessons[1]!.title)}2 delte svar`));
    assert.match((await items.nth(1).textContent()) ?? '', /Ingen delte svar ennå/);
    assert.match((await teams.tab.locator('[data-meeting="team"]').textContent()) ?? '', /Team: Oppvekst/);
    assert.deepEqual(await wcagViolations(teams.page), []);

    await newest.getByRole('button', { name: 'Vis på skjermen' }).click();
    await teams.tab.locator('[data-meeting="status"]', { hasText: `Vises nå på skjermen: ${rig!.lessons[1]!.title}` }).waitFor();
    const shares = (await teams.calls()).filter((call) => call.func === 'meeting.shareAppContentToStage');
    assert.equal(shares.length, 1);
    assert.equal(shares[0]!.args[0], `${rig!.app.url}/tab/index.html${stageHash(rig!.lessons[1]!.id)}`);
    await teams.page.close();
  });

  it('tells a course coordinator who is not a presenter that only presenters can share, with no share buttons (high contrast, axe clean)', async function () {
    const teams = await inMeeting(rig!, ingrid, { frameContext: 'sidePanel', hash: `#/meeting?teamId=${encodeURIComponent(team.id)}`, canShare: false, theme: 'contrast' });
    await teams.tab.getByText('Du kan vise noe på skjermen når du er presentatør eller arrangør i møtet.').waitFor();
    await teams.tab.locator('[data-stage-item]').first().waitFor();
    assert.equal(await teams.tab.getByRole('button', { name: 'Vis på skjermen' }).count(), 0);
    assert.equal(await teams.tab.locator('[data-theme]').first().getAttribute('data-theme'), 'contrast');
    assert.deepEqual(await wcagViolations(teams.page), []);
    assert.equal((await teams.calls()).filter((call) => call.func === 'meeting.shareAppContentToStage').length, 0);
    await teams.page.close();
  });

  it('asks for the team in the side panel when the meeting tab was saved without one', async function () {
    const teams = await inMeeting(rig!, ingrid, { frameContext: 'sidePanel', hash: '#/meeting', canShare: true });
    await teams.tab.getByText('Denne møtefanen er ikke koblet til et team ennå.', { exact: false }).waitFor();
    await teams.tab.getByRole('link', { name: team.name }).click();
    await teams.tab.locator('[data-stage-item]').first().waitFor();
    assert.equal(await teams.tab.locator('[data-stage-item]').count(), 2);
    await teams.page.close();
  });

  it('tells a member that course coordinators choose what is shown, and lists nothing', async function () {
    const teams = await inMeeting(rig!, ola, { frameContext: 'sidePanel', hash: `#/meeting?teamId=${encodeURIComponent(team.id)}`, canShare: true });
    await teams.tab.getByText('Det er de kursansvarlige som velger hva som vises på skjermen i møtet.').waitFor();
    assert.equal(await teams.tab.locator('[data-stage-item]').count(), 0);
    await teams.page.close();
  });
});

describe('the department meeting in Chromium: the stage (Teams faked at the teams-js boundary)', function () {
  this.timeout(120_000);
  let host: MeetingHost | undefined;
  let rig: MeetingRig | undefined;

  before(async function () {
    skipWithoutBrowser(this, 'the department meeting in Chromium');
    host = await startHost();
  });

  // A test shares a new answer in the round the others show: each test has its own app and seeded team.
  beforeEach(async function () {
    rig = await startRig(host!);
  });

  afterEach(async function () {
    await stopRig(rig);
    rig = undefined;
  });

  after(async function () {
    await stopHost(host);
  });

  it('shows everyone the questions, the shared answers (the anonymous one without a name) and how many answered, in the dark theme — and a newly shared answer appears live', async function () {
    const lesson = rig!.lessons[1]!;
    const teams = await inMeeting(rig!, ola, { frameContext: 'meetingStage', hash: stageHash(lesson.id), theme: 'dark' });
    const main = teams.tab.locator('main[data-page="stage"]');
    await teams.tab.getByRole('heading', { level: 1, name: lesson.title }).waitFor();
    assert.equal(await teams.tab.locator('[data-theme]').first().getAttribute('data-theme'), 'dark');
    assert.deepEqual(await teams.tab.locator('[data-stage="questions"] li').allTextContents(), ['Hva leste du?', 'Hva likte du?', 'Hvordan skal du ta med deg dette inn i egen arbeidshverdag?']);
    assert.match((await teams.tab.locator('[data-stage="counts"]').textContent()) ?? '', /3 av 5 har svart/);
    const cards = teams.tab.locator('[data-stage="shared"] > li');
    assert.equal(await cards.count(), 2);
    const text = (await main.textContent()) ?? '';
    assert.match(text, /Ingrid Nilsen.*Delt med navn|Delt med navn.*Ingrid Nilsen/s);
    assert.equal(await teams.tab.locator('[data-anonymous]', { hasText: 'Delt anonymt' }).count(), 1);
    assert.match((await teams.tab.locator('[data-anonymous]').first().textContent()) ?? '', /^En kollega \(anonymt\)/);
    assert.doesNotMatch(text, /Bare for meg|Ola Hansen|Kari Berg/);
    // Large type for a meeting room: the answers are at least 20 px, the title larger still.
    const sizes = await main.evaluate((element: any) => ({
      answer: parseFloat(getComputedStyle(element.querySelector('[data-stage="shared"] dd')).fontSize),
      title: parseFloat(getComputedStyle(element.querySelector('h1')).fontSize),
    }));
    assert.ok(sizes.answer >= 20 && sizes.title >= 32, JSON.stringify(sizes));
    assert.deepEqual(await wcagViolations(teams.page), []);

    const refreshes = Number(await main.getAttribute('data-refreshes'));
    const answered = await rig!.app.running.post(
      channelAction(
        'reflection.submit',
        { courseId: rig!.app.running.app.courses.defaultCourse().id, lessonId: lesson.id, teamId: team.id, visibility: 'anonymous', answer1: 'Svar delt mens møtet pågår', answer2: '', answer3: '**ikke markdown** <b>og ikke HTML</b>' },
        { serviceUrl: rig!.app.connector.url, user: per, teamId: team.id },
      ),
    );
    assert.equal(answered.status, 200);
    const fresh = teams.tab.locator('[data-anonymous]', { hasText: 'Svar delt mens møtet pågår' });
    await fresh.waitFor();
    assert.ok(Number(await main.getAttribute('data-refreshes')) > refreshes);
    await teams.tab.locator('[data-stage="counts"]', { hasText: '4 av 5 har svart' }).waitFor();
    assert.equal(await cards.count(), 3);
    // Users' text is text: no Markdown, no HTML.
    assert.match((await fresh.textContent()) ?? '', /\*\*ikke markdown\*\* <b>og ikke HTML<\/b>/);
    assert.equal(await fresh.locator('b, strong').count(), 0);
    assert.doesNotMatch((await main.textContent()) ?? '', /Per Lie/);
    await teams.page.close();
  });

  it('speaks the meeting’s language (Nynorsk from the Teams locale) and follows Teams’ theme changes to high contrast, axe clean', async function () {
    const lesson = rig!.lessons[1]!;
    const teams = await inMeeting(rig!, ingrid, { frameContext: 'meetingStage', hash: stageHash(lesson.id), locale: 'nn-NO' });
    await teams.tab.locator('[data-stage="questions"] li', { hasText: 'Kva las du?' }).waitFor();
    assert.equal(await teams.tab.locator('html').getAttribute('lang'), 'nn');
    await teams.tab.locator('[data-anonymous]', { hasText: 'Ein kollega (anonymt)' }).first().waitFor();
    assert.equal(await teams.tab.locator('[data-theme]').first().getAttribute('data-theme'), 'default');
    await teams.setTheme('contrast');
    await teams.tab.locator('[data-theme="contrast"]').waitFor();
    assert.deepEqual(await wcagViolations(teams.page), []);
    await teams.setTheme('dark');
    await teams.tab.locator('[data-theme="dark"]').waitFor();
    await teams.page.close();
  });

  it('refuses someone in the meeting who is not a member of the team, and shows nothing of the round', async function () {
    const teams = await inMeeting(rig!, sigrid, { frameContext: 'meetingStage', hash: stageHash(rig!.lessons[1]!.id) });
    await teams.tab.getByText(/Du har ikke tilgang til dette teamet/).waitFor();
    const text = (await teams.tab.locator('main').textContent()) ?? '';
    assert.doesNotMatch(text, /Delt|Hva leste du/);
    await teams.page.close();
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Waits until the tab has sent the host a teams-js request that matches (the host records them as they come). */
async function waitForCall(teams: FakeTeams, match: (call: { func: string; args: readonly unknown[] }) => boolean): Promise<void> {
  for (;;) {
    const calls = await teams.calls();
    if (calls.some(match)) return;
    // Wait for the next request after the ones just looked at (none can slip between the look and the wait).
    await teams.page.waitForFunction((count) => (globalThis as unknown as { hostCalls: unknown[] }).hostCalls.length > count, calls.length);
  }
}
