import { DomainError } from '../core/errors.js';
import { BadCardDataError } from './actions/card-action.js';

/** True for errors caused by what the user sent, which get a helpful card (see views/error-views.ts) rather than a logged failure. */
export function isUserError(error: unknown): boolean {
  return error instanceof DomainError || error instanceof BadCardDataError;
}
