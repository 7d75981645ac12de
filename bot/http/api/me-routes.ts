import type { Server } from 'restify';
import type { MyDataService } from '../../core/my-data-service.js';
import type { Clock, Logger } from '../../core/ports.js';
import { languageForLocale } from '../../i18n/resolve-language.js';
import { translator } from '../../i18n/translator.js';
import type { DataLinkSigner } from '../auth/data-link.js';
import type { TeamService } from '../../core/team-service.js';
import { catalogs } from '../../i18n/catalogs/index.js';
import { tabCatalog } from '../../i18n/tab-catalog.js';
import { isSupportedLanguage } from '../../i18n/resolve-language.js';
import type { DevIdentity, MeResponse, MessagesResponse } from '../contracts.js';
import { apiRoute, type ApiAuth } from './api-context.js';
import { roleOf } from './dashboard-view.js';
import { devRoleIdentities } from './dev-identities.js';

/** What the caller routes need. */
export type MeRouteDeps = {
  readonly auth: ApiAuth;
  readonly logger: Logger;
  readonly teams: TeamService;
  readonly localMode: boolean;
  readonly devIdentities: boolean;
  readonly myData: MyDataService;
  readonly dataLinks: DataLinkSigner;
  readonly clock: Clock;
  /** How long the settings audit log is kept (AUDIT_RETENTION_DAYS), said in the export. */
  readonly auditRetentionDays: number;
};

/** The messages the tab shows: its own catalog (bot/i18n/tab), plus the shared ones it needs from the bot's. */
export function tabMessages(language: string): Record<string, string> {
  const catalog = catalogs[language]!;
  const shared = Object.fromEntries(Object.entries(catalog).filter(([key]) => key.startsWith('delivery.') || key.startsWith('plan.') || key === 'datetime.at'));
  return { ...shared, ...tabCatalog(language) };
}

/** `/api/v1/me`, `/api/v1/i18n/{language}` and, in local mode only, `/api/v1/dev/identities`. */
export function registerMeRoutes(server: Server, deps: MeRouteDeps): void {
  apiRoute(server, 'get', '/api/v1/me', deps.auth, deps.logger, async (_req, caller): Promise<MeResponse> => {
    const teams = await deps.teams.teamsOf(caller.person);
    return {
      user: { ...caller.person, name: caller.name },
      language: caller.t.language,
      localMode: deps.localMode,
      teams: await Promise.all(teams.map(async (team) => ({ teamId: team.teamId, name: team.name, role: roleOf(await deps.teams.leadership(team, caller.person.userId)) }))),
      roles: caller.roles,
    };
  });

  server.get('/api/v1/i18n/:language', async (req, res) => {
    const language = String(req.params.language);
    if (!isSupportedLanguage(language)) {
      res.send(404, { code: 'notFound', message: translator(languageForLocale(req.header('accept-language')))('api.notFound') });
      return;
    }
    res.header('cache-control', 'public, max-age=300');
    res.send(200, { language, messages: tabMessages(language) } satisfies MessagesResponse);
  });

  server.get('/api/v1/my-data', async (req, res) => {
    const t = translator(languageForLocale(req.header('accept-language')));
    const person = await deps.dataLinks.redeem(String(req.query?.token ?? ''), deps.clock.now());
    res.header('cache-control', 'no-store');
    if (!person) {
      res.send(401, { code: 'unauthorized', message: t('api.linkExpired') });
      return;
    }
    const data = await deps.myData.export(person);
    res.header('content-type', 'application/json; charset=utf-8');
    res.header('content-disposition', 'attachment; filename="laerekraft-mine-data.json"');
    // What "delete my data" keeps, said in the file itself, in the reader's language.
    const keptAfterDeletion = { settingsChanges: t('myData.export.settingsChangesKept', { days: deps.auditRetentionDays }) };
    res.sendRaw(200, JSON.stringify({ exportedAt: deps.clock.now().toISOString(), ...data, keptAfterDeletion }, null, 2));
  });

  if (deps.devIdentities) {
    server.get('/api/v1/dev/identities', async (_req, res) => {
      const people = await deps.teams.rosterPeople(50);
      const roster: DevIdentity[] = people.map((person) => ({ tenantId: person.tenantId, userId: person.userId, name: person.name, teams: [...person.teamIds], roles: [], appRoles: [] }));
      res.send(200, [...roster, ...devRoleIdentities(people.map((person) => person.tenantId))] satisfies DevIdentity[]);
    });
  }
}
