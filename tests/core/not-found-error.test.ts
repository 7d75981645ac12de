import assert from 'node:assert/strict';
import { DomainError, NotFoundError, type NotFoundKind } from '../../bot/core/errors.js';

describe('NotFoundError', function () {
  it('keeps the codes the unknown course and unknown lesson errors had: unknownCourse for a course, unknownLesson for the rest', function () {
    const codes: Record<NotFoundKind, string> = {
      course: 'unknownCourse',
      lesson: 'unknownLesson',
      lessonCourse: 'unknownLesson',
      reflection: 'unknownLesson',
      round: 'unknownLesson',
      planItem: 'unknownLesson',
      dilemma: 'unknownLesson',
    };
    for (const [kind, code] of Object.entries(codes) as [NotFoundKind, string][]) {
      const error = new NotFoundError(kind, 'x-1');
      assert.ok(error instanceof DomainError, kind);
      assert.deepEqual([error.kind, error.id, error.code], [kind, 'x-1', code]);
    }
  });

  it('names the kind, the id and the course in its message', function () {
    assert.equal(new NotFoundError('lesson', 'l2', 'intro').message, 'Unknown lesson l2 in course intro');
    assert.equal(new NotFoundError('planItem', 'p1').message, 'Unknown planItem p1');
  });
});
