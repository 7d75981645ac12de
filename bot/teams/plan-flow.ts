import type { AdaptiveCard } from '../../cards/models.js';
import { planCard } from '../../cards/views/plan-card.js';
import { verbs } from '../../cards/verbs.js';
import { forCourse } from './course-choice.js';
import type { TeamRef } from '../core/team.js';
import { hoursOf } from '../core/tenant-settings.js';
import type { Turn } from './turn.js';

/**
 * The schedule card of one course for the team's leaders: rules, next times, recent deliveries and controls; a team with
 * several courses and none named gets a card asking which.
 */
export async function openPlan(turn: Turn, ref: TeamRef, courseId?: string): Promise<AdaptiveCard> {
  await turn.services.teams.requireLeader(ref, turn.person.userId);
  return forCourse(turn, ref, verbs.planOpen, courseId, (chosen) => planFor(turn, ref, chosen));
}

async function planFor(turn: Turn, ref: TeamRef, courseId: string | undefined): Promise<AdaptiveCard> {
  const { enrollments, scheduler, schedulingOptions, tenantSettings } = turn.services;
  const enrollment = await enrollments.resolve(ref, courseId);
  const course = { ...ref, courseId: enrollment.courseId };
  const [states, recent, settings] = await Promise.all([scheduler.states(course), scheduler.recentDeliveries(course, 8), tenantSettings.get(ref.tenantId)]);
  return planCard({ enrollment, states, recent, reminderDays: schedulingOptions.reminderDays, hours: hoursOf(settings), minGroupSize: settings.minGroupSize }, turn.t);
}
