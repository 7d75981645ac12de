import { TeamsInfo } from 'botbuilder';
import { noticeCard } from '../../../cards/views/personal-cards.js';
import type { TeamMember, TeamRef } from '../../core/team.js';
import { commandWord } from '../../i18n/translator.js';
import { toTeamMember } from '../roster.js';
import { sendCard } from '../send.js';
import { otherMentions } from '../team-context.js';
import type { Turn } from '../turn.js';
import type { Command } from './command.js';

/** The @mentioned person as a team member: from the roster, or asked of Teams when the roster is behind. */
async function mentionedMember(turn: Turn, ref: TeamRef): Promise<TeamMember | undefined> {
  const mention = otherMentions(turn.context)[0];
  if (!mention) return undefined;
  const known = await turn.services.teams.memberByTeamsId(ref, mention.id);
  if (known) return known;
  try {
    const member = toTeamMember(await TeamsInfo.getTeamMember(turn.context, ref.teamId, mention.id));
    if (member) await turn.services.teams.membersAdded(ref, [member]);
    return member;
  } catch {
    return undefined;
  }
}

async function withMentioned(turn: Turn, key: 'command.leaderAdd' | 'command.leaderRemove', act: (member: TeamMember) => Promise<string>): Promise<void> {
  const ref = turn.team!;
  await turn.services.teams.requireLeader(ref, turn.person.userId);
  const hasMention = otherMentions(turn.context).length > 0;
  const member = hasMention ? await mentionedMember(turn, ref) : undefined;
  const text = !hasMention
    ? turn.t('leader.needMention', { command: commandWord(turn.t.language, key) })
    : member
      ? await act(member)
      : turn.t('leader.notMember');
  await sendCard(turn.context, noticeCard({ title: text, text: '', color: member ? 'Good' : 'Attention' }));
}

/** `kursansvarlig legg til @navn` / `kursansvarleg legg til @namn` / `coordinator add @name` (the old `leder`/`leiar`/`leader` words still work): adds a course coordinator. */
export const leaderAddCommand: Command = {
  aliasKey: 'command.leaderAdd',
  menuKey: 'help.command.leaderAdd',
  takesArgument: true,
  scope: 'team',
  handle: (turn) =>
    withMentioned(turn, 'command.leaderAdd', async (member) =>
      (await turn.services.teams.addCoLeader(turn.team!, turn.person.userId, member))
        ? turn.t('leader.added', { name: member.name })
        : turn.t('leader.already', { name: member.name }),
    ),
};

/** `kursansvarlig fjern @navn` / `kursansvarleg fjern @namn` / `coordinator remove @name` (old `leder`/`leiar`/`leader` words still work): removes a course coordinator. */
export const leaderRemoveCommand: Command = {
  aliasKey: 'command.leaderRemove',
  menuKey: 'help.command.leaderRemove',
  takesArgument: true,
  scope: 'team',
  handle: (turn) =>
    withMentioned(turn, 'command.leaderRemove', async (member) =>
      (await turn.services.teams.removeLeader(turn.team!, turn.person.userId, member.userId))
        ? turn.t('leader.removed', { name: member.name })
        : turn.t('leader.notLeader', { name: member.name }),
    ),
};
