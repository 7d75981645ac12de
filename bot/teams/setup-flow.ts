import { courseText } from '../core/course.js';
import { hoursOf } from '../core/tenant-settings.js';
import type { AdaptiveCard } from '../../cards/models.js';
import { setupCard, setupValues } from '../../cards/views/team-cards.js';
import { ForbiddenError } from '../core/errors.js';
import type { TeamRef } from '../core/team.js';
import { teamChannels } from './roster.js';
import type { Turn } from './turn.js';

/**
 * The setup card for the team, with the channels Teams reports now and the setup of the course filled in (the course
 * named on the card, else the team's latest); its course choice offers the organisation's courses and those the team runs,
 * so a leader adds a second course by choosing another one.
 * @remarks Refreshes the stored channel list on the way; refuses people who may not set the course up.
 */
export async function openSetup(turn: Turn, ref: TeamRef, courseId?: string): Promise<AdaptiveCard> {
  const { enrollments, teams } = turn.services;
  if (!(await enrollments.maySetUp(ref, turn.person.userId))) throw new ForbiddenError('leaderOnly');
  const channels = await teamChannels(turn.context, ref.teamId);
  await teams.channelsChanged(ref, channels);
  const running = await enrollments.list(ref);
  const existing = running.find((enrollment) => enrollment.courseId === courseId) ?? running.at(-1);
  const courses = await setupCourses(turn, ref);
  return setupCard(
    { teamId: ref.teamId, channels, today: enrollments.today(existing?.timeZone), values: existing ? setupValues(existing) : {}, hours: hoursOf(await turn.services.tenantSettings.get(ref.tenantId)), courses },
    turn.t,
  );
}

/** The courses a setup card offers: the organisation's courses, then any course the team runs that it no longer offers. */
export async function setupCourses(turn: Turn, ref: TeamRef): Promise<readonly { readonly id: string; readonly title: string }[]> {
  const tenantCourses = await turn.services.courses.forTenant(ref.tenantId);
  const running = (await turn.services.enrollments.list(ref)).map((enrollment) => tenantCourses.known(enrollment.courseId)).filter((course) => course !== undefined);
  const offered = tenantCourses.all();
  return [...offered, ...running.filter((course) => !offered.some((candidate) => candidate.id === course.id))].map((course) => ({ id: course.id, title: courseText(course, turn.t.language).title }));
}
