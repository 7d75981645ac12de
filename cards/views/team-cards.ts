import type { Enrollment } from '../../bot/core/enrollment.js';
import type { ReplyContent } from '../../bot/core/shared-reply.js';
import type { SetupProblem } from '../../bot/core/setup-rules.js';
import type { TeamChannel } from '../../bot/core/team.js';
import { catalogs } from '../../bot/i18n/catalogs/index.js';
import { commandWord, translator, type Translator } from '../../bot/i18n/translator.js';
import type { AdaptiveCard, ExecuteButton } from '../models.js';
import { renderCard } from '../render.js';
import { verbs } from '../verbs.js';
import { describeLessonSchedule, describeReflectionSchedule, formatDate, formatTime, formatWhen, weekdayName } from '../../bot/i18n/schedule-text.js';
import type { AllowedHours } from '../../bot/core/calendar.js';
import { LESSON_WEEKDAYS } from '../../bot/core/setup-rules.js';

/** The welcome posted once in the General channel when the app is added to a team. */
export function welcomeTeamCard(teamId: string, minGroupSize: number, t: Translator, namedProgress = false): AdaptiveCard {
  return renderCard('welcome-team', {
    title: t('welcome.team.title'),
    intro: t('welcome.team.intro'),
    storedTitle: t('welcome.team.storedTitle'),
    stored: namedProgress ? t('welcome.team.storedNamed') : t('welcome.team.stored', { min: minGroupSize }),
    howTo: t('welcome.team.howTo', { setup: commandWord(t.language, 'command.setup') }),
    executes: [{ label: t('action.setup'), verb: verbs.setupOpen, data: { teamId } }],
  });
}

/** The name of a channel as people know it; the General channel has none in Teams' data. */
export function channelName(channel: TeamChannel | undefined, t: Translator): string {
  return channel?.name || t('setup.generalChannel');
}

/**
 * The `known` and `channel` arguments of messages that name the course's channel ("… to the channel Oppvekst").
 * @remarks The name is users' text: the messages that take it are shown only in TextRuns, never as Markdown.
 */
export function channelArgs(channel: TeamChannel | undefined, t: Translator): { readonly known: 'yes' | 'no'; readonly channel: string } {
  return channel ? { known: 'yes', channel: channelName(channel, t) } : { known: 'no', channel: '' };
}

