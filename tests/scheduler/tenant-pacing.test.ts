/**
 * Cluster-wide pacing per tenant: two instances (each its own storage connection, Messenger and outbox worker, as two
 * processes would have) on one database, against the bench's fake Bot Connector, which enforces the same per-tenant
 * window across both and answers 429 when it is exceeded.
 *
 * - One tenant: only one instance sends for it at a time, so the two together never exceed the tenant's limit (no
 *   self-inflicted 429). Without tenant leases each instance paces the tenant on its own and together they send at
 *   twice the limit.
 * - Two tenants: the instances share them, one each, and send for them at the same time.
 *
 * Runs on SQLite (two connections to one file) and on PostgreSQL (a new schema).
 */
import assert from 'node:assert/strict';
import pino from 'pino';
import { buildServices, systemClock } from '../../bot/compose.js';
import { loadConfig } from '../../bot/config.js';
import type { Enrollment } from '../../bot/core/enrollment.js';
import type { Team, TeamMember, TeamRef } from '../../bot/core/team.js';
import { loadCourses } from '../../bot/course/load-courses.js';
import { openStorage, type Storage } from '../../bot/storage/open-storage.js';
import { Messenger, type RateLimits, type SendTarget } from '../../bot/teams/messenger.js';
import type { BotServices } from '../../bot/teams/services.js';
import { FakeTeamsConnector } from '../../bench/fake-teams-connector.js';
import { createTestStorage, describeEachEngine, type TestStorage } from '../helpers/engines.js';

const dataKey = Buffer.alloc(32, 0x5a);
const courseId = 'intro-baerekraft';
/** 10 requests per 400 ms per tenant (25/s): tight enough that two instances at full rate each would overshoot it. */
const limits: RateLimits = { perConversation: [{ count: 20, windowMs: 1000 }], perTenant: [{ count: 10, windowMs: 400 }] };

/** A Messenger that notes, in one list shared by the instances, which instance sent for which tenant, in order. */
class RecordingMessenger extends Messenger {
  constructor(
    private readonly instance: string,
    private readonly journal: { instance: string; tenantId: string }[],
  ) {
    super({ limits, baseDelayMs: 50, maxDelayMs: 2_000 });
  }

  override send<T>(target: SendTarget, attempt: () => Promise<T>): Promise<T> {
    return super.send(target, () => {
      this.journal.push({ instance: this.instance, tenantId: target.tenantId });
      return attempt();
    });
  }
}

function enrollmentOf(ref: TeamRef): Enrollment {
  return {
    ...ref,
    courseId,
    channelId: ref.teamId,
    language: 'nb',
    startDate: '2031-01-06',
    mandatory: true,
    dueDate: '2031-06-13',
    lessonWeekday: 1,
    lessonTime: '09:00',
    intervalWeeks: 1,
    reflectionDaysAfter: 2,
    reflectionTime: '14:00',
    timeZone: 'Europe/Oslo',
    createdBy: 'aad-leader',
    updatedAt: new Date(),
  };
}

