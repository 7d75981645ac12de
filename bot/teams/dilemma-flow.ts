import type { AdaptiveCard } from '../../cards/models.js';
import { noticeCard } from '../../cards/views/personal-cards.js';
import { channelArgs, leaderButtons } from '../../cards/views/team-cards.js';
import type { TeamRef } from '../core/team.js';
import type { Turn } from './turn.js';

/** Queues the course's next dilemma for the channel (a command or a leader's button) and answers with a "sending…" card. */
export async function startDilemma(turn: Turn, ref: TeamRef): Promise<AdaptiveCard> {
  const { dilemmas, sendNow } = turn.services;
  const result = await dilemmas.schedule(ref, turn.person.userId, {});
  const executes = leaderButtons(ref.teamId, turn.t);
  if (!result.ok || !result.dilemma) {
    const { dilemmas: all } = await dilemmas.catalog(ref);
    return noticeCard({ title: turn.t(all.length === 0 ? 'dilemma.noneInCourse' : 'dilemma.allPosted'), text: '', executes });
  }
  const channel = await sendNow.courseChannel(ref, result.enrollment);
  return noticeCard({ title: turn.t('sending.dilemma', { title: result.dilemma.title, ...channelArgs(channel, turn.t) }), text: turn.t('sending.hint'), color: 'Good', executes });
}
