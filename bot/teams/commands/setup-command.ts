import { sendCard } from '../send.js';
import { openSetup } from '../setup-flow.js';
import type { Command } from './command.js';

/** `oppsett` / `setup` (in a channel): the setup card for the team. */
export const setupCommand: Command = {
  aliasKey: 'command.setup',
  menuKey: 'help.command.setup',
  takesArgument: false,
  scope: 'team',
  async handle(turn) {
    await sendCard(turn.context, await openSetup(turn, turn.team!));
  },
};
