import type { CloudAdapter } from 'botbuilder';
import restify, { type Server } from 'restify';
import type { HealthCheck, Logger } from '../core/ports.js';
import type { LaerekraftBot } from '../teams/bot.js';
import { activityProblems } from './activity-shape.js';

/** What the HTTP server needs from the rest of the app. */
export type ServerDeps = {
  readonly adapter: CloudAdapter;
  readonly bot: LaerekraftBot;
  readonly health: HealthCheck & { readonly engine: string };
  readonly logger: Logger;
  /** Further routes (the tab API, the tab itself), registered after the bot's. */
  readonly routes?: readonly ((server: Server) => void)[];
};

/** The largest request body accepted, in bytes. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The restify server: `POST /api/messages` for the Bot Connector and `GET /healthz`.
 * @remarks Malformed JSON is answered with 400 by the body parser before the adapter sees it.
 */
export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'laerekraft', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser());
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    const problems = activityProblems(req.body);
    if (problems.length > 0) {
      // Machine-to-machine: the Bot Connector (or a developer) reads this, not a person in Teams.
      res.send(400, { code: 'BadRequest', message: 'Not a usable Bot Framework activity', problems });
      return;
    }
    await deps.adapter.process(req, res, (context) => deps.bot.run(context));
  });

  // Reachability probes (the Agents Playground sends HEAD before it talks to the bot).
  server.head('/api/messages', async (_req, res) => {
    res.send(204);
  });

  server.get('/healthz', async (_req, res) => {
    try {
      await deps.health.ping();
      res.send(200, { status: 'ok', database: deps.health.engine });
    } catch (error) {
      deps.logger.error({ err: error }, 'health check failed');
      res.send(503, { status: 'unavailable', database: deps.health.engine });
    }
  });

  for (const register of deps.routes ?? []) register(server);

  server.on('restifyError', (req, _res, error, callback) => {
    deps.logger.warn({ method: req.method, url: req.url, status: error.statusCode, reason: error.message }, 'request refused');
    return callback();
  });

  return server;
}
