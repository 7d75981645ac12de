import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import JSZip from 'jszip';
import { APP_PACKAGE_DIR, filledManifestPath, MANIFEST_PATH, packageZipPath } from './app-files.js';
import { loadTeamsSchema } from './bundled-schemas.js';
import { envFileName, readEnvFiles } from './env-file.js';
import type { EnvValues } from './env-file.js';
import { commandListDrift, commandListLimitProblems, commandLists, catalogLanguage } from './command-lists.js';
import { checkIcon } from './icon-checks.js';
import { checkLocalizationCompleteness } from './localization.js';
import type { LocalizationFile } from './localization.js';
import { fillJsonPlaceholders } from './placeholders.js';
import { validateLocalizationSchema, validateManifestSchema } from './schema-validation.js';
import { checkValidDomains } from './valid-domains.js';

/** A filled, checked app package, ready to zip. */
export type PreparedPackage = {
  readonly envName: string;
  readonly manifest: Readonly<Record<string, unknown>>;
  /** Zip entry name → bytes; `manifest.json` first. */
  readonly files: ReadonlyMap<string, Buffer>;
};

/** The package failed one or more checks; `problems` has one line each. */
export class AppPackageInvalidError extends Error {
  override readonly name = 'AppPackageInvalidError';

  /** Lists every problem in the message. */
  constructor(readonly problems: readonly string[]) {
    super(`The app package has ${problems.length} problem(s):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/** Fixed entry date (local 1980-01-01, the zip epoch) so the same input always gives the same zip. */
const ZIP_DATE = new Date(1980, 0, 1);

/**
 * Fills the manifest and its localization files from `env/.env.<name>` and runs every offline check:
 * official schema, localization completeness, icons, and `validDomains`.
 * @remarks Throws `MissingValueError` naming each placeholder without a value, or {@link AppPackageInvalidError}.
 */
export async function prepareAppPackage(root: string, envName: string): Promise<PreparedPackage> {
  const values = await readEnvFiles(root, envName);
  const envFile = envFileName(envName);
  const manifest = parseJson(fillJsonPlaceholders(await readFile(join(root, MANIFEST_PATH), 'utf8'), values, MANIFEST_PATH, envFile), MANIFEST_PATH);
  const files = new Map<string, Buffer>([['manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)]]);
  const problems = await validateManifestSchema(manifest, 'manifest.json');
  problems.push(...(await addIcons(root, manifest, files)));
  const localization = await addLocalizationFiles(root, manifest, values, envFile, files, problems);
  const version = typeof manifest['manifestVersion'] === 'string' ? manifest['manifestVersion'] : '';
  try {
    problems.push(...checkLocalizationCompleteness(manifest, loadTeamsSchema(version, 'localization'), localization));
  } catch (error) {
    problems.push(`manifest.json: ${(error as Error).message}`);
  }
  problems.push(...checkValidDomains(manifest, 'manifest.json'));
  // The command menu must offer exactly what the bot accepts in each scope, within Teams' limits, in every language.
  problems.push(...commandListDrift(manifest, localization));
  for (const tag of [String((manifest['localizationInfo'] as { defaultLanguageTag?: string } | undefined)?.defaultLanguageTag ?? 'nb'), ...localization.map((file) => file.languageTag)]) {
    problems.push(...commandListLimitProblems(commandLists(catalogLanguage(tag)), `command lists (${tag})`));
  }
  if (problems.length > 0) throw new AppPackageInvalidError(problems);
  return { envName, manifest, files };
}

/** Zips a prepared package to `appPackage/build/appPackage.<name>.zip` and writes the filled manifest beside it. */
export async function writeAppPackage(root: string, prepared: PreparedPackage): Promise<string> {
  const zip = new JSZip();
  for (const [name, bytes] of prepared.files) zip.file(name, bytes, { date: ZIP_DATE, createFolders: false });
  const zipPath = packageZipPath(root, prepared.envName);
  await mkdir(dirname(zipPath), { recursive: true });
  await writeFile(zipPath, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' }));
  await writeFile(filledManifestPath(root, prepared.envName), prepared.files.get('manifest.json') ?? '');
  return zipPath;
}

/** Prepares, checks and zips the package of one environment; returns the zip's path. */
export async function buildAppPackage(root: string, envName: string): Promise<string> {
  return writeAppPackage(root, await prepareAppPackage(root, envName));
}

async function addIcons(root: string, manifest: Readonly<Record<string, unknown>>, files: Map<string, Buffer>): Promise<string[]> {
  const icons = (manifest['icons'] ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  for (const kind of ['color', 'outline'] as const) {
    const name = icons[kind];
    if (typeof name !== 'string') continue; // the schema check reports it
    const bytes = await readPackageFile(root, name, problems);
    if (!bytes) continue;
    problems.push(...checkIcon(kind, bytes, name));
    files.set(name, bytes);
  }
  return problems;
}

async function addLocalizationFiles(
  root: string,
  manifest: Readonly<Record<string, unknown>>,
  values: EnvValues,
  envFile: string,
  files: Map<string, Buffer>,
  problems: string[],
): Promise<LocalizationFile[]> {
  const info = (manifest['localizationInfo'] ?? {}) as { additionalLanguages?: { languageTag?: unknown; file?: unknown }[] };
  const version = String(manifest['manifestVersion']);
  const found: LocalizationFile[] = [];
  for (const { languageTag, file } of info.additionalLanguages ?? []) {
    if (typeof languageTag !== 'string' || typeof file !== 'string') continue; // the schema check reports it
    const bytes = await readPackageFile(root, file, problems);
    if (!bytes) continue;
    const path = join(APP_PACKAGE_DIR, file);
    const content = parseJson(fillJsonPlaceholders(bytes.toString('utf8'), values, path, envFile), path);
    problems.push(...validateLocalizationSchema(content, version, file));
    files.set(file, Buffer.from(`${JSON.stringify(content, null, 2)}\n`));
    found.push({ languageTag, file, content });
  }
  return found;
}

async function readPackageFile(root: string, name: string, problems: string[]): Promise<Buffer | undefined> {
  if (isAbsolute(name) || name.includes('\\') || name.split('/').includes('..')) {
    problems.push(`manifest.json: "${name}" must be a path inside appPackage/`);
    return undefined;
  }
  try {
    return await readFile(join(root, APP_PACKAGE_DIR, name));
  } catch {
    problems.push(`manifest.json: names ${name}, which is not in appPackage/`);
    return undefined;
  }
}

function parseJson(text: string, file: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new AppPackageInvalidError([`${file}: not valid JSON (${(error as Error).message})`]);
  }
}
