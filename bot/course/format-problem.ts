import type { PackProblem } from './pack-problem.js';

/** One problem as a line: `<file> <json-path> [<language>]: <message>`; the whole file is shown as path "/". */
export function formatProblem(problem: PackProblem): string {
  const language = problem.language === undefined ? '' : ` [${problem.language}]`;
  return `${problem.file} ${problem.path || '/'}${language}: ${problem.message}`;
}
