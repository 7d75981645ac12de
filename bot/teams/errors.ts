import { DomainError, UnknownCourseError, UnknownLessonError } from '../core/errors.js';
import { commandWord, type Translator } from '../i18n/translator.js';
import type { AdaptiveCard } from '../../cards/models.js';
import { noticeCard } from '../../cards/views/personal-cards.js';
import { BadCardDataError } from './actions/card-action.js';

/** True for errors caused by what the user sent, which get a helpful card rather than a logged failure. */
export function isUserError(error: unknown): boolean {
  return error instanceof DomainError || error instanceof BadCardDataError;
}

/** The card that explains an error to the person, in their language; never a stack trace. */
export function errorCard(error: unknown, t: Translator): AdaptiveCard {
  const words = {
    next: commandWord(t.language, 'command.next'),
    start: commandWord(t.language, 'command.start'),
    help: commandWord(t.language, 'command.help'),
  };
  const text =
    error instanceof UnknownLessonError
      ? t('error.unknownLesson', words)
      : error instanceof UnknownCourseError
        ? t('error.unknownCourse', words)
        : error instanceof BadCardDataError
          ? t('error.badCardData', words)
          : t('error.generic');
  return noticeCard(t, { title: t('error.title'), text, color: 'Attention' });
}

/** The card for a button whose verb no handler knows. */
export function unknownActionCard(t: Translator): AdaptiveCard {
  return noticeCard(t, {
    title: t('error.title'),
    text: t('error.unknownAction', { help: commandWord(t.language, 'command.help') }),
    color: 'Attention',
    action: { label: t('action.help'), command: 'help' },
  });
}
