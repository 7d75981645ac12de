import { courseText } from '../../core/course.js';
import { hoursOf } from '../../core/tenant-settings.js';
import { setupCard, setupSummaryCard } from '../../../cards/views/team-cards.js';
import { verbs } from '../../../cards/verbs.js';
import { nextOccurrenceAfter } from '../../core/schedule-rules.js';
import { teamChannels } from '../roster.js';
import { cardInvokeResponse } from '../send.js';
import { openSetup, setupCourses } from '../setup-flow.js';
import { cardCourseId } from '../course-choice.js';
import type { CardAction } from './card-action.js';
import { requireCardTeam } from './channel-scope.js';

/** The setup card, for leaders (or anyone while the team has no leader). */
export const setupOpenAction: CardAction = {
  verb: verbs.setupOpen,
  async handle(turn, data) {
    return cardInvokeResponse(await openSetup(turn, requireCardTeam(turn, data), cardCourseId(data)));
  },
};

/** Saves the setup against the channels Teams reports now; problems come back on the card with the input kept. */
export const setupSaveAction: CardAction = {
  verb: verbs.setupSave,
  async handle(turn, data) {
    const ref = requireCardTeam(turn, data);
    const { enrollments, teams, clock, tenantSettings } = turn.services;
    const hours = hoursOf(await tenantSettings.get(ref.tenantId));
    const channels = await teamChannels(turn.context, ref.teamId);
    await teams.channelsChanged(ref, channels);
    const result = await enrollments.save(ref, turn.person.userId, data, channels.map((channel) => channel.channelId));
    if (!result.ok) {
      const values = Object.fromEntries(Object.entries(data).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
      const courses = await setupCourses(turn, ref);
      return cardInvokeResponse(setupCard({ teamId: ref.teamId, channels, today: enrollments.today(), values, problems: result.problems, hours, courses }, turn.t));
    }
    await turn.services.scheduler.plan(result.enrollment);
    const now = clock.now();
    const course = await turn.services.channelCourse.course(ref.tenantId, result.enrollment.courseId);
    const next = {
      lesson: nextOccurrenceAfter('lesson', result.enrollment, now, hours),
      reflection: nextOccurrenceAfter('reflection', result.enrollment, now, hours),
      hours,
      courseTitle: courseText(course, turn.t.language).title,
    };
    return cardInvokeResponse(setupSummaryCard(result.enrollment, channels, result.created, next, turn.t));
  },
};
