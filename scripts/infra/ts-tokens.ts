/** A lexical token of TypeScript source, as far as reading object literal keys needs. */
export type Token =
  | { readonly kind: 'identifier'; readonly text: string }
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'punctuation'; readonly text: string }
  | { readonly kind: 'other'; readonly text: string };

const PUNCTUATION = '{}()[]:,.;=?!&|<>+-*%~^';
const REGEX_MAY_FOLLOW = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '~', '^', '<', '>']);

/**
 * Splits TypeScript source into identifiers, string literals and punctuation.
 * @remarks Comments are dropped; template literals and regular expression literals become single tokens,
 * so brackets inside them never count. Enough for a well-formed source file, not a full parser.
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i] ?? '';
    const next = source[i + 1] ?? '';
    if (/\s/.test(char)) {
      i += 1;
    } else if (char === '/' && next === '/') {
      i = endOf(source, '\n', i + 2);
    } else if (char === '/' && next === '*') {
      i = source.indexOf('*/', i + 2) < 0 ? source.length : source.indexOf('*/', i + 2) + 2;
    } else if (char === '"' || char === "'" || char === '`') {
      const end = closingQuote(source, i);
      tokens.push({ kind: char === '`' ? 'other' : 'string', text: source.slice(i + 1, end) });
      i = end + 1;
    } else if (char === '/' && regexMayStart(tokens)) {
      const end = regexEnd(source, i);
      tokens.push({ kind: 'other', text: source.slice(i, end) });
      i = end;
    } else if (/[A-Za-z_$]/.test(char)) {
      const match = /^[A-Za-z0-9_$]+/.exec(source.slice(i)) ?? [''];
      tokens.push({ kind: 'identifier', text: match[0] });
      i += match[0].length;
    } else if (PUNCTUATION.includes(char)) {
      tokens.push({ kind: 'punctuation', text: char });
      i += 1;
    } else {
      const match = /^[^\s{}()[\]:,.;=?!&|<>+\-*%~^/"'`A-Za-z_$]+/.exec(source.slice(i)) ?? [char];
      tokens.push({ kind: 'other', text: match[0] || char });
      i += Math.max(1, match[0].length);
    }
  }
  return tokens;
}

function endOf(source: string, terminator: string, from: number): number {
  const at = source.indexOf(terminator, from);
  return at < 0 ? source.length : at;
}

function closingQuote(source: string, start: number): number {
  const quote = source[start];
  let depth = 0;
  for (let i = start + 1; i < source.length; i += 1) {
    const char = source[i];
    if (char === '\\') {
      i += 1;
    } else if (quote === '`' && char === '$' && source[i + 1] === '{') {
      depth += 1;
      i += 1;
    } else if (quote === '`' && char === '}' && depth > 0) {
      depth -= 1;
    } else if (char === quote && depth === 0) {
      return i;
    }
  }
  return source.length;
}

function regexMayStart(tokens: readonly Token[]): boolean {
  const previous = tokens[tokens.length - 1];
  if (!previous) return true;
  if (previous.kind === 'identifier') return ['return', 'typeof', 'case', 'in', 'of'].includes(previous.text);
  return previous.kind === 'punctuation' && REGEX_MAY_FOLLOW.has(previous.text);
}

function regexEnd(source: string, start: number): number {
  let inClass = false;
  for (let i = start + 1; i < source.length; i += 1) {
    const char = source[i];
    if (char === '\\') i += 1;
    else if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    else if (char === '/' && !inClass) return endOfFlags(source, i + 1);
    else if (char === '\n') return i;
  }
  return source.length;
}

function endOfFlags(source: string, from: number): number {
  let i = from;
  while (i < source.length && /[a-z]/.test(source[i] ?? '')) i += 1;
  return i;
}
