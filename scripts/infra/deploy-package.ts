import { builtinModules } from 'node:module';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { tokenize } from './ts-tokens.js';

/**
 * The App Service deploy artefact: what `npm run package:deploy` writes and `atk deploy` uploads.
 *
 * The build needs dev dependencies (TypeScript, Vite) that App Service would not install with NODE_ENV=production,
 * so the build runs before the upload (on the administrator's machine or a pipeline). App Service then only installs
 * the production dependencies on Linux (SCM_DO_BUILD_DURING_DEPLOYMENT, so native modules match the server) and
 * starts `node dist/bot/index.js`. The artefact's package.json has no build script, so nothing is built there.
 */

/** Where the artefact is written, relative to the repository root (git-ignored). */
export const DEPLOY_DIR = join('build', 'app-service');

/** The command App Service starts the server with (appCommandLine in infra/modules/app-service.bicep). */
export const START_COMMAND = 'node dist/bot/index.js';

/** The data key rotation, runnable from the App Service SSH console (docs/deploy.md, "Rotating DATA_KEY"). */
export const ROTATE_COMMAND = 'node dist/scripts/data-key-rotate.js';

/**
 * Files and folders the server reads at run time besides dist/, relative to the repository root.
 * @remarks Every `projectPath(...)` in bot/ and cards/ must fall under one of these (tests/app-package checks it).
 */
export const RUNTIME_FILES: readonly string[] = [
  'bot/course/packs',
  'bot/course/content-pack.schema.json',
  'bot/i18n/tab',
  'cards/templates',
  'cards/schema/adaptive-card-1.5.json',
  'docs/legal',
  'docs/accessibility.md',
];

/** The built output the artefact needs, relative to dist/. */
export const REQUIRED_BUILD_FILES: readonly string[] = ['bot/index.js', 'scripts/data-key-rotate.js', 'tab/index.html'];

/** Written into the artefact: npm on App Service installs production dependencies only, whatever NODE_ENV says. */
export const DEPLOY_NPMRC = 'omit=dev\nfund=false\naudit=false\n';

type PackageJson = {
  name: string;
  version: string;
  type?: string;
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  [key: string]: unknown;
};

/**
 * The artefact's package.json: the project's, with only `start` and `data-key:rotate` as scripts and no build script
 * (App Service's build runs `npm run build` when there is one, and that needs dev dependencies). devDependencies stay
 * listed so the lockfile still matches; `.npmrc` leaves them out of the install.
 */
export function deployPackageJson(pkg: PackageJson): PackageJson {
  return { ...pkg, scripts: { start: START_COMMAND, 'data-key:rotate': ROTATE_COMMAND } };
}

/** The package a bare import specifier names (`@scope/name/sub` → `@scope/name`), or undefined for relative and built-in ones. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:') || specifier.startsWith('#')) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
  return builtinModules.includes(name) ? undefined : name;
}

/**
 * The module specifiers a TypeScript or JavaScript source loads at run time: static imports and re-exports
 * (`import type` and `export type` are erased, so left out), side-effect imports and `import('…')`.
 */
export function runtimeSpecifiers(source: string): string[] {
  const tokens = tokenize(source);
  const text = (at: number): string | undefined => tokens[at]?.text;
  const found: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token?.kind !== 'identifier' || (token.text !== 'import' && token.text !== 'export')) continue;
    if (text(i - 1) === '.' || text(i + 1) === '.') continue; // obj.import, import.meta
    const next = tokens[i + 1];
    if (!next) continue;
    if (token.text === 'import' && next.text === '(' && tokens[i + 2]?.kind === 'string') {
      found.push(text(i + 2) ?? ''); // import('…')
      continue;
    }
    if (token.text === 'import' && next.kind === 'string') {
      found.push(next.text); // import '…'
      continue;
    }
    // `export const …`, `export function …`: declarations, no module. Re-exports start with `{`, `*` or `type`.
    if (token.text === 'export' && !['{', '*', 'type'].includes(next.text)) continue;
    // `import type X from` / `export type { … } from` are erased; `import type from '…'` imports a default named type.
    const typeOnly = next.kind === 'identifier' && next.text === 'type' && text(i + 2) !== 'from' && text(i + 2) !== ',';
    for (let j = i + 1; j < tokens.length; j += 1) {
      const t = tokens[j];
      if (!t || t.text === ';' || (t.kind === 'identifier' && (t.text === 'import' || t.text === 'export'))) break;
      if (t.kind === 'identifier' && t.text === 'from' && tokens[j + 1]?.kind === 'string') {
        if (!typeOnly) found.push(text(j + 1) ?? '');
        break;
      }
    }
  }
  return found;
}

