import type { AdaptiveCard } from '../../cards/models.js';
import { planCard } from '../../cards/views/plan-card.js';
import { NotSetUpError } from '../core/errors.js';
import type { TeamRef } from '../core/team.js';
import { hoursOf } from '../core/tenant-settings.js';
import type { Turn } from './turn.js';

/** The schedule card for the team's leaders: rules, next times, recent deliveries and controls. */
export async function openPlan(turn: Turn, ref: TeamRef): Promise<AdaptiveCard> {
  const { teams, enrollments, scheduler, schedulingOptions, tenantSettings } = turn.services;
  await teams.requireLeader(ref, turn.person.userId);
  const enrollment = await enrollments.find(ref);
  if (!enrollment) throw new NotSetUpError();
  const [states, recent, settings] = await Promise.all([scheduler.states(ref), scheduler.recentDeliveries(ref, 8), tenantSettings.get(ref.tenantId)]);
  return planCard({ enrollment, states, recent, reminderDays: schedulingOptions.reminderDays, hours: hoursOf(settings), minGroupSize: settings.minGroupSize }, turn.t);
}
