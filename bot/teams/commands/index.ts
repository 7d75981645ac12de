import { allCommandAliases } from '../../i18n/translator.js';
import type { Command } from './command.js';
import { helpCommand } from './help-command.js';
import { leaderAddCommand, leaderRemoveCommand } from './leader-commands.js';
import { planCommand } from './plan-command.js';
import { postLessonCommand } from './post-lesson-command.js';
import { setupCommand } from './setup-command.js';
import { startRoundCommand } from './start-round-command.js';
import { languageCommand } from './language-command.js';
import { nextCommand } from './next-command.js';
import { nextStepsCommand } from './next-steps-command.js';
import { deleteMyDataCommand, myDataCommand } from './my-data-commands.js';
import { progressCommand } from './progress-command.js';
import { startCommand } from './start-command.js';
import { dilemmaCommand } from './dilemma-command.js';
import { courseCommand } from './course-command.js';

/** Every typed command, registered once. */
export const commands: readonly Command[] = [
  helpCommand,
  startCommand,
  nextCommand,
  progressCommand,
  courseCommand,
  languageCommand,
  setupCommand,
  postLessonCommand,
  startRoundCommand,
  leaderAddCommand,
  leaderRemoveCommand,
  planCommand,
  nextStepsCommand,
  dilemmaCommand,
  myDataCommand,
  deleteMyDataCommand,
];

/** Where a message comes from: personal chat, a team channel, or a group chat (the app manifest's bot scopes). */
export type CommandPlace = 'personal' | 'team' | 'groupChat';

/**
 * Whether a command works where the message came from: the rule the bot applies to every typed command, and the one
 * the app manifest's command lists are generated from, so the menu offers only what is accepted there.
 */
export function worksIn(command: Command, place: CommandPlace): boolean {
  if (command.scope === 'any') return true;
  return command.scope === place;
}

/** The command a message asks for and the rest of the message as its argument. */
export type CommandMatch = { readonly command: Command; readonly argument: string };

const byAlias = commands
  .flatMap((command) => [...allCommandAliases(command.aliasKey)].map((alias) => ({ alias, command })))
  .sort((a, b) => b.alias.length - a.alias.length);

/**
 * Finds the command in a message: case-insensitive, any language's word, trailing punctuation ignored.
 * @remarks Longer aliases are tried first, so multi-word commands win over their first word.
 */
export function matchCommand(text: string): CommandMatch | undefined {
  const normalised = text.trim().replace(/\s+/g, ' ').replace(/[.!?]+$/, '').toLowerCase();
  for (const { alias, command } of byAlias) {
    if (normalised === alias) return { command, argument: '' };
    if (command.takesArgument && normalised.startsWith(`${alias} `)) {
      return { command, argument: text.trim().replace(/\s+/g, ' ').replace(/[.!?]+$/, '').slice(alias.length + 1) };
    }
  }
  return undefined;
}
