import type { ReadStats } from '../../bot/core/channel-course-service.js';
import { headCount, headCountText } from '../../bot/core/disclosure-control.js';
import type { Translator } from '../../bot/i18n/translator.js';
import type { RefreshData } from '../models.js';

/** Where a card is shown in a team channel, with what per-viewer refresh needs. */
export type ChannelCardContext = {
  readonly teamId: string;
  /** Teams user ids for automatic refresh, or undefined for a team too large for it. */
  readonly refreshUserIds: readonly string[] | undefined;
};

/** No refresh: cards in personal chat. */
export const noRefresh = (verb: string): RefreshData => ({ hasRefresh: false, refreshVerb: verb, refreshUserIds: null });

/** Refresh data for a card in a channel, or none in personal chat. */
export function refreshFor(channel: ChannelCardContext | undefined, verb: string): RefreshData {
  if (!channel) return noRefresh(verb);
  return { hasRefresh: true, refreshVerb: verb, refreshUserIds: channel.refreshUserIds ? [...channel.refreshUserIds] : null };
}

/**
 * "12 of 25 have read it", or why no number is shown for a small team.
 * @remarks The count follows the leader's headline and dashboard rule ({@link headCount}): where the readers or the
 * rest of the team would be 1 … k−1, it is a band ("16–19 of 20 have read it"), so the card in the channel never gives
 * the exact figure the dashboard hides.
 */
export function readCountText(stats: ReadStats, t: Translator): string {
  if (!stats.visible) return t('lesson.countHidden', { min: stats.minGroupSize });
  return t('lesson.readCount', { read: headCountText(headCount(stats.read, stats.members, stats.minGroupSize)), total: stats.members });
}

/**
 * The hints under an answer form: saved answers are in the fields (clearing deletes), or empty fields keep saved answers,
 * with a "Show my answers" button where a channel card cannot be refreshed per viewer.
 */
export function answerHints(
  answers: readonly string[] | undefined,
  channel: ChannelCardContext | undefined,
  t: Translator,
): { readonly answerHint: string; readonly showMine: boolean; readonly showMineHint: string } {
  const prefilled = (answers ?? []).some((answer) => answer !== '');
  const showMine = !prefilled && channel !== undefined && channel.refreshUserIds === undefined;
  return {
    answerHint: t(prefilled ? 'answers.prefilledHint' : 'answers.keepHint'),
    showMine,
    showMineHint: showMine ? t('answers.showMineHint') : '',
  };
}
