import { courseText } from '../../core/course.js';
import { courseCompleteCard } from '../../../cards/views/personal-cards.js';
import { lessonCard } from '../../../cards/views/lesson-card.js';
import { sendCard } from '../send.js';
import type { Turn } from '../turn.js';
import type { Command } from './command.js';

/** Sends the first lesson the person has not read in their current course (see `LearningService.currentCourseId`), or the course-complete card. */
export async function sendNextLesson(turn: Turn): Promise<void> {
  const { learning, courses } = turn.services;
  const courseId = await learning.currentCourseId(turn.person);
  const step = await learning.next(turn.person, courseId, turn.t.language);
  if (step.kind === 'complete') {
    await sendCard(turn.context, courseCompleteCard(step.total, turn.t, courseId));
    return;
  }
  const text = courseText((await courses.forTenant(turn.person.tenantId)).known(courseId)!, turn.t.language);
  await sendCard(turn.context, lessonCard(step.view, text, turn.t));
}

/** `neste` / `next`: the next unread lesson. */
export const nextCommand: Command = {
  aliasKey: 'command.next',
  menuKey: 'help.command.next',
  takesArgument: false,
  scope: 'personal',
  handle: (turn) => sendNextLesson(turn),
};
