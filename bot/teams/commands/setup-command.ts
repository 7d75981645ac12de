import { ForbiddenError } from '../../core/errors.js';
import { refreshedChannels } from '../roster.js';
import { sendCard } from '../send.js';
import { setupView } from '../views/setup-views.js';
import type { Command } from './command.js';

/**
 * `oppsett` / `setup` (in a channel): the setup card for the team, with the channels Teams reports now.
 * @remarks Refreshes the stored channel list on the way; refuses people who may not set the course up.
 */
export const setupCommand: Command = {
  aliasKey: 'command.setup',
  menuKey: 'help.command.setup',
  takesArgument: false,
  scope: 'team',
  async handle(turn) {
    const ref = turn.team!;
    if (!(await turn.services.enrollments.maySetUp(ref, turn.person.userId))) throw new ForbiddenError('leaderOnly');
    const channels = await refreshedChannels(turn.context, turn.services.teams, ref);
    await sendCard(turn.context, await setupView(turn, ref, channels));
  },
};
