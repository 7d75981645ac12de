import { readFile } from 'node:fs/promises';
import type { ContentPack } from './content-pack.js';
import type { PackProblem } from './pack-problem.js';
import { validatePack, type ValidatePackOptions } from './validate-pack.js';

/** A pack file read and validated: the pack when valid, otherwise its problems. */
export type PackFileResult = {
  readonly file: string;
  readonly pack: ContentPack | undefined;
  readonly problems: readonly PackProblem[];
};

/** Reads, parses and validates one content pack file; never throws for a bad file. */
export async function readPackFile(file: string, options: ValidatePackOptions = {}): Promise<PackFileResult> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    return { file, pack: undefined, problems: [{ file, path: '', message: `cannot be read: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  let data: unknown;
  try {
    data = JSON.parse(source.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { file, pack: undefined, problems: [{ file, path: '', message: `is not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const { pack, issues } = validatePack(data, options);
  return { file, pack, problems: issues.map((issue) => ({ file, ...issue })) };
}
