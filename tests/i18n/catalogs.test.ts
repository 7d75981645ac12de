import assert from 'node:assert/strict';
import { placeholders } from '../helpers/icu.js';
import { catalogs } from '../../bot/i18n/catalogs/index.js';
import { nb } from '../../bot/i18n/catalogs/nb.js';
import { languageForLocale, resolveLanguage } from '../../bot/i18n/resolve-language.js';
import { allCommandAliases, translator } from '../../bot/i18n/translator.js';


describe('message catalogs', function () {
  const keys = Object.keys(nb).sort();

  for (const [language, catalog] of Object.entries(catalogs)) {
    it(`${language} has exactly the keys of nb, with the same placeholders`, function () {
      assert.deepEqual(Object.keys(catalog).sort(), keys);
      for (const key of keys) {
        assert.deepEqual(placeholders(catalog[key as keyof typeof nb]), placeholders(nb[key as keyof typeof nb]), `${language} ${key}`);
      }
    });
  }

  it('writes Nynorsk as Nynorsk, not as copied Bokmål', function () {
    const prose = keys.filter((key) => !key.startsWith('command.') && nb[key as keyof typeof nb].split(' ').length > 3);
    const same = prose.filter((key) => catalogs.nn![key as keyof typeof nb] === nb[key as keyof typeof nb]);
    // Some short sentences are the same in both written standards; most are not.
    assert.ok(same.length <= prose.length * 0.15, `identical in nb and nn: ${same.join(', ')}`);
    assert.doesNotMatch(Object.values(catalogs.nn!).join(' '), /\b(ikke|hva|hvordan|jeg|dere|noen)\b/i);
  });

  it('formats plurals per language', function () {
    assert.match(translator('nb')('progress.summary', { read: 1, total: 8, reflections: 1 }), /1 refleksjon\./);
    assert.match(translator('nn')('progress.summary', { read: 1, total: 8, reflections: 2 }), /2 refleksjonar\./);
    assert.match(translator('en')('progress.summary', { read: 1, total: 8, reflections: 0 }), /no reflections/);
  });

  it('accepts command words from every language', function () {
    assert.deepEqual([...allCommandAliases('command.progress')].sort(), ['framdrift', 'fremdrift', 'progress']);
  });
});

describe('language resolution', function () {
  it('maps Teams locales to catalogs', function () {
    assert.equal(languageForLocale('nb-NO'), 'nb');
    assert.equal(languageForLocale('no'), 'nb');
    assert.equal(languageForLocale('nn-NO'), 'nn');
    assert.equal(languageForLocale('en-US'), 'en');
    assert.equal(languageForLocale('en-GB'), 'en');
    assert.equal(languageForLocale('sv-SE'), 'nb');
    assert.equal(languageForLocale(undefined), 'nb');
  });

  it('prefers the stored choice over the locale', function () {
    assert.equal(resolveLanguage('nn', 'en-US'), 'nn');
    assert.equal(resolveLanguage(undefined, 'en-US'), 'en');
    assert.equal(resolveLanguage('xx', 'en-US'), 'en');
  });
});
