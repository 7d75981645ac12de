import type { AdaptiveCard } from '../../../cards/models.js';
import { setupCard, setupSummaryCard, setupValues } from '../../../cards/views/team-cards.js';
import type { AllowedHours } from '../../core/calendar.js';
import { courseText } from '../../core/course.js';
import type { SetupResult } from '../../core/enrollment-service.js';
import { nextOccurrenceAfter } from '../../core/schedule-rules.js';
import type { TeamChannel, TeamRef } from '../../core/team.js';
import { hoursOf } from '../../core/tenant-settings.js';
import type { Turn } from '../turn.js';

/**
 * The setup card for the team, with the given channels and the setup of the course filled in (the course named on the
 * card, else the team's latest); its course choice offers the organisation's courses and those the team runs, so a leader
 * adds a second course by choosing another one.
 */
export async function setupView(turn: Turn, ref: TeamRef, channels: readonly TeamChannel[], courseId?: string): Promise<AdaptiveCard> {
  const { enrollments } = turn.services;
  const running = await enrollments.list(ref);
  const existing = running.find((enrollment) => enrollment.courseId === courseId) ?? running.at(-1);
  const courses = await setupCourses(turn, ref);
  return setupCard(
    { teamId: ref.teamId, channels, today: enrollments.today(existing?.timeZone), values: existing ? setupValues(existing) : {}, hours: hoursOf(await turn.services.tenantSettings.get(ref.tenantId)), courses },
    turn.t,
  );
}

/** The setup card again after a refused save: the person's input kept, with the problems shown. */
export async function setupProblemsView(
  turn: Turn,
  ref: TeamRef,
  channels: readonly TeamChannel[],
  input: Readonly<Record<string, unknown>>,
  refused: Extract<SetupResult, { ok: false }>,
  hours: AllowedHours,
): Promise<AdaptiveCard> {
  const values = Object.fromEntries(Object.entries(input).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const courses = await setupCourses(turn, ref);
  return setupCard({ teamId: ref.teamId, channels, today: turn.services.enrollments.today(), values, problems: refused.problems, hours, courses }, turn.t);
}

/** The summary after a saved setup: the course, its channel and when the next lesson and reflection round go out. */
export async function setupSavedView(turn: Turn, ref: TeamRef, channels: readonly TeamChannel[], saved: Extract<SetupResult, { ok: true }>, hours: AllowedHours): Promise<AdaptiveCard> {
  const now = turn.services.clock.now();
  const course = await turn.services.channelCourse.course(ref.tenantId, saved.enrollment.courseId);
  const next = {
    lesson: nextOccurrenceAfter('lesson', saved.enrollment, now, hours),
    reflection: nextOccurrenceAfter('reflection', saved.enrollment, now, hours),
    hours,
    courseTitle: courseText(course, turn.t.language).title,
  };
  return setupSummaryCard(saved.enrollment, channels, saved.created, next, turn.t);
}

/** The courses a setup card offers: the organisation's courses, then any course the team runs that it no longer offers. */
export async function setupCourses(turn: Turn, ref: TeamRef): Promise<readonly { readonly id: string; readonly title: string }[]> {
  const tenantCourses = await turn.services.courses.forTenant(ref.tenantId);
  const running = (await turn.services.enrollments.list(ref)).map((enrollment) => tenantCourses.known(enrollment.courseId)).filter((course) => course !== undefined);
  const offered = tenantCourses.all();
  return [...offered, ...running.filter((course) => !offered.some((candidate) => candidate.id === course.id))].map((course) => ({ id: course.id, title: courseText(course, turn.t.language).title }));
}
