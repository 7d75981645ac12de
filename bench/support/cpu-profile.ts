import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

type CallFrame = { readonly functionName: string; readonly url: string; readonly lineNumber: number };
type ProfileNode = { readonly id: number; readonly callFrame: CallFrame; readonly children?: readonly number[] };
type CpuProfile = { readonly nodes: readonly ProfileNode[]; readonly samples: readonly number[]; readonly timeDeltas: readonly number[] };

/** One row of a profile summary: a name and the busy time it accounts for. */
export type ProfileRow = { readonly name: string; readonly ms: number; readonly share: number };

/** Where the sampled busy time of one process went; every list is sorted, largest first. */
export type ProfileSummary = {
  /** Sampled time that was not idle. */
  readonly busyMs: number;
  /** Self time per area; native frames (JSON, regexps, V8 builtins) are charged to the JS code that called them. */
  readonly selfByArea: readonly ProfileRow[];
  /** Time with the area anywhere on the stack (areas nest, so these add up to more than 100 %). */
  readonly inclusiveByArea: readonly ProfileRow[];
  /** Time with the function anywhere on the stack, for the project's own code. */
  readonly inclusiveAppFunctions: readonly ProfileRow[];
  /** Self time per function, anywhere. */
  readonly selfFunctions: readonly ProfileRow[];
};

const special = new Set(['(garbage collector)', '(program)', '(idle)', '(root)']);
const harness = 'bench harness';

/** Areas that belong together, reported as one more inclusive row. */
const groups: readonly { readonly name: string; readonly member: RegExp }[] = [
  { name: 'ALL Bot Framework SDK + Azure HTTP client (botbuilder*, botframework-*, @azure/*, @typespec/*)', member: /^(botbuilder|botframework-|@azure\/|@typespec\/)/ },
  { name: 'ALL SQLite access (kysely + better-sqlite3)', member: /^(kysely|better-sqlite3)$/ },
  { name: 'ALL card rendering (adaptivecards-templating + adaptive-expressions + app cards/)', member: /^(adaptivecards-templating|adaptive-expressions|app cards\/)/ },
  { name: 'ALL project code (app *)', member: /^app / },
];

/**
 * Summarises a `.cpuprofile` (Chrome DevTools format) into areas — npm packages, Node core, the project's folders.
 * @remarks `root` is the repository folder; frames under it but outside node_modules are "app" code.
 */
export async function summariseCpuProfile(path: string, root: string): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const areaOf = (frame: CallFrame): string | undefined => {
    if (special.has(frame.functionName)) return frame.functionName;
    const url = frame.url;
    if (!url) return undefined;
    if (url.startsWith('node:')) return 'node core';
    const inModules = url.lastIndexOf('/node_modules/');
    if (inModules >= 0) {
      const [scope, name] = url.slice(inModules + '/node_modules/'.length).split('/');
      return scope?.startsWith('@') ? `${scope}/${name}` : scope ?? 'node_modules';
    }
    const file = url.startsWith('file:') ? fileURLToPath(url) : url;
    const rel = relative(root, file);
    if (rel.startsWith('..')) return 'other';
    return rel.startsWith('bench/') ? harness : `app ${rel}`;
  };
  const functionKey = (frame: CallFrame): string => {
    if (!frame.url) return `${frame.functionName || '(anonymous)'}  (native)`;
    if (frame.url.includes('/node_modules/')) return `${frame.functionName || '(anonymous)'}  ${frame.url.replace(/^.*node_modules\//, '')}:${frame.lineNumber + 1}`;
    const url = frame.url.startsWith('file:') ? relative(root, fileURLToPath(frame.url)) : frame.url;
    // tsx compiles each project file to one line, so project line numbers mean nothing.
    return `${frame.functionName || '(anonymous)'}  ${url}${url.startsWith('node:') ? `:${frame.lineNumber + 1}` : ''}`;
  };

  const selfArea = new Map<string, number>();
  const inclusiveArea = new Map<string, number>();
  const inclusiveApp = new Map<string, number>();
  const selfFunction = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, ms: number): void => {
    map.set(key, (map.get(key) ?? 0) + ms);
  };

  let busyMs = 0;
  profile.samples.forEach((nodeId, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    const leaf = byId.get(nodeId);
    if (!leaf || leaf.callFrame.functionName === '(idle)') return;
    let inHarness = false;
    for (let id: number | undefined = nodeId; id !== undefined && !inHarness; id = parent.get(id)) inHarness = areaOf(byId.get(id)!.callFrame) === harness;
    // The bench's own IPC and profiler control are not part of a turn.
    if (inHarness) return;
    busyMs += ms;
    add(selfFunction, functionKey(leaf.callFrame), ms);
    const areas = new Set<string>();
    const appFunctions = new Set<string>();
    let charged = false;
    for (let id: number | undefined = nodeId; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame;
      if (frame.functionName === '(root)') break;
      const area = areaOf(frame);
      if (area === undefined) continue;
      if (!charged) {
        add(selfArea, area, ms);
        charged = true;
      }
      areas.add(area);
      if (area.startsWith('app ')) appFunctions.add(functionKey(frame));
    }
    if (!charged) add(selfArea, '(native, no JS caller)', ms);
    // Node core is at the bottom of nearly every stack (timers, task queues), so its inclusive time says nothing.
    areas.delete('node core');
    for (const group of groups) if ([...areas].some((area) => group.member.test(area))) areas.add(group.name);
    for (const area of areas) add(inclusiveArea, area, ms);
    for (const fn of appFunctions) add(inclusiveApp, fn, ms);
  });

  const rows = (map: Map<string, number>): ProfileRow[] =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).map(([name, ms]) => ({ name, ms, share: busyMs > 0 ? ms / busyMs : 0 }));
  return {
    busyMs,
    selfByArea: rows(selfArea),
    inclusiveByArea: rows(inclusiveArea),
    inclusiveAppFunctions: rows(inclusiveApp),
    selfFunctions: rows(selfFunction),
  };
}
