import { verbs } from '../../../cards/verbs.js';
import { sendCard } from '../send.js';
import { forCourse } from '../views/course-choice-views.js';
import { nextStepsSendingView } from '../views/send-now-views.js';
import type { Command } from './command.js';

/**
 * `neste steg` / `next steps` (in a channel, leaders): queues the next-steps round with the four questions and answers
 * with the "sending…" card at once; a team with several courses gets a card asking which.
 */
export const nextStepsCommand: Command = {
  aliasKey: 'command.nextSteps',
  menuKey: 'help.command.nextSteps',
  takesArgument: false,
  scope: 'team',
  async handle(turn) {
    const ref = turn.team!;
    const card = await forCourse(turn, ref, verbs.nextStepsStart, undefined, async (courseId) =>
      nextStepsSendingView(turn, ref, await turn.services.sendNow.nextSteps(ref, turn.person.userId, courseId)),
    );
    await sendCard(turn.context, card);
  },
};
