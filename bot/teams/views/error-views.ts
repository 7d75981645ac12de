import type { AdaptiveCard } from '../../../cards/models.js';
import { noticeCard } from '../../../cards/views/personal-cards.js';
import { ChooseCourseError, CourseNotOfferedError, ForbiddenError, NotFoundError, NotSetUpError, TeamInactiveError } from '../../core/errors.js';
import { commandWord, type Translator } from '../../i18n/translator.js';
import { BadCardDataError } from '../actions/card-action.js';

/** The card that explains an error to the person, in their language; never a stack trace. */
export function errorCard(error: unknown, t: Translator): AdaptiveCard {
  return noticeCard({ title: t('error.title'), text: errorText(error, t), color: 'Attention' });
}

function errorText(error: unknown, t: Translator): string {
  const word = (key: Parameters<typeof commandWord>[1]): string => commandWord(t.language, key);
  if (error instanceof NotFoundError && error.code === 'unknownLesson') return t('error.unknownLesson', { next: word('command.next') });
  if (error instanceof NotFoundError && error.code === 'unknownCourse') return t('error.unknownCourse', { start: word('command.start') });
  if (error instanceof BadCardDataError) return t('error.badCardData', { next: word('command.next') });
  if (error instanceof ForbiddenError && error.reason === 'lastLeader') return t('error.lastLeader');
  if (error instanceof ForbiddenError && error.reason === 'notMember') return t('api.forbidden');
  if (error instanceof ForbiddenError) return t('error.leaderOnly', { leaderAdd: word('command.leaderAdd') });
  if (error instanceof NotSetUpError) return t('error.notSetUp', { setup: word('command.setup') });
  if (error instanceof TeamInactiveError) return t('error.teamInactive');
  if (error instanceof CourseNotOfferedError) return t('courses.notOffered');
  if (error instanceof ChooseCourseError) return t('courses.chooseFirst');
  return t('error.generic');
}

/** The card for a button whose verb no handler knows. */
export function unknownActionCard(t: Translator): AdaptiveCard {
  return noticeCard({
    title: t('error.title'),
    text: t('error.unknownAction', { help: commandWord(t.language, 'command.help') }),
    color: 'Attention',
    action: { label: t('action.help'), command: 'help' },
  });
}
