/**
 * Counts the words a reader sees in a text in the card Markdown subset.
 * @remarks Link targets and Markdown markers are not words; a token counts when it has a letter or digit.
 */
export function countWords(text: string): number {
  const visible = text.replace(/\]\([^)]*\)/g, ']');
  return visible.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}
