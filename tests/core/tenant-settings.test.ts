import assert from 'node:assert/strict';
import { nextAllowedSlot } from '../../bot/core/calendar.js';
import { checkSettingsChange, effectiveSettings, type SettingsDefaults } from '../../bot/core/tenant-settings.js';

const defaults: SettingsDefaults = {
  namedProgress: false,
  minGroupSize: 5,
  minGroupSizeFloor: 5,
  retentionDays: 365,
  allowedHours: { start: '08:00', end: '17:00' },
  weekdays: [1, 2, 3, 4, 5],
  defaultLanguage: 'nb',
  remindersEnabled: true,
  courseIds: 'all',
};
const context = { floor: 5, courseIds: ['intro', 'innkjop'], today: '2026-03-02' };

describe('effectiveSettings', () => {
  it('takes the stored values over the defaults', () => {
    const settings = effectiveSettings(defaults, { retentionDays: 400, defaultLanguage: 'nn' });
    assert.deepEqual([settings.retentionDays, settings.defaultLanguage, settings.minGroupSize], [400, 'nn', 5]);
  });

  it('never gives a minimum group size below the deployment’s floor, even from an old stored value', () => {
    assert.equal(effectiveSettings({ ...defaults, minGroupSizeFloor: 8, minGroupSize: 8 }, { minGroupSize: 6 }).minGroupSize, 8);
  });
});

describe('checkSettingsChange', () => {
  const current = effectiveSettings(defaults, undefined);

  it('accepts a valid change and normalises weekdays and courses', () => {
    const result = checkSettingsChange(current, { weekdays: [5, 1, 1], courseIds: ['innkjop', 'innkjop'], allowedHours: { start: '07:30', end: '15:00' } }, undefined, context);
    assert.deepEqual(result, { ok: true, changes: { weekdays: [1, 5], courseIds: ['innkjop'], allowedHours: { start: '07:30', end: '15:00' } } });
  });

  it('names every bad field', () => {
    const result = checkSettingsChange(
      current,
      { minGroupSize: 4, retentionDays: 10, allowedHours: { start: '17:00', end: '08:00' }, weekdays: [], defaultLanguage: 'se', remindersEnabled: 'yes', courseIds: ['nope'], other: 1 },
      undefined,
      context,
    );
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.problems.map((problem) => `${problem.field}:${problem.problem}`), [
      'other:invalid',
      'minGroupSize:belowFloor',
      'retentionDays:invalid',
      'allowedHours:invalid',
      'weekdays:invalid',
      'defaultLanguage:invalid',
      'remindersEnabled:invalid',
      'courseIds:unknownCourse',
    ]);
  });

  it('asks for the decision and the discussion date only when named progress is being turned on', () => {
    const refused = checkSettingsChange(current, { namedProgress: true }, { reference: 'x' }, context);
    assert.deepEqual(!refused.ok && refused.problems, [{ field: 'discussedOn', problem: 'decisionRequired' }]);
    const on = effectiveSettings(defaults, { namedProgress: true });
    assert.equal(checkSettingsChange(on, { namedProgress: true, minGroupSize: 6 }, undefined, context).ok, true);
    assert.equal(checkSettingsChange(on, { namedProgress: false }, undefined, context).ok, true);
  });
});

describe('nextAllowedSlot with the organisation’s weekdays', () => {
  it('moves a Monday slot to the next allowed weekday, skipping public holidays', () => {
    // Monday 9 March 2026 at 09:00, Oslo; allowed only Tuesdays and Thursdays.
    assert.equal(nextAllowedSlot({ date: '2026-03-09', time: '09:00' }, 'Europe/Oslo', { start: '08:00', end: '17:00', weekdays: [2, 4] }).toISODate(), '2026-03-10');
    // Thursday 14 May 2026 is Ascension Day: the next Tuesday/Thursday is 19 May.
    assert.equal(nextAllowedSlot({ date: '2026-05-13', time: '09:00' }, 'Europe/Oslo', { start: '08:00', end: '17:00', weekdays: [2, 4] }).toISODate(), '2026-05-19');
  });
});
