import type { MessageKey } from '../../i18n/catalogs/index.js';
import type { Turn } from '../turn.js';

/** A typed command: its words come from the catalogs (`command.*` keys), in every language. */
export type Command = {
  readonly aliasKey: MessageKey & `command.${string}`;
  /** Its one-line description in the command menu of the app manifest (scripts/app-package/command-lists.ts). */
  readonly menuKey: MessageKey & `help.command.${string}`;
  /** True when the command reads the rest of the message, e.g. `språk nn`. */
  readonly takesArgument: boolean;
  /** Where the command works: personal chat, a team channel, or both. */
  readonly scope: 'personal' | 'team' | 'any';
  handle(turn: Turn, argument: string): Promise<void>;
};
