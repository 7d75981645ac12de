import assert from 'node:assert/strict';
import { fillJsonPlaceholders, listPlaceholders, MissingValueError, PlaceholderSyntaxError } from '../../scripts/app-package/placeholders.js';

describe('placeholders', () => {
  it('lists each ${{NAME}} once, in order of first use', () => {
    assert.deepEqual(listPlaceholders('"${{A}}/${{B_C}}" "${{A}}"'), ['A', 'B_C']);
  });

  it('fills values and keeps the text valid JSON when a value has quotes', () => {
    const text = fillJsonPlaceholders('{"name": "${{PUBLISHER_NAME}}"}', { PUBLISHER_NAME: 'Kommune "Nord"' }, 'manifest.json', 'env/.env.x');
    assert.deepEqual(JSON.parse(text), { name: 'Kommune "Nord"' });
  });

  it('refuses a placeholder without a value and names every such variable and the env file', () => {
    assert.throws(
      () => fillJsonPlaceholders('"${{BOT_ID}} ${{BOT_DOMAIN}} ${{TEAMS_APP_ID}}"', { BOT_ID: 'x', BOT_DOMAIN: '  ' }, 'appPackage/manifest.json', 'env/.env.prod'),
      (error: unknown) => {
        assert.ok(error instanceof MissingValueError);
        assert.deepEqual(error.variables, ['BOT_DOMAIN', 'TEAMS_APP_ID']);
        assert.match(error.message, /env\/\.env\.prod has no value for BOT_DOMAIN, TEAMS_APP_ID/);
        return true;
      },
    );
  });

  it('refuses placeholders that are not UPPER_SNAKE', () => {
    assert.throws(() => fillJsonPlaceholders('"${{botId}}"', { botId: 'x' }, 'manifest.json', 'env/.env.x'), PlaceholderSyntaxError);
  });
});
