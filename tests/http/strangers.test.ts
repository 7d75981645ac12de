import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import sinon from 'sinon';
import { ids, personalMessage } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { FakeBotFramework } from '../helpers/fake-bot-framework.js';
import { FakeConnector } from '../helpers/fake-connector.js';

const BOT_ID = '00000000-0000-4000-8000-000000000001';
const botEnv = (metadataUrl: string) => ({
  BOT_ID,
  BOT_PASSWORD: 'not-a-real-secret',
  DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
  ALLOWED_TENANT_IDS: ids.tenant,
  BOT_OPENID_METADATA_URL: metadataUrl,
});

/** A multipart/form-data body with one file part of `size` bytes. */
function multipart(size: number): { body: Buffer; type: string } {
  const boundary = '----lk-test-boundary';
  const head = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.bin"\r\ncontent-type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, Buffer.alloc(size, 0x61), tail]), type: `multipart/form-data; boundary=${boundary}` };
}

describe('strangers get nothing: request bodies', function () {
  let running: RunningApp;
  let temp: string;
  let savedTmp: string | undefined;

  before(async function () {
    running = await startApp();
  });

  after(async function () {
    await running.close();
  });

  beforeEach(async function () {
    // Anything a body parser wrote would land in os.tmpdir(), which follows TMPDIR.
    temp = await mkdtemp(join(tmpdir(), 'lk-uploads-'));
    savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = temp;
  });

  afterEach(async function () {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    await rm(temp, { recursive: true, force: true });
  });

  for (const path of ['/api/messages', '/api/v1/me/lessons/x/read', '/healthz', '/api/v1/me']) {
    it(`refuses a multipart upload to ${path} and writes no file`, async function () {
      const { body, type } = multipart(512 * 1024);
      const response = await fetch(`${running.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });
      assert.ok([401, 405, 415].includes(response.status), `status ${response.status}`);
      if (path === '/api/messages') assert.equal(response.status, 415);
      await response.text();
      assert.deepEqual(await readdir(temp), []);
    });
  }

  it('refuses a form-encoded body on /api/messages with 415', async function () {
    const response = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'type=message&text=hei' });
    assert.equal(response.status, 415);
  });

  it('refuses a body over 1 MB with 413, declared or streamed, and writes no file', async function () {
    const big = JSON.stringify({ type: 'message', text: 'x'.repeat(1024 * 1024 + 10) });
    const declared = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    assert.equal(declared.status, 413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i += 1) controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
        controller.close();
      },
    });
    const streamed = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    assert.equal(streamed.status, 413);
    assert.deepEqual(await readdir(temp), []);
  });

  it('refuses a body over 1 MB on a route that takes none with 413', async function () {
    const response = await fetch(`${running.url}/healthz`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(1024 * 1024 + 10) });
    assert.equal(response.status, 413);
  });

  it('refuses malformed JSON with 400', async function () {
    assert.equal((await running.post('{"type": "message", ')).status, 400);
  });

  it('refuses a gzip-encoded body with 415 (no decompression of what a stranger sends)', async function () {
    const response = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: 'abc' });
    assert.equal(response.status, 415);
  });
});

describe('strangers get nothing: Bot Framework tokens on /api/messages', function () {
  let botFramework: FakeBotFramework;
  let connector: FakeConnector;
  let running: RunningApp;
  let consoleError: sinon.SinonStub;

  before(async function () {
    botFramework = await new FakeBotFramework().start();
    connector = await new FakeConnector().start();
    running = await startApp({ env: botEnv(botFramework.metadataUrl) });
  });

  after(async function () {
    await running.close();
    await connector.stop();
    await botFramework.stop();
  });

  // The SDK writes some token faults to console.error itself.
  beforeEach(() => (consoleError = sinon.stub(console, 'error')));
  afterEach(() => consoleError.restore());

  const activity = () => personalMessage('hjelp', { serviceUrl: connector.url });
  const unsigned = (header: object, claims: object) => `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
  const now = () => Math.floor(Date.now() / 1000);

  const faults: [string, () => Promise<string | undefined>][] = [
    ['no token', async () => undefined],
    ['alg none', async () => unsigned({ alg: 'none' }, { iss: 'https://api.botframework.com', aud: BOT_ID, serviceurl: connector.url, exp: now() + 600 })],
    [
      'HS256',
      () =>
        new SignJWT({ serviceurl: connector.url })
          .setProtectedHeader({ alg: 'HS256', kid: botFramework.kid })
          .setIssuer('https://api.botframework.com')
          .setAudience(BOT_ID)
          .setExpirationTime(now() + 600)
          .sign(new TextEncoder().encode('a shared secret anyone could guess')),
    ],
    ['a wrong signature', () => botFramework.token(BOT_ID, connector.url, { key: botFramework.otherKey })],
    ['a wrong audience', () => botFramework.token(BOT_ID, connector.url, { aud: '00000000-0000-4000-8000-0000000000ff' })],
    ['an expired token', () => botFramework.token(BOT_ID, connector.url, { exp: now() - 3600 })],
    ['a token for another serviceUrl', () => botFramework.token(BOT_ID, 'https://smba.example.com/')],
    ['garbage', async () => 'not.a.token'],
  ];
  for (const [fault, make] of faults) {
    it(`answers ${fault} with 401 and a short generic body`, async function () {
      const token = await make();
      const { status, body } = await running.post(activity(), token ? { authorization: `Bearer ${token}` } : {});
      assert.equal(status, 401);
      assert.deepEqual(body, { code: 'Unauthorized' });
      assert.equal(connector.sent.length, 0);
    });
  }

  it('authenticates before it looks at the activity: a malformed activity without a token is 401, not 400', async function () {
    assert.equal((await running.post({ text: 'no type, no serviceUrl' })).status, 401);
    assert.equal((await running.post('[]')).status, 401);
  });

  it('authenticates before it reads the body: without a valid token, malformed JSON, multipart or a form body is 401', async function () {
    const forged = await botFramework.token(BOT_ID, connector.url, { key: botFramework.otherKey });
    const bodies: [string, string][] = [
      ['application/json', '{"type": "message", '],
      ['multipart/form-data; boundary=x', '--x\r\ncontent-disposition: form-data; name="f"; filename="a"\r\n\r\nabc\r\n--x--\r\n'],
      ['application/x-www-form-urlencoded', 'type=message'],
    ];
    for (const authorization of [undefined, `Bearer ${forged}`]) {
      for (const [type, body] of bodies) {
        const response = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': type, ...(authorization ? { authorization } : {}) }, body });
        assert.equal(response.status, 401, `${type} with ${authorization ? 'a forged token' : 'no token'}`);
        assert.deepEqual(await response.json(), { code: 'Unauthorized' });
      }
    }
  });

  it('checks the shape of an authenticated activity (400)', async function () {
    const token = await botFramework.token(BOT_ID, connector.url);
    const { status, body } = await running.post({ type: 'message', serviceUrl: connector.url }, { authorization: `Bearer ${token}` });
    assert.equal(status, 400);
    assert.match(body.problems.join('\n'), /conversation/);
  });

  it('accepts a valid token', async function () {
    const token = await botFramework.token(BOT_ID, connector.url);
    const typing = { ...activity(), type: 'typing', text: undefined };
    assert.equal((await running.post(typing, { authorization: `Bearer ${token}` })).status, 200);
  });
});

describe('strangers get nothing: Bot Framework keys out of reach', function () {
  it('answers 503 without a host name when the key endpoint cannot be reached', async function () {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    const botFramework = await new FakeBotFramework().start();
    const running = await startApp({ env: botEnv(`http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`) });
    const consoleError = sinon.stub(console, 'error');
    try {
      const serviceUrl = 'https://smba.trafficmanager.net/emea/';
      const token = await botFramework.token(BOT_ID, serviceUrl);
      const response = await fetch(`${running.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(personalMessage('hjelp', { serviceUrl })),
      });
      assert.equal(response.status, 503);
      const text = await response.text();
      assert.deepEqual(JSON.parse(text), { code: 'ServiceUnavailable' });
      assert.doesNotMatch(text, /127\.0\.0\.1|botframework|ECONNREFUSED/);
    } finally {
      consoleError.restore();
      await running.close();
      await botFramework.stop();
    }
  });
});
