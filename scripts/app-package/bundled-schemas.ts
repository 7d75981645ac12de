import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A JSON schema as parsed from disk. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** Which of the Teams schemas of one manifest version. */
export type TeamsSchemaKind = 'manifest' | 'localization';

const FILES: Readonly<Record<TeamsSchemaKind, string>> = {
  manifest: 'MicrosoftTeams.schema.json',
  localization: 'MicrosoftTeams.Localization.schema.json',
};

/** The folder inside `@microsoft/app-manifest` that holds the official Teams schemas, one folder per version. */
export function teamsSchemaDir(): string {
  const packageJson = createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json');
  return join(dirname(packageJson), 'build', 'json-schemas', 'teams');
}

/** Every released manifest version the installed `@microsoft/app-manifest` bundles, oldest first (no devPreview). */
export function bundledManifestVersions(): string[] {
  return readdirSync(teamsSchemaDir())
    .filter((name) => /^v\d+\.\d+$/.test(name))
    .map((name) => name.slice(1))
    .sort(compareVersions);
}

/** The newest released manifest version the installed package bundles. */
export function newestBundledManifestVersion(): string {
  const versions = bundledManifestVersions();
  const newest = versions[versions.length - 1];
  if (!newest) throw new Error(`no Teams manifest schemas found in ${teamsSchemaDir()}`);
  return newest;
}

/**
 * Loads an official Teams schema from the installed package; never from the network.
 * @remarks Applies the same clean-up as the package (`\a`, `\v` escapes that JSON.parse rejects).
 */
export function loadTeamsSchema(version: string, kind: TeamsSchemaKind): JsonSchema {
  if (!bundledManifestVersions().includes(version)) {
    throw new Error(`manifest version ${version} is not bundled by @microsoft/app-manifest (bundled: ${bundledManifestVersions().join(', ')})`);
  }
  const raw = readFileSync(join(teamsSchemaDir(), `v${version}`, FILES[kind]), 'utf8');
  return JSON.parse(raw.replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as JsonSchema;
}

/** The public URL of a Teams schema, as a manifest's or localization file's `$schema` names it. */
export function teamsSchemaUrl(version: string, kind: TeamsSchemaKind): string {
  return `https://developer.microsoft.com/json-schemas/teams/v${version}/${FILES[kind]}`;
}

function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}
