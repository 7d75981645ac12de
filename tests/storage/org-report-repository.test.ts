import assert from 'node:assert/strict';
import { openStorage, type Storage } from '../../bot/storage/open-storage.js';
import type { Repositories } from '../../bot/storage/repositories/index.js';
import { createTestStorage, describeEachEngine, type TestStorage } from '../helpers/engines.js';

const at = new Date('2026-03-02T08:00:00.000Z');
const teamA = { tenantId: 'tenant-a', teamId: 'team-a' };
const teamB = { tenantId: 'tenant-b', teamId: 'team-b' };

describeEachEngine('organisation report queries and reminder days', (engine) => {
  let storage: TestStorage;
  let database: Storage;
  let repos: Repositories;

  beforeEach(async function () {
    storage = await createTestStorage(engine);
    database = await openStorage(storage.config, undefined);
    repos = database.repositories;
    for (const ref of [teamA, teamB]) {
      await repos.teams.upsert({ ...ref, name: ref.teamId, serviceUrl: 'http://x/', aadGroupId: undefined }, at);
      await repos.teams.upsertMembers(ref, ['u1', 'u2', 'u3'].map((userId) => ({ userId, teamsUserId: `29:${userId}`, name: userId })), at);
      await repos.enrollments.save({ ...ref, courseId: 'c', channelId: ref.teamId, language: 'nb', startDate: '2026-01-05', mandatory: true, dueDate: undefined, lessonWeekday: 1, lessonTime: '09:00', intervalWeeks: 1, reflectionDaysAfter: 2, reflectionTime: '14:00', timeZone: 'Europe/Oslo', createdBy: 'u1', updatedAt: at });
    }
    // In tenant A: u1 has read both lessons (completed in February), u2 one; tenant B's u1 has read nothing.
    await repos.progress.markRead({ tenantId: 'tenant-a', userId: 'u1' }, 'c', 'l1', new Date('2026-01-20T10:00:00Z'));
    await repos.progress.markRead({ tenantId: 'tenant-a', userId: 'u1' }, 'c', 'l2', new Date('2026-02-03T10:00:00Z'));
    await repos.progress.markRead({ tenantId: 'tenant-a', userId: 'u2' }, 'c', 'l1', new Date('2026-02-04T10:00:00Z'));
  });

  afterEach(async function () {
    await database?.close();
    await storage?.dispose();
  });

  it('counts completion per team and by month within one tenant only', async function () {
    const a = await repos.orgReports.completion('tenant-a', 'c', ['l1', 'l2']);
    assert.deepEqual(a.teams, [{ teamId: 'team-a', members: 3, completed: 1, started: 1 }]);
    assert.deepEqual(a.completedByMonth, [{ month: '2026-02', count: 1 }]);
    const b = await repos.orgReports.completion('tenant-b', 'c', ['l1', 'l2']);
    assert.deepEqual(b.teams, [{ teamId: 'team-b', members: 3, completed: 0, started: 0 }]);
    assert.deepEqual(await repos.orgReports.activeByMonth('tenant-a', { from: '2026-01-01T00:00:00.000Z', until: '2026-03-01T00:00:00.000Z' }), [
      { month: '2026-01', count: 1 },
      { month: '2026-02', count: 2 },
    ]);
    assert.deepEqual(await repos.orgReports.teamNotDone(teamA, 'c', ['l1', 'l2']), { members: 3, notDone: ['u2', 'u3'] });
  });

  it('claims each person once a day, whichever delivery asks', async function () {
    const targets = ['u1', 'u2'].map((userId) => ({ targetKey: userId, payload: { kind: 'reminder' as const, userId, teamsUserId: `29:${userId}`, dueDate: undefined } }));
    const firing = (key: string) => ({ occurrenceKey: key, dueAt: at, status: 'queued' as const, targets });
    assert.equal(await repos.schedules.enqueueReminders({ ...teamA, courseId: 'c' }, firing('now:1'), '2026-03-02', at), 2);
    assert.equal(await repos.schedules.enqueueReminders({ ...teamA, courseId: 'c' }, firing('now:2'), '2026-03-02', at), 0);
    assert.deepEqual([...(await repos.schedules.remindedOn(teamA, ['u1', 'u2', 'u3'], '2026-03-02'))].sort(), ['u1', 'u2']);
    assert.equal(await repos.schedules.enqueueReminders({ ...teamA, courseId: 'c' }, firing('now:3'), '2026-03-03', at), 2);
    // Another tenant's people with the same ids are not affected.
    assert.equal(await repos.schedules.enqueueReminders({ ...teamB, courseId: 'c' }, firing('now:4'), '2026-03-02', at), 2);
    const rows = await database.database.db.selectFrom('outbox').select(['tenant_id', 'target_key']).execute();
    assert.equal(rows.length, 6);
  });

  it('reminds a person in two teams of one tenant once a day: the second team queues nothing for them', async function () {
    const secondTeam = { tenantId: teamA.tenantId, teamId: 'team-a2' };
    const target = (userId: string) => ({ targetKey: userId, payload: { kind: 'reminder' as const, userId, teamsUserId: `29:${userId}`, dueDate: undefined } });
    const firing = (key: string, userIds: readonly string[]) => ({ occurrenceKey: key, dueAt: at, status: 'queued' as const, targets: userIds.map(target) });
    assert.equal(await repos.schedules.enqueueReminders({ ...teamA, courseId: 'c' }, firing('now:1', ['shared', 'onlyA']), '2026-03-02', at), 2);
    assert.equal(await repos.schedules.enqueueReminders({ ...secondTeam, courseId: 'c' }, firing('now:2', ['shared', 'onlyB']), '2026-03-02', at), 1);
    const rows = await database.database.db.selectFrom('outbox').select(['team_id', 'target_key']).where('target_key', '=', 'shared').execute();
    assert.deepEqual(rows.map((row) => row.team_id), [teamA.teamId]);
  });
});
