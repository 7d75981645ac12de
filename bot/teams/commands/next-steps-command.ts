import { startNextSteps } from '../next-steps-flow.js';
import { sendCard } from '../send.js';
import type { Command } from './command.js';

/** `neste steg` / `next steps` (in a channel, leaders): the next-steps round with the four questions. */
export const nextStepsCommand: Command = {
  aliasKey: 'command.nextSteps',
  menuKey: 'help.command.nextSteps',
  takesArgument: false,
  scope: 'team',
  async handle(turn) {
    await sendCard(turn.context, await startNextSteps(turn, turn.team!));
  },
};
