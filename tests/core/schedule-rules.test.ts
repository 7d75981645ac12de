import assert from 'node:assert/strict';
import type { Enrollment } from '../../bot/core/enrollment.js';
import { lessonDate, nextOccurrenceAfter, reminderAt } from '../../bot/core/schedule-rules.js';

const base: Enrollment = {
  tenantId: 't',
  teamId: 'team',
  courseId: 'c',
  channelId: 'team',
  language: 'nb',
  startDate: '2026-03-11',
  mandatory: true,
  dueDate: '2026-06-05',
  lessonWeekday: 1,
  lessonTime: '09:00',
  intervalWeeks: 1,
  reflectionDaysAfter: 2,
  reflectionTime: '14:00',
  timeZone: 'Europe/Oslo',
  createdBy: 'u',
  updatedAt: new Date(0),
};

/** Every occurrence of a schedule between two instants, by walking nextOccurrenceAfter. */
function occurrences(kind: 'lesson' | 'reflection', enrollment: Enrollment, from: string, to: string): string[] {
  const found: string[] = [];
  for (let at = new Date(from); ; ) {
    at = nextOccurrenceAfter(kind, enrollment, at);
    if (at > new Date(to)) return found;
    found.push(at.toISOString());
  }
}

describe('schedule rules', function () {
  it('starts on the first chosen weekday on or after the start date', function () {
    assert.equal(lessonDate(base, 0), '2026-03-16');
    assert.equal(lessonDate({ ...base, startDate: '2026-03-16' }, 0), '2026-03-16');
    assert.equal(lessonDate({ ...base, intervalWeeks: 2 }, 2), '2026-04-13');
  });

  it('keeps Monday 09:00 across the spring change on 29 March 2026: no skip, no double', function () {
    assert.deepEqual(occurrences('lesson', base, '2026-03-15T00:00:00Z', '2026-04-01T00:00:00Z'), [
      '2026-03-16T08:00:00.000Z',
      '2026-03-23T08:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ]);
  });

  it('keeps Monday 09:00 across the autumn change on 25 October 2026', function () {
    assert.deepEqual(occurrences('lesson', { ...base, startDate: '2026-10-01' }, '2026-10-18T00:00:00Z', '2026-11-03T00:00:00Z'), [
      '2026-10-19T07:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
      '2026-11-02T08:00:00.000Z',
    ]);
  });

  it('runs every other week when asked', function () {
    assert.deepEqual(occurrences('lesson', { ...base, intervalWeeks: 2 }, '2026-03-15T00:00:00Z', '2026-04-20T00:00:00Z'), [
      '2026-03-16T08:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
      '2026-04-13T07:00:00.000Z',
    ]);
  });

  it('moves a lesson off Easter Monday to the next working day', function () {
    const easter = occurrences('lesson', base, '2026-04-05T00:00:00Z', '2026-04-08T00:00:00Z');
    assert.deepEqual(easter, ['2026-04-07T07:00:00.000Z']);
  });

  it('puts the reflection round two days after each lesson at 14:00', function () {
    assert.deepEqual(occurrences('reflection', base, '2026-03-15T00:00:00Z', '2026-03-26T00:00:00Z'), ['2026-03-18T13:00:00.000Z', '2026-03-25T13:00:00.000Z']);
  });

  it('sends the reminder a set number of days before the due date, moved off the weekend', function () {
    assert.equal(reminderAt(base, 3)?.toISOString(), '2026-06-02T08:00:00.000Z');
    assert.equal(reminderAt({ ...base, dueDate: '2026-06-08' }, 3)?.toISOString(), '2026-06-05T08:00:00.000Z');
    assert.equal(reminderAt({ ...base, dueDate: '2026-06-09' }, 3)?.toISOString(), '2026-06-08T08:00:00.000Z');
    assert.equal(reminderAt({ ...base, mandatory: false }, 3), undefined);
  });
});
