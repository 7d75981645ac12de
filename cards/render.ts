import { readFileSync } from 'node:fs';
import * as ACData from 'adaptivecards-templating';
import { projectPath } from '../bot/paths.js';
import type { AdaptiveCard, CardTemplates, TemplateName } from './models.js';

const templates = new Map<TemplateName, ACData.Template>();

function template(name: TemplateName): ACData.Template {
  let found = templates.get(name);
  if (!found) {
    const json: unknown = JSON.parse(readFileSync(projectPath('cards', 'templates', `${name}.json`), 'utf8'));
    found = new ACData.Template(json);
    templates.set(name, found);
  }
  return found;
}

/**
 * Expands a card template with its data; the only way the app renders a card.
 * @remarks Templates are read once and cached; the `$schema` hint is dropped from the result.
 */
export function renderCard<T extends TemplateName>(name: T, data: CardTemplates[T]): AdaptiveCard {
  const expanded = withoutNulls(template(name).expand({ $root: data })) as Record<string, unknown>;
  const { $schema: _schema, ...card } = expanded;
  return card as AdaptiveCard;
}

/** Drops properties that a `$when` or a null binding left as null, which the card schema does not allow. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== null).map(withoutNulls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== null).map(([key, inner]) => [key, withoutNulls(inner)]));
  }
  return value;
}

/** Names of every template, for tests and tools. */
export const templateNames: readonly TemplateName[] = [
  'lesson',
  'reflection',
  'reflection-saved',
  'welcome-personal',
  'help',
  'progress',
  'notice',
  'welcome-team',
  'setup',
  'setup-summary',
  'shared-reply',
  'plan',
];