/** The setup form, prefilled with the current setup (or sensible defaults) and showing any problems. */
export function setupCard(
  input: {
    readonly teamId: string;
    readonly channels: readonly TeamChannel[];
    readonly today: string;
    readonly values: Readonly<Record<string, string>>;
    readonly problems?: readonly SetupProblem[];
    readonly hours: AllowedHours;
    /** The courses the organisation offers (id and title), and any the team runs; the card names the course even when there is one. */
    readonly courses?: readonly { readonly id: string; readonly title: string }[];
  },
  t: Translator,
): AdaptiveCard {
  const courses = input.courses ?? [];
  const labels = {
    channel: t('setup.channel'),
    course: t('setup.course'),
    language: t('setup.language'),
    startDate: t('setup.startDate'),
    lessonWeekday: t('setup.lessonWeekday'),
    lessonTime: t('setup.lessonTime'),
    interval: t('setup.interval'),
    reflectionDays: t('setup.reflectionDays'),
    reflectionTime: t('setup.reflectionTime'),
    mandatory: t('setup.mandatory'),
    dueDate: t('setup.dueDate'),
  };
  const fieldLabel: Record<SetupProblem['field'], string> = {
    channelId: labels.channel,
    language: labels.language,
    startDate: labels.startDate,
    dueDate: labels.dueDate,
    lessonWeekday: labels.lessonWeekday,
    lessonTime: labels.lessonTime,
    intervalWeeks: labels.interval,
    reflectionDaysAfter: labels.reflectionDays,
    reflectionTime: labels.reflectionTime,
  };
  const value = (key: string, fallback: string): string => input.values[key] ?? fallback;
  return renderCard('setup', {
    title: t('setup.title'),
    intro: t('setup.intro'),
    problems: (input.problems ?? []).map((problem) => ({ text: t(`setup.problem.${problem.kind}`, { field: fieldLabel[problem.field] }) })),
    labels,
    errors: {
      channel: t('setup.problem.missing', { field: labels.channel }),
      course: t('setup.problem.missing', { field: labels.course }),
      language: t('setup.problem.missing', { field: labels.language }),
      startDate: t('setup.problem.missing', { field: labels.startDate }),
      lessonWeekday: t('setup.problem.missing', { field: labels.lessonWeekday }),
      lessonTime: t('setup.problem.missing', { field: labels.lessonTime }),
      reflectionTime: t('setup.problem.missing', { field: labels.reflectionTime }),
    },
    hoursHint: t('setup.hoursHint', { start: formatTime(input.hours.start, t.language), end: formatTime(input.hours.end, t.language) }),
    values: {
      channelId: value('channelId', input.teamId),
      courseId: value('courseId', courses[0]?.id ?? ''),
      language: value('language', t.language),
      startDate: value('startDate', input.today),
      lessonWeekday: value('lessonWeekday', '1'),
      lessonTime: value('lessonTime', '09:00'),
      intervalWeeks: value('intervalWeeks', '1'),
      reflectionDaysAfter: value('reflectionDaysAfter', '2'),
      reflectionTime: value('reflectionTime', '14:00'),
      mandatory: value('mandatory', 'false'),
      dueDate: value('dueDate', ''),
    },
    channels: input.channels.map((channel) => ({ title: channelName(channel, t), value: channel.channelId })),
    courses: courses.map((course) => ({ title: course.title, value: course.id })),
    hasCourseChoice: courses.length > 0,
    languages: Object.keys(catalogs).map((language) => ({ title: translator(language)('language.name'), value: language })),
    weekdays: LESSON_WEEKDAYS.map((day) => ({ title: weekdayName(day, t.language), value: String(day) })),
    intervals: [1, 2, 3, 4].map((interval) => ({ title: t('schedule.interval', { interval: String(interval) }), value: String(interval) })),
    reflectionDays: [0, 1, 2, 3, 4, 5, 6].map((days) => ({ title: t('schedule.reflectionDays', { days }), value: String(days) })),
    saveLabel: t('action.saveSetup'),
    saveVerb: verbs.setupSave,
    teamId: input.teamId,
  });
}

/** The setup card's field values for an existing setup. */
export function setupValues(enrollment: Enrollment): Record<string, string> {
  return {
    courseId: enrollment.courseId,
    channelId: enrollment.channelId,
    language: enrollment.language,
    startDate: enrollment.startDate,
    lessonWeekday: String(enrollment.lessonWeekday),
    lessonTime: enrollment.lessonTime,
    intervalWeeks: String(enrollment.intervalWeeks),
    reflectionDaysAfter: String(enrollment.reflectionDaysAfter),
    reflectionTime: enrollment.reflectionTime,
    mandatory: String(enrollment.mandatory),
    dueDate: enrollment.dueDate ?? '',
  };
}

/** The leader's buttons on setup summaries and confirmations; with `courseId`, each acts on that course of the team. */
export function leaderButtons(teamId: string, t: Translator, courseId?: string): readonly ExecuteButton[] {
  const data: Readonly<Record<string, string>> = courseId ? { teamId, courseId } : { teamId };
  return [
    { label: t('action.postLesson'), verb: verbs.lessonPost, data },
    { label: t('action.startRound'), verb: verbs.roundStart, data },
    { label: t('action.plan'), verb: verbs.planOpen, data },
    { label: t('action.dilemma'), verb: verbs.dilemmaStart, data },
    { label: t('action.changeSetup'), verb: verbs.setupOpen, data },
  ];
}

/** When a course's lessons and reflection rounds really go out next, after the allowed hours have moved them. */
export type NextDeliveries = { readonly lesson: Date; readonly reflection: Date; readonly hours: AllowedHours; /** The course's title, shown first (a team may run several courses). */ readonly courseTitle?: string };

/**
 * The setup shown back in words generated from the stored rule, with the real next deliveries.
 * @remarks A time outside the allowed hours is said to move (to their start the same day, or the next working day).
 */
