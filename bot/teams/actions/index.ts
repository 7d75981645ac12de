import type { CardAction } from './card-action.js';
import { lessonPostAction, roundStartAction } from './leader-actions.js';
import { lessonReadAction } from './lesson-read-action.js';
import { myDataCancelAction, myDataDeleteAction } from './my-data-actions.js';
import { nextStepsRefreshAction, nextStepsStartAction, nextStepsSubmitAction } from './next-steps-actions.js';
import { planOpenAction, schedulePauseAction, scheduleResumeAction } from './plan-actions.js';
import { lessonRefreshAction } from './lesson-refresh-action.js';
import { reflectionEditAction } from './reflection-edit-action.js';
import { reflectionRefreshAction } from './reflection-refresh-action.js';
import { reflectionSubmitAction } from './reflection-submit-action.js';
import { setupOpenAction, setupSaveAction } from './setup-actions.js';
import { knowledgeOpenAction, knowledgeSubmitAction } from './knowledge-actions.js';
import { certificateLinkAction } from './certificate-action.js';
import { dilemmaRefreshAction, dilemmaStartAction, dilemmaSubmitAction } from './dilemma-actions.js';

/** Every card action, registered once; a test checks that each verb has exactly one. */
export const cardActions: readonly CardAction[] = [
  lessonReadAction,
  lessonRefreshAction,
  reflectionSubmitAction,
  reflectionEditAction,
  reflectionRefreshAction,
  setupOpenAction,
  setupSaveAction,
  lessonPostAction,
  roundStartAction,
  planOpenAction,
  schedulePauseAction,
  scheduleResumeAction,
  nextStepsStartAction,
  nextStepsSubmitAction,
  nextStepsRefreshAction,
  myDataDeleteAction,
  myDataCancelAction,
  knowledgeOpenAction,
  knowledgeSubmitAction,
  certificateLinkAction,
  dilemmaStartAction,
  dilemmaSubmitAction,
  dilemmaRefreshAction,
];

/** The handler for a verb, if any. */
export function actionFor(verb: string): CardAction | undefined {
  return cardActions.find((action) => action.verb === verb);
}
