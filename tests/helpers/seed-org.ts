import { lessonIds } from '../../bot/core/course.js';
import type { Enrollment } from '../../bot/core/enrollment.js';
import type { TeamRef } from '../../bot/core/team.js';
import type { RunningApp } from './app-harness.js';

/** A team to seed straight into the repositories: its size and how far its members have come. */
export type OrgTeamSpec = {
  readonly tenantId: string;
  readonly teamId: string;
  readonly name: string;
  readonly members: number;
  /** Members (from the first) who have read every lesson, in `completedMonth`. */
  readonly completed: number;
  /** Members after those who have read the first lesson only. */
  readonly started: number;
  /** `YYYY-MM` in which the completers read their last lesson (default 2026-02). */
  readonly completedMonth?: string;
  readonly dueDate?: string;
};

/** What was seeded: the team, its leader (the first member) and every member's user id. */
export type SeededOrgTeam = { readonly ref: TeamRef; readonly leaderId: string; readonly memberIds: readonly string[] };

/**
 * Seeds a team as the organisation report sees it, through the app's own repositories: the team (active), its
 * roster, its leader, an enrollment in the default course, and lesson progress.
 */
export async function seedOrgTeam(running: RunningApp, spec: OrgTeamSpec): Promise<SeededOrgTeam> {
  const { repositories, courses } = running.app;
  const ref: TeamRef = { tenantId: spec.tenantId, teamId: spec.teamId };
  const at = new Date('2026-01-05T08:00:00.000Z');
  await repositories.teams.upsert({ ...ref, name: spec.name, serviceUrl: 'http://127.0.0.1:9/', aadGroupId: undefined }, at);
  const slug = spec.teamId.replace(/[^a-z0-9]/gi, '').slice(-12);
  const memberIds = Array.from({ length: spec.members }, (_, i) => `${slug}-user-${String(i).padStart(3, '0')}`);
  await repositories.teams.upsertMembers(ref, memberIds.map((userId, i) => ({ userId, teamsUserId: `29:${userId}`, name: `${spec.name} person ${i + 1}` })), at);
  await repositories.leaders.add(ref, memberIds[0]!, 'leader', at);
  const course = courses.defaultCourse();
  const enrollment: Enrollment = {
    ...ref,
    courseId: course.id,
    channelId: spec.teamId,
    language: 'nb',
    startDate: '2026-01-05',
    mandatory: true,
    dueDate: spec.dueDate ?? '2026-05-08',
    lessonWeekday: 1,
    lessonTime: '09:00',
    intervalWeeks: 1,
    reflectionDaysAfter: 2,
    reflectionTime: '14:00',
    timeZone: 'Europe/Oslo',
    createdBy: memberIds[0]!,
    updatedAt: at,
  };
  await repositories.enrollments.save(enrollment);
  const lessons = lessonIds(course);
  const last = new Date(`${spec.completedMonth ?? '2026-02'}-10T10:00:00.000Z`);
  for (const [index, userId] of memberIds.entries()) {
    const person = { tenantId: spec.tenantId, userId };
    if (index < spec.completed) {
      for (const [n, lessonId] of lessons.entries()) await repositories.progress.markRead(person, course.id, lessonId, new Date(last.getTime() - (lessons.length - 1 - n) * 3_600_000));
    } else if (index < spec.completed + spec.started) {
      await repositories.progress.markRead(person, course.id, lessons[0]!, new Date('2026-01-12T10:00:00.000Z'));
    }
  }
  return { ref, leaderId: memberIds[0]!, memberIds };
}
