import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RestError } from '@azure/core-rest-pipeline';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } from 'botbuilder';
import pino from 'pino';
import sinon from 'sinon';
import type { AdaptiveCard } from '../../cards/models.js';
import type { Team } from '../../bot/core/team.js';
import { onTurnError } from '../../bot/teams/adapter.js';
import { BotConnector } from '../../bot/teams/bot-connector.js';
import { ConnectorClients, type BotFrameworkAuthentication } from '../../bot/teams/connector-clients.js';
import { Messenger, SendFailure, messengerConnectorOptions, teamsRateLimits, type RateLimits, type SendTarget } from '../../bot/teams/messenger.js';
import { classifySendError, httpStatusOf, retryAfterMs } from '../../bot/teams/classify-send-error.js';
import { ConnectorHttpError } from '../../bot/teams/messenger/connector-client-options.js';
import { FakeConnector, cardOf } from '../helpers/fake-connector.js';

const target: SendTarget = { tenantId: 'tenant-a', conversationId: 'conversation-1' };

/** A 429 as the Messenger sees it through `messengerConnectorOptions`. */
function throttled(retryAfterSeconds?: number): ConnectorHttpError {
  const headers: Record<string, string> = retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
  return new ConnectorHttpError(429, headers, 'Throttled', 'Bot Connector answered 429');
}

/**
 * The most sends any window of `windowMs` can have seen, counting a send from its start until its finish and
 * assuming the service counted it at the worst moment in between; evaluated at every start.
 */
function worstWindowCount(sends: readonly { start: number; finish: number }[], windowMs: number): number {
  let worst = 0;
  for (const { start: t } of sends) {
    const seen = sends.filter((send) => send.start <= t && send.finish > t - windowMs).length;
    worst = Math.max(worst, seen);
  }
  return worst;
}

function assertWithin(sends: readonly { start: number; finish: number }[], limits: RateLimits['perConversation']): void {
  for (const { count, windowMs } of limits) {
    const worst = worstWindowCount(sends, windowMs);
    assert.ok(worst <= count, `${worst} sends in a window of ${windowMs} ms, limit ${count}`);
  }
}

