/**
 * The real Lærekraft app for the benchmark, composed exactly as `bot/index.ts` does: configuration from the
 * environment, the pino logger at LOG_LEVEL, `composeApp`, then listen. Reports the default course's lessons,
 * which the bench needs to seed progress and to check each reply.
 */
import type { AddressInfo } from 'node:net';
import { composeApp } from '../../bot/compose.js';
import { loadConfig } from '../../bot/config.js';
import { lessonIds } from '../../bot/core/course.js';
import { createLogger } from '../../bot/logger.js';
import { serveControl } from './ipc.js';

/** What the app process reports when it is ready. */
export type AppReadyDetail = {
  readonly courseId: string;
  readonly lessonIds: readonly string[];
};

const config = loadConfig(process.env);
if (!config.localMode) throw new Error('The benchmark runs the app in local mode: unset BOT_ID.');
const app = await composeApp(config, createLogger(config.logLevel));
const course = app.courses.defaultCourse();

await new Promise<void>((resolve) => app.server.listen(config.port, config.host, resolve));
serveControl({
  port: (app.server.address() as AddressInfo).port,
  detail: { courseId: course.id, lessonIds: lessonIds(course) } satisfies AppReadyDetail,
  stop: () => app.close(),
});
