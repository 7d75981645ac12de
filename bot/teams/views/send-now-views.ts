import type { AdaptiveCard } from '../../../cards/models.js';
import { noticeCard } from '../../../cards/views/personal-cards.js';
import { channelArgs, leaderButtons } from '../../../cards/views/team-cards.js';
import type { DilemmaService } from '../../core/dilemma-service.js';
import type { CourseChannel, LessonNow, RoundNow } from '../../core/send-now-service.js';
import type { TeamRef } from '../../core/team.js';
import type { Turn } from '../turn.js';

/** The leader's answer to "post the next lesson now": the "sending…" card, or "every lesson is posted". */
export function lessonSendingView(turn: Turn, ref: TeamRef, courseId: string | undefined, queued: LessonNow | undefined): AdaptiveCard {
  const title = queued ? turn.t('sending.lesson', { number: queued.index + 1, total: queued.total, title: queued.lesson.title, ...channelArgs(queued.channel, turn.t) }) : turn.t('posted.allDone');
  const text = queued ? (queued.earlierTryGaveUp ? `${turn.t('sending.earlierTryGaveUp')} ` : '') + turn.t('sending.hint') : '';
  return noticeCard({ title, text, color: queued ? 'Good' : 'Default', executes: leaderButtons(ref.teamId, turn.t, queued?.enrollment.courseId ?? courseId) });
}

/** The leader's answer to "start the reflection round now": sending, already started, or no lesson posted yet. */
export function roundSendingView(turn: Turn, ref: TeamRef, courseId: string | undefined, round: RoundNow): AdaptiveCard {
  const title =
    round.status === 'noLesson'
      ? turn.t('posted.noLesson')
      : turn.t(round.status === 'queued' ? 'sending.round' : 'sending.roundStarted', { title: round.lessonTitle, ...channelArgs(round.channel, turn.t) });
  const color = round.status === 'queued' ? 'Good' : round.status === 'alreadyStarted' ? 'Default' : 'Attention';
  return noticeCard({ title, text: round.status === 'queued' ? turn.t('sending.hint') : '', color, executes: leaderButtons(ref.teamId, turn.t, round.status === 'noLesson' ? courseId : round.courseId) });
}

/** The leader's answer to "start a next-steps round now": the "sending…" card. */
export function nextStepsSendingView(turn: Turn, ref: TeamRef, queued: { readonly channel: CourseChannel; readonly courseId: string }): AdaptiveCard {
  return noticeCard({ title: turn.t('sending.nextSteps', channelArgs(queued.channel, turn.t)), text: turn.t('sending.hint'), color: 'Good', executes: leaderButtons(ref.teamId, turn.t, queued.courseId) });
}

/** The leader's answer to "post the next dilemma now": the "sending…" card, or why there is nothing to post. */
export async function dilemmaSendingView(turn: Turn, ref: TeamRef, result: Awaited<ReturnType<DilemmaService['schedule']>>): Promise<AdaptiveCard> {
  const { dilemmas, sendNow } = turn.services;
  const executes = leaderButtons(ref.teamId, turn.t);
  if (!result.ok || !result.dilemma) {
    const { dilemmas: all } = await dilemmas.catalog(ref);
    return noticeCard({ title: turn.t(all.length === 0 ? 'dilemma.noneInCourse' : 'dilemma.allPosted'), text: '', executes });
  }
  const channel = await sendNow.courseChannel(ref, result.enrollment);
  return noticeCard({ title: turn.t('sending.dilemma', { title: result.dilemma.title, ...channelArgs(channel, turn.t) }), text: turn.t('sending.hint'), color: 'Good', executes });
}
