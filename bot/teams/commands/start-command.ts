import type { Command } from './command.js';
import { sendNextLesson } from './next-command.js';

/** `start`: begins the course, or continues where the person left off. */
export const startCommand: Command = {
  aliasKey: 'command.start',
  menuKey: 'help.command.start',
  takesArgument: false,
  scope: 'personal',
  handle: (turn) => sendNextLesson(turn),
};
