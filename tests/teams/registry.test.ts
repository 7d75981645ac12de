import assert from 'node:assert/strict';
import { verbs } from '../../cards/verbs.js';
import { cardActions } from '../../bot/teams/actions/index.js';
import { commands, matchCommand } from '../../bot/teams/commands/index.js';
import { commandWord } from '../../bot/i18n/translator.js';

describe('card action registry', function () {
  it('has exactly one handler for every verb, and no handler without a verb', function () {
    const handled = cardActions.map((action) => action.verb).sort();
    assert.deepEqual(handled, Object.values(verbs).sort());
  });
});

describe('command matching', function () {
  it('finds each command by any language’s word, ignoring case, spaces and trailing punctuation', function () {
    const name = (text: string) => matchCommand(text)?.command.aliasKey;
    assert.equal(name('Hjelp'), 'command.help');
    assert.equal(name('  HELP!  '), 'command.help');
    assert.equal(name('neste'), 'command.next');
    assert.equal(name('Next.'), 'command.next');
    assert.equal(name('fremdrift'), 'command.progress');
    assert.equal(name('framdrift'), 'command.progress');
    assert.equal(name('progress'), 'command.progress');
    assert.equal(name('start'), 'command.start');
  });

  it('reads the argument of commands that take one', function () {
    assert.deepEqual({ ...matchCommand('Språk  nn.'), command: undefined }, { command: undefined, argument: 'nn' });
    assert.equal(matchCommand('language en')?.argument, 'en');
  });

  it('does not match a command inside other words or with an argument it does not take', function () {
    assert.equal(matchCommand('nesten ferdig'), undefined);
    assert.equal(matchCommand('neste uke'), undefined);
    assert.equal(matchCommand('hva er bærekraft'), undefined);
  });

  it('finds the course-coordinator commands by their new words and by the old leader words', function () {
    const name = (text: string) => matchCommand(text)?.command.aliasKey;
    for (const text of ['kursansvarlig legg til @Kari', 'kursansvarleg legg til @Kari', 'coordinator add @Kari', 'leder legg til @Kari', 'leiar legg til @Kari', 'leader add @Kari']) {
      assert.equal(name(text), 'command.leaderAdd', text);
    }
    for (const text of ['Kursansvarlig fjern @Kari', 'kursansvarleg fjern @Kari', 'coordinator remove @Kari', 'leder fjern @Kari', 'leader remove @Kari']) {
      assert.equal(name(text), 'command.leaderRemove', text);
    }
    assert.equal(matchCommand('coordinator add @Kari Nordmann')?.argument, '@Kari Nordmann');
    assert.equal(commandWord('nb', 'command.leaderAdd'), 'kursansvarlig legg til');
    assert.equal(commandWord('nn', 'command.leaderAdd'), 'kursansvarleg legg til');
    assert.equal(commandWord('en', 'command.leaderAdd'), 'coordinator add');
  });

  it('registers each command once', function () {
    assert.equal(new Set(commands.map((command) => command.aliasKey)).size, commands.length);
  });
});
