import type { AdaptiveCard } from '../../../cards/models.js';
import { noticeCard } from '../../../cards/views/personal-cards.js';
import type { CourseText } from '../../core/course.js';
import { formatDate } from '../../i18n/schedule-text.js';
import type { Translator } from '../../i18n/translator.js';

/** The 1:1 course reminder: the course (and its due date, if any), the lessons read of all, and a button to the next lesson. */
export function courseReminderCard(course: CourseText, readLessonIds: ReadonlySet<string>, dueDate: string | undefined, t: Translator): AdaptiveCard {
  return noticeCard({
    title: dueDate ? t('reminder.title', { course: course.title, date: formatDate(dueDate, t.language) }) : t('reminder.titleNoDate', { course: course.title }),
    text: t('reminder.text', { read: course.lessons.filter((lesson) => readLessonIds.has(lesson.id)).length, total: course.lessons.length }),
    action: { label: t('action.nextLesson'), command: 'next' },
  });
}

/** The 1:1 reminder to the owner of a next-steps plan item: what is due, when, and in which team. */
export function planItemReminderCard(itemText: string, dueDate: string, teamName: string, t: Translator): AdaptiveCard {
  return noticeCard({
    title: t('planReminder.title', { text: itemText, date: formatDate(dueDate, t.language) }),
    text: t('planReminder.text', { team: teamName }),
  });
}
