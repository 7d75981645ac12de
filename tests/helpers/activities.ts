import { randomUUID } from 'node:crypto';

/** Ids of the test tenant, bot and people. */
export const ids = {
  tenant: '72f988bf-0000-4000-8000-00000000a001',
  otherTenant: '72f988bf-0000-4000-8000-00000000b002',
  bot: '28:lk-bot-id',
  ingrid: { id: '29:ingrid', aadObjectId: '6a1c0e5e-0000-4000-8000-0000000000a1', name: 'Ingrid Nilsen' },
  ola: { id: '29:ola', aadObjectId: '6a1c0e5e-0000-4000-8000-0000000000b2', name: 'Ola Hansen' },
};

/** A person in the test tenant. */
export type TestUser = typeof ids.ingrid;

/** Options for a personal-chat activity. */
export type PersonalOptions = {
  readonly serviceUrl: string;
  readonly user?: TestUser;
  readonly locale?: string;
  readonly tenant?: string;
};

function personalBase(options: PersonalOptions): Record<string, unknown> {
  const user = options.user ?? ids.ingrid;
  const tenant = options.tenant ?? ids.tenant;
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: options.locale ?? 'nb-NO',
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: ids.bot, name: 'Lærekraft' },
    conversation: { id: `a:personal-${user.aadObjectId}`, conversationType: 'personal', tenantId: tenant },
    channelData: { tenant: { id: tenant } },
  };
}

/** A message typed in personal chat, as Teams sends it. */
export function personalMessage(text: string, options: PersonalOptions): Record<string, unknown> {
  return { ...personalBase(options), type: 'message', text, textFormat: 'plain' };
}

/** An `Action.Submit` from a card in personal chat: a message with a value and no text. */
export function personalSubmit(value: Record<string, unknown>, options: PersonalOptions): Record<string, unknown> {
  return { ...personalBase(options), type: 'message', value };
}

/** The app installed in personal scope (`installationUpdate` with action add). */
export function personalInstall(options: PersonalOptions, action: 'add' | 'remove' = 'add'): Record<string, unknown> {
  return { ...personalBase(options), type: 'installationUpdate', action };
}

/** The bot added to a personal conversation (`conversationUpdate` with the bot in membersAdded). */
export function personalBotAdded(options: PersonalOptions): Record<string, unknown> {
  return { ...personalBase(options), type: 'conversationUpdate', membersAdded: [{ id: ids.bot }] };
}

/** An `Action.Execute` click: an `adaptiveCard/action` invoke. */
export function cardAction(verb: string, data: Record<string, unknown>, options: PersonalOptions): Record<string, unknown> {
  return {
    ...personalBase(options),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}
