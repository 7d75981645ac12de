import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { placeholders } from '../helpers/icu.js';
import { IntlMessageFormat } from 'intl-messageformat';
import { repoRoot } from '../helpers/tab-browser.js';

const languages = ['nb', 'nn', 'en'] as const;
const load = (language: string): Record<string, string> => JSON.parse(readFileSync(join(repoRoot, 'bot', 'i18n', 'tab', `${language}.json`), 'utf8')) as Record<string, string>;


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

  // Every key the tab's source uses is checked in tests/i18n/used-keys.test.ts, with bot/ and cards/.

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
