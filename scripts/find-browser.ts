/**
 * The one place that knows the browser prerequisite: a Chromium-family browser for playwright-core (the tab's
 * browser and axe tests, `npm run screenshots`, `npm run screenshots:tab`, and `.ci/run`).
 *
 * Looks at `CHROMIUM_PATH`, then Debian's and Ubuntu's Chromium, then Google Chrome and Microsoft Edge in their
 * usual places on Linux, macOS and Windows. When none is there and installing is allowed, it installs Debian's
 * `chromium` with apt-get, but only as root or with passwordless sudo. Nothing is downloaded from anywhere but the
 * system's package registry; Playwright's own browser downloads are never used.
 *
 * As a command: `npx tsx scripts/find-browser.ts [--install]` prints the browser's path, or explains and exits 1.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { posix, resolve, win32 } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What a command run by the finder returned. */
export type RunResult = { readonly status: number | null; readonly output: string };

/** The finder's boundary with the machine: the file system, the process runner, the platform, the environment. */
export type FinderDeps = {
  readonly exists: (path: string) => boolean;
  readonly run: (command: string, args: readonly string[]) => RunResult;
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  /** The user's id (`process.getuid()`); undefined on Windows. */
  readonly uid: number | undefined;
  /** Where the finder says what it does (one line each). */
  readonly log: (line: string) => void;
};

/** A browser was found (`installed` when the finder installed it just now), or none could be had and why. */
export type BrowserResult =
  | { readonly found: true; readonly path: string; readonly installed: boolean }
  | { readonly found: false; readonly reason: string; readonly hint: string };

/** Debian's Chromium, where `apt-get install chromium` puts it. */
export const debianChromium = '/usr/bin/chromium';

/** How to get a browser by hand, for notices and errors. */
export const browserHint =
  'install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`), Google Chrome or Microsoft Edge, or set CHROMIUM_PATH to a Chromium-family browser';

/** The places a Chromium-family browser usually is on the platform, most preferred first. */
export function candidatePaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    const apps = ['Chromium.app/Contents/MacOS/Chromium', 'Google Chrome.app/Contents/MacOS/Google Chrome', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'];
    const roots = ['/Applications', ...(env.HOME ? [posix.join(env.HOME, 'Applications')] : [])];
    return apps.flatMap((app) => roots.map((root) => posix.join(root, app)));
  }
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.ProgramFiles, env['ProgramFiles(x86)']].filter((root): root is string => Boolean(root));
    const unique = [...new Set(roots)];
    const apps = ['Chromium\\Application\\chrome.exe', 'Google\\Chrome\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
    return apps.flatMap((app) => unique.map((root) => win32.join(root, app)));
  }
  return [
    debianChromium,
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/opt/microsoft/msedge/msedge',
  ];
}

/** The first browser on the machine, without installing anything; `CHROMIUM_PATH` wins and must exist when set. */
export function locateBrowser(deps: Pick<FinderDeps, 'exists' | 'platform' | 'env'>): BrowserResult {
  const override = deps.env.CHROMIUM_PATH;
  if (override) {
    if (deps.exists(override)) return { found: true, path: override, installed: false };
    return { found: false, reason: `CHROMIUM_PATH is ${override}, which does not exist`, hint: 'point CHROMIUM_PATH at a Chromium-family browser, or unset it' };
  }
  const path = candidatePaths(deps.platform, deps.env).find((candidate) => deps.exists(candidate));
  if (path) return { found: true, path, installed: false };
  return { found: false, reason: 'no Chromium, Google Chrome or Microsoft Edge found', hint: browserHint };
}

/** The command prefix that runs apt-get as root (`[]` as root, `['sudo', '-n']` with passwordless sudo), or undefined. */
function asRoot(deps: FinderDeps): string[] | undefined {
  if (deps.uid === 0) return [];
  if (deps.run('sudo', ['-n', 'true']).status === 0) return ['sudo', '-n'];
  return undefined;
}