/** Every file under `dir` whose name passes `keep`, as paths relative to `dir`. */
export async function listFiles(dir: string, keep: (path: string) => boolean = () => true): Promise<string[]> {
  const out: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (keep(path)) out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  await walk(dir);
  return out.sort();
}

/**
 * Packages that files load at run time but that are not production dependencies: each line names the file, the
 * package and whether it is a devDependency (installed on a developer's machine, absent on App Service).
 */
export function runtimeImportProblems(files: ReadonlyMap<string, string>, pkg: PackageJson): string[] {
  const production = new Set(Object.keys(pkg.dependencies ?? {}));
  const development = new Set(Object.keys(pkg.devDependencies ?? {}));
  const problems: string[] = [];
  for (const [file, source] of files) {
    for (const specifier of runtimeSpecifiers(source)) {
      const name = packageOf(specifier);
      if (!name || production.has(name)) continue;
      problems.push(
        development.has(name)
          ? `${file} imports ${name}, a devDependency: App Service installs production dependencies only. Move it to "dependencies" or import it only in tests and scripts.`
          : `${file} imports ${name}, which package.json does not list in "dependencies".`,
      );
    }
  }
  return problems;
}

/** Scripts built into the deploy package besides bot/ and cards/ (tsconfig.build.json, "files"). */
export const PACKAGED_SCRIPTS: readonly string[] = ['scripts/data-key-rotate.ts'];

/** The sources that go into the deploy package (bot/, cards/ and {@link PACKAGED_SCRIPTS}, no tests), read for {@link runtimeImportProblems}. */
export async function readServerSources(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const script of PACKAGED_SCRIPTS) files.set(script, await readFile(join(root, script), 'utf8'));
  for (const folder of ['bot', 'cards']) {
    for (const path of await listFiles(join(root, folder), (p) => p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('.d.ts'))) {
      files.set(`${folder}/${path}`, await readFile(join(root, folder, path), 'utf8'));
    }
  }
  return files;
}

/**
 * The paths of every `projectPath('a', 'b', …)` call in a source, joined with '/'. A call whose later arguments are
 * not literals gives its literal start followed by `/*` (for example `docs/*`).
 */
export function projectPathsIn(source: string): string[] {
  const tokens = tokenize(source);
  const paths: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    if (tokens[i]?.kind !== 'identifier' || tokens[i]?.text !== 'projectPath' || tokens[i + 1]?.text !== '(') continue;
    const segments: string[] = [];
    let j = i + 2;
    while (tokens[j]?.kind === 'string' && (tokens[j + 1]?.text === ',' || tokens[j + 1]?.text === ')')) {
      segments.push(tokens[j]?.text ?? '');
      j += 2;
      if (tokens[j - 1]?.text === ')') break;
    }
    const complete = tokens[j - 1]?.text === ')';
    if (segments.length > 0) paths.push(complete ? segments.join('/') : `${segments.join('/')}/*`);
  }
  return paths;
}

/**
 * True when the artefact holds `path` (one of {@link projectPathsIn}): it is dist/ or a runtime file or lies under
 * one; for `prefix/*`, some runtime file lies under `prefix`.
 */
