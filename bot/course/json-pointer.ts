/** Escapes one JSON Pointer segment (RFC 6901). */
export function escapeSegment(segment: string | number): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Builds a JSON Pointer from its segments. */
export function pointer(...segments: readonly (string | number)[]): string {
  return segments.map((segment) => `/${escapeSegment(segment)}`).join('');
}

/** The unescaped segments of a JSON Pointer. */
export function segments(path: string): string[] {
  if (path === '') return [];
  return path
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The language a pack path concerns (the key under /content), or undefined. */
export function languageOfPath(path: string): string | undefined {
  const [first, second] = segments(path);
  return first === 'content' ? second : undefined;
}
