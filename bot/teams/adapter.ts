import {
  ActivityTypes,
  CloudAdapter,
  type Activity,
  type InvokeResponse,
  ConfigurationBotFrameworkAuthentication,
  StatusCodes,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../config.js';
import type { Logger } from '../core/ports.js';
import { languageForLocale } from '../i18n/resolve-language.js';
import { translator } from '../i18n/translator.js';
import { errorCard } from './views/error-views.js';
import { ConnectorClients } from './connector-clients.js';
import { messengerConnectorOptions } from './messenger.js';
import { cardInvokeResponse, sendCard } from './send.js';

/**
 * The Bot Framework adapter that serves turns: authenticates requests when an app id is configured.
 * @remarks Without `BOT_ID` the Bot Framework SDK accepts unauthenticated requests (local mode). Replies within a
 * user's turn keep the SDK's own retries.
 */
export function createAdapter(config: Config, logger: Logger): LaerekraftAdapter {
  const adapter = new LaerekraftAdapter(new ConfigurationBotFrameworkAuthentication(authOptions(config)), config.bot.appId !== '');
  adapter.onTurnError = (context, error) => onTurnError(context, error, logger);
  return adapter;
}

/** The Bot Connector clients for proactive sends, whose failed requests the Messenger retries (not the SDK). */
export function createConnectorClients(config: Config): ConnectorClients {
  return new ConnectorClients(new ConfigurationBotFrameworkAuthentication(authOptions(config), undefined, undefined, undefined, messengerConnectorOptions()), config.bot.appId || 'local-mode-bot');
}

function authOptions(config: Config): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId,
    ...(config.bot.openIdMetadataUrl ? publicCloudWithMetadata(config.bot.openIdMetadataUrl) : {}),
  };
}

type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;
type AuthenticateRequestResult = Awaited<ReturnType<BotFrameworkAuthentication['authenticateRequest']>>;

/**
 * The public Azure cloud's settings with another OpenID metadata address (tests serve their own keys).
 * @remarks The SDK treats any one of these settings as a custom cloud and leaves the others unset, so all are given.
 */
function publicCloudWithMetadata(metadataUrl: string): Partial<ConfigurationBotFrameworkAuthenticationOptions> {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    CallerId: 'urn:botframework:azure',
  };
}

/** What checking a request's Bot Framework token gave: an authenticated request, or the status to refuse it with. */
export type BotAuthentication =
  | { readonly ok: true; readonly result: AuthenticateRequestResult }
  | { readonly ok: false; readonly status: 401 | 503; readonly reason: string };

/**
 * The CloudAdapter with authentication split from processing, so the HTTP layer can authenticate before it looks
 * at the activity, and map every token fault to 401 (the SDK answers some with 500 and its own message).
 */
export class LaerekraftAdapter extends CloudAdapter {
  constructor(
    private readonly auth: BotFrameworkAuthentication,
    private readonly tokenRequired: boolean,
  ) {
    super(auth);
  }

  /**
   * Checks the request's Bot Framework token (nothing is checked in local mode, where the SDK has no app id).
   * @remarks A key endpoint that cannot be reached is 503; any other failure is 401. The reason is for the log only.
   * Without a body (before it is read) the token's signature, issuer, audience and lifetime are checked; with the
   * activity, also its channel endorsement and serviceUrl.
   */
  async authenticate(body: unknown, authorization: string): Promise<BotAuthentication> {
    const activity = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Partial<Activity>;
    if (this.tokenRequired) {
      // Refused without asking the SDK (which would fetch the Bot Framework's keys first): no bearer token, or one
      // that is not signed with an algorithm the Bot Framework uses (alg none, HS256, …).
      const fault = tokenFault(authorization);
      if (fault) return { ok: false, status: 401, reason: fault };
    }
    const probe = { channelId: typeof activity.channelId === 'string' ? activity.channelId : '', serviceUrl: typeof activity.serviceUrl === 'string' ? activity.serviceUrl : '' } as Activity;
    try {
      return { ok: true, result: await this.auth.authenticateRequest(probe, authorization) };
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'authentication failed';
      return { ok: false, status: keysUnreachable(error) ? 503 : 401, reason };
    }
  }

  /** Runs the turn for an activity whose request {@link authenticate} accepted; the invoke response, if any. */
  processAuthenticated(result: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(result, activity, logic);
  }
}

/** Algorithms the Bot Framework signs its tokens with. */
const BOT_FRAMEWORK_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);

/** Why a bearer token cannot be a Bot Framework token, judged from its header alone; undefined when it may be. */
function tokenFault(authorization: string): string | undefined {
  const match = /^Bearer ([\w-]+)\.[\w-]*\.[\w-]*$/.exec(authorization.trim());
  if (!match) return 'no bearer token';
  try {
    const header = JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8')) as { alg?: unknown };
    return typeof header.alg === 'string' && BOT_FRAMEWORK_ALGORITHMS.has(header.alg) ? undefined : `algorithm ${String(header.alg)} not accepted`;
  } catch {
    return 'malformed token header';
  }
}

/** True when the failure is that the Bot Framework's OpenID metadata or keys could not be fetched. */
function keysUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // The SDK's AuthenticationError carries a status code: 500 when it could not load the OpenID metadata or keys.
  const statusCode = (error as { statusCode?: unknown }).statusCode;
  if (typeof statusCode === 'number') return statusCode >= 500;
  const code = (error as { code?: unknown }).code;
  return error.name === 'FetchError' || error.name === 'AbortError' || (typeof code === 'string' && /^(ECONN|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)/.test(code));
}

/** The one turn-error handler: logs with ids and answers politely in the person's language. */
export async function onTurnError(context: TurnContext, error: Error, logger: Logger): Promise<void> {
  const activity = context.activity;
  logger.error(
    { err: error, activityId: activity.id, activityType: activity.type, conversationId: activity.conversation?.id },
    'turn failed',
  );
  const t = translator(languageForLocale(activity.locale));
  try {
    if (activity.type === ActivityTypes.Invoke) {
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: StatusCodes.OK, body: cardInvokeResponse(errorCard(error, t)) } });
    } else if (activity.type === ActivityTypes.Message) {
      await sendCard(context, errorCard(error, t));
    }
  } catch (sendError) {
    logger.error({ err: sendError, activityId: activity.id }, 'could not tell the user about a failed turn');
  }
}

/** Runs the turn of an authenticated request; the status and body to answer (an invoke's response, else 200). */
export async function runAuthenticatedTurn(
  adapter: LaerekraftAdapter,
  auth: Extract<BotAuthentication, { ok: true }>,
  body: unknown,
  logic: (context: TurnContext) => Promise<void>,
): Promise<{ readonly status: number; readonly body: unknown }> {
  const activity = body as Activity & Record<string, unknown>;
  // What CloudAdapter.process does to a parsed body (its validateAndFixActivity is not exported): dates as Dates.
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['expiration', 'rawExpiration'], ['localTimestamp', 'rawLocalTimestamp']] as const) {
    const value = activity[field];
    if (typeof value === 'string') Object.assign(activity, { [raw]: value, [field]: new Date(value) });
  }
  const response = await adapter.processAuthenticated(auth.result, activity, logic);
  return { status: response?.status ?? StatusCodes.OK, body: response?.body };
}
