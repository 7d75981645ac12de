/**
 * Many people answering one round at the same moment. Every answer re-inserts all of the round's rows in a fresh
 * random order (row-order.ts); on PostgreSQL, without a per-round lock, two writers re-insert each other's rows and
 * one fails with a duplicate key, and a deletion can miss a row another writer has just re-inserted.
 */
import assert from 'node:assert/strict';
import { openStorage, type Storage } from '../../bot/storage/open-storage.js';
import { createTestStorage, describeEachEngine, type TestStorage } from '../helpers/engines.js';

const tenantId = 'tenant-a';
const teamId = '19:team@thread.tacv2';
const team = { tenantId, teamId };
const at = new Date('2026-03-02T08:00:00.000Z');
const person = (i: number) => ({ tenantId, userId: `user-${String(i).padStart(2, '0')}` });
/** Answers of very different lengths, so each sealed value and insert takes its own time. */
const answer = (i: number) => `svar ${i} ${'x'.repeat((i * 97) % 600)}`;

describeEachEngine('concurrent answers to one round', (engine) => {
  let storage: TestStorage;
  let database: Storage;

  beforeEach(async function () {
    storage = await createTestStorage(engine);
    database = await openStorage(storage.config, undefined);
  });

  afterEach(async function () {
    await database?.close();
    await storage?.dispose();
  });

  const settle = async (writes: readonly Promise<unknown>[]): Promise<void> => {
    const results = await Promise.allSettled(writes);
    const failed = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    assert.deepEqual(
      failed.map((result) => String((result.reason as Error)?.message ?? result.reason)),
      [],
      `${failed.length} of ${results.length} concurrent writes failed`,
    );
  };

  it('stores all of 10 reflections submitted to one round at the same moment, none failing', async function () {
    const { reflections } = database.repositories;
    const save = (i: number) => reflections.save(person(i), { courseId: 'c', lessonId: 'l1', teamId, answers: [answer(i), '', ''], visibility: i % 2 ? 'anonymous' : 'named' }, at);
    await settle(Array.from({ length: 10 }, (_, i) => save(i)));
    // And again: everyone edits at once, while earlier rows exist to be re-inserted.
    await settle(Array.from({ length: 10 }, (_, i) => reflections.save(person(i), { courseId: 'c', lessonId: 'l1', teamId, answers: [`${answer(i)} (endret)`, '', ''], visibility: 'named' }, at)));
    const rows = await database.database.db.selectFrom('reflections').select('user_id').where('team_id', '=', teamId).execute();
    assert.equal(rows.length, 10);
    for (let i = 0; i < 10; i += 1) assert.deepEqual((await reflections.find(person(i), 'c', 'l1'))?.answers, [`${answer(i)} (endret)`, '', '']);
  });

  it('stores all of 10 next-step answers submitted to one round at the same moment, none failing', async function () {
    const { nextSteps } = database.repositories;
    await nextSteps.recordRound({ id: 'round-1', team, threadId: `${teamId};messageid=1`, activityId: 'a1', startedAt: at });
    const save = (i: number, suffix = '') => nextSteps.saveAnswer(person(i), team, { roundId: 'round-1', answers: [answer(i) + suffix, '', '', ''], visibility: i % 2 ? 'anonymous' : 'named', sharedReplyId: undefined }, at);
    await settle(Array.from({ length: 10 }, (_, i) => save(i)));
    await settle(Array.from({ length: 10 }, (_, i) => save(i, ' (endret)')));
    assert.equal(await nextSteps.answerCount(team, 'round-1'), 10);
    for (let i = 0; i < 10; i += 1) assert.equal((await nextSteps.findAnswer(person(i), 'round-1'))?.answers[0], `${answer(i)} (endret)`);
  });

  // dilemma
  it('stores all of 10 dilemma choices made in one round at the same moment, none failing, and counts each once after everyone changes', async function () {
    const { dilemmas } = database.repositories;
    await dilemmas.recordRound({ id: 'round-d', team, courseId: 'c', dilemmaId: 'd1', threadId: `${teamId};messageid=2`, activityId: 'a2', startedAt: at });
    const choose = (i: number, optionId: string) => dilemmas.saveChoice(person(i), team, { roundId: 'round-d', optionId, reason: answer(i), visibility: i % 2 ? 'anonymous' : 'private', sharedReplyId: undefined }, at);
    await settle(Array.from({ length: 10 }, (_, i) => choose(i, 'a')));
    await settle(Array.from({ length: 10 }, (_, i) => choose(i, i < 4 ? 'b' : 'a')));
    const chosen = await dilemmas.chosenOptions(team, 'round-d');
    assert.deepEqual([chosen.filter((o) => o === 'a').length, chosen.filter((o) => o === 'b').length], [6, 4]);
  });

  it('removes and erases what was asked while others answer the same rounds, and keeps the others', async function () {
    const { reflections, nextSteps, personalData } = database.repositories;
    await nextSteps.recordRound({ id: 'round-1', team, threadId: `${teamId};messageid=1`, activityId: 'a1', startedAt: at });
    const reflect = (i: number) => reflections.save(person(i), { courseId: 'c', lessonId: 'l1', teamId, answers: [answer(i), '', ''], visibility: 'anonymous' }, at);
    const nextStep = (i: number) => nextSteps.saveAnswer(person(i), team, { roundId: 'round-1', answers: [answer(i), '', '', ''], visibility: 'anonymous', sharedReplyId: undefined }, at);
    for (let i = 0; i < 3; i += 1) {
      await reflect(i);
      await nextStep(i);
    }
    await settle([
      ...Array.from({ length: 8 }, (_, i) => reflect(i + 3)),
      ...Array.from({ length: 8 }, (_, i) => nextStep(i + 3)),
      reflections.remove(person(0), 'c', 'l1'),
      nextSteps.removeAnswer(person(1), 'round-1'),
      personalData.erase(person(2)),
    ]);
    const { db } = database.database;
    const reflectionUsers = (await db.selectFrom('reflections').select('user_id').execute()).map((row) => row.user_id).sort();
    const answerUsers = (await db.selectFrom('next_step_answers').select('user_id').execute()).map((row) => row.user_id).sort();
    const all = Array.from({ length: 11 }, (_, i) => person(i).userId);
    assert.deepEqual(reflectionUsers, all.filter((user) => user !== person(0).userId && user !== person(2).userId));
    assert.deepEqual(answerUsers, all.filter((user) => user !== person(1).userId && user !== person(2).userId));
  });
});
