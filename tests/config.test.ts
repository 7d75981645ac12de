import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../bot/config.js';

const DATA_KEY = Buffer.alloc(32, 1).toString('base64');

describe('config', function () {
  it('defaults to local mode on SQLite, bound to loopback', function () {
    const config = loadConfig({});
    assert.equal(config.localMode, true);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 3978);
    assert.deepEqual(config.storage, { engine: 'sqlite', path: './data/laerekraft.db' });
    assert.ok(Object.isFrozen(config));
  });

  it('leaves local mode and listens on all interfaces when BOT_ID is set', function () {
    const config = loadConfig({ BOT_ID: 'app-id', BOT_PASSWORD: 'secret', DATA_KEY, ALLOWED_TENANT_IDS: '*' });
    assert.equal(config.localMode, false);
    assert.equal(config.host, '0.0.0.0');
  });

  it('uses PostgreSQL when DATABASE_URL is set', function () {
    assert.deepEqual(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).storage, { engine: 'postgres', url: 'postgres://u@h:5432/db' });
  });

  it('treats empty values as unset', function () {
    assert.equal(loadConfig({ BOT_ID: '', DATABASE_URL: '' }).localMode, true);
  });

  it('names the variable and what is allowed when a value is bad', function () {
    assert.throws(() => loadConfig({ PORT: 'eighty' }), (error: unknown) => error instanceof ConfigError && /PORT/.test(error.message));
    assert.throws(() => loadConfig({ BOT_TYPE: 'Sometimes' }), /BOT_TYPE: .*MultiTenant.*SingleTenant.*UserAssignedMsi/s);
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL: must start with postgres/);
  });

  it('requires a tenant for single-tenant bots and a password unless a managed identity is used', function () {
    assert.throws(() => loadConfig({ BOT_ID: 'id', BOT_PASSWORD: 'p', BOT_TYPE: 'SingleTenant', DATA_KEY }), /BOT_TENANT_ID: is required/);
    assert.throws(() => loadConfig({ BOT_ID: 'id', DATA_KEY }), /BOT_PASSWORD: is required/);
    assert.equal(loadConfig({ BOT_ID: 'id', BOT_TYPE: 'UserAssignedMsi', BOT_TENANT_ID: 't', DATA_KEY }).localMode, false);
  });

  it('requires a data key outside local mode, and checks its size', function () {
    assert.throws(() => loadConfig({ BOT_ID: 'id', BOT_PASSWORD: 'p' }), /DATA_KEY: is required when BOT_ID is set/);
    assert.throws(() => loadConfig({ DATA_KEY: Buffer.alloc(16).toString('base64') }), /DATA_KEY: must be 32 random bytes/);
    assert.equal(loadConfig({ DATA_KEY }).dataKey?.length, 32);
  });
});