describeEachEngine('cluster-wide pacing per tenant', (engine) => {
  let testStorage: TestStorage;
  let fake: FakeTeamsConnector;
  const opened: Storage[] = [];
  const journal: { instance: string; tenantId: string }[] = [];

  beforeEach(async function () {
    journal.length = 0;
    testStorage = await createTestStorage(engine);
    fake = await new FakeTeamsConnector({ perConversation: limits.perConversation, perTenant: limits.perTenant, failureRate: 0, dedupeBy: 'conversation' }).start();
  });

  afterEach(async function () {
    await Promise.allSettled(opened.splice(0).map((storage) => storage.close()));
    await testStorage?.dispose();
    await fake?.stop();
  });

  async function instance(name: string): Promise<{ services: BotServices; storage: Storage }> {
    const where = testStorage.config.engine === 'postgres' ? { DATABASE_URL: testStorage.config.url } : { SQLITE_PATH: testStorage.config.path };
    const config = loadConfig({ ...where, LOG_LEVEL: 'silent', SCHEDULER_TICK_SECONDS: '0', OUTBOX_LEASE_SECONDS: '3', PORT: '0' });
    const storage = await openStorage(config.storage, dataKey);
    opened.push(storage);
    const logger = pino({ level: 'silent' });
    const { catalog: courses } = await loadCourses({ packsDir: config.coursePacksDir });
    const messenger = new RecordingMessenger(name, journal);
    const services = buildServices({
      config,
      dataKey: storage.dataKey,
      repositories: storage.repositories,
      courses,
      clock: systemClock,
      logger,
      messenger,
      // Small batches, so without tenant leases both instances would claim rows of the same tenant.
      outboxOptions: { handoverMs: 500, retryBaseMs: 200, batchSize: 5, concurrency: 8 },
    });
    return { services, storage };
  }

  /** A team of `people` in the tenant, with a 1:1 reminder to each queued and due. */
  async function queueReminders(storage: Storage, tenantId: string, people: number): Promise<void> {
    const ref: TeamRef = { tenantId, teamId: `19:pacing-${tenantId}@thread.tacv2` };
    const at = new Date();
    const team: Omit<Team, 'status'> = { ...ref, name: `Team ${tenantId}`, serviceUrl: fake.url, aadGroupId: undefined };
    const roster: TeamMember[] = Array.from({ length: people }, (_, index) => ({ userId: `aad-${tenantId}-${index}`, teamsUserId: `29:${tenantId}-${index}`, name: `Person ${index}` }));
    await storage.repositories.teams.upsert(team, at);
    await storage.repositories.teams.replaceChannels(ref, [{ channelId: ref.teamId, name: '' }], at);
    await storage.repositories.teams.upsertMembers(ref, roster, at);
    await storage.repositories.enrollments.save(enrollmentOf(ref));
    const targets = roster.map((member) => ({ targetKey: member.userId, payload: { kind: 'reminder' as const, userId: member.userId, teamsUserId: member.teamsUserId, dueDate: '2031-06-13' } }));
    await storage.repositories.schedules.enqueue({ ...ref, courseId }, 'reminder', { occurrenceKey: `pacing-${tenantId}`, dueAt: at, status: 'queued', targets }, at);
  }

  /** Drains on the instance until the outbox is empty, as its background loop would tick. */
  async function drainUntilEmpty(services: BotServices, storage: Storage): Promise<void> {
    const deadline = Date.now() + 60_000;
    while ((await storage.repositories.outbox.pendingCount()) > 0) {
      if (Date.now() > deadline) throw new Error('the outbox did not empty within 60 s');
      if ((await services.outboxWorker.drain()) === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('never lets two instances together exceed one tenant’s rate (no self-inflicted 429)', async function () {
    this.timeout(90_000);
    const a = await instance('A');
    const b = await instance('B');
    await queueReminders(a.storage, 'tenant-one', 40);
    await Promise.all([drainUntilEmpty(a.services, a.storage), drainUntilEmpty(b.services, b.storage)]);

    const report = fake.report();
    assert.equal(report.throttled, 0, `429s: ${JSON.stringify(report.throttledBy)}`);
    assert.equal(report.delivered, 40);
    assert.ok(report.keys.every(([, count]) => count === 1), 'nobody got a reminder twice');
    assert.equal(journal.length, 80, 'two requests per reminder (create the chat, post), none retried');
  });

  it('shares two tenants between two instances, which send for them at the same time', async function () {
    this.timeout(90_000);
    const a = await instance('A');
    const b = await instance('B');
    // Both workers are alive (each has looked for work) before any is queued, so each takes its share of one tenant.
    assert.equal(await a.services.outboxWorker.drain(), 0);
    assert.equal(await b.services.outboxWorker.drain(), 0);
    await queueReminders(a.storage, 'tenant-one', 30);
    await queueReminders(a.storage, 'tenant-two', 30);
    await Promise.all([drainUntilEmpty(a.services, a.storage), drainUntilEmpty(b.services, b.storage)]);

    const report = fake.report();
    assert.equal(report.throttled, 0, `429s: ${JSON.stringify(report.throttledBy)}`);
    assert.equal(report.delivered, 60);
    assert.ok(report.keys.every(([, count]) => count === 1), 'nobody got a reminder twice');
    const tenantsOf = (name: string): string[] => [...new Set(journal.filter((entry) => entry.instance === name).map((entry) => entry.tenantId))];
    assert.equal(tenantsOf('A').length, 1, `A sent for ${tenantsOf('A').join(', ')}`);
    assert.equal(tenantsOf('B').length, 1, `B sent for ${tenantsOf('B').join(', ')}`);
    assert.notEqual(tenantsOf('A')[0], tenantsOf('B')[0], 'each tenant is sent for by one instance');
    // In parallel: each instance's first send comes before the other's last.
    const first = (name: string): number => journal.findIndex((entry) => entry.instance === name);
    const last = (name: string): number => journal.findLastIndex((entry) => entry.instance === name);
    assert.ok(first('B') < last('A') && first('A') < last('B'), 'the two tenants were sent at the same time, not one after the other');
  });
});
