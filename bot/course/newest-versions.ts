import { basename } from 'node:path';
import semver from 'semver';
import type { ContentPack } from './content-pack.js';
import type { PackProblem } from './pack-problem.js';

/** A valid pack and where it came from. */
export type LoadedPack = {
  readonly file: string;
  readonly pack: ContentPack;
  /** True for the pack shipped with the app. */
  readonly builtin: boolean;
};

/** The packs that are served (one per course id) and a problem for every other non-built-in pack. */
export type NewestVersions = {
  readonly served: readonly LoadedPack[];
  readonly unused: readonly PackProblem[];
};

/**
 * Keeps the highest version of each course id; on equal versions the first pack (the built-in one) wins.
 * @remarks An external pack that is not served is reported, so the operator sees why it has no effect.
 */
export function newestVersions(packs: readonly LoadedPack[]): NewestVersions {
  const served = new Map<string, LoadedPack>();
  for (const candidate of packs) {
    const current = served.get(candidate.pack.id);
    if (!current || semver.gt(candidate.pack.version, current.pack.version)) served.set(candidate.pack.id, candidate);
  }
  const unused: PackProblem[] = [];
  for (const candidate of packs) {
    const winner = served.get(candidate.pack.id);
    if (!winner || winner === candidate || candidate.builtin) continue;
    const { id, version } = candidate.pack;
    const from = winner.builtin ? 'the built-in pack' : basename(winner.file);
    unused.push({ file: candidate.file, path: '/version', message: `not used: course "${id}" version ${version} is not higher than version ${winner.pack.version} from ${from}` });
  }
  return { served: [...served.values()], unused };
}
