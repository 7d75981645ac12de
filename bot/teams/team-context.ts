import type { TurnContext } from 'botbuilder';
import type { TeamRef } from '../core/team.js';
import { tenantOf } from './turn.js';

type TeamsChannelData = {
  readonly team?: { readonly id?: string; readonly name?: string; readonly aadGroupId?: string };
  readonly channel?: { readonly id?: string; readonly name?: string };
  readonly eventType?: string;
};

/** Teams' channelData of the activity. */
export function channelDataOf(context: TurnContext): TeamsChannelData {
  return (context.activity.channelData ?? {}) as TeamsChannelData;
}

/** The team the activity comes from, when it comes from a team channel. */
export function teamOf(context: TurnContext): TeamRef | undefined {
  const teamId = channelDataOf(context).team?.id;
  return teamId ? { tenantId: tenantOf(context), teamId } : undefined;
}

/** True in a personal (1:1) chat with the bot. */
export function isPersonal(context: TurnContext): boolean {
  return context.activity.conversation?.conversationType === 'personal';
}

/** True when the message @mentions the bot. */
export function mentionsBot(context: TurnContext): boolean {
  const botId = context.activity.recipient?.id;
  return (context.activity.entities ?? []).some((entity) => entity.type === 'mention' && (entity as { mentioned?: { id?: string } }).mentioned?.id === botId);
}

/** People other than the bot that the message @mentions (Teams user ids and names). */
export function otherMentions(context: TurnContext): readonly { readonly id: string; readonly name: string }[] {
  const botId = context.activity.recipient?.id;
  return (context.activity.entities ?? [])
    .filter((entity) => entity.type === 'mention')
    .map((entity) => (entity as { mentioned?: { id?: string; name?: string } }).mentioned)
    .filter((mentioned): mentioned is { id: string; name?: string } => typeof mentioned?.id === 'string' && mentioned.id !== botId)
    .map((mentioned) => ({ id: mentioned.id, name: mentioned.name ?? '' }));
}

/** The text of a message with every `<at>…</at>` mention removed. */
export function textWithoutMentions(text: string): string {
  return text.replace(/<at>[^<]*<\/at>/g, ' ').replace(/\s+/g, ' ').trim();
}
