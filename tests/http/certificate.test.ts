import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { cardAction, channelAction, ids, team, teamInstall, teamPeople, type TestUser } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { describeEachEngine } from '../helpers/engines.js';
import { bearer, FakeJwks, ssoEnv } from '../helpers/entra-tokens.js';
import { cardText, FakeConnector } from '../helpers/fake-connector.js';
import { seededSetup } from '../helpers/seed-team.js';

const PACKS = 'tests/fixtures/packs/knowledge';
const courseId = 'kunnskapskurs';
const lessons = ['maalene-kort', 'sirkulaer'] as const;

const clock = { current: new Date('2026-03-09T08:00:00.000Z'), now() { return new Date(this.current); } };

/** The text a PDF shows, a line per text item, as a PDF reader extracts it (pdf.js, through each font's ToUnicode map). */
async function pdfText(pdf: Buffer): Promise<string> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const lines: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    for (const item of content.items) if ('str' in item && item.str.trim() !== '') lines.push(item.str);
  }
  await document.destroy();
  return lines.join('\n');
}

/** The URL of the card's "open" link, as a path on the running app. */
function linkOf(card: Record<string, unknown>, base: string): string {
  const action = (card.actions as { type: string; url?: string }[]).find((candidate) => candidate.type === 'Action.OpenUrl');
  assert.ok(action?.url, `no link on the card: ${cardText(card)}`);
  const url = new URL(action.url);
  return `${base}${url.pathname}${url.search}`;
}

