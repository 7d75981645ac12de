import { sendCard } from '../send.js';
import { dilemmaSendingView } from '../views/send-now-views.js';
import type { Command } from './command.js';

/** `dilemma` (in a channel, course coordinators): queues the course's next dilemma as a new thread and answers with the "sending…" card. */
export const dilemmaCommand: Command = {
  aliasKey: 'command.dilemma',
  menuKey: 'help.command.dilemma',
  takesArgument: false,
  scope: 'team',
  async handle(turn) {
    const ref = turn.team!;
    const result = await turn.services.dilemmas.schedule(ref, turn.person.userId, {});
    await sendCard(turn.context, await dilemmaSendingView(turn, ref, result));
  },
};
