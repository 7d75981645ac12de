import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import restify, { type Server } from 'restify';
import { registerTab } from '../../bot/http/static-tab.js';

/** A GET or HEAD with the path sent exactly as written (fetch would normalise `..`). */
function raw(base: string, path: string, method = 'GET', headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('registerTab (the built tab under /tab)', function () {
  let dir: string;
  let server: Server;
  let base: string;

  before(async function () {
    dir = await mkdtemp(join(tmpdir(), 'lk-tab-'));
    const dist = join(dir, 'dist', 'tab');
    await mkdir(join(dist, 'assets'), { recursive: true });
    await writeFile(join(dist, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
    await writeFile(join(dist, 'assets', 'index-AbCd1234.js'), 'console.log(1)');
    await writeFile(join(dist, 'assets', 'style-Zy98_xw7.css'), 'body{}');
    await writeFile(join(dist, 'notes.txt'), 'plain');
    await writeFile(join(dist, '.env'), 'SECRET=1');
    await writeFile(join(dir, 'dist', 'secret.json'), '{"secret":true}');
    server = restify.createServer({ name: 'tab-test', handleUncaughtExceptions: false });
    registerTab(server, dist, { clientId: '11111111-2222-4333-8444-555555555555' });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async function () {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  });

  for (const path of ['/tab', '/tab/', '/tab/index.html', '/tab/index.html?dev=1']) {
    it(`answers index.html for ${path}, never cached, with the client id and frame-ancestors for Teams`, async function () {
      const response = await raw(base, path);
      assert.equal(response.status, 200);
      assert.equal(response.headers['content-type'], 'text/html; charset=utf-8');
      assert.equal(response.headers['cache-control'], 'no-cache');
      assert.match(String(response.headers['content-security-policy']), /frame-ancestors .*https:\/\/teams\.microsoft\.com/);
      assert.match(response.body, /<meta name="laerekraft-client-id" content="11111111-2222-4333-8444-555555555555" \/>/);
    });
  }

  it('serves hashed assets with their content type and a year-long immutable cache', async function () {
    const js = await raw(base, '/tab/assets/index-AbCd1234.js');
    assert.equal(js.status, 200);
    assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(js.body, 'console.log(1)');
    const css = await raw(base, '/tab/assets/style-Zy98_xw7.css');
    assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
    const txt = await raw(base, '/tab/notes.txt');
    assert.equal(txt.headers['cache-control'], 'no-cache');
    const head = await raw(base, '/tab/assets/index-AbCd1234.js', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
  });

  it('answers a repeated request with 304 by ETag, and a range with 206', async function () {
    const first = await raw(base, '/tab/assets/index-AbCd1234.js');
    const etag = String(first.headers.etag ?? '');
    assert.ok(etag.length > 0, 'an ETag');
    const again = await raw(base, '/tab/assets/index-AbCd1234.js', 'GET', { 'if-none-match': etag });
    assert.equal(again.status, 304);
    assert.equal(again.body, '');
    const part = await raw(base, '/tab/assets/index-AbCd1234.js', 'GET', { range: 'bytes=0-6' });
    assert.equal(part.status, 206);
    assert.equal(part.body, 'console');
  });

  for (const path of ['/tab/.env', '/tab/missing.js', '/tab/assets', '/tab/assets/', '/tab/../secret.json', '/tab/%2e%2e/secret.json', '/tab/..%2fsecret.json', '/tab/assets/%2e%2e%2f%2e%2e%2fsecret.json', '/tab/%00', '/tab/%E0%A4%A']) {
    it(`answers 404 for ${path}`, async function () {
      const response = await raw(base, path);
      assert.ok(response.status === 404 || response.status === 400, `status ${response.status}`);
      assert.doesNotMatch(response.body, /"secret":true/);
    });
  }

  it('says the tab is not built when dist/tab is missing', async function () {
    const bare = restify.createServer({ name: 'tab-test-empty', handleUncaughtExceptions: false });
    registerTab(bare, join(dir, 'nowhere'));
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    try {
      const response = await raw(`http://127.0.0.1:${(bare.address() as AddressInfo).port}`, '/tab/');
      assert.equal(response.status, 404);
      assert.match(response.body, /npm run build/);
    } finally {
      await new Promise<void>((resolve) => bare.close(() => resolve()));
    }
  });
});
