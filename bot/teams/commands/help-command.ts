import { helpCard } from '../../../cards/views/personal-cards.js';
import { teamHelpCard } from '../../../cards/views/team-cards.js';
import { sendCard } from '../send.js';
import type { Command } from './command.js';

/** `hjelp` / `help`: the list of commands. */
export const helpCommand: Command = {
  aliasKey: 'command.help',
  menuKey: 'help.command.menu',
  takesArgument: false,
  scope: 'any',
  async handle(turn) {
    await sendCard(turn.context, turn.team ? teamHelpCard(turn.team.teamId, turn.t) : helpCard(turn.t));
  },
};
