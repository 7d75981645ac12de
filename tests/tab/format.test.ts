import assert from 'node:assert/strict';
import { formatters } from '../../tab/src/format.js';

describe('tab formatters', function () {
  const winter = '2026-03-09T08:00:00Z';

  it('writes a Norwegian date and time with "kl." and a full stop in the clock, in Europe/Oslo', function () {
    for (const language of ['nb', 'nn'] as const) {
      const text = formatters(language).dateTime(winter);
      assert.match(text, /^9\. mars 2026 kl\. 09\.00$/, `${language}: ${text}`);
    }
  });

  it('keeps the English clock with a colon', function () {
    assert.match(formatters('en').dateTime(winter), /09:00/);
  });
});
