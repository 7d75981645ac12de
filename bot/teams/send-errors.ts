import { DeliveryFailedError } from '../core/delivery.js';

type ErrorLike = { readonly reason?: unknown; readonly permanent?: unknown; readonly retryAfterMs?: unknown; readonly statusCode?: unknown };

/**
 * The outbox's verdict on a failed send: the messenger's own verdict when it gave one, otherwise the HTTP status.
 * @remarks 403 (the person blocked the bot) and 404 (the conversation is gone) are permanent; anything else is retried.
 */
export function classifySendError(error: unknown): DeliveryFailedError | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as ErrorLike;
  if (typeof e.reason === 'string' && typeof e.permanent === 'boolean') {
    return new DeliveryFailedError(e.reason, e.permanent, typeof e.retryAfterMs === 'number' ? e.retryAfterMs : undefined);
  }
  if (e.statusCode === 403) return new DeliveryFailedError('blocked', true);
  if (e.statusCode === 404) return new DeliveryFailedError('notFound', true);
  return undefined;
}
