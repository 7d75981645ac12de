import type { TurnContext } from 'botbuilder';
import type { PersonRef } from '../core/person.js';
import type { TeamRef } from '../core/team.js';
import { needsDefaultLanguage, resolveLanguage } from '../i18n/resolve-language.js';
import { translator, type Translator } from '../i18n/translator.js';
import type { BotServices } from './services.js';

/** One incoming activity with who sent it and the language to answer in. */
export type Turn = {
  readonly context: TurnContext;
  readonly services: BotServices;
  readonly person: PersonRef;
  /** The person's display name as Teams sent it. */
  readonly name: string;
  /** The team, when the activity comes from a team channel. */
  readonly team: TeamRef | undefined;
  readonly t: Translator;
};

/** The tenant of the activity (Teams puts it in channelData; the emulator may not). */
export function tenantOf(context: TurnContext): string {
  const activity = context.activity;
  const channelTenant = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  return channelTenant ?? activity.conversation?.tenantId ?? 'local';
}

/**
 * The person behind the activity: Entra object id and tenant.
 * @remarks Outside Teams (emulators) there may be no `aadObjectId`; the channel user id stands in.
 */
export function personOf(context: TurnContext): PersonRef {
  const from = context.activity.from;
  return { tenantId: tenantOf(context), userId: from?.aadObjectId ?? from?.id ?? 'unknown' };
}

/** The person's stored language, else their Teams locale's, else their organisation's default language. */
async function turnLanguage(services: BotServices, person: PersonRef, stored: string | undefined, locale: string | undefined): Promise<string> {
  const fallback = needsDefaultLanguage(stored, locale) ? (await services.tenantSettings.get(person.tenantId)).defaultLanguage : undefined;
  return resolveLanguage(stored, locale, fallback);
}

/** Builds the turn: the person's stored language wins over the Teams locale, which wins over the organisation's default. */
export async function startTurn(context: TurnContext, services: BotServices): Promise<Turn> {
  const person = personOf(context);
  const stored = await services.people.language(person);
  const teamId = (context.activity.channelData as { team?: { id?: string } } | undefined)?.team?.id;
  return {
    context,
    services,
    person,
    name: context.activity.from?.name ?? '',
    team: teamId ? { tenantId: person.tenantId, teamId } : undefined,
    t: translator(await turnLanguage(services, person, stored, context.activity.locale)),
  };
}