describeEachEngine('course certificate', (engine) => {
  let connector: FakeConnector;
  let jwks: FakeJwks;
  let running: RunningApp;

  beforeEach(async function () {
    clock.current = new Date('2026-03-09T08:00:00.000Z');
    connector = await new FakeConnector().start();
    jwks = await new FakeJwks().start();
    running = await startApp({ clock, engine, env: { ...ssoEnv(jwks), COURSE_PACKS: PACKS } });
  });

  afterEach(async function () {
    await running.close();
    await connector.stop();
    await jwks.stop();
  });

  const personal = (user: TestUser, locale = 'nn-NO') => ({ serviceUrl: connector.url, user, locale });

  /** Reads the course's lessons in personal chat ("Eg har lese"). */
  async function read(user: TestUser, which: readonly string[] = lessons): Promise<void> {
    for (const lessonId of which) assert.equal((await running.post(cardAction('lesson.read', { courseId, lessonId }, personal(user)))).status, 200);
  }

  const certificateCard = async (user: TestUser, locale = 'nn-NO') => (await running.post(cardAction('certificate.link', { courseId }, personal(user, locale)))).body.value as Record<string, unknown>;

  it('gives a person who finished a PDF in their language through a single-use link from the course-finished card', async function () {
    await read(ids.ola, [lessons[0]]);
    const early = await certificateCard(ids.ola);
    assert.match(cardText(early), /Du har ikkje fullført kurset enno/);
    assert.ok(!(early.actions as { type: string }[]).some((action) => action.type === 'Action.OpenUrl'));

    clock.current = new Date('2026-03-11T09:30:00.000Z');
    connector.clear();
    await read(ids.ola, [lessons[1]]);
    await connector.waitForSent(2);
    const finished = connector.sentCards.at(-1)!;
    assert.match(cardText(finished), /Du har fullført kurset!/);
    const button = (finished.actions as { type: string; verb?: string; data?: Record<string, string> }[]).find((action) => action.verb === 'certificate.link');
    assert.deepEqual(button?.data, { courseId });

    const card = await certificateCard(ids.ola);
    assert.match(cardText(card), /Kursbeviset ditt er klart/);
    const url = linkOf(card, running.url);
    assert.ok(!url.includes('Ola') && !url.includes(ids.ola.aadObjectId), 'the link carries neither name nor id readably');
    const response = await fetch(url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    assert.match(response.headers.get('content-disposition') ?? '', /attachment; filename="kursbevis-kurs-med-kunnskapssjekk\.pdf"/);
    const pdf = Buffer.from(await response.arrayBuffer());
    assert.equal(pdf.subarray(0, 8).toString('latin1'), '%PDF-1.7');
    const text = await pdfText(pdf);
    for (const expected of ['Kursbevis', 'Dette stadfestar at', 'Ola Hansen', 'har fullført kurset', 'Kurs med kunnskapssjekk', 'Kurset har 2 leksjonar:', '1. Berekraftsmåla på to minutt', '2. Sirkulær økonomi i kommunen', 'Fullført 11. mars 2026']) {
      assert.ok(text.includes(expected), `the PDF says "${expected}":\n${text}`);
    }
    const raw = pdf.toString('latin1');
    assert.match(raw, /\/Lang \(nn-NO\)/);
    assert.match(raw, /\/StructTreeRoot/, 'a tagged PDF');
    assert.match(raw, /\/DisplayDocTitle true/);

    // Single use, and 15 minutes.
    const second = await fetch(url, { headers: { 'accept-language': 'nb' } });
    assert.equal(second.status, 401);
    assert.match(((await second.json()) as { message: string }).message, /Lenken har gått ut, er brukt eller er ugyldig/);
    const later = linkOf(await certificateCard(ids.ola), running.url);
    clock.current = new Date(clock.current.getTime() + 16 * 60_000);
    assert.equal((await fetch(later)).status, 401);
    const tampered = linkOf(await certificateCard(ids.ola), running.url).replace(/token=(.)/, (_all, first: string) => `token=${first === 'e' ? 'f' : 'e'}`);
    assert.equal((await fetch(tampered)).status, 401);
    assert.equal((await fetch(`${running.url}/api/v1/certificate?token=forged`)).status, 401);

    // Stored: that Ola fetched this course's certificate, and nothing else (no name, no date).
    const db = running.app.database.db;
    assert.deepEqual(await db.selectFrom('certificates').selectAll().execute(), [{ tenant_id: ids.tenant, user_id: ids.ola.aadObjectId, course_id: courseId }]);
    const tables = engine === 'sqlite' ? sql`select name from sqlite_master where type = 'table'` : sql`select table_name as name from information_schema.tables where table_schema = current_schema()`;
    for (const { name } of (await tables.execute(db)).rows as { name: string }[]) {
      const rows = JSON.stringify((await sql`select * from ${sql.table(name)}`.execute(db)).rows);
      assert.ok(!rows.includes('Ola Hansen'), `no name stored in ${name}`);
    }
  });

  it('downloads from Mitt kurs with sign-in, and refuses an unfinished course, a stranger and another tenant', async function () {
    await read(ids.ola);
    const api = `${running.url}/api/v1/me/certificate?courseId=${courseId}`;
    const mine = await fetch(api, { headers: { ...bearer(await jwks.token(ids.ola)), 'accept-language': 'en' } });
    assert.equal(mine.status, 200);
    assert.equal(mine.headers.get('content-type'), 'application/pdf');
    const text = await pdfText(Buffer.from(await mine.arrayBuffer()));
    for (const expected of ['Course certificate', 'Ola Hansen', 'Course with a knowledge check', '2. Circular economy in the municipality', 'Completed on 9 March 2026']) assert.ok(text.includes(expected), `"${expected}" in:\n${text}`);

    const unfinished = await fetch(api, { headers: { ...bearer(await jwks.token(ids.ingrid)), 'accept-language': 'nb' } });
    assert.equal(unfinished.status, 409);
    assert.equal(((await unfinished.json()) as { message: string }).message, 'Du har lest 0 av 2 leksjoner. Kursbeviset er klart når du har lest alle.');
    // The same object id in another tenant is another person, with no progress there.
    const elsewhere = await fetch(api, { headers: bearer(await jwks.token(ids.ola, { tid: ids.otherTenant })) });
    assert.equal(elsewhere.status, 409);
    assert.equal((await fetch(api)).status, 401);
    assert.equal((await fetch(`${running.url}/api/v1/me/certificate?courseId=no-such-course`, { headers: bearer(await jwks.token(ids.ola)) })).status, 404);
    const stored = await running.app.database.db.selectFrom('certificates').selectAll().execute();
    assert.deepEqual(stored.map((row) => [row.tenant_id, row.user_id]), [[ids.tenant, ids.ola.aadObjectId]]);
  });

  it('prints a Sami name with its own letters (á, č, đ, ŋ, š, ŧ, ž), not replaced or dropped', async function () {
    const sami: TestUser = { ...ids.ola, name: 'Niillas Ánte Čuoŋŋa-Đuššaŧ Žáš' };
    await read(sami);
    const answer = await fetch(`${running.url}/api/v1/me/certificate?courseId=${courseId}`, { headers: { ...bearer(await jwks.token(sami)), 'accept-language': 'nb' } });
    assert.equal(answer.status, 200);
    const pdf = Buffer.from(await answer.arrayBuffer());
    const text = await pdfText(pdf);
    assert.ok(text.split('\n').includes('Niillas Ánte Čuoŋŋa-Đuššaŧ Žáš'), `the name, whole, on a line of its own:\n${text}`);
    assert.ok(text.includes('Kursbevis'), text);
    assert.match(pdf.toString('latin1'), /\/BaseFont \/[A-Z]{6}\+NotoSans-Bold/, 'the bold Noto Sans is embedded (a subset)');
  });

  it('shows a leader only how many have a certificate, from the minimum group size, never who', async function () {
    connector.teams.set(team.id, { id: team.id, name: team.name, aadGroupId: team.aadGroupId, channels: [{ id: team.id }], members: teamPeople.map((p) => ({ ...p })) });
    await running.post(teamInstall({ serviceUrl: connector.url }));
    await running.post(channelAction('setup.save', { ...seededSetup, courseId }, { serviceUrl: connector.url, user: ids.ingrid }));
    const url = `${running.url}/api/v1/teams/${encodeURIComponent(team.id)}/knowledge`;
    const leader = async () => (await (await fetch(url, { headers: bearer(await jwks.token(ids.ingrid)) })).json()) as { certified: number | null; members: number | null };

    assert.deepEqual(await leader().then(({ certified, members }) => ({ certified, members })), { certified: 0, members: 5 });
    const fetchCertificate = async (user: TestUser) => {
      await read(user);
      const response = await fetch(`${running.url}/api/v1/me/certificate?courseId=${courseId}`, { headers: bearer(await jwks.token(user)) });
      assert.equal(response.status, 200);
      await response.arrayBuffer();
    };
    await fetchCertificate(ids.ola);
    assert.deepEqual(await leader().then(({ certified, members }) => ({ certified, members })), { certified: null, members: 5 }, 'one of five is hidden');
    for (const person of teamPeople.filter((p) => p.aadObjectId !== ids.ola.aadObjectId)) await fetchCertificate(person);
    const all = await leader();
    assert.equal(all.certified, 5);
    const body = JSON.stringify(all);
    for (const person of teamPeople) assert.ok(!body.includes(person.aadObjectId) && !body.includes(person.name));
    assert.equal((await fetch(url, { headers: bearer(await jwks.token(ids.ola)) })).status, 403, 'a member is not a leader');
    assert.equal((await fetch(url, { headers: bearer(await jwks.token(ids.ingrid, { tid: ids.otherTenant })) })).status, 403, 'another tenant sees nothing');
  });
});