/** Installs Debian's `chromium` with apt-get when the machine has apt-get and root is at hand; says so in one line. */
export function installDebianChromium(deps: FinderDeps): BrowserResult {
  if (deps.platform !== 'linux' || !deps.exists('/usr/bin/apt-get')) {
    return { found: false, reason: 'no Chromium, Google Chrome or Microsoft Edge found, and this machine has no apt-get to install one with', hint: browserHint };
  }
  const prefix = asRoot(deps);
  if (!prefix) {
    return { found: false, reason: 'no Chromium, Google Chrome or Microsoft Edge found, and installing Chromium with apt-get needs root or passwordless sudo', hint: browserHint };
  }
  deps.log(`find-browser: no Chromium-family browser found; installing Debian's chromium with ${prefix.length ? 'sudo ' : ''}apt-get…`);
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
    const [command, ...rest] = [...prefix, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args];
    const result = deps.run(command!, rest);
    if (result.status !== 0) {
      return { found: false, reason: `apt-get ${args.join(' ')} failed (exit ${result.status ?? 'signal'}): ${result.output.trim().split('\n').slice(-5).join(' | ')}`, hint: browserHint };
    }
  }
  if (!deps.exists(debianChromium)) return { found: false, reason: `apt-get installed chromium but ${debianChromium} is missing`, hint: browserHint };
  return { found: true, path: debianChromium, installed: true };
}

/** Finds a browser and, when `install` is set and none is found, installs Debian's Chromium where it can. */
export function findBrowser(deps: FinderDeps, options: { readonly install: boolean }): BrowserResult {
  const located = locateBrowser(deps);
  if (located.found || !options.install || deps.env.CHROMIUM_PATH) return located;
  return installDebianChromium(deps);
}

/** What the browser suites do without a browser: skip with a notice, or fail under CI=true. */
export type SuiteDecision = { readonly run: true; readonly path: string } | { readonly run: false; readonly notice: string } | { readonly run: false; readonly error: string };

/** Decides whether a browser suite runs, given what {@link findBrowser} found and the environment. */
export function browserSuiteDecision(result: BrowserResult, env: NodeJS.ProcessEnv, suite: string): SuiteDecision {
  if (result.found) return { run: true, path: result.path };
  if (env.CI === 'true') return { run: false, error: `A browser is required when CI=true: ${result.reason}; ${result.hint}.` };
  return { run: false, notice: `NOTICE: ${result.reason}; skipping the browser suite "${suite}". To run it, ${result.hint}.` };
}

/** The real machine: node:fs, node:child_process, this process's platform, environment and user. */
export const systemDeps: FinderDeps = {
  exists: (path) => existsSync(path),
  run: (command, args) => {
    const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 15 * 60_000 });
    return { status: result.error ? null : result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
  },
  platform: process.platform,
  env: process.env,
  uid: process.getuid?.(),
  log: (line) => process.stderr.write(`${line}\n`),
};

let found: BrowserResult | undefined;

/** {@link findBrowser} on this machine, installing where it can, once per process. */
export function machineBrowser(): BrowserResult {
  found ??= findBrowser(systemDeps, { install: true });
  return found;
}

/** The browser's path for a script (`npm run screenshots`); throws with how to get one when none can be had. */
export function requireBrowser(): string {
  const result = machineBrowser();
  if (!result.found) throw new Error(`${result.reason}; ${result.hint}.`);
  return result.path;
}

/** The command: prints the browser's path (installing with `--install`), or the reason and exits 1. */
function main(argv: readonly string[]): number {
  const result = findBrowser(systemDeps, { install: argv.includes('--install') });
  if (!result.found) {
    process.stderr.write(`find-browser: ${result.reason}; ${result.hint}.\n`);
    return 1;
  }
  if (result.installed) process.stderr.write(`find-browser: installed ${result.path}\n`);
  process.stdout.write(`${result.path}\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
