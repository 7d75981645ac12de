import type { ProgressView } from '../../bot/core/learning-service.js';
import { commandWord, type Translator } from '../../bot/i18n/translator.js';
import type { AdaptiveCard, CommandButton, ExecuteButton, NoticeCardData } from '../models.js';
import { renderCard } from '../render.js';
import { verbs } from '../verbs.js';

/** The welcome in personal chat: what Lærekraft is, what is stored, how to start. */
export function welcomePersonalCard(t: Translator): AdaptiveCard {
  return renderCard('welcome-personal', {
    title: t('welcome.personal.title'),
    intro: t('welcome.personal.intro'),
    storedTitle: t('welcome.personal.storedTitle'),
    stored: t('welcome.personal.stored'),
    howTo: t('welcome.personal.howTo', { start: commandWord(t.language, 'command.start'), help: commandWord(t.language, 'command.help') }),
    startLabel: t('action.startCourse'),
    helpLabel: t('action.help'),
  });
}

/** The list of commands; with `unknownText`, it opens by saying what was not understood. */
export function helpCard(t: Translator, unknownText?: string): AdaptiveCard {
  const word = (key: Parameters<typeof commandWord>[1]): string => commandWord(t.language, key);
  return renderCard('help', {
    hasLead: unknownText !== undefined,
    lead: unknownText === undefined ? '' : t('help.unknown', { text: unknownText }),
    title: t('help.title'),
    intro: t('help.intro'),
    commands: [
      { word: word('command.start'), description: t('help.command.start') },
      { word: word('command.next'), description: t('help.command.next') },
      { word: word('command.progress'), description: t('help.command.progress') },
      { word: `${word('command.language')} nb | nn | en`, description: t('help.command.language', { language: word('command.language') }) },
      { word: word('command.myData'), description: t('help.command.myData') },
      { word: word('command.deleteMyData'), description: t('help.command.deleteMyData') },
      { word: word('command.help'), description: t('help.command.help') },
    ],
    buttons: [
      { label: t('action.startCourse'), command: 'start' },
      { label: t('action.progress'), command: 'progress' },
    ],
    executes: [],
  });
}

/** Lessons read of total and reflections given, with the lesson list. */
export function progressCard(view: ProgressView, t: Translator): AdaptiveCard {
  return renderCard('progress', {
    title: t('progress.title', { course: view.courseTitle }),
    summary: t('progress.summary', { read: view.lessonsRead, total: view.lessonsTotal, reflections: view.reflections }),
    lessons: view.lessons.map((lesson) => ({ text: t(lesson.read ? 'progress.read' : 'progress.unread', { title: lesson.title }) })),
    hasNext: view.lessonsRead < view.lessonsTotal,
    nextLabel: t('action.nextLesson'),
    helpLabel: t('action.help'),
  });
}

/** A short message card: a title, a text and optionally follow-up command buttons. */
export function noticeCard(
  input: {
    readonly title: string;
    readonly text: string;
    readonly color?: NoticeCardData['color'];
    readonly action?: CommandButton;
    /** More typed-command buttons, after `action`. */
    readonly actions?: readonly CommandButton[];
    readonly executes?: readonly ExecuteButton[];
    readonly link?: { readonly label: string; readonly url: string };
  },
): AdaptiveCard {
  return renderCard('notice', {
    title: input.title,
    text: input.text,
    color: input.color ?? 'Default',
    buttons: [...(input.action ? [input.action] : []), ...(input.actions ?? [])],
    executes: input.executes ?? [],
    links: input.link ? [input.link] : [],
  });
}

/** The card shown when every lesson is read; with the course, it offers the course certificate (cert). */
export function courseCompleteCard(total: number, t: Translator, courseId?: string): AdaptiveCard {
  return noticeCard({
    title: t('complete.title'),
    text: courseId ? `${t('complete.text', { total })} ${t('certificate.offer')}` : t('complete.text', { total }),
    color: 'Good',
    action: { label: t('action.progress'), command: 'progress' },
    executes: courseId ? [{ label: t('certificate.get'), verb: verbs.certificateLink, data: { courseId } }] : [],
  });
}
