/** Why a send failed. */
export type SendFailureReason = 'blocked' | 'notFound' | 'throttled' | 'transient' | 'rejected';

/** A send that failed: permanent ones must not be retried; transient ones may be retried later (after retryAfterMs when given). */
export class SendFailure extends Error {
  override readonly name = 'SendFailure';

  constructor(
    readonly reason: SendFailureReason,
    readonly permanent: boolean,
    readonly statusCode: number | undefined,
    readonly retryAfterMs: number | undefined,
    message: string,
  ) {
    super(message);
  }
}
