import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  StatusCodes,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../config.js';
import type { Logger } from '../core/ports.js';
import { languageForLocale } from '../i18n/resolve-language.js';
import { translator } from '../i18n/translator.js';
import { errorCard } from './errors.js';
import { messengerConnectorOptions } from './messenger.js';
import { cardInvokeResponse, sendCard } from './send.js';

/**
 * The Bot Framework adapter: authenticates requests when an app id is configured.
 * @remarks Without `BOT_ID` the Bot Framework SDK accepts unauthenticated requests (local mode). `forMessenger` builds the
 * adapter for proactive sends, whose failed requests the Messenger retries (not the SDK).
 */
export function createAdapter(config: Config, logger: Logger, options: { readonly forMessenger?: boolean } = {}): CloudAdapter {
  const authOptions: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId,
  };
  // The adapter the Messenger drives leaves retrying to the Messenger; the one serving turns keeps the SDK's retries.
  const clientOptions = options.forMessenger ? messengerConnectorOptions() : undefined;
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(authOptions, undefined, undefined, undefined, clientOptions));
  adapter.onTurnError = (context, error) => onTurnError(context, error, logger);
  return adapter;
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
