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

/** The test team: General channel id equals the team id, as in Teams. */
export const team = {
  id: '19:oppvekst-general@thread.tacv2',
  name: 'Oppvekst',
  aadGroupId: '3f1c0e5e-0000-4000-8000-00000000c0de',
  reflectionChannel: '19:oppvekst-refleksjon@thread.tacv2',
};

/** Five people in the test team (the minimum group size by default). */
export const teamPeople = [
  ids.ingrid,
  ids.ola,
  { id: '29:kari', aadObjectId: '6a1c0e5e-0000-4000-8000-0000000000c3', name: 'Kari Berg' },
  { id: '29:per', aadObjectId: '6a1c0e5e-0000-4000-8000-0000000000d4', name: 'Per Lie' },
  { id: '29:anne', aadObjectId: '6a1c0e5e-0000-4000-8000-0000000000e5', name: 'Anne Dahl' },
] as const;

/** Options for an activity in a team channel. */
export type ChannelOptions = {
  readonly serviceUrl: string;
  readonly user?: TestUser;
  readonly locale?: string;
  readonly teamId?: string;
  /** The conversation: the channel itself, or a thread `<channel>;messageid=<root>`. */
  readonly conversationId?: string;
};

function channelBase(options: ChannelOptions, eventType?: string): Record<string, unknown> {
  const user = options.user ?? ids.ingrid;
  const teamId = options.teamId ?? team.id;
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: options.locale ?? 'nb-NO',
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: ids.bot, name: 'Lærekraft' },
    conversation: { id: options.conversationId ?? teamId, conversationType: 'channel', isGroup: true, tenantId: ids.tenant },
    channelData: {
      tenant: { id: ids.tenant },
      team: { id: teamId, name: team.name, aadGroupId: team.aadGroupId },
      channel: { id: (options.conversationId ?? teamId).split(';')[0] },
      ...(eventType ? { eventType } : {}),
    },
  };
}

/** The app added to a team: `conversationUpdate` with `teamMemberAdded` and the bot among the members. */
export function teamInstall(options: ChannelOptions): Record<string, unknown> {
  return { ...channelBase(options, 'teamMemberAdded'), type: 'conversationUpdate', membersAdded: [{ id: ids.bot }] };
}

/** People added to or removed from the team. */
export function teamMembersChanged(kind: 'teamMemberAdded' | 'teamMemberRemoved', members: readonly { id: string; aadObjectId?: string }[], options: ChannelOptions): Record<string, unknown> {
  return { ...channelBase(options, kind), type: 'conversationUpdate', [kind === 'teamMemberAdded' ? 'membersAdded' : 'membersRemoved']: members };
}

/** A team event without members: renamed, archived, deleted, restored. */
export function teamEvent(eventType: 'teamRenamed' | 'teamArchived' | 'teamDeleted' | 'teamRestored' | 'teamUnarchived', options: ChannelOptions, name?: string): Record<string, unknown> {
  const activity = channelBase(options, eventType);
  const channelData = activity.channelData as Record<string, unknown>;
  return { ...activity, type: 'conversationUpdate', channelData: { ...channelData, team: { ...(channelData.team as object), ...(name ? { name } : {}) } } };
}

/** A channel message; with `mention`, it @mentions the bot first, as Teams delivers it. */
export function channelMessage(text: string, options: ChannelOptions & { readonly mention?: boolean; readonly others?: readonly TestUser[] }): Record<string, unknown> {
  const mentionBot = options.mention ?? true;
  const others = options.others ?? [];
  const fullText = `${mentionBot ? '<at>Lærekraft</at> ' : ''}${text}${others.map((person) => ` <at>${person.name}</at>`).join('')}`;
  const entities = [
    ...(mentionBot ? [{ type: 'mention', text: '<at>Lærekraft</at>', mentioned: { id: ids.bot, name: 'Lærekraft' } }] : []),
    ...others.map((person) => ({ type: 'mention', text: `<at>${person.name}</at>`, mentioned: { id: person.id, name: person.name } })),
  ];
  return { ...channelBase(options), type: 'message', text: fullText, textFormat: 'plain', entities };
}

/** An `Action.Execute` click on a card in a channel or thread. */
export function channelAction(verb: string, data: Record<string, unknown>, options: ChannelOptions, trigger: 'manual' | 'automatic' = 'manual'): Record<string, unknown> {
  return { ...channelBase(options), type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger } };
}

/** A message in a group chat (not a team): it @mentions the bot first, as Teams delivers it, and has no team. */
export function groupChatMessage(text: string, options: ChannelOptions): Record<string, unknown> {
  const message = channelMessage(text, options);
  const conversationId = '19:group-chat-lk@thread.v2';
  return {
    ...message,
    conversation: { id: conversationId, conversationType: 'groupChat', isGroup: true, tenantId: ids.tenant },
    channelData: { tenant: { id: ids.tenant } },
  };
}
