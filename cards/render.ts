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
 * @remarks Templates are read once and cached; the `$schema` hint is dropped from the result. Users' text is text:
 * Teams parses Markdown in TextBlock text and Fact title/value ("Text formatting in cards"), and backslash escapes are
 * not honoured alike by desktop, iOS and Android (microsoft/AdaptiveCards#5590, #4677), so every bound text in the
 * templates is a `TextRun` in a `RichTextBlock`, which the schema says is never Markdown. The exceptions are the
 * course's own Markdown in `lesson.json` (paragraphs, key fact, goals, sources) and a card's heading (`HeadingText`:
 * catalog or course text, kept a `style: "heading"` TextBlock for screen readers); tests/cards/plain-text.test.ts
 * enforces this.
 */
export function renderCard<T extends TemplateName>(name: T, data: CardTemplates[T]): AdaptiveCard {
  const { $schema: _schema, ...card } = template(name).expand({ $root: data }) as Record<string, unknown>;
  dropNullRefresh(card);
  return card as AdaptiveCard;
}

/**
 * The only nulls templates can leave: `refresh` when `$when` is false, and `refresh.userIds` for on-demand
 * refresh. The card schema allows neither, so they are removed.
 */
function dropNullRefresh(card: Record<string, unknown>): void {
  if (card.refresh === null) delete card.refresh;
  const refresh = card.refresh as Record<string, unknown> | undefined;
  if (refresh && refresh.userIds === null) delete refresh.userIds;
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
  'next-steps',
  'knowledge-check',
  'knowledge-result',
  'dilemma',
];
