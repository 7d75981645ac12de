import type { EnvValues } from './env-file.js';

/** A `${{NAME}}` placeholder as the Agents Toolkit writes them; NAME must be UPPER_SNAKE. */
const PLACEHOLDER = /\$\{\{\s*([^}\s]*)\s*\}\}/g;
const UPPER_SNAKE = /^[A-Z][A-Z0-9_]*$/;

/** Placeholders without a value; names every variable and the file that uses it. */
export class MissingValueError extends Error {
  override readonly name = 'MissingValueError';

  /** Builds the message from the variables that have no value. */
  constructor(
    readonly variables: readonly string[],
    readonly usedIn: string,
    readonly envFile: string,
  ) {
    super(
      `${envFile} has no value for ${variables.join(', ')} (used in ${usedIn}). ` +
        'Run provisioning for this environment or set the value by hand (docs/deploy.md).',
    );
  }
}

/** A placeholder that is not `${{UPPER_SNAKE}}`. */
export class PlaceholderSyntaxError extends Error {
  override readonly name = 'PlaceholderSyntaxError';
}

/** Every distinct placeholder name in a text, in order of first use. */
export function listPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))];
}

/**
 * Replaces every `${{NAME}}` inside a JSON text with its value, JSON-escaped so the text stays valid JSON.
 * @remarks Throws {@link PlaceholderSyntaxError} for a name that is not UPPER_SNAKE and {@link MissingValueError}
 * naming every variable that is missing or empty.
 */
export function fillJsonPlaceholders(text: string, values: EnvValues, usedIn: string, envFile: string): string {
  const names = listPlaceholders(text);
  const malformed = names.filter((name) => !UPPER_SNAKE.test(name));
  if (malformed.length > 0) {
    throw new PlaceholderSyntaxError(`${usedIn}: placeholders must be \${{UPPER_SNAKE}}, not ${malformed.map((name) => `\${{${name}}}`).join(', ')}.`);
  }
  const missing = names.filter((name) => !values[name]?.trim());
  if (missing.length > 0) throw new MissingValueError(missing, usedIn, envFile);
  return text.replace(PLACEHOLDER, (_match, name: string) => JSON.stringify((values[name] ?? '').trim()).slice(1, -1));
}
