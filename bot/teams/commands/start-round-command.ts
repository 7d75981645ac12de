import { verbs } from '../../../cards/verbs.js';
import { sendCard } from '../send.js';
import { forCourse } from '../views/course-choice-views.js';
import { roundSendingView } from '../views/send-now-views.js';
import type { Command } from './command.js';

/**
 * `start refleksjon` / `start reflection`: queues the reflection round in the latest lesson's thread (leaders only) and
 * answers with the "sending…" card at once; a team with several courses gets a card asking which.
 */
export const startRoundCommand: Command = {
  aliasKey: 'command.startRound',
  menuKey: 'help.command.startRound',
  takesArgument: false,
  scope: 'team',
  async handle(turn) {
    const ref = turn.team!;
    const card = await forCourse(turn, ref, verbs.roundStart, undefined, async (courseId) =>
      roundSendingView(turn, ref, courseId, await turn.services.sendNow.round(ref, turn.person.userId, courseId)),
    );
    await sendCard(turn.context, card);
  },
};
