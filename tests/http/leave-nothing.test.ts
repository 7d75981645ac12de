import assert from 'node:assert/strict';
import { hkdfSync, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { SignJWT } from 'jose';
import { sql } from 'kysely';
import { createLogger } from '../../bot/logger.js';
import { cardAction, ids, personalMessage, teamPeople } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { seedTeam } from '../helpers/seed-team.js';

const DATA_KEY = Buffer.alloc(32, 9);
/** The seeded schedule's first Monday morning, as in the other team tests. */
const clock = { now: () => new Date('2026-03-02T08:00:00.000Z') };
const ola = ids.ola;

/** A log sink that keeps every line. */
function capture(): { readonly lines: string[]; readonly sink: Writable } {
  const lines: string[] = [];
  return { lines, sink: new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }) };
}

describe('leave nothing behind: logs', function () {
  it('redacts tokens, authorization headers, personal fields and query strings', function () {
    const { lines, sink } = capture();
    const logger = createLogger('info', sink);
    logger.warn(
      {
        url: '/api/v1/my-data?token=eyJ.secret.sig',
        authorization: 'Bearer abc.def.ghi',
        token: 'raw-token-value',
        text: 'Mitt hemmelige svar',
        displayName: 'Ola Hansen',
        req: { headers: { authorization: 'Bearer jkl.mno.pqr' }, url: '/x?token=nested-secret' },
      },
      'refused',
    );
    const output = lines.join('');
    for (const secret of ['eyJ.secret.sig', 'abc.def.ghi', 'raw-token-value', 'hemmelige', 'Ola Hansen', 'jkl.mno.pqr', 'nested-secret']) assert.doesNotMatch(output, new RegExp(secret));
    assert.match(output, /"url":"\/api\/v1\/my-data\?\[redacted\]"/);
  });
});