export function coveredByArtefact(path: string): boolean {
  const entries = ['dist', ...RUNTIME_FILES];
  if (path.endsWith('/*')) {
    const prefix = path.slice(0, -2);
    return entries.some((entry) => entry.startsWith(`${prefix}/`) || prefix === entry || prefix.startsWith(`${entry}/`));
  }
  return entries.some((entry) => path === entry || path.startsWith(`${entry}/`));
}

/** Options of {@link assembleDeployPackage}. */
export type AssembleOptions = {
  /** The repository root. */
  readonly root: string;
  /** The built output (default `<root>/dist`). */
  readonly distDir?: string;
  /** Where to write the artefact (default `<root>/build/app-service`); emptied first. */
  readonly outDir?: string;
};

/**
 * Writes the deploy artefact: package.json (start script only), package-lock.json, .npmrc (omit=dev), dist/ without
 * source maps, and the runtime files. Refuses, naming what is missing, when the build is incomplete.
 * @returns the artefact's folder.
 */
export async function assembleDeployPackage(options: AssembleOptions): Promise<string> {
  const { root } = options;
  const distDir = options.distDir ?? join(root, 'dist');
  const outDir = options.outDir ?? join(root, DEPLOY_DIR);
  const missing: string[] = [];
  for (const file of REQUIRED_BUILD_FILES) {
    if (!(await stat(join(distDir, file)).catch(() => undefined))) missing.push(`dist/${file}`);
  }
  if (missing.length > 0) throw new Error(`The build is incomplete (${missing.join(', ')} missing): run npm run build first.`);

  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as PackageJson;
  await writeFile(join(outDir, 'package.json'), `${JSON.stringify(deployPackageJson(pkg), null, 2)}\n`);
  await cp(join(root, 'package-lock.json'), join(outDir, 'package-lock.json'));
  await writeFile(join(outDir, '.npmrc'), DEPLOY_NPMRC);
  await cp(distDir, join(outDir, 'dist'), { recursive: true, filter: (source) => !source.endsWith('.map') });
  for (const entry of RUNTIME_FILES) {
    await mkdir(dirname(join(outDir, entry)), { recursive: true });
    await cp(join(root, entry), join(outDir, entry), { recursive: true });
  }
  return outDir;
}

/** What a deploy artefact must hold; each line names what is missing or wrong. */
export async function checkDeployPackage(outDir: string): Promise<string[]> {
  const problems: string[] = [];
  const exists = async (path: string): Promise<boolean> => !!(await stat(join(outDir, path)).catch(() => undefined));
  for (const path of ['package.json', 'package-lock.json', '.npmrc', ...REQUIRED_BUILD_FILES.map((file) => `dist/${file}`), ...RUNTIME_FILES]) {
    if (!(await exists(path))) problems.push(`${path} is missing from the deploy package`);
  }
  if (await exists('package.json')) {
    const pkg = JSON.parse(await readFile(join(outDir, 'package.json'), 'utf8')) as PackageJson;
    if (pkg.scripts?.['build'] !== undefined) problems.push('package.json has a build script: App Service would run it without dev dependencies');
    if (pkg.scripts?.['start'] !== START_COMMAND) problems.push(`package.json's start script is not "${START_COMMAND}"`);
  }
  if (await exists('.npmrc')) {
    if (!/^omit=dev$/m.test(await readFile(join(outDir, '.npmrc'), 'utf8'))) problems.push('.npmrc does not say omit=dev');
  }
  if (await exists('node_modules')) problems.push('node_modules/ must not be uploaded: App Service installs the dependencies on Linux');
  if (await exists('dist')) {
    const built = new Map<string, string>();
    for (const folder of ['bot', 'cards', 'scripts']) {
      if (!(await exists(`dist/${folder}`))) continue;
      for (const file of await listFiles(join(outDir, 'dist', folder), (p) => p.endsWith('.js'))) built.set(`dist/${folder}/${file}`, await readFile(join(outDir, 'dist', folder, file), 'utf8'));
    }
    if (await exists('package.json')) problems.push(...runtimeImportProblems(built, JSON.parse(await readFile(join(outDir, 'package.json'), 'utf8')) as PackageJson));
  }
  return problems;
}
