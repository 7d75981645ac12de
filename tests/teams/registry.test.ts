import assert from 'node:assert/strict';
import { verbs } from '../../cards/verbs.js';
import { cardActions } from '../../bot/teams/actions/index.js';
import { commands, matchCommand } from '../../bot/teams/commands/index.js';

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

  it('registers each command once', function () {
    assert.equal(new Set(commands.map((command) => command.aliasKey)).size, commands.length);
  });
});
