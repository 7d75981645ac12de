import { courseText } from '../core/course.js';
import { hoursOf } from '../core/tenant-settings.js';
import type { AdaptiveCard } from '../../cards/models.js';
import { setupCard, setupValues } from '../../cards/views/team-cards.js';
import { ForbiddenError } from '../core/errors.js';
import type { TeamRef } from '../core/team.js';
import { teamChannels } from './roster.js';
import type { Turn } from './turn.js';

/**
 * The setup card for the team, with the channels Teams reports now and the current setup filled in.
 * @remarks Refreshes the stored channel list on the way; refuses people who may not set the course up.
 */
export async function openSetup(turn: Turn, ref: TeamRef): Promise<AdaptiveCard> {
  const { enrollments, teams } = turn.services;
  if (!(await enrollments.maySetUp(ref, turn.person.userId))) throw new ForbiddenError('leaderOnly');
  const channels = await teamChannels(turn.context, ref.teamId);
  await teams.channelsChanged(ref, channels);
  const existing = await enrollments.find(ref);
  const courses = (await enrollments.offeredCourses(ref.tenantId)).map((course) => ({ id: course.id, title: courseText(course, turn.t.language).title }));
  return setupCard(
    { teamId: ref.teamId, channels, today: enrollments.today(existing?.timeZone), values: existing ? setupValues(existing) : {}, hours: hoursOf(await turn.services.tenantSettings.get(ref.tenantId)), courses },
    turn.t,
  );
}
