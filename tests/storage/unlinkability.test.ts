import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { channelAction, channelMessage, ids, team, teamInstall, teamPeople, type TestUser } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import type { PersonRef } from '../../bot/core/person.js';
import { openStorage, type Storage } from '../../bot/storage/open-storage.js';
import { createTestStorage, describeEachEngine } from '../helpers/engines.js';
import { cardOf, FakeConnector } from '../helpers/fake-connector.js';
import { seededSetup } from '../helpers/seed-team.js';

/** A clock the test moves by hand. */
const clock = { current: new Date('2026-03-09T08:00:00.000Z'), now() { return new Date(this.current); } };

const [ingrid, ola, kari, per, anne] = teamPeople;

/**
 * Who answers, in this order (neither the roster's nor the user ids'), how, and how much: the lengths differ wildly
 * and include multi-byte UTF-8, so an unpadded seal would give every author away by the length of their public reply.
 */
type Answer = { readonly who: TestUser; readonly visibility: 'anonymous' | 'private'; readonly text: string; readonly more?: readonly string[] };

const answers: readonly Answer[] = [
  { who: per, visibility: 'anonymous', text: 'Bærekraft på tvers av etatene 🌍 '.repeat(30) },
  { who: anne, visibility: 'private', text: 'Ja.' },
  { who: ola, visibility: 'anonymous', text: 'Kort' },
  { who: kari, visibility: 'private', text: 'Æ'.repeat(1000) },
  { who: ingrid, visibility: 'anonymous', text: 'Gjenbruk av møbler i skolene, og innkjøp som teller klimagass.' },
];

