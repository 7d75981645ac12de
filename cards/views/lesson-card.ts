import type { ReadStats } from '../../bot/core/channel-course-service.js';
import type { CourseText } from '../../bot/core/course.js';
import type { LessonView } from '../../bot/core/learning-service.js';
import type { Translator } from '../../bot/i18n/translator.js';
import type { AdaptiveCard } from '../models.js';
import { renderCard } from '../render.js';
import { verbs } from '../verbs.js';
import { readCountText, refreshFor, type ChannelCardContext } from './channel-context.js';

/**
 * The lesson card as one person sees it: unread with "I have read it", or read with "Next lesson".
 * @remarks In a channel the card also carries the team's read count and per-viewer refresh.
 */
export function lessonCard(view: LessonView, text: CourseText, t: Translator, channel?: ChannelCardContext & { readonly stats: ReadStats }): AdaptiveCard {
  if (channel) return render(view, text, t, channel);
  const key = `${t.language}|${view.read}|${view.index}|${view.total}|${view.courseId}`;
  let cards = personalCards.get(view.lesson);
  if (!cards) {
    cards = new Map();
    personalCards.set(view.lesson, cards);
  }
  let card = cards.get(key);
  if (!card) {
    card = render(view, text, t, undefined);
    cards.set(key, card);
  }
  return card;
}

/**
 * Personal lesson cards are the same for everyone in the same state, so they are rendered once per lesson object
 * (a loaded pack's lessons live as long as the process) and reused: the hot path of `neste`.
 */
const personalCards = new WeakMap<object, Map<string, AdaptiveCard>>();

function render(view: LessonView, text: CourseText, t: Translator, channel: (ChannelCardContext & { readonly stats: ReadStats }) | undefined): AdaptiveCard {
  const { lesson } = view;
  return renderCard('lesson', {
    position: t('lesson.position', { number: view.index + 1, total: view.total, minutes: lesson.minutes }),
    title: lesson.title,
    hasImage: lesson.image !== undefined,
    imageUrl: lesson.image?.url ?? '',
    imageAlt: lesson.image?.alt ?? '',
    paragraphs: lesson.body.map((paragraph) => ({ text: paragraph })),
    keyFactLabel: t('lesson.keyFact'),
    keyFact: lesson.keyFact,
    goalsLabel: t('lesson.goals'),
    goalList: lesson.goals.map((goal) => `- ${t('lesson.goal', { number: goal, name: text.goalNames[goal - 1] ?? '' })}`).join('\n'),
    sourcesLabel: t('lesson.sources'),
    sourceList: lesson.sources.map((source) => `- [${source.title}](${source.url})`).join('\n'),
    read: view.read,
    hasNext: view.index + 1 < view.total,
    doneText: t('lesson.done'),
    pleaseMarkText: t(channel ? 'lesson.pleaseMarkChannel' : 'lesson.pleaseMark'),
    markReadLabel: t('action.markRead'),
    markReadVerb: verbs.lessonRead,
    nextLabel: t('action.nextLesson'),
    progressLabel: t('action.progress'),
    courseId: view.courseId,
    lessonId: lesson.id,
    teamId: channel?.teamId ?? '',
    countText: channel ? readCountText(channel.stats, t) : '',
    hasKnowledge: (lesson.knowledgeCheck?.length ?? 0) > 0,
    knowledgeLabel: t('knowledge.open'),
    knowledgeVerb: verbs.knowledgeOpen,
    ...refreshFor(channel, verbs.lessonRefresh),
  });
}
