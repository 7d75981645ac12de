import { sendCard } from '../send.js';
import { nextLessonView } from '../views/lesson-views.js';
import type { Command } from './command.js';

/** `start`: begins the course, or continues where the person left off. */
export const startCommand: Command = {
  aliasKey: 'command.start',
  menuKey: 'help.command.start',
  takesArgument: false,
  scope: 'personal',
  handle: async (turn) => sendCard(turn.context, await nextLessonView(turn)),
};
