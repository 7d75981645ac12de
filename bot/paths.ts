import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

/** The project's root folder (where package.json is), whether running from source or from dist/. */
export const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)));

/** An absolute path to a file shipped with the project, given relative to the project root. */
export function projectPath(...segments: string[]): string {
  return resolve(projectRoot, ...segments);
}
