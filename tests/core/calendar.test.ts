import assert from 'node:assert/strict';
import { atLocal, easterSunday, isWorkingDay, nextAllowedSlot, norwegianHolidays } from '../../bot/core/calendar.js';

const oslo = 'Europe/Oslo';
const iso = (date: { toISO(): string | null }) => date.toISO();

describe('calendar', function () {
  it('computes Easter Sunday', function () {
    assert.deepEqual(easterSunday(2024), { month: 3, day: 31 });
    assert.deepEqual(easterSunday(2025), { month: 4, day: 20 });
    assert.deepEqual(easterSunday(2026), { month: 4, day: 5 });
    assert.deepEqual(easterSunday(2027), { month: 3, day: 28 });
    assert.deepEqual(easterSunday(2038), { month: 4, day: 25 });
  });

  it('lists Norway’s public holidays, the movable ones computed from Easter', function () {
    assert.deepEqual([...norwegianHolidays(2026)].sort(), [
      '2026-01-01',
      '2026-04-02',
      '2026-04-03',
      '2026-04-05',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-17',
      '2026-05-24',
      '2026-05-25',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('tells working days from weekends and holidays', function () {
    assert.equal(isWorkingDay('2026-03-02'), true);
    assert.equal(isWorkingDay('2026-03-07'), false);
    assert.equal(isWorkingDay('2026-04-06'), false);
    assert.equal(isWorkingDay('2026-05-14'), false);
  });

  describe('nextAllowedSlot', function () {
    it('keeps a time inside working hours on a working day', function () {
      assert.equal(iso(nextAllowedSlot({ date: '2026-03-02', time: '09:00' }, oslo)), '2026-03-02T09:00:00.000+01:00');
    });

    it('moves an early time to the start of the working day', function () {
      assert.equal(iso(nextAllowedSlot({ date: '2026-03-02', time: '06:30' }, oslo)), '2026-03-02T08:00:00.000+01:00');
    });

    it('moves an evening time to the next working morning', function () {
      assert.equal(iso(nextAllowedSlot({ date: '2026-03-06', time: '19:00' }, oslo)), '2026-03-09T08:00:00.000+01:00');
    });

    it('moves a weekend delivery to Monday at the same time', function () {
      assert.equal(iso(nextAllowedSlot({ date: '2026-03-07', time: '10:00' }, oslo)), '2026-03-09T10:00:00.000+01:00');
    });

    it('moves past Easter and Ascension Day, computed rather than listed', function () {
      assert.equal(iso(nextAllowedSlot({ date: '2026-04-02', time: '09:00' }, oslo)), '2026-04-07T09:00:00.000+02:00');
      assert.equal(iso(nextAllowedSlot({ date: '2026-05-14', time: '09:00' }, oslo)), '2026-05-15T09:00:00.000+02:00');
    });

    it('honours other allowed hours', function () {
      assert.equal(iso(nextAllowedSlot({ date: '2026-03-02', time: '07:15' }, oslo, { start: '07:00', end: '15:00' })), '2026-03-02T07:15:00.000+01:00');
    });
  });

  describe('atLocal around daylight-saving changes', function () {
    it('moves a wall-clock time skipped on 29 March 2026 forward, once', function () {
      assert.equal(atLocal('2026-03-29', '02:30', oslo).toUTC().toISO(), '2026-03-29T01:30:00.000Z');
    });

    it('gives a time that happens twice on 25 October 2026 one instant', function () {
      assert.equal(atLocal('2026-10-25', '02:30', oslo).toUTC().toISO(), '2026-10-25T01:30:00.000Z');
    });
  });
});
