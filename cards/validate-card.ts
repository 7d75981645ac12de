import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import { projectPath } from '../bot/paths.js';

/** The largest card Teams accepts, in bytes (the message limit is about 28 KB of text, cards 80 KB in our rule). */
export const MAX_CARD_BYTES = 80 * 1024;

let validator: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(readFileSync(projectPath('cards', 'schema', 'adaptive-card-1.5.json'), 'utf8')) as Record<string, unknown>;
    delete schema.id;
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addMetaSchema(draft06);
    addFormats.default(ajv);
    validator = ajv.compile(schema);
  }
  return validator;
}

/** Removes Teams' own `msteams` extension, which the official schema does not know. */
function withoutTeamsExtensions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTeamsExtensions);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'msteams').map(([key, inner]) => [key, withoutTeamsExtensions(inner)]));
  }
  return value;
}

/** Validates a card against Microsoft's Adaptive Card 1.5 schema; returns the problems (empty when valid). */
export function validateAdaptiveCard(card: unknown): string[] {
  const validate = schemaValidator();
  if (validate(withoutTeamsExtensions(card))) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}

/** Every string in a card that still holds an unexpanded `${…}` binding. */
export function unexpandedBindings(card: unknown): string[] {
  return JSON.stringify(card).match(/\$\{[^}]*\}/g) ?? [];
}

/** The size of a card as sent, in bytes. */
export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
