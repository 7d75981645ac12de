import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { Config } from '../config.js';

/** The Microsoft Graph resource. */
const GRAPH = 'https://graph.microsoft.com';

/**
 * App-only Graph tokens for a tenant, with the bot's own identity (secret or managed identity).
 * @remarks The Bot Framework's credential factory handles every BOT_TYPE and caches tokens.
 */
export function graphTokenSource(config: Config): (tenantId: string) => Promise<string> {
  const factory = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId,
  });
  return async (tenantId) => {
    const credentials = (await factory.createCredentials(config.bot.appId, GRAPH, `https://login.microsoftonline.com/${tenantId}`, true)) as unknown as { getToken(): Promise<string> };
    return credentials.getToken();
  };
}
