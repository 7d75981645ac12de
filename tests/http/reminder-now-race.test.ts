import assert from 'node:assert/strict';
import { ids } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { describeEachEngine } from '../helpers/engines.js';
import { seedOrgTeam } from '../helpers/seed-org.js';

const clock = { now: () => new Date('2026-03-02T12:00:00.000Z') };

describeEachEngine('"send a reminder now": at most one reminder per person per day, under attack', (engine) => {
  let running: RunningApp;

  beforeEach(async function () {
    running = await startApp({ clock, engine });
  });

  afterEach(async function () {
    await running.close();
  });

  async function remind(teamId: string, leaderId: string): Promise<number> {
    const response = await fetch(`${running.url}/api/v1/teams/${encodeURIComponent(teamId)}/reminders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'nb-NO', 'x-dev-user': `${ids.tenant}/${leaderId}` },
      body: '{}',
    });
    await response.text();
    return response.status;
  }

  async function remindersPerPerson(): Promise<Map<string, number>> {
    const rows = await running.app.database.db.selectFrom('outbox').select(['target_key', 'payload']).execute();
    const counts = new Map<string, number>();
    for (const row of rows) if (JSON.parse(row.payload).kind === 'reminder') counts.set(row.target_key, (counts.get(row.target_key) ?? 0) + 1);
    return counts;
  }

  it('queues one reminder per person for concurrent clicks in two teams the person is in', async function () {
    const a = await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:race-a@thread.tacv2', name: 'A', members: 8, completed: 2, started: 2 });
    const b = await seedOrgTeam(running, { tenantId: ids.tenant, teamId: '19:race-b@thread.tacv2', name: 'B', members: 8, completed: 2, started: 2 });
    // Team B's members not done are also in team A.
    const at = new Date('2026-01-05T08:00:00.000Z');
    await running.app.repositories.teams.upsertMembers(a.ref, b.memberIds.slice(2).map((userId) => ({ userId, teamsUserId: `29:${userId}`, name: userId })), at);
    const statuses = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? remind(a.ref.teamId, a.leaderId) : remind(b.ref.teamId, b.leaderId))));
    assert.ok(statuses.every((status) => status === 200), String(statuses));
    const counts = await remindersPerPerson();
    assert.equal(counts.size, 12, 'six not done in A, six in B (also in A)');
    assert.deepEqual([...counts.entries()].filter(([, n]) => n !== 1), []);
  });
});
