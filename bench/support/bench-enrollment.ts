import type { Enrollment } from '../../bot/core/enrollment.js';
import type { TeamRef } from '../../bot/core/team.js';

/** A setup whose own lessons and rounds lie years ahead, so only the schedules the bench plans fire. */
export function benchEnrollment(team: TeamRef, courseId: string, channelId: string, dueDate: string | undefined): Enrollment {
  return {
    ...team,
    courseId,
    channelId,
    language: 'nb',
    startDate: '2031-01-06',
    mandatory: dueDate !== undefined,
    dueDate,
    lessonWeekday: 1,
    lessonTime: '09:00',
    intervalWeeks: 1,
    reflectionDaysAfter: 2,
    reflectionTime: '14:00',
    timeZone: 'Europe/Oslo',
    createdBy: 'bench-leader',
    updatedAt: new Date(),
  };
}
