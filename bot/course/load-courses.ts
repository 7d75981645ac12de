import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CourseCatalog } from '../core/course.js';
import { projectPath } from '../paths.js';
import { builtinCourseId, createCourseCatalog } from './course-catalog.js';
import { newestVersions, type LoadedPack } from './newest-versions.js';
import type { PackProblem } from './pack-problem.js';
import { isPackFileName } from './pack-source.js';
import { readPackFile, type PackFileResult } from './read-pack-file.js';

/** A problem found in a content pack (defined in pack-problem.ts). */
export type { PackProblem } from './pack-problem.js';

/** The catalog built at start and the problems that made packs be refused or unused. */
export type CourseLoadResult = {
  readonly catalog: CourseCatalog;
  readonly problems: readonly PackProblem[];
};

/** What to load besides the built-in course. */
export type LoadCoursesOptions = {
  /** A folder whose `*.json`, `*.yaml` and `*.yml` files are content packs (COURSE_PACKS). */
  readonly packsDir?: string | undefined;
  /** The course served when nothing else is chosen; defaults to the built-in course id. */
  readonly defaultCourseId?: string | undefined;
};

/** The pack file of the built-in course served by default (intro-baerekraft). */
export const builtinPackPath = projectPath('bot/course/packs/intro-baerekraft.json');

/** Every built-in pack file, in the order the courses are listed; the first is the default course. */
export const builtinPackPaths: readonly string[] = [builtinPackPath, projectPath('bot/course/packs/sustainable-procurement.yaml')];

/**
 * The built-in packs, read and validated once per process: they ship with the app and do not change while it runs.
 * @remarks Their lesson cards are not rendered and checked at start (compiling the Adaptive Card schema is the slow
 * part of start-up): tests/course/lesson-cards.test.ts checks every card of every built-in pack before it ships.
 * Packs from the COURSE_PACKS folder get every check.
 */
const builtinResults = new Map<string, Promise<PackFileResult>>();

function readBuiltinPack(file: string): Promise<PackFileResult> {
  let result = builtinResults.get(file);
  if (!result) {
    result = readPackFile(file, { renderLessonCard: false });
    builtinResults.set(file, result);
  }
  return result;
}

async function packFiles(packsDir: string): Promise<{ readonly files: readonly string[]; readonly problems: readonly PackProblem[] }> {
  try {
    const entries = await readdir(packsDir, { withFileTypes: true });
    const files = entries.filter((entry) => entry.isFile() && isPackFileName(entry.name)).map((entry) => join(packsDir, entry.name));
    return { files: files.sort(), problems: [] };
  } catch (error) {
    const message = `the course pack folder cannot be read: ${error instanceof Error ? error.message : String(error)}`;
    return { files: [], problems: [{ file: packsDir, path: '', message }] };
  }
}

/**
 * Loads the built-in courses and every valid pack (JSON or YAML) in `packsDir`; a pack with the same id and a
 * higher version supersedes the other.
 * @remarks Invalid packs are refused and their problems returned for the server to log; throws only when no course is valid.
 */
export async function loadCourses(options: LoadCoursesOptions = {}): Promise<CourseLoadResult> {
  const problems: PackProblem[] = [];
  const loaded: LoadedPack[] = [];
  for (const file of builtinPackPaths) {
    const builtin = await readBuiltinPack(file);
    problems.push(...builtin.problems);
    if (builtin.pack) loaded.push({ file: builtin.file, pack: builtin.pack, builtin: true });
  }
  if (options.packsDir) {
    const folder = await packFiles(resolve(options.packsDir));
    problems.push(...folder.problems);
    for (const file of folder.files) {
      const result = await readPackFile(file);
      problems.push(...result.problems);
      if (result.pack) loaded.push({ file, pack: result.pack, builtin: false });
    }
  }
  const { served, unused } = newestVersions(loaded);
  problems.push(...unused);
  const wanted = options.defaultCourseId ?? builtinCourseId;
  const found = served.some((entry) => entry.pack.id === wanted);
  if (!found && options.defaultCourseId) {
    problems.push({ file: options.packsDir ?? builtinPackPath, path: '', message: `the default course "${wanted}" is not among the valid packs; serving "${builtinCourseId}"` });
  }
  const catalog = createCourseCatalog(
    served.map((entry) => entry.pack),
    found ? wanted : builtinCourseId,
  );
  return { catalog, problems };
}
