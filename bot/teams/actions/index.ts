import type { CardAction } from './card-action.js';
import { lessonReadAction } from './lesson-read-action.js';
import { reflectionEditAction } from './reflection-edit-action.js';
import { reflectionSubmitAction } from './reflection-submit-action.js';

/** Every card action, registered once; a test checks that each verb has exactly one. */
export const cardActions: readonly CardAction[] = [lessonReadAction, reflectionSubmitAction, reflectionEditAction];

/** The handler for a verb, if any. */
export function actionFor(verb: string): CardAction | undefined {
  return cardActions.find((action) => action.verb === verb);
}
