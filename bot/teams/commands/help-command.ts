import { helpCard } from '../../../cards/views/personal-cards.js';
import { sendCard } from '../send.js';
import type { Command } from './command.js';

/** `hjelp` / `help`: the list of commands. */
export const helpCommand: Command = {
  aliasKey: 'command.help',
  takesArgument: false,
  async handle(turn) {
    await sendCard(turn.context, helpCard(turn.t));
  },
};