describe('leave nothing behind: the "my data" link and the database file', function () {
  let connector: FakeConnector;
  let running: RunningApp;
  let log: ReturnType<typeof capture>;

  beforeEach(async function () {
    connector = await new FakeConnector().start();
    log = capture();
    running = await startApp({ env: { DATA_KEY: DATA_KEY.toString('base64') }, logger: createLogger('info', log.sink), clock });
  });

  afterEach(async function () {
    await running.close();
    await connector.stop();
  });

  async function dataLink(): Promise<URL> {
    const before = connector.sent.length;
    await running.post(personalMessage('mine data', { serviceUrl: connector.url, user: ola }));
    await connector.waitForSent(before + 1);
    const card = connector.sentCards.at(-1) as { actions: { type: string; url: string }[] };
    return new URL(card.actions.find((action) => action.type === 'Action.OpenUrl')!.url);
  }

  const local = (link: URL) => `${running.url}${link.pathname}${link.search}`;

  it('works once: a second use is refused', async function () {
    const link = await dataLink();
    assert.equal((await fetch(local(link))).status, 200);
    const again = await fetch(local(link), { headers: { 'accept-language': 'nb' } });
    assert.equal(again.status, 401);
    assert.match(((await again.json()) as { message: string }).message, /Lenken er utløpt eller ugyldig/);
  });

  it('answers a failure inside a route with a short generic 500, never the library’s message', async function () {
    const link = await dataLink();
    await sql`drop table used_links`.execute(running.app.database.db);
    const response = await fetch(local(link));
    const text = await response.text();
    assert.equal(response.status, 500);
    assert.doesNotMatch(text, /used_links|table|sqlite/i, text);
    assert.deepEqual(JSON.parse(text), { code: 'InternalServerError' });
    assert.match(log.lines.join(''), /used_links/, 'the cause is in the log');
  });

  it('refuses a correctly signed token without exp, or without an id to mark it used', async function () {
    const key = new Uint8Array(hkdfSync('sha256', DATA_KEY, Buffer.alloc(0), Buffer.from('laerekraft:my-data-link'), 32));
    const base = () => new SignJWT({ tid: ids.tenant, oid: ola.aadObjectId }).setProtectedHeader({ alg: 'HS256' }).setAudience('laerekraft:my-data').setIssuedAt();
    const noExp = await base().setJti(randomUUID()).sign(key);
    const noJti = await base().setExpirationTime('10m').sign(key);
    const fine = await base().setJti(randomUUID()).setExpirationTime('10m').sign(key);
    assert.equal((await fetch(`${running.url}/api/v1/my-data?token=${noExp}`)).status, 401);
    assert.equal((await fetch(`${running.url}/api/v1/my-data?token=${noJti}`)).status, 401);
    assert.equal((await fetch(`${running.url}/api/v1/my-data?token=${fine}`)).status, 200, 'the same key and claims with exp and jti work');
  });

  it('never writes the link’s token to the log, even when the request is refused', async function () {
    const link = await dataLink();
    const token = link.searchParams.get('token')!;
    assert.equal((await fetch(local(link), { method: 'POST' })).status, 405);
    assert.equal((await fetch(`${running.url}${link.pathname}/more${link.search}`)).status, 404);
    assert.equal((await fetch(local(link))).status, 200);
    assert.equal((await fetch(local(link))).status, 401);
    const output = log.lines.join('');
    assert.match(output, /request refused/);
    assert.ok(!output.includes(token), 'the token is not in the log');
    assert.ok(!output.includes(ola.name), 'the person’s name is not in the log');
  });

  /**
   * How many 64-character pieces of a sealed value (one every 512 characters) the file holds.
   * @remarks A padded sealed value is larger than a page, so SQLite spreads it over overflow pages with page
   * pointers between them: the whole value never appears in one run, but most of its pieces do.
   */
  const foundIn = (file: Buffer, value: string): number => {
    let found = 0;
    for (let at = 0; at + 64 <= value.length; at += 512) if (file.includes(value.slice(at, at + 64))) found += 1;
    return found;
  };

  it('runs SQLite with secure_delete, so erased answers are not left in the file', async function () {
    const db = running.app.database.db;
    assert.equal((await sql<{ secure_delete: number }>`pragma secure_delete`.execute(db)).rows[0]!.secure_delete, 1);
    await seedTeam(running, connector);
    const answers = async () => (await sql<{ sealed: string }>`select sealed from reflections`.execute(db)).rows.map((row) => row.sealed);
    const kept = await answers();
    const file = (await sql<{ file: string }>`pragma database_list`.execute(db)).rows[0]!.file;
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    const before = await readFile(file);
    assert.ok(kept.every((value) => foundIn(before, value) > 0), 'the answers are in the file before');

    // The seeded team's third member answered privately; erasing them deletes that answer.
    const erased = teamPeople[2]!;
    await running.post(cardAction('mydata.delete', { confirm: 'yes' }, { serviceUrl: connector.url, user: erased }));
    const left = await answers();
    const sealed = kept.filter((value) => !left.includes(value));
    assert.ok(sealed.length > 0, 'erasing the person removed their answer');
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    const after = await readFile(file);
    for (const value of sealed) assert.equal(foundIn(after, value), 0, 'no piece of an erased answer is left in the database file');
    assert.ok(!after.includes(erased.aadObjectId), 'the erased person’s id is not in the database file');
  });

  it('leaves no piece of an erased answer in the -wal file either, without anyone checkpointing by hand', async function () {
    const db = running.app.database.db;
    await seedTeam(running, connector);
    const answers = async () => (await sql<{ sealed: string }>`select sealed from reflections`.execute(db)).rows.map((row) => row.sealed);
    const kept = await answers();
    const file = (await sql<{ file: string }>`pragma database_list`.execute(db)).rows[0]!.file;
    const erased = teamPeople[2]!;
    await running.post(cardAction('mydata.delete', { confirm: 'yes' }, { serviceUrl: connector.url, user: erased }));
    const left = await answers();
    const sealed = kept.filter((value) => !left.includes(value));
    assert.ok(sealed.length > 0, 'erasing the person removed their answer');
    // What a copy of the database folder holds: the file and its write-ahead log.
    const copy = Buffer.concat([await readFile(file), await readFile(`${file}-wal`).catch(() => Buffer.alloc(0))]);
    for (const value of sealed) assert.equal(foundIn(copy, value), 0, 'no piece of an erased answer is left in the file or its -wal');
    assert.ok(!copy.includes(erased.aadObjectId), 'the erased person’s id is in neither');
  });
});
