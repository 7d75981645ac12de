import assert from 'node:assert/strict';
import type { PackCheckResponse, PackImageUploadResponse, PackListResponse, TeamDashboard } from '../../bot/http/contracts.js';
import { channelAction, channelMessage, ids, team, type TestUser } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { bearer, FakeJwks, ssoEnv } from '../helpers/entra-tokens.js';
import { describeEachEngine } from '../helpers/engines.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { seedTeam } from '../helpers/seed-team.js';
import { asYaml, lessonTitle, packTitles, svgImage, testPack, tinyPng, widePng } from '../helpers/tenant-pack.js';

const clock = { current: new Date('2026-03-02T08:00:00.000Z'), now: () => clock.current };

const people = {
  ownerA: { id: '29:owner-a', aadObjectId: 'a0000000-0000-4000-8000-0000000000f4', name: 'Kari Nordvik' },
  adminB: { id: '29:admin-b', aadObjectId: 'b0000000-0000-4000-8000-0000000000b1', name: 'Bjørn Dahl' },
  hrA: { id: '29:hr-a', aadObjectId: 'a0000000-0000-4000-8000-0000000000c2', name: 'Henrik Lund' },
} satisfies Record<string, TestUser>;

describeEachEngine('a tenant’s own course packs over HTTP', (engine) => {
  let jwks: FakeJwks;
  let connector: FakeConnector;
  let running: RunningApp;

  const as = async (user: TestUser, roles: readonly string[] = [], tid: string = ids.tenant) => bearer(await jwks.token(user, { roles, tid }));
  const ownerA = () => as(people.ownerA, ['CourseOwner']);
  const adminB = () => as(people.adminB, ['Administrator'], ids.otherTenant);

  async function call<T = any>(path: string, headers: Record<string, string>, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T; headers: Headers }> {
    const response = await fetch(`${running.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', 'accept-language': 'nb-NO', ...headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
  }
  const upload = (headers: Record<string, string>, image: Buffer, fileName = 'brann.png') =>
    call<PackImageUploadResponse & { message?: string }>('/api/v1/org/packs/images', headers, { method: 'POST', body: { fileName, data: image.toString('base64') } });
  const check = (headers: Record<string, string>, pack: unknown, images: Record<string, string> = {}, fileName = 'brannvern.json') =>
    call<PackCheckResponse>('/api/v1/org/packs/check', headers, { method: 'POST', body: { fileName, source: typeof pack === 'string' ? pack : JSON.stringify(pack), images } });
  const publish = (headers: Record<string, string>, pack: unknown, images: Record<string, string> = {}, fileName = 'brannvern.json') =>
    call<PackCheckResponse>('/api/v1/org/packs', headers, { method: 'POST', body: { fileName, source: typeof pack === 'string' ? pack : JSON.stringify(pack), images } });
  const dashboard = async (): Promise<TeamDashboard> => (await call<TeamDashboard>(`/api/v1/teams/${encodeURIComponent(team.id)}/dashboard?course=brannvern`, await as(ids.ingrid))).body;
  const offered = async (tenantId: string) => (await running.app.services.enrollments.offeredCourses(tenantId)).map((course) => course.id);

  beforeEach(async function () {
    // Seeding a team through /api/messages takes a while on a busy shared machine.
    this.timeout(90_000);
    clock.current = new Date('2026-03-02T08:00:00.000Z');
    jwks = await new FakeJwks().start();
    connector = await new FakeConnector().start();
    running = await startApp({ clock, engine, env: ssoEnv(jwks) });
    await seedTeam(running, connector);
  });

  afterEach(async function () {
    await running.close();
    await connector.stop();
    await jwks.stop();
  });

  it('refuses people without the CourseOwner or Administrator role, with a catalog message', async function () {
    for (const headers of [await as(ids.ingrid), await as(people.hrA, ['CompetenceUnit'])]) {
      for (const response of [await call('/api/v1/org/packs', headers), await check(headers, testPack()), await publish(headers, testPack()), await upload(headers, tinyPng)]) {
        assert.equal(response.status, 403);
        assert.match(response.body.message, /krever rollen .*kurseier/);
      }
    }
    assert.equal((await call('/api/v1/org/packs', await as(people.hrA, ['Administrator']))).status, 200, 'an administrator may publish too');
  });

  it('shows every problem of a broken pack, from the validator and its own checks, in JSON and in YAML', async function () {
    const broken = testPack({ id: 'intro-baerekraft', image: 'mangler.png' });
    broken.content.nb.lessons[0].keyFact = 'x'.repeat(301);
    broken.content.nn.lessons[0].goals = [18];
    for (const [source, fileName] of [[broken, 'pakke.json'], [asYaml(broken), 'pakke.yaml']] as const) {
      const response = await check(await ownerA(), source, {}, fileName);
      assert.equal(response.status, 200);
      assert.equal(response.body.ok, false);
      assert.deepEqual(response.body.preview, []);
      const lines = response.body.problems.map((problem) => `${problem.path} [${problem.language ?? ''}] ${problem.message}`);
      assert.ok(lines.some((line) => line.startsWith('/id [] ') && line.includes('«intro-baerekraft» brukes allerede')), lines.join('\n'));
      // The validator's problems are worded in the caller's language (here Bokmål), whatever language they concern.
      assert.ok(lines.includes('/content/nb/lessons/0/keyFact [nb] Teksten er 301 tegn lang, men grensen er 300. Gjør den kortere.'), lines.join('\n'));
      assert.ok(lines.includes('/content/nn/lessons/0/goals/0 [nn] Mål 18 finnes ikke. Bærekraftsmålene har nummer 1–17.'), lines.join('\n'));
      assert.ok(lines.some((line) => line.startsWith('/content/en/lessons/0/image/url [en]') && line.includes('«mangler.png» er ikke lastet opp')), lines.join('\n'));
      // In YAML every problem also says its line and column, as `npm run course:validate` does; JSON gives the path.
      const keyFact = response.body.problems.find((problem) => problem.path === '/content/nb/lessons/0/keyFact')!;
      if (fileName.endsWith('.yaml')) {
        assert.ok(keyFact.line !== null && keyFact.column !== null, JSON.stringify(keyFact));
        assert.match((source as string).split('\n')[keyFact.line - 1]!, /keyFact/);
      } else assert.equal(keyFact.line, null);
    }
    const unreadable = await check(await ownerA(), 'id: [uavsluttet', {}, 'pakke.yml');
    assert.equal(unreadable.body.problems.length, 1);
    assert.match(unreadable.body.problems[0]!.message, /^Fila kan ikke leses som JSON eller YAML: /);
    assert.equal(unreadable.body.problems[0]!.line, 1);
  });

  it('words the validator’s problems in the caller’s language: Nynorsk, Bokmål or English', async function () {
    const broken = testPack({ lessons: 2 });
    delete broken.content.nb.lessons[0].title;
    broken.content.nb.lessons[1].tittel = 'Skrivefeil i feltnamnet';
    broken.content.nn.lessons[1].id = 'leksjon-1';
    broken.content.en.lessons[0].body = Array.from({ length: 4 }, () => Array.from({ length: 100 }, () => 'word').join(' '));
    broken.content.en.lessons[0].keyFact = 'Three words here.';
    broken.content.en.lessons[1].body = ['# A heading', ...broken.content.en.lessons[1].body.slice(1)];
    const problems = async (acceptLanguage: string): Promise<Map<string, string>> => {
      const response = await check({ ...(await ownerA()), 'accept-language': acceptLanguage }, broken);
      assert.equal(response.status, 200);
      assert.equal(response.body.ok, false);
      return new Map(response.body.problems.map((problem) => [`${problem.path} [${problem.language ?? ''}]`, problem.message]));
    };
    const expected = {
      nn: {
        '/content/nb/lessons/0/title [nb]': 'Feltet manglar og må fyllast ut.',
        '/content/nb/lessons/1/tittel [nb]': '«tittel» er ikkje eit kjent felt. Sjå over stavemåten eller ta bort feltet.',
        '/content/nn/lessons [nn]': 'Leksjonen «leksjon-2» manglar. Språket nb har han på indeks 1.',
        '/content/nn/lessons/1/id [nn]': 'Leksjons-ID-en «leksjon-1» er brukt to gonger (òg på indeks 0). Kvar leksjon treng sin eigen ID.',
        '/content/en/lessons/0/body [en]': 'Leksjonen har 403 ord (body og keyFact), men grensa er 320. Gjer teksten kortare.',
        '/content/en/lessons/1/body/0 [en]': 'Brukar ei Markdown-overskrift (#), som Teams-kort ikkje viser. Bruk **feit skrift** i staden.',
      },
      nb: {
        '/content/nb/lessons/0/title [nb]': 'Feltet mangler og må fylles ut.',
        '/content/nb/lessons/1/tittel [nb]': '«tittel» er ikke et kjent felt. Sjekk stavemåten eller fjern feltet.',
        '/content/nn/lessons [nn]': 'Leksjonen «leksjon-2» mangler. Språket nb har den på indeks 1.',
        '/content/nn/lessons/1/id [nn]': 'Leksjons-ID-en «leksjon-1» er brukt to ganger (også på indeks 0). Hver leksjon trenger sin egen ID.',
        '/content/en/lessons/0/body [en]': 'Leksjonen har 403 ord (body og keyFact), men grensen er 320. Gjør teksten kortere.',
        '/content/en/lessons/1/body/0 [en]': 'Bruker en Markdown-overskrift (#), som Teams-kort ikke viser. Bruk **fet skrift** i stedet.',
      },
      en: {
        '/content/nb/lessons/0/title [nb]': 'is required',
        '/content/nb/lessons/1/tittel [nb]': '"tittel" is not a known property; check the spelling or remove it',
        '/content/nn/lessons [nn]': 'lesson "leksjon-2" is missing; nb has it at index 1',
        '/content/nn/lessons/1/id [nn]': 'lesson id "leksjon-1" is used twice (also at index 0)',
        '/content/en/lessons/0/body [en]': 'the lesson has 403 words (body and key fact); the limit is 320',
        '/content/en/lessons/1/body/0 [en]': 'uses a Markdown heading (#), which Teams cards do not render; use **bold** instead',
      },
    };
    const english = / must | is required| the limit is | differ|\bmissing\b|\bnot\b/;
    for (const [language, acceptLanguage] of [['nn', 'nn-NO'], ['nb', 'nb-NO'], ['en', 'en-GB']] as const) {
      const found = await problems(acceptLanguage);
      for (const [place, message] of Object.entries(expected[language])) assert.equal(found.get(place), message, `${language} ${place}: ${JSON.stringify([...found])}`);
      assert.equal(found.size, Object.keys(expected[language]).length, JSON.stringify([...found]));
      if (language !== 'en') for (const message of found.values()) assert.doesNotMatch(message, english, `${language}: ${message}`);
    }
  });

  it('previews every lesson card in nb, nn and en as the bot renders it', async function () {
    const response = await check(await ownerA(), asYaml(testPack({ lessons: 2 })), {}, 'brannvern.yaml');
    assert.equal(response.body.ok, true, JSON.stringify(response.body.problems));
    assert.deepEqual(response.body.preview.map((entry) => entry.language), ['nb', 'nn', 'en']);
    for (const entry of response.body.preview) {
      assert.deepEqual(entry.lessons.map((lesson) => lesson.title), [lessonTitle(entry.language, 1), lessonTitle(entry.language, 2)]);
      const card = entry.lessons[0]!.card as { type: string; version: string };
      assert.equal(card.type, 'AdaptiveCard');
      assert.ok(JSON.stringify(card).includes(lessonTitle(entry.language, 1)));
    }
    assert.deepEqual((await call<PackListResponse>('/api/v1/org/packs', await ownerA())).body.versions, [], 'checking publishes nothing');
  });

  it('publishes for that tenant only: its setup card and catalog offer the pack, another tenant’s do not', async function () {
    const published = await publish(await ownerA(), testPack());
    assert.equal(published.status, 200);
    assert.equal(published.body.published, true);
    assert.deepEqual(await offered(ids.tenant), ['intro-baerekraft', 'sustainable-procurement', 'brannvern']);
    assert.deepEqual(await offered(ids.otherTenant), ['intro-baerekraft', 'sustainable-procurement']);
    assert.equal((await running.app.courses.forTenant(ids.otherTenant)).get('brannvern'), undefined);
    assert.equal(running.app.courses.get('brannvern'), undefined, 'the deployment-wide catalog does not hold it');

    // The setup card in tenant A's team lists it.
    await running.post(channelMessage('oppsett', { serviceUrl: connector.url, user: ids.ingrid, teamId: team.id }));
    assert.ok(connector.sentCards.some((card) => JSON.stringify(card).includes(packTitles.nb)), 'the setup card offers the pack');

    // Tenant B sees no version of it, and cannot withdraw it.
    assert.deepEqual((await call<PackListResponse>('/api/v1/org/packs', await adminB())).body.versions, []);
    assert.equal((await call('/api/v1/org/packs/brannvern/1.0.0/withdraw', await adminB(), { method: 'POST' })).status, 404);
    assert.deepEqual(await offered(ids.tenant), ['intro-baerekraft', 'sustainable-procurement', 'brannvern']);

    // A second publication of the same version, or a lower one, is refused.
    const again = await publish(await ownerA(), testPack({ version: '0.9.0' }));
    assert.equal(again.body.published, false);
    assert.match(again.body.problems[0]!.message, /Versjon 0\.9\.0 er ikke høyere enn 1\.0\.0/);
  });

  it('keeps progress by lesson id across versions, and withdrawing goes back to the previous version or out of the offer', async function () {
    this.timeout(60_000);
    await publish(await ownerA(), testPack({ lessons: 1 }));
    const teamAs = { serviceUrl: connector.url, user: ids.ingrid, teamId: team.id };
    await running.post(channelAction('setup.save', { ...(await import('../helpers/seed-team.js')).seededSetup, courseId: 'brannvern' }, teamAs));
    assert.equal((await dashboard()).courseTitle, packTitles.nb);
    assert.equal((await dashboard()).courseWithdrawn, false);
    await running.post(channelAction('lesson.read', { courseId: 'brannvern', lessonId: 'leksjon-1', teamId: team.id }, teamAs));
    assert.deepEqual((await dashboard()).own, { lessonsRead: 1, lessonsTotal: 1, reflections: 0 });

    const second = await publish(await ownerA(), testPack({ version: '1.1.0', lessons: 2 }));
    assert.equal(second.body.published, true, JSON.stringify(second.body.problems));
    assert.deepEqual((await dashboard()).own, { lessonsRead: 1, lessonsTotal: 2, reflections: 0 }, 'lesson 1 is still read in the new version');

    const list = (await call<PackListResponse>('/api/v1/org/packs', await ownerA())).body;
    assert.deepEqual(
      list.versions.map((version) => [version.courseId, version.version, version.current, version.withdrawnAt, version.teams]),
      [
        ['brannvern', '1.1.0', true, null, 1],
        ['brannvern', '1.0.0', false, null, 1],
      ],
    );

    assert.equal((await call('/api/v1/org/packs/brannvern/1.1.0/withdraw', await ownerA(), { method: 'POST' })).status, 204);
    assert.deepEqual((await dashboard()).own, { lessonsRead: 1, lessonsTotal: 1, reflections: 0 }, 'back on version 1.0.0');
    assert.equal((await call('/api/v1/org/packs/brannvern/1.0.0/withdraw', await ownerA(), { method: 'POST' })).status, 204);
    assert.deepEqual(await offered(ids.tenant), ['intro-baerekraft', 'sustainable-procurement'], 'the course left the offer');
    const after = (await call<PackListResponse>('/api/v1/org/packs', await ownerA())).body;
    assert.ok(after.versions.every((version) => version.withdrawnAt === clock.current.toISOString() && !version.current));
    // The team that ran it keeps its setup; nothing more is planned from a course that is gone.
    const withdrawn = await dashboard();
    assert.deepEqual([withdrawn.setUp, withdrawn.courseWithdrawn], [true, true]);
  });

  it('stores lesson images by their bytes (PNG, JPEG, WebP only, bounded) and serves them from the app with nosniff and caching', async function () {
    const refused = [
      [svgImage, /er ikke et PNG-, JPEG- eller WebP-bilde/],
      [Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'binary'), /er ikke et PNG-, JPEG- eller WebP-bilde/],
      [Buffer.concat([tinyPng, Buffer.alloc(700 * 1024)]), /er større enn 700 KB/],
      [widePng(), /4096 piksler/],
    ] as const;
    for (const [bytes, message] of refused) {
      const response = await upload(await ownerA(), bytes, 'bilde.png');
      assert.equal(response.status, 400);
      assert.match(response.body.message ?? "", message);
    }
    const stored = await upload(await ownerA(), tinyPng, 'brann.png');
    assert.equal(stored.status, 200);
    assert.match(stored.body.url, /\/media\/[0-9a-f]{64}\.png$/);
    const served = await fetch(`${running.url}/media/${stored.body.id}.png`);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'image/png');
    assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
    assert.match(served.headers.get('cache-control') ?? '', /max-age=31536000, immutable/);
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), tinyPng);
    assert.equal((await fetch(`${running.url}/media/${stored.body.id}.jpg`)).status, 404, 'the extension must match the type');
    assert.equal((await fetch(`${running.url}/media/${'0'.repeat(64)}.png`)).status, 404);

    // The same image in another tenant gets another address: URLs are per tenant.
    const other = await upload(await adminB(), tinyPng, 'brann.png');
    assert.notEqual(other.body.id, stored.body.id);

    const images = { 'brann.png': stored.body.id };
    const withImage = await check(await ownerA(), testPack({ image: 'brann.png' }), images);
    assert.equal(withImage.body.ok, true, JSON.stringify(withImage.body.problems));
    const card = JSON.stringify(withImage.body.preview[1]!.lessons[0]!.card);
    assert.ok(card.includes(`/media/${stored.body.id}.png`) && card.includes('Eit brannsløkkingsapparat på ein vegg.'), card);

    // Alt text missing in one language, or the image missing in one language, is refused.
    const noAlt = await check(await ownerA(), testPack({ image: 'brann.png', alt: { nn: undefined } }), images);
    assert.equal(noAlt.body.ok, false);
    assert.ok(noAlt.body.problems.some((problem) => problem.path === '/content/nn/lessons/0/image/alt' && problem.language === 'nn'), JSON.stringify(noAlt.body.problems));
    const onlyNb = testPack({ image: 'brann.png' });
    delete onlyNb.content.en.lessons[0].image;
    const missing = await check(await ownerA(), onlyNb, images);
    assert.ok(missing.body.problems.some((problem) => problem.path === '/content/en/lessons/0/image' && /har bilde på språket nb, men ikke her/.test(problem.message)), JSON.stringify(missing.body.problems));
    // Images from another site, or another tenant's image, are refused.
    const external = await check(await ownerA(), testPack({ image: 'https://example.org/brann.png' }), images);
    assert.ok(external.body.problems.some((problem) => /ligger på en annen nettside/.test(problem.message)));
    const stolen = await check(await ownerA(), testPack({ image: 'brann.png' }), { 'brann.png': other.body.id });
    assert.ok(stolen.body.problems.some((problem) => /«brann\.png» er ikke lastet opp/.test(problem.message)), JSON.stringify(stolen.body.problems));
  });
});
