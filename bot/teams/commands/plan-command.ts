import { openPlan } from '../plan-flow.js';
import { sendCard } from '../send.js';
import type { Command } from './command.js';

/** `planlegg` / `plan` (in a channel): the schedule with pause, resume and send now. */
export const planCommand: Command = {
  aliasKey: 'command.plan',
  takesArgument: false,
  scope: 'team',
  async handle(turn) {
    await sendCard(turn.context, await openPlan(turn, turn.team!));
  },
};
