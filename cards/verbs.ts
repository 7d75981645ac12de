/** The `Action.Execute` verbs of every card; each has exactly one handler in bot/teams/actions. */
export const verbs = {
  lessonRead: 'lesson.read',
  reflectionSubmit: 'reflection.submit',
  reflectionEdit: 'reflection.edit',
  lessonRefresh: 'lesson.refresh',
  reflectionRefresh: 'reflection.refresh',
  setupOpen: 'setup.open',
  setupSave: 'setup.save',
  lessonPost: 'lesson.post',
  roundStart: 'round.start',
  planOpen: 'plan.open',
  schedulePause: 'schedule.pause',
  scheduleResume: 'schedule.resume',
  nextStepsStart: 'nextsteps.start',
  nextStepsSubmit: 'nextsteps.submit',
  nextStepsRefresh: 'nextsteps.refresh',
  myDataDelete: 'mydata.delete',
  myDataCancel: 'mydata.cancel',
  // cert
  knowledgeOpen: 'knowledge.open',
  knowledgeSubmit: 'knowledge.submit',
  certificateLink: 'certificate.link',
  dilemmaStart: 'dilemma.start',
  dilemmaSubmit: 'dilemma.submit',
  dilemmaRefresh: 'dilemma.refresh',
} as const;

/** One of the card verbs. */
export type Verb = (typeof verbs)[keyof typeof verbs];

/** Commands that `Action.Submit` buttons send as `{ command }`; handled like typed commands. */
export type SubmitCommand = 'start' | 'next' | 'progress' | 'help';
