import { tokenize } from './ts-tokens.js';
import type { Token } from './ts-tokens.js';

const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;
const SCHEMA_CALLS = new Set(['object', 'extend', 'looseObject', 'strictObject']);

/**
 * The environment variables a zod schema source reads: the UPPER_SNAKE keys of every
 * `z.object({...})` (and `.extend({...})`) literal in the file, in source order.
 * @remarks Reads the source, not the running schema, so it works on a file that does not export its schema.
 */
export function readConfigVariables(source: string): string[] {
  const tokens = tokenize(source);
  const names: string[] = [];
  for (let i = 2; i < tokens.length; i += 1) {
    const call = tokens[i - 2];
    if (!call || !isPunctuation(tokens[i - 3], '.') || call.kind !== 'identifier' || !SCHEMA_CALLS.has(call.text)) continue;
    if (!isPunctuation(tokens[i - 1], '(') || !isPunctuation(tokens[i], '{')) continue;
    for (const key of topLevelKeys(tokens, i)) if (ENV_NAME.test(key) && !names.includes(key)) names.push(key);
  }
  return names;
}

/** Keys of the object literal whose `{` is at `open`: a name or string followed by `:` right after `{` or `,`. */
function topLevelKeys(tokens: readonly Token[], open: number): string[] {
  const keys: string[] = [];
  let depth = 0;
  for (let i = open; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (!token) break;
    if (token.kind === 'punctuation' && '{(['.includes(token.text)) depth += 1;
    if (token.kind === 'punctuation' && '})]'.includes(token.text)) {
      depth -= 1;
      if (depth === 0) break;
    }
    const before = tokens[i - 1];
    if (
      depth === 1 &&
      (token.kind === 'identifier' || token.kind === 'string') &&
      isPunctuation(tokens[i + 1], ':') &&
      (isPunctuation(before, '{') || isPunctuation(before, ','))
    ) {
      keys.push(token.text);
    }
  }
  return keys;
}

function isPunctuation(token: Token | undefined, text: string): boolean {
  return token?.kind === 'punctuation' && token.text === text;
}
