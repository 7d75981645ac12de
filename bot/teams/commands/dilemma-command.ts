import { startDilemma } from '../dilemma-flow.js';
import { sendCard } from '../send.js';
import type { Command } from './command.js';

/** `dilemma` (in a channel, course coordinators): posts the course's next dilemma as a new thread. */
export const dilemmaCommand: Command = {
  aliasKey: 'command.dilemma',
  menuKey: 'help.command.dilemma',
  takesArgument: false,
  scope: 'team',
  async handle(turn) {
    await sendCard(turn.context, await startDilemma(turn, turn.team!));
  },
};
