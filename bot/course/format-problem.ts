import type { PackProblem } from './pack-problem.js';

/**
 * One problem as a line: `<file> <json-path> [<language>]: <message>` for JSON packs and
 * `<file>:<line>:<column> <json-path> [<language>]: <message>` for YAML packs; the whole file is shown as path "/".
 */
export function formatProblem(problem: PackProblem): string {
  const language = problem.language === undefined ? '' : ` [${problem.language}]`;
  const place = problem.line === undefined ? '' : `:${problem.line}:${problem.column ?? 1}`;
  return `${problem.file}${place} ${problem.path || '/'}${language}: ${problem.message}`;
}
