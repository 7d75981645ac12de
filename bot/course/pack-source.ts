import { extname } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { segments } from './json-pointer.js';

/** A place in a pack file, counted from 1. */
export type SourcePosition = { readonly line: number; readonly column: number };

/** The two formats a pack file may be written in. */
export type PackFormat = 'json' | 'yaml';

/** A pack file parsed into plain data, or the reasons it could not be. */
export type ParsedPackSource =
  | {
      readonly ok: true;
      readonly format: PackFormat;
      readonly data: unknown;
      /** Where a JSON Pointer into the data is in the file (YAML only; the nearest existing parent when the place is missing). */
      readonly locate: (path: string) => SourcePosition | undefined;
    }
  | { readonly ok: false; readonly format: PackFormat; readonly errors: readonly { readonly message: string; readonly position?: SourcePosition }[] };

/** The file extensions read as packs: JSON and YAML. */
export const packExtensions: readonly string[] = ['.json', '.yaml', '.yml'];

/** Whether a file name is a pack file by its extension. */
export function isPackFileName(name: string): boolean {
  return packExtensions.includes(extname(name).toLowerCase());
}

/** The format of a pack file, from its extension (anything but .yaml and .yml is read as JSON). */
export function packFormat(file: string): PackFormat {
  const extension = extname(file).toLowerCase();
  return extension === '.yaml' || extension === '.yml' ? 'yaml' : 'json';
}

/** Parses the text of a pack file as JSON or YAML, after its extension. */
export function parsePackSource(file: string, source: string): ParsedPackSource {
  const text = source.replace(/^\uFEFF/, '');
  if (packFormat(file) === 'json') {
    try {
      return { ok: true, format: 'json', data: JSON.parse(text), locate: () => undefined };
    } catch (error) {
      return { ok: false, format: 'json', errors: [{ message: `is not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
    }
  }
  const lineCounter = new LineCounter();
  // YAML 1.2 core schema: dates stay strings, only true/false are booleans ("no" and "nei" are text).
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  if (document.errors.length > 0) {
    return {
      ok: false,
      format: 'yaml',
      errors: document.errors.map((error) => ({ message: `is not valid YAML: ${yamlMessage(error.code, error.message)}`, position: at(lineCounter, error.pos[0]) })),
    };
  }
  return { ok: true, format: 'yaml', data: document.toJS({ maxAliasCount: 100 }), locate: (path) => locate(document, lineCounter, path) };
}

const plainMessages: Record<string, string> = {
  DUPLICATE_KEY: 'the same field name is used twice here; each field may appear only once',
  TAB_AS_INDENT: 'a tab is used for indentation; indent with spaces only',
  MULTIPLE_DOCS: 'the file has more than one YAML document (a second "---"); a pack is one document',
};

function yamlMessage(code: string, message: string): string {
  if (code === 'BLOCK_AS_IMPLICIT_KEY' && message.startsWith('Nested mappings')) {
    return 'the text has a colon followed by a space (": "); put the whole text in quotes, or write ">-" after the field name and the text on the next lines';
  }
  if (code === 'MISSING_CHAR' && message.includes('closing "quote')) return 'a text starts with a quotation mark (") that is never closed';
  return plainMessages[code] ?? message.replace(/\s+/g, ' ').trim();
}

function at(lineCounter: LineCounter, offset: number): SourcePosition {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function locate(document: Document, lineCounter: LineCounter, path: string): SourcePosition | undefined {
  let node: unknown = document.contents;
  let offset = (document.contents?.range?.[0]) ?? 0;
  for (const segment of segments(path)) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
      const start = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
      if (!pair || start === undefined) break;
      offset = start;
      node = pair.value;
    } else if (isSeq(node)) {
      const item: unknown = node.items[Number(segment)];
      const start = isScalar(item) || isMap(item) || isSeq(item) ? item.range?.[0] : undefined;
      if (start === undefined) break;
      offset = start;
      node = item;
    } else {
      break;
    }
  }
  return at(lineCounter, offset);
}
