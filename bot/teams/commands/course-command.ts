import { noticeCard } from '../../../cards/views/personal-cards.js';
import { courseText } from '../../core/course.js';
import { commandWord } from '../../i18n/translator.js';
import { sendCard } from '../send.js';
import { personalCourseChoiceCard } from '../views/course-choice-views.js';
import type { Command } from './command.js';

/**
 * `kurs` / `velg kurs` / `course` (personal chat): the "choose a course" card, a button per course open to the person;
 * `kurs <id>` stores the choice, which `start`, `neste` and `framdrift` then continue. Progress is kept per course.
 */
export const courseCommand: Command = {
  aliasKey: 'command.course',
  menuKey: 'help.command.course',
  takesArgument: true,
  scope: 'personal',
  async handle(turn, argument) {
    const { learning } = turn.services;
    const word = commandWord(turn.t.language, 'command.course');
    const open = await learning.coursesFor(turn.person);
    const asked = argument.trim().toLowerCase();
    if (asked === '') {
      await sendCard(turn.context, personalCourseChoiceCard(open, await learning.currentCourseId(turn.person), word, turn.t));
      return;
    }
    const chosen = open.find((course) => course.id === asked || courseText(course, turn.t.language).title.toLowerCase() === asked);
    if (!chosen) {
      await sendCard(turn.context, noticeCard({ title: turn.t('error.title'), text: turn.t('courses.personal.unknown', { value: argument.trim(), command: word }), color: 'Attention' }));
      return;
    }
    await learning.chooseCourse(turn.person, chosen.id);
    await sendCard(
      turn.context,
      noticeCard({ title: turn.t('courses.personal.chosen', { course: courseText(chosen, turn.t.language).title }), text: '', color: 'Good', action: { label: turn.t('action.nextLesson'), command: 'next' } }),
    );
  },
};
