import type { Catalog } from './nb.js';

/** English. */
export const en: Catalog = {
  'app.name': 'Lærekraft',
  'language.name': 'English',

  'command.help': 'help',
  'command.start': 'start',
  'command.next': 'next',
  'command.progress': 'progress',
  'command.language': 'language',

  'action.startCourse': 'Start the course',
  'action.nextLesson': 'Next lesson',
  'action.progress': 'See my progress',
  'action.help': 'Help',
  'action.markRead': 'I have read it',
  'action.submitReflection': 'Save my answers',
  'action.editReflection': 'Edit my answers',

  'welcome.personal.title': 'Welcome to Lærekraft',
  'welcome.personal.intro':
    'Lærekraft is a short course on sustainable development for people who work in municipalities and counties. You get one lesson at a time, right here in Teams, and each lesson takes two to three minutes to read.',
  'welcome.personal.storedTitle': 'What we store',
  'welcome.personal.stored':
    'Your Entra ID, which lessons you have read, your language choice and your answers to the reflection questions. Your answers are yours: nobody else sees them unless you choose to share them.',
  'welcome.personal.howTo': 'Select **Start the course** or type **{start}**. Type **{help}** to see everything you can do.',

  'help.title': 'What you can type to me',
  'help.intro': 'Upper or lower case does not matter.',
  'help.unknown': 'I did not understand “{text}”. Here is what I can help you with:',
  'help.command.start': 'Begin the course, or continue where you left off.',
  'help.command.next': 'Get the next lesson you have not read.',
  'help.command.progress': 'See how far you have come.',
  'help.command.language': 'Change language: **{language} nb** (Bokmål), **{language} nn** (Nynorsk) or **{language} en** (English).',
  'help.command.help': 'Show this overview.',

  'lesson.position': 'Lesson {number} of {total} · about {minutes} min',
  'lesson.keyFact': 'Good to know',
  'lesson.goals': 'Sustainable Development Goals in this lesson',
  'lesson.goal': 'Goal {number}: {name}',
  'lesson.sources': 'Sources',
  'lesson.pleaseMark': 'Select **I have read it** when you are done, and you will move on to the reflection.',
  'lesson.done': '✓ You have read this lesson.',

  'reflection.title': 'Reflection: {lesson}',
  'reflection.intro': 'Answer one or more of the questions in your own words. Your answers are private: only you can see them.',
  'reflection.placeholder': 'Write your answer here',
  'reflection.limit': 'At most {limit} characters per answer.',
  'reflection.problem.empty': 'Answer at least one of the questions before you save.',
  'reflection.problem.tooLong': 'Answer {question} is {length} characters long. Please shorten it to at most {limit} characters. Your text has been kept here.',
  'reflection.savedTitle': 'Thank you for reflecting!',
  'reflection.created': 'Your answers are saved. Only you can see them.',
  'reflection.updated': 'Your answers are updated. Only you can see them.',
  'reflection.answerEmpty': '(not answered)',

  'progress.title': 'Your progress in “{course}”',
  'progress.summary':
    'You have read {read} of {total} lessons and written {reflections, plural, =0 {no reflections} one {# reflection} other {# reflections}}.',
  'progress.read': '✓ {title}',
  'progress.unread': '○ {title}',

  'complete.title': 'You have completed the course!',
  'complete.text': 'You have read all {total} lessons. Thank you! Take what you have learnt into conversations with your colleagues.',

  'language.changed': 'All right! From now on I will write to you in English.',
  'language.unknown': 'I do not know the language “{value}”. Type **{language} nb** (Bokmål), **{language} nn** (Nynorsk) or **{language} en** (English).',

  'error.title': 'That did not work',
  'error.generic': 'Sorry, something went wrong on our side. Please try again in a little while. What you saved before is safe.',
  'error.unknownAction': 'I do not recognise this button. The card may be out of date. Type **{help}** to carry on.',
  'error.badCardData': 'The card was missing information I need. Type **{next}** to get a new card.',
  'error.unknownLesson': 'I cannot find this lesson. It may have been removed from the course. Type **{next}** to continue.',
  'error.unknownCourse': 'I cannot find this course. Type **{start}** to begin again.',
};
