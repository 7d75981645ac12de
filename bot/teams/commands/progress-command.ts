import { progressCard } from '../../../cards/views/personal-cards.js';
import { sendCard } from '../send.js';
import type { Command } from './command.js';

/** `framdrift` / `fremdrift` / `progress`: lessons read of total and reflections given. */
export const progressCommand: Command = {
  aliasKey: 'command.progress',
  menuKey: 'help.command.progress',
  takesArgument: false,
  scope: 'personal',
  async handle(turn) {
    const { learning } = turn.services;
    const view = await learning.progress(turn.person, await learning.currentCourseId(turn.person), turn.t.language);
    await sendCard(turn.context, progressCard(view, turn.t));
  },
};