describeEachEngine('anonymity against a copy of the database', (engine) => {
  let connector: FakeConnector;
  let running: RunningApp;
  const as = (user: TestUser, conversationId?: string) => ({ serviceUrl: connector.url, user, ...(conversationId ? { conversationId } : {}) });

  /** A fresh app with an installed, set-up team and a posted lesson. */
  async function start(): Promise<void> {
    clock.current = new Date('2026-03-09T08:00:00.000Z');
    connector = await new FakeConnector().start();
    connector.teams.set(team.id, { id: team.id, name: team.name, aadGroupId: team.aadGroupId, channels: [{ id: team.id }], members: teamPeople.map((p) => ({ ...p })) });
    running = await startApp({ clock, engine });
    await running.post(teamInstall({ serviceUrl: connector.url }));
    await running.post(channelAction('setup.save', seededSetup, as(ids.ingrid)));
    await running.post(channelAction('lesson.post', { teamId: team.id }, as(ids.ingrid)));
    await running.app.services.outboxWorker.drain();
  }

  async function stop(): Promise<void> {
    await running.close();
    await connector.stop();
  }

  /** Moves the clock on by some hours, so every answer has a time of its own (spread over several days). */
  const later = (hours: number) => {
    clock.current = new Date(clock.current.getTime() + hours * 3_600_000);
  };

  /** Rows as a dump lists them: physical order (SQLite's rowid, PostgreSQL's heap order), every column. */
  async function dump(table: 'reflections' | 'next_step_answers' | 'dilemma_choices'): Promise<Record<string, unknown>[]> {
    const position = engine === 'sqlite' ? sql`rowid` : sql`ctid::text`;
    const rows = await sql<Record<string, unknown>>`select ${position} as physical, * from ${sql.table(table)}`.execute(running.app.database.db);
    return rows.rows;
  }

  /** What an attacker checks: equal lengths, and no plaintext column that tells rows apart. */
  function assertNothingTells(rows: readonly Record<string, unknown>[]): void {
    assert.equal(rows.length, answers.length);
    const lengths = new Set(rows.map((row) => String(row.sealed).length));
    assert.equal(lengths.size, 1, `sealed values differ in length: ${[...lengths].join(', ')}`);
    for (const column of Object.keys(rows[0]!).filter((name) => !['physical', 'sealed', 'user_id'].includes(name))) {
      const values = new Set(rows.map((row) => String(row[column])));
      assert.equal(values.size, 1, `column ${column} tells rows apart: ${[...values].join(', ')}`);
    }
  }

  /** A reflection round in which everyone answers in the given order, a day or so apart; returns the dumped rows. */
  async function reflectionRound(order: readonly Answer[]): Promise<Record<string, unknown>[]> {
    await start();
    try {
      const course = running.app.courses.defaultCourse();
      const lessonId = course.content.nb!.lessons[0]!.id;
      for (const { who } of order) {
        await running.post(channelAction('lesson.read', { courseId: course.id, lessonId, teamId: team.id }, as(who)));
        later(1);
      }
      await running.post(channelAction('round.start', { teamId: team.id }, as(ids.ingrid)));
      await running.app.services.outboxWorker.drain();
      for (const { who, visibility, text, more = [] } of order) {
        later(26);
        const response = await running.post(channelAction('reflection.submit', { courseId: course.id, lessonId, teamId: team.id, visibility, answer1: text, answer2: more[0] ?? '', answer3: more[1] ?? '' }, as(who)));
        assert.equal(response.status, 200);
      }
      // An edit of an anonymous answer keeps every row the same length and in the same place.
      later(30);
      await running.post(channelAction('reflection.submit', { courseId: course.id, lessonId, teamId: team.id, visibility: 'anonymous', answer1: 'Kort, men endret', answer2: '', answer3: '' }, as(ola)));
      const db = running.app.database.db;
      assert.equal((await db.selectFrom('shared_replies').selectAll().where('author_name', 'is', null).execute()).length, 3, 'three anonymous replies in the thread');
      const reads = await db.selectFrom('lesson_progress').select('completed_at').execute();
      assert.equal(new Set(reads.map((row) => row.completed_at)).size, 1, 'reading times are kept to the day');
      const mine = await running.app.services.learning.reflection({ tenantId: ids.tenant, userId: ola.aadObjectId }, course.id, lessonId);
      assert.deepEqual([mine?.answers[0], mine?.visibility], ['Kort, men endret', 'anonymous']);
      return await dump('reflections');
    } finally {
      await stop();
    }
  }

  /** A next-steps round in which everyone answers in the given order (named where the reflection was private). */
  async function nextStepRound(order: readonly Answer[]): Promise<Record<string, unknown>[]> {
    await start();
    try {
      await running.post(channelMessage('neste steg', as(ids.ingrid)));
      await running.app.services.outboxWorker.drain();
      const { round } = (await running.app.services.nextSteps.latest({ tenantId: ids.tenant, teamId: team.id }))!;
      for (const { who, visibility, text, more = [] } of order) {
        later(26);
        const step = { teamId: team.id, roundId: round.id, visibility: visibility === 'private' ? 'named' : 'anonymous', step1: text, step2: more[0] ?? 'Ja', step3: more[1] ?? '', step4: more[2] ?? '' };
        assert.equal((await running.post(channelAction('nextsteps.submit', step, as(who, round.threadId)))).status, 200);
      }
      const db = running.app.database.db;
      assert.equal((await db.selectFrom('shared_replies').selectAll().where('author_name', 'is', null).execute()).length, 3, 'three anonymous answers in the thread');
      return await dump('next_step_answers');
    } finally {
      await stop();
    }
  }

  // dilemma
  /** A dilemma round in which everyone chooses (options spread) and gives a reason in the given order; one changes their choice. */
  async function dilemmaRound(order: readonly Answer[]): Promise<Record<string, unknown>[]> {
    await start();
    try {
      await running.post(channelMessage('dilemma', as(ids.ingrid)));
      await running.app.services.outboxWorker.drain();
      const [round] = await running.app.repositories.dilemmas.rounds({ tenantId: ids.tenant, teamId: team.id });
      const options = ['build-on-farmland', 'densify', 'build-on-half'];
      for (const [i, { who, visibility, text }] of order.entries()) {
        later(26);
        const data = { teamId: team.id, roundId: round!.id, option: options[i % 3], reason: text, visibility };
        assert.equal((await running.post(channelAction('dilemma.submit', data, as(who, round!.threadId)))).status, 200);
      }
      later(30);
      await running.post(channelAction('dilemma.submit', { teamId: team.id, roundId: round!.id, option: 'build-on-half', reason: 'Kort, men endret', visibility: 'anonymous' }, as(ola, round!.threadId)));
      const db = running.app.database.db;
      assert.equal((await db.selectFrom('shared_replies').selectAll().where('author_name', 'is', null).execute()).length, 3, 'three anonymous reasons in the thread');
      const mine = await running.app.services.dilemmas.ownChoice({ tenantId: ids.tenant, userId: ola.aadObjectId }, round!.id);
      assert.deepEqual([mine?.optionId, mine?.reason, mine?.visibility], ['build-on-half', 'Kort, men endret', 'anonymous']);
      const rows = await dump('dilemma_choices');
      // Nothing in a row names the option, the reason or its visibility in plaintext. (The reason is matched with its
      // comma and space, which base64url never holds: a bare 4-letter word turns up by chance in a long sealed value.)
      for (const row of rows) for (const value of Object.values(row)) assert.doesNotMatch(String(value), /build-on|densify|Kort, men|anonymous|private/);
      return rows;
    } finally {
      await stop();
    }
  }

  it('dilemma choices and reasons over /api/messages: no sealed length, time or plaintext column links an anonymous choice or reason to its author', async function () {
    assertNothingTells(await dilemmaRound(answers));
  });

  it('dilemma reasons full of characters JSON escapes seal to the same length', async function () {
    assertNothingTells(await dilemmaRound(escaping));
  });

  it('reflections over /api/messages: no sealed length, time or plaintext column links an anonymous reply to its author', async function () {
    assertNothingTells(await reflectionRound(answers));
  });

  it('next-step answers over /api/messages: no sealed length, time or plaintext column links an anonymous answer to its author', async function () {
    assertNothingTells(await nextStepRound(answers));
  });

  /**
   * Text that JSON escapes to six bytes a character (control characters, lone surrogates): unpadded room for 4 bytes a
   * character would overflow into a second block, and the public reply would tell whose row is twice as long.
   */
  const escaping: readonly Answer[] = answers.map((answer, i) =>
    i === 0 ? { ...answer, text: `Ja${'\u0001'.repeat(998)}`, more: [`Nei${'\u001f'.repeat(997)}`, `Kanskje${'\u0007'.repeat(993)}`, `Ja${'\u0002'.repeat(998)}`] }
    : i === 3 ? { ...answer, text: '\ud800'.repeat(1000), more: ['\udc00'.repeat(1000), '\udbff'.repeat(1000), '\ud801'.repeat(1000)] }
    : answer,
  );

  it('reflections: answers full of characters JSON escapes (control characters, lone surrogates) seal to the same length', async function () {
    assertNothingTells(await reflectionRound(escaping));
  });

  it('next-step answers: answers full of characters JSON escapes seal to the same length', async function () {
    assertNothingTells(await nextStepRound(escaping));
  });

  /**
   * Over many rounds, how often an author's row sits at the position of their answer in the thread.
   * @remarks A random order puts on average one of five rows of a round there (so about `rounds` in all); rows kept
   * in answer order put all five there. The bound leaves chance failures at well under one in a million.
   */
  async function positionMatches(write: (store: Storage, person: PersonRef, group: number, index: number) => Promise<void>, table: 'reflections' | 'next_step_answers' | 'dilemma_choices', groupColumn: string): Promise<number> {
    const test = await createTestStorage(engine);
    const store = await openStorage(test.config, Buffer.alloc(32, 7));
    try {
      for (let group = 0; group < rounds; group += 1) {
        for (const [index, { who }] of answers.entries()) await write(store, { tenantId: ids.tenant, userId: who.aadObjectId }, group, index);
      }
      const position = engine === 'sqlite' ? sql`rowid` : sql`ctid`;
      const rows = (await sql<Record<string, string>>`select user_id, ${sql.ref(groupColumn)} as grp from ${sql.table(table)} order by ${position}`.execute(store.database.db)).rows;
      let matches = 0;
      for (let group = 0; group < rounds; group += 1) {
        const stored = rows.filter((row) => row.grp === `g${group}`).map((row) => row.user_id);
        assert.equal(stored.length, answers.length);
        matches += stored.filter((userId, i) => userId === answers[i]!.who.aadObjectId).length;
      }
      return matches;
    } finally {
      await store.close();
      await test.dispose();
    }
  }

  const rounds = 30;
  const at = (group: number, index: number) => new Date(Date.UTC(2026, 2, 9 + index, 8 + group % 8));

  it('reflections: the stored row order does not follow the order of answers', async function () {
    const matches = await positionMatches(
      (store, person, group, index) =>
        store.repositories.reflections.save(person, { courseId: 'c', lessonId: `g${group}`, teamId: team.id, answers: [answers[index]!.text, '', ''], visibility: answers[index]!.visibility }, at(group, index)).then(() => undefined),
      'reflections',
      'lesson_id',
    );
    assert.ok(matches < rounds * 2, `${matches} of ${rounds * answers.length} rows sit where their answer is in the thread`);
  });

  it('next-step answers: the stored row order does not follow the order of answers', async function () {
    const matches = await positionMatches(
      (store, person, group, index) =>
        store.repositories.nextSteps.saveAnswer(person, { tenantId: ids.tenant, teamId: team.id }, { roundId: `g${group}`, answers: [answers[index]!.text, '', '', ''], visibility: answers[index]!.visibility === 'private' ? 'named' : 'anonymous', sharedReplyId: undefined }, at(group, index)).then(() => undefined),
      'next_step_answers',
      'round_id',
    );
    assert.ok(matches < rounds * 2, `${matches} of ${rounds * answers.length} rows sit where their answer is in the thread`);
  });

  it('dilemma choices: the stored row order does not follow the order of answers', async function () {
    const matches = await positionMatches(
      (store, person, group, index) =>
        store.repositories.dilemmas.saveChoice(person, { tenantId: ids.tenant, teamId: team.id }, { roundId: `g${group}`, optionId: `o${index % 2}`, reason: answers[index]!.text, visibility: answers[index]!.visibility, sharedReplyId: undefined }, at(group, index)).then(() => undefined),
      'dilemma_choices',
      'round_id',
    );
    assert.ok(matches < rounds * 2, `${matches} of ${rounds * answers.length} rows sit where their answer is in the thread`);
  });
});
