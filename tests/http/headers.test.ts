import assert from 'node:assert/strict';
import { ids } from '../helpers/activities.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';

/** Requests of every kind the server answers: JSON, HTML, text, refusals before and after routing. */
const requests: readonly { readonly name: string; readonly path: string; readonly init?: RequestInit }[] = [
  { name: 'health', path: '/healthz' },
  { name: 'a legal page', path: '/privacy' },
  { name: 'the tab (not built here: 404)', path: '/tab' },
  { name: 'an unknown route', path: '/nope' },
  { name: 'a method the route does not take', path: '/healthz', init: { method: 'POST' } },
  { name: 'a multipart body', path: '/api/messages', init: { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x--' } },
  { name: 'a body over the limit', path: '/api/messages', init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(1024 * 1024 + 1) } },
  { name: 'an expired "my data" link', path: '/api/v1/my-data?token=x.y.z' },
  { name: 'the tab API without a caller', path: '/api/v1/me' },
  { name: 'the tab API', path: '/api/v1/me', init: { headers: { 'x-dev-user': `${ids.tenant}/${ids.ola.aadObjectId}` } } },
  { name: 'the tab messages', path: '/api/v1/i18n/nb' },
];

describe('security headers on every response', function () {
  describe('in local mode (plain HTTP on loopback)', function () {
    let running: RunningApp;
    before(async () => (running = await startApp()));
    after(async () => running.close());

    for (const { name, path, init } of requests) {
      it(`${name}: X-Content-Type-Options: nosniff once, no HSTS`, async function () {
        const response = await fetch(`${running.url}${path}`, init);
        await response.arrayBuffer();
        assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
        assert.equal(response.headers.get('strict-transport-security'), null);
      });
    }

    it('gives the legal pages a Content-Security-Policy that runs no script', async function () {
      const response = await fetch(`${running.url}/privacy`);
      await response.text();
      const csp = String(response.headers.get('content-security-policy'));
      assert.match(csp, /default-src 'none'/);
      assert.doesNotMatch(csp, /script-src/);
      assert.match(csp, /frame-ancestors [^;]*https:\/\/teams\.microsoft\.com/);
    });
  });

  describe('outside local mode', function () {
    let running: RunningApp;
    before(async () => {
      running = await startApp({ env: { BOT_ID: '00000000-0000-4000-8000-000000000001', BOT_PASSWORD: 'x', DATA_KEY: Buffer.alloc(32, 7).toString('base64'), ALLOWED_TENANT_IDS: ids.tenant } });
    });
    after(async () => running.close());

    for (const { name, path, init } of requests.filter((request) => !request.init?.headers || !('x-dev-user' in request.init.headers))) {
      it(`${name}: HSTS and nosniff`, async function () {
        const response = await fetch(`${running.url}${path}`, init);
        await response.arrayBuffer();
        assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
        assert.match(String(response.headers.get('strict-transport-security')), /^max-age=31536000; includeSubDomains$/);
      });
    }
  });
});
