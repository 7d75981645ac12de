import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../../bot/config.js';
import { composeApp, type App } from '../../bot/compose.js';
import type { Clock, Logger } from '../../bot/core/ports.js';
import { createTestStorage, type TestStorage } from './engines.js';
import { closed, opened } from './open-resources.js';

/** A running app on a free port with its own empty database. */
export type RunningApp = {
  readonly app: App;
  readonly url: string;
  /** Posts an activity to /api/messages; returns the status and the parsed body (if any). */
  post(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  /** Stops the app and drops its database (again: waits for the first close). */
  close(): Promise<void>;
};

/** Starts the whole app as `npm start` would, on loopback, with the given environment. */
export async function startApp(
  options: { readonly env?: NodeJS.ProcessEnv; readonly engine?: 'sqlite' | 'postgres'; readonly clock?: Clock; readonly logger?: Logger } = {},
): Promise<RunningApp> {
  const storage: TestStorage = await createTestStorage(options.engine ?? 'sqlite');
  let app: App;
  try {
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      SCHEDULER_TICK_SECONDS: '0',
      ...(storage.config.engine === 'sqlite' ? { SQLITE_PATH: storage.config.path } : { DATABASE_URL: storage.config.url }),
      ...options.env,
    });
    app = await composeApp(config, options.logger ?? pino({ level: 'silent' }), options.clock);
  } catch (error) {
    // Nothing is left behind by an app that did not start (its schema or temp folder too).
    await storage.dispose().catch(() => undefined);
    throw error;
  }
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  let closing: Promise<void> | undefined;
  const running: RunningApp = {
    app,
    url,
    async post(activity, headers = {}) {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof activity === 'string' ? activity : JSON.stringify(activity),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    close() {
      closing ??= (async () => {
        closed(running);
        await app.close();
        await storage.dispose();
      })();
      return closing;
    },
  };
  opened(running, `app at ${url}`, () => running.close());
  return running;
}
