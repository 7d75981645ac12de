import restify, { type RequestHandler, type Response, type Server } from 'restify';
import type { HealthCheck, Logger } from '../core/ports.js';
import type { LaerekraftBot } from '../teams/bot.js';
import { runAuthenticatedTurn, type BotAuthentication, type LaerekraftAdapter } from '../teams/adapter.js';
import { activityProblems, activityTenant } from './activity-shape.js';
import { bodyLimit, jsonBody } from './json-body.js';
import { securityHeaders } from './security-headers.js';
import { TenantGate } from './tenant-gate.js';

/** What the HTTP server needs from the rest of the app. */
export type ServerDeps = {
  readonly adapter: LaerekraftAdapter;
  readonly bot: LaerekraftBot;
  readonly health: HealthCheck & { readonly engine: string; readonly ticks?: () => number };
  readonly logger: Logger;
  /** The tenants whose activities the bot handles (see `Config.allowedTenants`). */
  readonly tenants: TenantGate;
  /** True outside local mode: responses carry HSTS. */
  readonly https: boolean;
  /** Further routes (the tab API, the tab itself), registered after the bot's. */
  readonly routes?: readonly ((server: Server) => void)[];
};

/**
 * The restify server: `POST /api/messages` for the Bot Connector and `GET /healthz`.
 * @remarks Only JSON is parsed, only on routes that take it; `/api/messages` checks the token before it reads the
 * body, and refuses activities from tenants outside the allow-list before anything is stored.
 */
export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'laerekraft', handleUncaughtExceptions: false });
  server.pre(securityHeaders({ https: deps.https }));
  server.pre(bodyLimit());
  server.use(restify.plugins.queryParser());

  const refuseBotRequest = (res: Response, auth: Extract<BotAuthentication, { ok: false }>): void => {
    deps.logger.warn({ status: auth.status, reason: auth.reason }, 'bot request refused');
    res.header('cache-control', 'no-store');
    res.send(auth.status, auth.status === 401 ? { code: 'Unauthorized' } : { code: 'ServiceUnavailable' });
  };

  // The token is checked before the body is read (signature, issuer, audience, lifetime: nothing of the token needs
  // the body), so a stranger's body is never parsed; once read, the token is checked again against the activity's
  // channel and serviceUrl, which the Bot Framework binds it to.
  const authenticateFirst: RequestHandler = (req, res, next) => {
    deps.adapter.authenticate(undefined, req.header('authorization') ?? '').then(
      (auth) => {
        if (auth.ok) return next();
        refuseBotRequest(res, auth);
        return next(false);
      },
      (error: unknown) => next(error as Error),
    );
  };

  server.post('/api/messages', authenticateFirst, jsonBody(), async (req, res) => {
    const auth = await deps.adapter.authenticate(req.body, req.header('authorization') ?? '');
    res.header('cache-control', 'no-store');
    if (!auth.ok) {
      refuseBotRequest(res, auth);
      return;
    }
    const problems = activityProblems(req.body);
    if (problems.length > 0) {
      // Machine-to-machine: the Bot Connector (or a developer) reads this, not a person in Teams.
      res.send(400, { code: 'BadRequest', message: 'Not a usable Bot Framework activity', problems });
      return;
    }
    if (!deps.tenants.admits(activityTenant(req.body))) {
      res.send(403, { code: 'Forbidden' });
      return;
    }
    try {
      const answer = await runAuthenticatedTurn(deps.adapter, auth, req.body, (context) => deps.bot.run(context));
      res.send(answer.status, answer.body);
    } catch (error) {
      deps.logger.error({ err: error }, 'bot request failed');
      res.send(500, { code: 'InternalServerError' });
    }
  });

  // Reachability probes (the Agents Playground sends HEAD before it talks to the bot).
  server.head('/api/messages', async (_req, res) => {
    res.send(204);
  });

  server.get('/healthz', async (_req, res) => {
    try {
      await deps.health.ping();
      res.send(200, { status: 'ok', database: deps.health.engine, ticks: deps.health.ticks?.() ?? 0 });
    } catch (error) {
      deps.logger.error({ err: error }, 'health check failed');
      res.send(503, { status: 'unavailable', database: deps.health.engine });
    }
  });

  for (const register of deps.routes ?? []) register(server);

  server.on('restifyError', (req, _res, error, callback) => {
    // The path only: a query string can carry a token (the "my data" link).
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 500) {
      // restify would answer with the error's message (a library's, a database's, perhaps a host name): log it, and
      // answer with a short generic body instead.
      deps.logger.error({ method: req.method, path: req.path(), status, err: error }, 'request failed');
      // (A thrown non-restify error gets a status here, so restify sends it, and its toJSON, rather than a new one.)
      Object.assign(error, { statusCode: status, toJSON: () => ({ code: 'InternalServerError' }) });
      return callback();
    }
    deps.logger.warn({ method: req.method, path: req.path(), status, reason: error.name }, 'request refused');
    return callback();
  });

  return server;
}