export function setupSummaryCard(enrollment: Enrollment, channels: readonly TeamChannel[], created: boolean, next: NextDeliveries, t: Translator): AdaptiveCard {
  const channel = channels.find((c) => c.channelId === enrollment.channelId);
  const { hours } = next;
  const shifted = (what: 'lesson' | 'reflection', time: string): readonly { readonly text: string }[] =>
    time >= hours.start && time < hours.end
      ? []
      : [{ text: t('summary.shifted', { what, when: time < hours.start ? 'early' : 'late', time: formatTime(time, t.language), start: formatTime(hours.start, t.language), end: formatTime(hours.end, t.language) }) }];
  return renderCard('setup-summary', {
    title: t(created ? 'summary.title' : 'summary.updatedTitle'),
    where: t('summary.where', { channel: channelName(channel, t) }),
    facts: [
      ...(next.courseTitle ? [{ title: t('setup.course'), value: next.courseTitle }] : []),
      { title: t('summary.channel'), value: channelName(channel, t) },
      { title: t('summary.language'), value: translator(enrollment.language)('language.name') },
      { title: t('summary.start'), value: formatDate(enrollment.startDate, t.language) },
      { title: t('summary.lessons'), value: describeLessonSchedule(enrollment, t) },
      { title: t('summary.reflections'), value: describeReflectionSchedule(enrollment, t) },
      { title: t('summary.mandatory'), value: t(enrollment.mandatory ? 'common.yes' : 'common.no') },
      { title: t('summary.due'), value: enrollment.dueDate ? formatDate(enrollment.dueDate, t.language) : t('summary.noDue') },
      { title: t('summary.nextLesson'), value: formatWhen(next.lesson, enrollment.timeZone, t) },
      { title: t('summary.nextReflection'), value: formatWhen(next.reflection, enrollment.timeZone, t) },
    ],
    notes: [...shifted('lesson', enrollment.lessonTime), ...shifted('reflection', enrollment.reflectionTime)],
    executes: leaderButtons(enrollment.teamId, t, enrollment.courseId),
  });
}

/** A reflection shared in a lesson thread: named with the author's display name, or anonymous with nothing that identifies them. */
export function sharedReplyCard(content: ReplyContent): AdaptiveCard {
  const t = translator(content.language);
  return renderCard('shared-reply', {
    heading:
      content.kind === 'dilemma'
        ? content.authorName
          ? t('reply.dilemma.named', { name: content.authorName, option: content.choice ?? '', title: content.title })
          : t('reply.dilemma.anonymous', { option: content.choice ?? '', title: content.title })
        : content.kind === 'nextSteps'
        ? content.authorName
          ? t('reply.nextSteps.named', { name: content.authorName })
          : t('reply.nextSteps.anonymous')
        : content.authorName
          ? t('reply.named', { name: content.authorName, lesson: content.title })
          : t('reply.anonymous', { lesson: content.title }),
    answers: content.questions
      .map((question, index) => ({ question, answer: content.answers[index] ?? '' }))
      .filter((pair) => pair.answer !== ''),
  });
}

/** The commands people can type in a team channel (after @mentioning the bot). */
export function teamHelpCard(teamId: string, t: Translator, unknownText?: string): AdaptiveCard {
  const word = (key: Parameters<typeof commandWord>[1]): string => commandWord(t.language, key);
  return renderCard('help', {
    hasLead: unknownText !== undefined,
    lead: unknownText === undefined ? '' : t('help.unknown', { text: unknownText }),
    title: t('help.team.title'),
    intro: t('help.team.intro'),
    commands: [
      { word: word('command.setup'), description: t('help.command.setup') },
      { word: word('command.postLesson'), description: t('help.command.postLesson') },
      { word: word('command.startRound'), description: t('help.command.startRound') },
      { word: word('command.plan'), description: t('help.command.plan') },
      { word: word('command.nextSteps'), description: t('help.command.nextSteps') },
      { word: word('command.dilemma'), description: t('help.command.dilemma') },
      { word: `${word('command.leaderAdd')} @…`, description: t('help.command.leaderAdd', { command: word('command.leaderAdd') }) },
      { word: `${word('command.leaderRemove')} @…`, description: t('help.command.leaderRemove') },
      { word: word('command.help'), description: t('help.command.teamHelp') },
    ],
    buttons: [],
    executes: [{ label: t('action.setup'), verb: verbs.setupOpen, data: { teamId } }],
  });
}
