import type { Server } from 'restify';
import type { Config } from './config.js';
import type { CourseCatalog } from './core/course.js';
import { LearningService } from './core/learning-service.js';
import type { Clock, Logger } from './core/ports.js';
import { loadCourses } from './course/load-courses.js';
import { createServer } from './http/server.js';
import { pingDatabase, type OpenDatabase } from './storage/database.js';
import { openStorage } from './storage/open-storage.js';
import { createAdapter } from './teams/adapter.js';
import { LaerekraftBot } from './teams/bot.js';

/** The running application: its server and how to stop it. */
export type App = {
  readonly server: Server;
  readonly database: OpenDatabase;
  readonly courses: CourseCatalog;
  /** Stops accepting requests and closes the database. */
  close(): Promise<void>;
};

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/** Wires configuration, storage, courses, core services, the bot and the HTTP server together. */
export async function composeApp(config: Config, logger: Logger, clock: Clock = systemClock): Promise<App> {
  const { catalog: courses, problems } = await loadCourses({ packsDir: config.coursePacksDir });
  for (const problem of problems) logger.error({ ...problem }, 'content pack problem');

  const storage = await openStorage(config.storage, config.dataKey);
  const { database, repositories } = storage;
  if (storage.localDataKey) logger.warn({}, 'DATA_KEY is not set: reflections are sealed with a key kept in the database (local mode only)');
  const learning = new LearningService({ courses, progress: repositories.progress, reflections: repositories.reflections, clock });
  const bot = new LaerekraftBot({
    courses,
    learning,
    people: repositories.people,
    welcomes: repositories.welcomes,
    conversations: repositories.conversations,
    clock,
    logger,
  });
  const adapter = createAdapter(config, logger);
  const server = createServer({
    adapter,
    bot,
    health: { engine: database.engine, ping: () => pingDatabase(database.db) },
    logger,
  });

  return {
    server,
    database,
    courses,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}
