import { sendCard } from '../send.js';
import { nextLessonView } from '../views/lesson-views.js';
import type { Command } from './command.js';

/** `neste` / `next`: the next unread lesson of the person's current course, or the course-complete card. */
export const nextCommand: Command = {
  aliasKey: 'command.next',
  menuKey: 'help.command.next',
  takesArgument: false,
  scope: 'personal',
  handle: async (turn) => sendCard(turn.context, await nextLessonView(turn)),
};
