import type { AdaptiveCard } from '../../cards/models.js';
import { nextStepsCard } from '../../cards/views/next-steps-card.js';
import { noticeCard } from '../../cards/views/personal-cards.js';
import { leaderButtons } from '../../cards/views/team-cards.js';
import type { TeamRef } from '../core/team.js';
import { translator } from '../i18n/translator.js';
import type { BotServices } from './services.js';
import type { Turn } from './turn.js';

/** Posts a next-steps round as a new thread in the team's course channel (leaders only); returns the round id. */
export async function postNextStepsRound(services: BotServices, ref: TeamRef, leaderId: string): Promise<string> {
  const { roundId, team, enrollment, questions } = await services.nextSteps.prepareRound(ref, leaderId);
  const refreshUserIds = await services.channelCourse.refreshUserIds(ref);
  const card = nextStepsCard({ teamName: team.name, roundId, questions, channel: { teamId: ref.teamId, refreshUserIds } }, translator(enrollment.language));
  const { threadId, activityId } = await services.connector.postToChannel(team, enrollment.channelId, card);
  await services.nextSteps.recordRound(ref, roundId, threadId, activityId);
  return roundId;
}

/** Starts a round from a command or a leader's button, and answers with a confirmation for the leader. */
export async function startNextSteps(turn: Turn, ref: TeamRef): Promise<AdaptiveCard> {
  await postNextStepsRound(turn.services, ref, turn.person.userId);
  return noticeCard({ title: turn.t('nextSteps.posted'), text: '', color: 'Good', executes: leaderButtons(ref.teamId, turn.t) });
}
