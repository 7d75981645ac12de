/**
 * `npm run bench:tab-size` — the tab's JavaScript, gzipped, against the goal of 250 KB for what one page load in Teams
 * fetches (the entry, the single sign-on chunk and the page's own chunks, every page lazily loaded).
 *
 * Reads the build in dist/tab (building it with Vite first when it is missing, or with `--build`), and prints
 * every JavaScript file raw and gzipped (level 9, as a server or CDN would send it), split into what every page
 * load fetches (the entry script named in index.html and the chunks it imports statically) and what is loaded
 * on demand (the TeamsFx single sign-on chunk, fetched only inside Teams). Prints figures; exits 1 only when
 * there is no build to measure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = join(root, 'dist', 'tab');
/** The goal for all of the tab's JavaScript, gzipped. */
const GOAL_BYTES = 250 * 1024;

const { values } = parseArgs({ options: { build: { type: 'boolean', default: false } } });
if (values.build || !existsSync(join(dist, 'index.html'))) {
  execFileSync(join(root, 'node_modules', '.bin', 'vite'), ['build', '--config', 'tab/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}
if (!existsSync(join(dist, 'index.html'))) {
  console.error('No build in dist/tab: run npm run build:tab');
  process.exit(1);
}

type Row = { readonly file: string; readonly raw: number; readonly gzip: number; readonly initial: boolean };

const assets = join(dist, 'assets');
const files = readdirSync(assets).filter((file) => file.endsWith('.js'));
const source = new Map(files.map((file) => [file, readFileSync(join(assets, file), 'utf8')]));

/** A chunk and, transitively, the chunks it imports statically. */
function closure(start: readonly string[]): Set<string> {
  const found = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (found.has(file) || !source.has(file)) continue;
    found.add(file);
    for (const match of source.get(file)!.matchAll(/(?:^|[;}\s])import\s*(?:[\w${},*\s]+from\s*)?["']\.\/([^"']+\.js)["']/g)) queue.push(match[1]!);
  }
  return found;
}

// What a page load fetches: the entry script in index.html and, transitively, the chunks it imports statically.
const initial = closure([...readFileSync(join(dist, 'index.html'), 'utf8').matchAll(/<script[^>]+src="[^"]*\/assets\/([^"]+\.js)"/g)].map((match) => match[1]!));

const rows: Row[] = files
  .map((file) => {
    const bytes = Buffer.from(source.get(file)!, 'utf8');
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, initial: initial.has(file) };
  })
  .sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzip - a.gzip);

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const sum = (list: readonly Row[], key: 'raw' | 'gzip'): number => list.reduce((total, row) => total + row[key], 0);
const width = Math.max(...rows.map((row) => row.file.length), 12);

console.log(`Tab JavaScript in dist/tab/assets (gzip level 9); goal ${kb(GOAL_BYTES)} gzipped for one page load in Teams`);
console.log(`${'file'.padEnd(width)}  ${'loaded'.padEnd(9)}  ${'raw'.padStart(10)}  ${'gzipped'.padStart(10)}`);
for (const row of rows) console.log(`${row.file.padEnd(width)}  ${(row.initial ? 'always' : 'on demand').padEnd(9)}  ${kb(row.raw).padStart(10)}  ${kb(row.gzip).padStart(10)}`);
const always = rows.filter((row) => row.initial);
const total = sum(rows, 'gzip');
console.log(`every page load: ${kb(sum(always, 'gzip'))} gzipped (${kb(sum(always, 'raw'))} raw)`);
console.log(`on demand (single sign-on in Teams, each page, the card renderer): ${kb(total - sum(always, 'gzip'))} gzipped`);
console.log(`total of every chunk: ${kb(total)} gzipped (${kb(sum(rows, 'raw'))} raw)`);

// One page load in Teams: the entry, the single sign-on chunk, and one page's chunks (each page is a lazy chunk).
const byFile = new Map(rows.map((row) => [row.file, row]));
const gzipOf = (set: ReadonlySet<string>): number => [...set].reduce((total, file) => total + (byFile.get(file)?.gzip ?? 0), 0);
const sso = files.filter((file) => file.startsWith('teams-sso-'));
const pages = files.filter((file) => /Page-[\w-]+\.js$/.test(file));
const perPage = pages
  .map((page) => {
    const set = closure([...initial, ...sso, page]);
    // The publish page draws cards with Microsoft's Adaptive Cards renderer, which it loads on demand.
    if (page.startsWith('PackPublishPage-')) for (const file of closure(files.filter((name) => name.startsWith('adaptivecards-')))) set.add(file);
    return { page: page.replace(/-[\w-]+\.js$/, ''), gzip: gzipOf(set) };
  })
  .sort((a, b) => b.gzip - a.gzip);
console.log('one page load in Teams (entry + single sign-on + the page):');
for (const { page, gzip } of perPage) console.log(`  ${page.padEnd(22)} ${kb(gzip).padStart(9)}  ${((100 * gzip) / GOAL_BYTES).toFixed(0)} % of the goal${gzip <= GOAL_BYTES ? '' : ', OVER it'}`);
const withinGoal = perPage.filter((entry) => entry.gzip <= GOAL_BYTES).length;
console.log(`${withinGoal} of ${perPage.length} pages within the goal; the personal tab (in the entry) ${kb(gzipOf(closure([...initial, ...sso])))}`);
