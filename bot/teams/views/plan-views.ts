import type { AdaptiveCard } from '../../../cards/models.js';
import { planCard } from '../../../cards/views/plan-card.js';
import type { TeamRef } from '../../core/team.js';
import { hoursOf } from '../../core/tenant-settings.js';
import type { Turn } from '../turn.js';

/** The schedule card of one course for the team's leaders: rules, next times, recent deliveries and controls. */
export async function planView(turn: Turn, ref: TeamRef, courseId: string | undefined): Promise<AdaptiveCard> {
  const { enrollments, scheduler, schedulingOptions, tenantSettings } = turn.services;
  const enrollment = await enrollments.resolve(ref, courseId);
  const course = { ...ref, courseId: enrollment.courseId };
  const [states, recent, settings] = await Promise.all([scheduler.states(course), scheduler.recentDeliveries(course, 8), tenantSettings.get(ref.tenantId)]);
  return planCard({ enrollment, states, recent, reminderDays: schedulingOptions.reminderDays, hours: hoursOf(settings), minGroupSize: settings.minGroupSize }, turn.t);
}
