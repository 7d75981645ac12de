import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { formatProblem } from './format-problem.js';
import { builtinPackPaths } from './load-courses.js';
import { isPackFileName } from './pack-source.js';
import type { PackProblem } from './pack-problem.js';
import { readPackFile, type PackFileResult } from './read-pack-file.js';

const usage = `Usage: npm run course:validate -- [pack.yaml | pack.json | folder]…
Validates Lærekraft content packs, written in YAML (.yaml, .yml) or JSON (.json); the built-in packs when no
path is given. Prints every problem as
  <file>:<line>:<column> <json-path> [<language>]: <message>    (YAML)
  <file> <json-path> [<language>]: <message>                    (JSON)
Exit code 0 when every pack is valid, 1 otherwise.`;

async function expand(target: string): Promise<{ readonly files: string[]; readonly problems: PackProblem[] }> {
  try {
    if (!(await stat(target)).isDirectory()) return { files: [target], problems: [] };
  } catch {
    return { files: [target], problems: [] }; // reported by readPackFile as unreadable
  }
  const names = (await readdir(target)).filter(isPackFileName).sort();
  if (names.length === 0) return { files: [], problems: [{ file: target, path: '', message: 'the folder has no pack files (*.yaml, *.yml or *.json)' }] };
  return { files: names.map((name) => join(target, name)), problems: [] };
}

function summary(results: readonly PackFileResult[]): string {
  const packs = results.flatMap((result) => (result.pack ? [result.pack] : []));
  const described = packs.map((pack) => {
    const lessons = pack.content[pack.defaultLanguage]?.lessons.length ?? 0;
    return `${pack.id} ${pack.version} (${lessons} lesson${lessons === 1 ? '' : 's'}; ${pack.languages.join(', ')})`;
  });
  return `OK: ${packs.length} pack${packs.length === 1 ? '' : 's'} valid: ${described.join('; ')}`;
}

async function main(args: readonly string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return 0;
  }
  const targets = args.length > 0 ? args : builtinPackPaths.map((file) => relative(process.cwd(), file));
  const problems: PackProblem[] = [];
  const results: PackFileResult[] = [];
  for (const target of targets) {
    const { files, problems: folderProblems } = await expand(target);
    problems.push(...folderProblems);
    for (const file of files) {
      const result = await readPackFile(file);
      results.push(result);
      problems.push(...result.problems);
    }
  }
  for (const problem of problems) console.log(formatProblem(problem));
  if (problems.length > 0) {
    const failed = results.filter((result) => result.problems.length > 0).length;
    console.error(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${failed} of ${results.length} pack${results.length === 1 ? '' : 's'}`);
    return 1;
  }
  console.log(summary(results));
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
