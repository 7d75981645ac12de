import { AppManifestUtils } from '@microsoft/app-manifest';
import type { AppManifest } from '@microsoft/app-manifest';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { loadTeamsSchema } from './bundled-schemas.js';
import type { JsonSchema } from './bundled-schemas.js';

/**
 * Validates a filled manifest against the official schema of its `manifestVersion`, with the package's own validator.
 * @returns one line per problem, `<file>: <path> <message>`; empty when valid.
 */
export async function validateManifestSchema(manifest: Readonly<Record<string, unknown>>, file: string): Promise<string[]> {
  const version = manifest['manifestVersion'];
  if (typeof version !== 'string') return [`${file}: manifestVersion is missing`];
  let schema: JsonSchema;
  try {
    schema = loadTeamsSchema(version, 'manifest');
  } catch (error) {
    return [`${file}: ${(error as Error).message}`];
  }
  const errors = await AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, schema as never);
  return errors.map((error) => `${file}: ${error.trim()}`);
}

/**
 * Validates a localization file against the official localization schema of the manifest's version.
 * @remarks Compiled with `unicodeRegExp: false`: one pattern in the official schema is valid only without the `u` flag,
 * which is why the package's own validator cannot compile this schema.
 */
export function validateLocalizationSchema(localization: unknown, version: string, file: string): string[] {
  const ajv = new Ajv.default({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats.default(ajv, ['uri', 'email', 'regex']);
  const validate = ajv.compile(loadTeamsSchema(version, 'localization'));
  if (validate(localization)) return [];
  return (validate.errors ?? []).map((error) => `${file}: ${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`.trim());
}