describe('Messenger', function () {
  describe('pacing (fake clock)', function () {
    let timers: sinon.SinonFakeTimers;
    const clock = { now: () => timers.now };

    beforeEach(() => {
      timers = sinon.useFakeTimers({ now: 0, toFake: ['setTimeout', 'clearTimeout'] });
    });
    afterEach(() => timers.restore());

    it('keeps every window of one conversation and uses each slot as soon as it frees', async function () {
      const messenger = new Messenger({ clock });
      const sends: { start: number; finish: number }[] = [];
      const all = Promise.all(
        Array.from({ length: 80 }, () =>
          messenger.send(target, async () => {
            sends.push({ start: timers.now, finish: timers.now });
          }),
        ),
      );
      await timers.tickAsync(60_000);
      await all;
      assert.equal(sends.length, 80);
      assert.deepEqual(
        sends.slice(0, 9).map((send) => send.start),
        [0, 0, 0, 0, 0, 0, 0, 1000, 2000],
      );
      assertWithin(sends, teamsRateLimits().perConversation);
      // The 61st send waits for the first to leave the 30-second window.
      assert.equal(sends[60]!.start, 30_000);
    });

    it('never lets concurrent slow sends to one conversation overshoot a window, counting each until it finishes', async function () {
      const messenger = new Messenger({ clock });
      const sends: { start: number; finish: number }[] = [];
      const all = Promise.all(
        Array.from({ length: 40 }, (_, index) =>
          messenger.send(target, async () => {
            const start = timers.now;
            await new Promise((resolve) => setTimeout(resolve, 50 + (index % 5) * 70));
            sends.push({ start, finish: timers.now });
          }),
        ),
      );
      await timers.tickAsync(120_000);
      await all;
      assert.equal(sends.length, 40);
      assertWithin(sends, teamsRateLimits().perConversation);
    });

    it('keeps the tenant within 50 sends a second across its conversations, and other tenants unaffected', async function () {
      const messenger = new Messenger({ clock });
      const sends: { start: number; finish: number }[] = [];
      const all = Promise.all(
        Array.from({ length: 130 }, (_, index) =>
          messenger.send({ tenantId: 'tenant-a', conversationId: `c-${index}` }, async () => {
            sends.push({ start: timers.now, finish: timers.now });
          }),
        ),
      );
      let otherStartedAt: number | undefined;
      const other = messenger.send({ tenantId: 'tenant-b', conversationId: 'c-0' }, async () => {
        otherStartedAt = timers.now;
      });
      await timers.tickAsync(5_000);
      await Promise.all([all, other]);
      assertWithin(sends, teamsRateLimits().perTenant);
      assert.deepEqual(
        [sends[49]!.start, sends[50]!.start, sends[100]!.start],
        [0, 1000, 2000],
      );
      assert.equal(otherStartedAt, 0);
    });

    it('honours Retry-After on a 429 before trying again', async function () {
      const messenger = new Messenger({ clock });
      const starts: number[] = [];
      const sent = messenger.send(target, async () => {
        starts.push(timers.now);
        if (starts.length === 1) throw throttled(3);
        return 'ok';
      });
      await timers.tickAsync(10_000);
      assert.equal(await sent, 'ok');
      assert.deepEqual(starts, [0, 3000]);
    });

    it('pauses the whole tenant while it is throttled, and only that tenant', async function () {
      const messenger = new Messenger({ clock });
      const starts: Record<string, number[]> = { throttled: [], sameTenant: [], otherTenant: [] };
      const first = messenger.send(target, async () => {
        starts.throttled!.push(timers.now);
        if (starts.throttled!.length === 1) throw throttled(2);
      });
      await timers.tickAsync(100);
      const sameTenant = messenger.send({ tenantId: 'tenant-a', conversationId: 'conversation-2' }, async () => {
        starts.sameTenant!.push(timers.now);
      });
      const otherTenant = messenger.send({ tenantId: 'tenant-b', conversationId: 'conversation-1' }, async () => {
        starts.otherTenant!.push(timers.now);
      });
      await timers.tickAsync(5_000);
      await Promise.all([first, sameTenant, otherTenant]);
      assert.deepEqual(starts, { throttled: [0, 2000], sameTenant: [2000], otherTenant: [100] });
    });

    it('pauses the tenant for a growing shared back-off when a 429 carries no Retry-After', async function () {
      const messenger = new Messenger({ clock, random: () => 0, baseDelayMs: 1000 });
      const starts: number[] = [];
      const sent = messenger.send(target, async () => {
        starts.push(timers.now);
        if (starts.length <= 2) throw throttled();
      });
      await timers.tickAsync(10_000);
      await sent;
      // Equal jitter with random 0 waits half the ceiling: 500 ms after the first 429, then 1000 ms after the second.
      assert.deepEqual(starts, [0, 500, 1500]);
    });

    it('ends a send whose Retry-After is longer than maxDelayMs, as throttled and not permanent, and keeps the tenant paused', async function () {
      const messenger = new Messenger({ clock, maxDelayMs: 30_000 });
      const failed = messenger.send(target, async () => {
        throw throttled(120);
      });
      const outcome = failed.then(
        () => assert.fail('expected a failure'),
        (error: unknown) => error,
      );
      await timers.tickAsync(0);
      const failure = (await outcome) as SendFailure;
      assert.ok(failure instanceof SendFailure);
      assert.deepEqual([failure.reason, failure.permanent, failure.statusCode, failure.retryAfterMs], ['throttled', false, 429, 120_000]);
      let laterStart: number | undefined;
      const later = messenger.send({ tenantId: 'tenant-a', conversationId: 'conversation-2' }, async () => {
        laterStart = timers.now;
      });
      await timers.tickAsync(121_000);
      await later;
      assert.equal(laterStart, 120_000);
    });

    it('forgets idle conversations, so memory stays bounded with 10,000 of them', async function () {
      const limits: RateLimits = { perConversation: teamsRateLimits().perConversation, perTenant: [{ count: 100_000, windowMs: 1000 }] };
      const messenger = new Messenger({ clock, limits });
      await Promise.all(Array.from({ length: 10_000 }, (_, index) => messenger.send({ tenantId: 'tenant-a', conversationId: `c-${index}` }, async () => undefined)));
      assert.equal(messenger.pacingSize().conversations, 10_000);
      await timers.tickAsync(3_600_001);
      await messenger.send({ tenantId: 'tenant-b', conversationId: 'c-x' }, async () => undefined);
      assert.deepEqual(messenger.pacingSize(), { tenants: 1, conversations: 1, waiting: 0 });
    });
  });

  describe('retries (virtual clock)', function () {
    let now: number;
    let sleeps: number[];
    const clock = { now: () => now };
    const sleep = async (ms: number): Promise<void> => {
      sleeps.push(ms);
      now += ms;
    };

    beforeEach(() => {
      now = 0;
      sleeps = [];
    });

    it('backs off exponentially with jitter, each wait within [d/2, d) for d = base × 2^(n−1), capped at maxDelayMs', async function () {
      const randoms = [0, 0.999, 0.5, 0.25, 0.9, 0.1];
      const messenger = new Messenger({ clock, sleep, random: () => randoms.shift()!, baseDelayMs: 100, maxDelayMs: 1000, maxAttempts: 7 });
      let calls = 0;
      const result = await messenger.send(target, async () => {
        calls += 1;
        if (calls <= 6) throw new RestError('Service Unavailable', { statusCode: 503 });
        return calls;
      });
      assert.equal(result, 7);
      const ceilings = [100, 200, 400, 800, 1000, 1000];
      assert.equal(sleeps.length, 6);
      sleeps.forEach((delay, index) => {
        const ceiling = ceilings[index]!;
        assert.ok(delay >= ceiling / 2 && delay < ceiling, `wait ${index + 1} was ${delay}, expected within [${ceiling / 2}, ${ceiling})`);
      });
      assert.deepEqual(
        sleeps.map((delay) => Math.round(delay * 10) / 10),
        [50, 199.9, 300, 500, 950, 550],
      );
    });

    it('retries 412, 502, 504 and socket errors, and waits at least a 503’s Retry-After', async function () {
      const messenger = new Messenger({ clock, sleep, random: () => 0, baseDelayMs: 100, maxAttempts: 6 });
      const failures: unknown[] = [
        new RestError('Precondition Failed', { statusCode: 412 }),
        new RestError('Bad Gateway', { statusCode: 502 }),
        new RestError('Gateway Timeout', { statusCode: 504 }),
        Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
        new ConnectorHttpError(503, { 'retry-after': '7' }, undefined, 'Bot Connector answered 503'),
      ];
      const result = await messenger.send(target, async () => {
        const failure = failures.shift();
        if (failure) throw failure;
        return 'delivered';
      });
      assert.equal(result, 'delivered');
      assert.deepEqual(sleeps, [50, 100, 200, 400, 7000]);
    });

    it('gives up after maxAttempts with a transient, non-permanent SendFailure', async function () {
      const messenger = new Messenger({ clock, sleep, maxAttempts: 3, baseDelayMs: 10 });
      let calls = 0;
      await assert.rejects(
        messenger.send(target, async () => {
          calls += 1;
          throw new RestError('Bad Gateway', { statusCode: 502 });
        }),
        (error: unknown) => error instanceof SendFailure && error.reason === 'transient' && !error.permanent && error.statusCode === 502 && /Gave up after 3/.test(error.message),
      );
      assert.equal(calls, 3);
    });

    for (const [status, reason] of [
      [403, 'blocked'],
      [404, 'notFound'],
      [400, 'rejected'],
      [401, 'rejected'],
    ] as const) {
      it(`records a ${status} as ${reason}, permanent, and does not retry it`, async function () {
        const messenger = new Messenger({ clock, sleep });
        let calls = 0;
        await assert.rejects(
          messenger.send(target, async () => {
            calls += 1;
            throw new RestError('failed', { statusCode: status, code: 'SomeCode' });
          }),
          (error: unknown) => error instanceof SendFailure && error.reason === reason && error.permanent && error.statusCode === status,
        );
        assert.equal(calls, 1);
        assert.deepEqual(sleeps, []);
      });
    }
  });

  describe('error classification', function () {
    it('maps statuses, socket errors and programming errors to reasons', function () {
      const cases: [unknown, string, boolean][] = [
        [new RestError('x', { statusCode: 403 }), 'blocked', true],
        [new RestError('x', { statusCode: 404 }), 'notFound', true],
        [new RestError('x', { statusCode: 429 }), 'throttled', false],
        [new RestError('x', { statusCode: 408 }), 'transient', false],
        [new RestError('x', { statusCode: 412 }), 'transient', false],
        [new RestError('x', { statusCode: 500 }), 'transient', false],
        [new RestError('x', { statusCode: 502 }), 'transient', false],
        [new RestError('x', { statusCode: 503 }), 'transient', false],
        [new RestError('x', { statusCode: 504 }), 'transient', false],
        [new RestError('x', { statusCode: 501 }), 'rejected', true],
        [new RestError('x', { statusCode: 413 }), 'rejected', true],
        [new RestError('connect ECONNREFUSED', { code: 'ECONNREFUSED' }), 'transient', false],
        [Object.assign(new Error('aborted'), { name: 'AbortError' }), 'transient', false],
        [new TypeError('fetch failed', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) }), 'transient', false],
        [new TypeError('Cannot read properties of undefined'), 'rejected', true],
        [new Error('something odd'), 'transient', false],
      ];
      for (const [error, reason, permanent] of cases) {
        const failure = classifySendError(error);
        assert.deepEqual([failure.reason, failure.permanent], [reason, permanent], String((error as Error).message));
        assert.equal(failure.cause, error);
      }
    });

    it('reads Retry-After as seconds, as an HTTP date, and prefers retry-after-ms', function () {
      const now = Date.parse('2026-03-02T08:00:00Z');
      assert.equal(retryAfterMs({ 'retry-after': '2' }, now), 2000);
      assert.equal(retryAfterMs({ 'Retry-After': '1.5' }, now), 1500);
      assert.equal(retryAfterMs({ 'retry-after': 'Mon, 02 Mar 2026 08:00:05 GMT' }, now), 5000);
      assert.equal(retryAfterMs({ 'retry-after': '9', 'retry-after-ms': '250' }, now), 250);
      assert.equal(retryAfterMs({ 'retry-after': 'soon' }, now), undefined);
      assert.equal(retryAfterMs(undefined, now), undefined);
    });

    it('returns a SendFailure as it is, and gives the outbox the reason, permanence and Retry-After of a 429', function () {
      const given = new SendFailure('tenantNotAllowed', true);
      assert.equal(classifySendError(given), given);
      const throttled = classifySendError(new ConnectorHttpError(429, { 'retry-after': '3' }, undefined, 'Bot Connector answered 429'));
      assert.deepEqual([throttled.reason, throttled.permanent, throttled.statusCode, throttled.retryAfterMs], ['throttled', false, 429, 3000]);
      assert.equal(httpStatusOf(new RestError('x', { statusCode: 403 })), 403);
      assert.equal(httpStatusOf(new Error('database away')), undefined);
    });
  });

  describe('with a real ConnectorClient against the fake Bot Connector', function () {
    let fake: FakeConnector;
    let team: Team;
    let now: number;
    let sleeps: number[];
    const card: AdaptiveCard = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Hei' }] };
    const logger = pino({ level: 'silent' });

    /** An adapter as production builds it, with the turn-error handler that swallows errors, and the Messenger's transport. */
    function adapter(options = messengerConnectorOptions()): CloudAdapter {
      const built = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}, undefined, undefined, undefined, options));
      built.onTurnError = (context, error) => onTurnError(context, error, logger);
      return built;
    }

    /** Bot Connector clients as production builds them for proactive sends, with the Messenger's transport. */
    function clients(options = messengerConnectorOptions()): ConnectorClients {
      return new ConnectorClients(new ConfigurationBotFrameworkAuthentication({}, undefined, undefined, undefined, options), 'local-mode-bot');
    }

    function messenger(maxAttempts = 5): Messenger {
      return new Messenger({
        clock: { now: () => now },
        sleep: async (ms) => {
          sleeps.push(ms);
          now += ms;
        },
        random: () => 0,
        maxAttempts,
        logger,
      });
    }

    beforeEach(async () => {
      fake = await new FakeConnector().start();
      team = { tenantId: 'tenant-a', teamId: '19:team@thread.tacv2', name: 'Oppvekst', status: 'active', serviceUrl: fake.url, aadGroupId: undefined };
      now = 0;
      sleeps = [];
    });
    afterEach(async () => fake.stop());

    it('classifies a 403 from the Bot Connector as blocked, permanent, after one request', async function () {
      fake.failNext(1, { status: 403, code: 'ConversationBlockedByUser' });
      const connector = new BotConnector(clients(), '', messenger());
      await assert.rejects(connector.replyInThread(team, 'a:personal-1', card), (error: unknown) => {
        assert.ok(error instanceof SendFailure);
        assert.deepEqual([error.reason, error.permanent, error.statusCode], ['blocked', true, 403]);
        assert.match(error.message, /ConversationBlockedByUser/);
        return true;
      });
      assert.equal(fake.calls.length, 1);
    });

    it('classifies a 404 as notFound even with the SDK’s own retries left on', async function () {
      fake.failNext(1, { status: 404, code: 'ConversationNotFound' });
      const connector = new BotConnector(clients({}), '', messenger());
      await assert.rejects(connector.updateInThread(team, '19:gone;messageid=1', 'm-1', card), (error: unknown) => error instanceof SendFailure && error.reason === 'notFound' && error.permanent);
      assert.equal(fake.calls.length, 1);
    });

    it('sends one request per attempt on a 429 and honours its Retry-After once, in the Messenger', async function () {
      fake.failNext(2, { status: 429, retryAfter: '2', code: 'Throttled' });
      const connector = new BotConnector(clients(), '', messenger());
      const id = await connector.replyInThread(team, '19:c;messageid=1', card);
      assert.match(id, /^activity-/);
      assert.deepEqual(
        fake.calls.map((call) => call.failedWith ?? 200),
        [429, 429, 200],
      );
      assert.deepEqual(sleeps, [2000, 2000]);
      assert.equal(fake.sentTo('19:c;messageid=1').length, 1);
    });

    it('retries a 503 on a new channel thread and posts the thread once', async function () {
      fake.failNext(1, { status: 503 });
      const connector = new BotConnector(clients(), '', messenger());
      const { threadId } = await connector.postToChannel(team, '19:general@thread.tacv2', card);
      assert.match(threadId, /^19:general@thread\.tacv2;messageid=root-/);
      assert.equal(fake.calls.length, 2);
      assert.equal(fake.sent.length, 1);
      assert.equal(sleeps.length, 1);
    });

    it('classifies a refused connection as transient and gives up after maxAttempts', async function () {
      const closed = createServer();
      closed.listen(0, '127.0.0.1');
      await once(closed, 'listening');
      const port = (closed.address() as AddressInfo).port;
      closed.close();
      await once(closed, 'close');
      const connector = new BotConnector(clients(), '', messenger(2));
      await assert.rejects(connector.replyInThread({ ...team, serviceUrl: `http://127.0.0.1:${port}/` }, '19:c;messageid=1', card), (error: unknown) => {
        assert.ok(error instanceof SendFailure);
        assert.deepEqual([error.reason, error.permanent, error.statusCode], ['transient', false, undefined]);
        assert.match(error.message, /ECONNREFUSED/);
        return true;
      });
      assert.equal(sleeps.length, 1);
    });

    it('builds one Bot Connector client per service URL and sends every proactive write on it', async function () {
      const auth = new ConfigurationBotFrameworkAuthentication({}, undefined, undefined, undefined, messengerConnectorOptions());
      let built = 0;
      const counting = {
        createConnectorFactory: (identity: Parameters<typeof auth.createConnectorFactory>[0]) => {
          const factory = auth.createConnectorFactory(identity);
          return { create: (serviceUrl: string, audience?: string) => ((built += 1), factory.create(serviceUrl, audience)) };
        },
      } as unknown as BotFrameworkAuthentication;
      const connector = new BotConnector(new ConnectorClients(counting, 'local-mode-bot'), '', messenger());
      const { threadId } = await connector.postToChannel(team, '19:general@thread.tacv2', card);
      const replyId = await connector.replyInThread(team, threadId, card);
      await connector.updateInThread(team, threadId, replyId, card);
      await connector.sendPersonal(team, '29:person', card);
      assert.equal(built, 1);
      assert.equal(fake.calls.length, 5);
      const reply = fake.calls.find((call) => call.method === 'POST' && call.conversationId === threadId);
      assert.deepEqual((reply?.body.conversation as { id?: string } | undefined)?.id, threadId);
      assert.ok(cardOf(reply!.body), 'the reply carries the card');
    });

    it('leaves the SDK’s retries in place on the adapter that serves turns (a reply within a user’s turn)', async function () {
      fake.failNext(1, { status: 429, retryAfter: '0' });
      const reference = { channelId: 'msteams', serviceUrl: fake.url, conversation: { id: 'a:personal-1', isGroup: false, conversationType: 'personal', tenantId: 'tenant-a', name: '' } };
      let id: string | undefined;
      await adapter({}).continueConversationAsync('local-mode-bot', reference, async (context) => {
        id = (await context.sendActivity(MessageFactory.text('hei')))?.id;
      });
      assert.match(id ?? '', /^activity-/);
      assert.equal(fake.calls.length, 2);
    });
  });
});
