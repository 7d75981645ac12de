import { noticeCard } from '../../../cards/views/personal-cards.js';
import { verbs } from '../../../cards/verbs.js';
import { sendCard } from '../send.js';
import type { Command } from './command.js';

/**
 * `planlegg` / `plan` (in a channel, leaders): a button that opens the schedule for the leader alone.
 * @remarks The schedule shows what was sent and why some did not arrive, so it is returned to the person who
 * asks (Universal Actions), never posted for the whole channel to read.
 */
export const planCommand: Command = {
  aliasKey: 'command.plan',
  menuKey: 'help.command.plan',
  takesArgument: false,
  scope: 'team',
  async handle(turn) {
    const ref = turn.team!;
    await turn.services.teams.requireLeader(ref, turn.person.userId);
    await sendCard(turn.context, noticeCard({ title: turn.t('plan.title'), text: turn.t('plan.openPrompt'), executes: [{ label: turn.t('action.plan'), verb: verbs.planOpen, data: { teamId: ref.teamId } }] }));
  },
};
