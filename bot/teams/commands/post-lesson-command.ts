import { verbs } from '../../../cards/verbs.js';
import { sendCard } from '../send.js';
import { forCourse } from '../views/course-choice-views.js';
import { lessonSendingView } from '../views/send-now-views.js';
import type { Command } from './command.js';

/**
 * `send leksjon` / `send lesson`: queues the next lesson for the team's channel now (leaders only) and answers with the
 * "sending…" card at once; a team with several courses gets a card asking which.
 */
export const postLessonCommand: Command = {
  aliasKey: 'command.postLesson',
  menuKey: 'help.command.postLesson',
  takesArgument: false,
  scope: 'team',
  async handle(turn) {
    const ref = turn.team!;
    const card = await forCourse(turn, ref, verbs.lessonPost, undefined, async (courseId) =>
      lessonSendingView(turn, ref, courseId, await turn.services.sendNow.lesson(ref, turn.person.userId, courseId)),
    );
    await sendCard(turn.context, card);
  },
};
