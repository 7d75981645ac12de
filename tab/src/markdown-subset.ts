/** A piece of inline text: plain, bold, italic, or a link. */
export type Inline =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'strong' | 'em'; readonly children: readonly Inline[] }
  | { readonly kind: 'link'; readonly href: string; readonly children: readonly Inline[] };

/** A block of a lesson's text: a paragraph or a list. */
export type Block =
  | { readonly kind: 'paragraph'; readonly inlines: readonly Inline[] }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly items: readonly (readonly Inline[])[] };

const INLINE = /\*\*(.+?)\*\*|(?<![\p{L}\p{N}])_(.+?)_(?![\p{L}\p{N}])|\[([^\]]+)\]\((https:\/\/[^)\s]+)\)/gu;

/** Parses the inline part of the card Markdown subset: **bold**, _italic_ and [links](https://…). */
export function parseInline(text: string): Inline[] {
  const result: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) result.push({ kind: 'text', text: text.slice(last, match.index) });
    if (match[1] !== undefined) result.push({ kind: 'strong', children: parseInline(match[1]) });
    else if (match[2] !== undefined) result.push({ kind: 'em', children: parseInline(match[2]) });
    else result.push({ kind: 'link', href: match[4]!, children: parseInline(match[3]!) });
    last = match.index + match[0].length;
  }
  if (last < text.length) result.push({ kind: 'text', text: text.slice(last) });
  return result;
}

/**
 * Parses one paragraph of lesson text in the Markdown subset the cards use (bold, italic, https links, and lists
 * with "- " or "1. ") into blocks; anything else is plain text, never HTML.
 */
export function parseBlocks(paragraph: string): Block[] {
  const blocks: Block[] = [];
  let lines: string[] = [];
  let list: { ordered: boolean; items: Inline[][] } | undefined;
  const flushLines = (): void => {
    if (lines.length > 0) blocks.push({ kind: 'paragraph', inlines: parseInline(lines.join(' ')) });
    lines = [];
  };
  const flushList = (): void => {
    if (list) blocks.push({ kind: 'list', ordered: list.ordered, items: list.items });
    list = undefined;
  };
  for (const raw of paragraph.split('\n')) {
    const line = raw.trim();
    const item = /^(-|\d+\.)\s+(.*)$/.exec(line);
    if (item) {
      flushLines();
      const ordered = item[1] !== '-';
      if (list && list.ordered !== ordered) flushList();
      list ??= { ordered, items: [] };
      list.items.push(parseInline(item[2]!));
    } else if (line) {
      flushList();
      lines.push(line);
    }
  }
  flushLines();
  flushList();
  return blocks;
}
