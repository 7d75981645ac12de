import { readFile } from 'node:fs/promises';
import type { ContentPack } from './content-pack.js';
import { packCheckMessage, type PackIssue, type PackProblem } from './pack-problem.js';
import { parsePackSource } from './pack-source.js';
import { validatePack, type ValidatePackOptions } from './validate-pack.js';

/** A pack file read and validated: the pack when valid, otherwise its problems. */
export type PackFileResult = {
  readonly file: string;
  readonly pack: ContentPack | undefined;
  readonly problems: readonly PackProblem[];
};

/**
 * Reads, parses and validates one content pack file, JSON or YAML after its extension (.json, .yaml, .yml);
 * never throws for a bad file.
 * @remarks Problems in a YAML pack carry the line and column of the place they concern.
 */
export async function readPackFile(file: string, options: ValidatePackOptions = {}): Promise<PackFileResult> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    return { file, pack: undefined, problems: [{ file, path: '', message: `cannot be read: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  return validatePackSource(file, source, options);
}

/** Parses and validates the text of a pack file; `file` names it in the problems and chooses JSON or YAML. */
export function validatePackSource(file: string, source: string, options: ValidatePackOptions = {}): PackFileResult {
  const parsed = parsePackSource(file, source);
  if (!parsed.ok) {
    return {
      file,
      pack: undefined,
      problems: parsed.errors.map((error) => (error.position ? { file, path: '', message: error.message, ...error.position } : { file, path: '', message: error.message })),
    };
  }
  const { pack, issues } = validatePack(parsed.data, options);
  const problems = issues.map((issue): PackProblem => {
    const position = parsed.locate(issue.path);
    const worded = parsed.format === 'yaml' ? withYamlHint(issue) : issue;
    return position ? { file, ...worded, ...position } : { file, ...worded };
  });
  return { file, pack, problems };
}

/** YAML reads 1.0, 2026 and true as numbers and booleans; say how to keep them text. */
function withYamlHint(issue: PackIssue): PackIssue {
  if (issue.code !== 'type' || issue.params['type'] !== 'string') return issue;
  return { ...issue, code: 'notTextInYaml', params: {}, message: packCheckMessage('notTextInYaml') };
}
