import type { AppServices } from '../app-services.js';
import type { AnswerSharing } from '../core/answer-sharing.js';
import type { Logger, PersonRepository, WelcomeRepository } from '../core/ports.js';
import type { BotConnector } from './bot-connector.js';
import type { ChannelPublisher } from './channel-publisher.js';

/** What the Teams handlers may call: the core services, and what only the bot needs (the publisher, the connector, ports). */
export type BotServices = AppServices & {
  readonly publisher: ChannelPublisher;
  /** Shared replies in threads: withdrawn ones kept while a team was archived are taken out when it is back. */
  readonly sharing: AnswerSharing;
  /** Where people reach the server (for links in cards). */
  readonly publicUrl: string;
  /** Writes to channels and threads outside a user's turn. */
  readonly connector: BotConnector;
  readonly people: PersonRepository;
  readonly welcomes: WelcomeRepository;
  readonly logger: Logger;
  /** What the schedule card explains: the reminder lead time (the allowed hours are the tenant's, in `tenantSettings`). */
  readonly schedulingOptions: { readonly reminderDays: number };
};
