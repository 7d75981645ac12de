import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { placeholders } from '../helpers/icu.js';
import { IntlMessageFormat } from 'intl-messageformat';
import { repoRoot } from '../helpers/tab-browser.js';

const languages = ['nb', 'nn', 'en'] as const;
const load = (language: string): Record<string, string> => JSON.parse(readFileSync(join(repoRoot, 'bot', 'i18n', 'tab', `${language}.json`), 'utf8')) as Record<string, string>;


/** Every message key the tab's source names, with `${…}` parts expanded to the values the code passes. */
function keysUsedBySource(): string[] {
  const dir = join(repoRoot, 'tab', 'src');
  const source = readdirSync(dir)
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('\n');
  const expansions: Record<string, readonly string[]> = {
    'delivery.kind': ['lesson', 'reflection', 'reminder'],
    'delivery.status': ['queued', 'sent', 'failed', 'missed', 'skipped'],
    'reflection.visibility': ['private', 'named', 'anonymous'],
    kind: ['lesson', 'reflection', 'reminder'],
    'schedule.kind': ['lesson', 'reflection'],
    language: ['nb', 'nn', 'en'],
    name: ['default', 'dark', 'contrast'],
    status: ['planned', 'inProgress', 'done'],
    format: ['md', 'csv'],
  };
  const keys = new Set<string>();
  for (const match of source.matchAll(/['`](tab\.[A-Za-z0-9_.]+(?:\$\{[^}]+\}[A-Za-z0-9_.]*)?)['`]/g)) {
    const key = match[1]!;
    const dynamic = /\$\{([^}]+)\}/.exec(key);
    if (!dynamic) keys.add(key);
    else for (const value of expansions[dynamic[1]!] ?? []) keys.add(key.replace(dynamic[0], value));
  }
  return [...keys].sort();
}

describe('tab messages', function () {
  const nb = load('nb');

  for (const language of languages) {
    it(`${language}: every key starts with tab., matches nb’s keys and placeholders, and parses as ICU`, function () {
      const messages = load(language);
      assert.deepEqual(Object.keys(messages).sort(), Object.keys(nb).sort());
      for (const [key, message] of Object.entries(messages)) {
        assert.match(key, /^tab\./);
        assert.deepEqual(placeholders(message), placeholders(nb[key]!), `${language} ${key}`);
        assert.doesNotThrow(() => new IntlMessageFormat(message, language), `${language} ${key}`);
      }
    });
  }

  it('has a message for every key the tab’s source uses (including the expanded kinds and states)', function () {
    const missing = keysUsedBySource().filter((key) => !(key in nb));
    assert.deepEqual(missing, []);
  });

  it('writes Nynorsk as Nynorsk, not as copied Bokmål', function () {
    const nn = load('nn');
    const prose = Object.keys(nb).filter((key) => nb[key]!.split(' ').length > 3);
    const same = prose.filter((key) => nn[key] === nb[key]);
    assert.ok(same.length <= prose.length * 0.15, `identical in nb and nn: ${same.join(', ')}`);
    assert.doesNotMatch(Object.values(nn).join(' '), /\b(ikke|hva|hvordan|jeg|dere|noen|hvilke|egen|leder|ansatte)\b/i);
  });

  it('explains named progress as a control measure under the Working Environment Act chapter 9', function () {
    for (const language of languages) {
      const text = Object.entries(load(language))
        .filter(([key]) => key.startsWith('tab.named.'))
        .map(([, message]) => message)
        .join(' ');
      assert.match(text, /kapittel 9|chapter 9/);
      assert.match(text, /tillitsvalgte|tillitsvalde/);
      assert.match(text, /DPIA/);
    }
  });
});
