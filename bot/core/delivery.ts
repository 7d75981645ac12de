import type { ScheduleKind } from './schedule-rules.js';
import type { CourseRef, TeamRef } from './team.js';
import type { ClaimScope } from './claim-scope.js';

/** What a delivery is of: a schedule's occurrence, or a next-steps round sent now. */
/**
 * `threadReply`: an author's shared answer posted, edited or withdrawn in a thread; `lessonCount`: a posted lesson card
 * updated with the team's read count. Neither is listed for the leader, and both are deleted once done.
 */
export type DeliveryKind = ScheduleKind | 'nextSteps' | 'dilemma' | 'threadReply' | 'lessonCount';

/** Kinds kept in no history: not in the leader's list, and deleted (with their delivery and post claim) once done. */
export const unlistedDeliveryKinds = ['threadReply', 'lessonCount'] as const;

/** What one outbox row sends. The lesson or round is chosen when it is first sent, and remembered. */
export type DeliveryPayload =
  /** `courseId`: the course the row was queued for (rows queued before migration 0016 may lack it: the team's only course). */
  | { readonly kind: 'channelLesson'; readonly courseId?: string; readonly lessonId?: string; readonly again?: boolean }
  | { readonly kind: 'reflectionRound'; readonly courseId?: string; readonly lessonId?: string; readonly again?: boolean }
  | { readonly kind: 'reminder'; readonly courseId?: string; readonly userId: string; readonly teamsUserId: string; readonly dueDate: string | undefined }
  | { readonly kind: 'planReminder'; readonly itemId: string; readonly userId: string; readonly dueDate: string }
  /**
   * `after`: the team's latest round when it was queued (`''` for none), so rows queued behind the same round (a double
   * click, on one instance or two) claim the same post and only one of them posts; `roundId` is chosen on the first attempt.
   */
  | { readonly kind: 'nextStepsRound'; readonly courseId?: string; readonly leaderId: string; readonly after?: string; readonly roundId?: string }
  /** A dilemma of the team's course, posted once per team (its post key); `roundId` is chosen on the first attempt. */
  | { readonly kind: 'dilemmaRound'; readonly courseId?: string; readonly dilemmaId: string; readonly roundId?: string }
  /** Brings a shared reply in its thread in step with what its author chose (post, edit or withdraw); carries no author. */
  | { readonly kind: 'threadReply'; readonly replyId: string }
  /** Updates the posted lesson card with the team's read count as it is when the row is sent. */
  | { readonly kind: 'lessonCount'; readonly courseId: string; readonly lessonId: string };

/** One target of a firing: a unique key within the delivery, and what to send. */
export type OutboxTarget = { readonly targetKey: string; readonly payload: DeliveryPayload };

/** What happened to one occurrence of a schedule. */
export type Firing = {
  readonly occurrenceKey: string;
  readonly dueAt: Date;
  readonly status: 'queued' | 'missed' | 'skipped';
  readonly reason?: string;
  readonly targets: readonly OutboxTarget[];
  /** For reminders: the local day (`YYYY-MM-DD`) each target is claimed for, so nobody gets two reminders that day. */
  readonly reminderDay?: string;
};

/** A schedule's state. */
export type ScheduleState = {
  /** The team and the course the schedule is of. */
  readonly team: CourseRef;
  readonly kind: ScheduleKind;
  readonly nextAt: Date | undefined;
  readonly paused: boolean;
};

/** One firing of a schedule to record: the occurrence it fires (`expectedAt`, compared and set), what it sends, and when the schedule fires next. */
export type ScheduledFiring = {
  readonly schedule: ScheduleState;
  readonly expectedAt: Date;
  readonly firing: Firing;
  readonly nextAt: Date | undefined;
};

/** An outbox row claimed by a worker. */
export type OutboxItem = {
  readonly id: string;
  readonly deliveryId: string;
  readonly team: TeamRef;
  readonly targetKey: string;
  readonly payload: DeliveryPayload;
  /** Including this one. */
  readonly attempts: number;
  /** Written by this claim; the row's outcome is recorded only while the row still carries it. */
  readonly leaseToken: string;
};

/** What a {@link DeliveryHandler} may ask of the worker while it sends one row. */
export type DeliveryContext = {
  /** The row's claim: its other rows, and reads shared by all of them (see {@link ClaimScope}). */
  readonly claim: ClaimScope;
  /** Stores a choice (e.g. which lesson) before sending, so a retry sends the same thing; throws LeaseLostError when the lease is gone. */
  remember(payload: DeliveryPayload): Promise<void>;
  /** Renews the row's lease; throws LeaseLostError when another worker has claimed the row since. Call it right before every write to Teams. */
  holdLease(): Promise<void>;
  /**
   * Claims a post (a lesson, a lesson's round) for the team on behalf of this row (see {@link PostClaim}).
   * @remarks Insert-on-conflict-do-nothing on a unique key per team and post, so two rows can never both post it.
   * With `takeOverGaveUp` (a coordinator's "send now") a claim held by a row that gave up is taken over.
   */
  claimPost(postKey: string, options?: { readonly takeOverGaveUp?: boolean }): Promise<PostClaim>;
};

/**
 * What claiming a post led to: `claimed` (this row may post it), `taken` (another row posted it or is posting it), or
 * `gaveUp` (the row holding it gave up after transient failures, so it may or may not have reached Teams: only a
 * coordinator's "send now" takes it over, never a scheduled firing).
 */
export type PostClaim = 'claimed' | 'taken' | 'gaveUp';

/** The states of a delivery, in the order a leader meets them. */
export const deliveryStatuses = ['queued', 'sending', 'retrying', 'sent', 'failed', 'missed', 'skipped'] as const;

/**
 * A delivery's state.
 * @remarks queued: no send tried yet; sending: a send is in flight or some are done; retrying: a send failed and
 * will be tried again; sent: every target reached; failed: every send finished and some failed for good; missed:
 * due while the service was down for longer than the catch-up window; skipped: nothing to send (with its reason).
 */
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** The deliveries a leader is shown: every kind but the unlisted ones (authors' shared replies, read counts). */
export type ListedDeliveryKind = Exclude<DeliveryKind, (typeof unlistedDeliveryKinds)[number]>;

/** A delivery as the leader sees it, with the state of its sends. */
export type DeliveryRecord = {
  readonly id: string;
  /** The course the delivery is of; `''` for none (a plan item's reminder). */
  readonly courseId: string;
  readonly kind: ListedDeliveryKind;
  readonly dueAt: Date;
  readonly status: DeliveryStatus;
  /**
   * Why it failed, is being retried, was missed or skipped: a code (`blocked`, `notFound`, `throttled`, `serverDown`…,
   * `gaveUp:<code>` when the attempts ran out); the most common one when several sends failed.
   */
  readonly reason: string | undefined;
  /** How many times the sends behind `reason` were tried (0 when the reason is the delivery's own). */
  readonly attempts: number;
  readonly targets: number;
  readonly sent: number;
  readonly failed: number;
};

/**
 * The delivery as a leader may see it.
 * @remarks Reminders go to individuals: for fewer recipients than the minimum group, a count or a failure reason
 * could point at a person, so such a delivery shows only whether it is under way or done, with no counts or reason.
 */
export function asLeaderSees(delivery: DeliveryRecord, minGroupSize: number): DeliveryRecord {
  if (delivery.kind !== 'reminder' || delivery.targets >= minGroupSize) return delivery;
  const status: DeliveryStatus = delivery.status === 'failed' ? 'sent' : delivery.status === 'retrying' ? 'sending' : delivery.status;
  return { ...delivery, status, reason: undefined, attempts: 0, targets: 0, sent: 0, failed: 0 };
}

/** A worker's lease on an outbox row ran out and another worker claimed the row: the first must stop, send nothing more and record nothing. */
export class LeaseLostError extends Error {
  constructor(readonly outboxId: string) {
    super(`Lease on outbox row ${outboxId} was lost`);
  }
}

/**
 * A send that did not go through: the outbox's verdict on it, the one failure type of a send.
 * @remarks `reason` is the code the leader sees (stored as the delivery's reason, a `delivery.reason.*` catalog key):
 * `blocked`, `notFound`, `throttled`, `transient` or `rejected` for what Teams answered (the Teams side classifies
 * that), or a code of our own (`tenantNotAllowed`, `earlierTryGaveUp`, a domain error's code…). A permanent failure
 * is not tried again; any other is, no sooner than `retryAfterMs` when that is given. `statusCode` is the HTTP status
 * of the refused request, when there was one (for logs).
 */
export class SendFailure extends Error {
  override readonly name = 'SendFailure';
  readonly retryAfterMs: number | undefined;
  readonly statusCode: number | undefined;

  constructor(
    readonly reason: string,
    readonly permanent: boolean,
    details: { readonly retryAfterMs?: number; readonly statusCode?: number; readonly message?: string; readonly cause?: unknown } = {},
  ) {
    super(details.message ?? `Delivery failed: ${reason}`, 'cause' in details ? { cause: details.cause } : undefined);
    this.retryAfterMs = details.retryAfterMs;
    this.statusCode = details.statusCode;
  }
}

/** The claim key of a lesson posted as a team's thread. */
export function lessonPostKey(courseId: string, lessonId: string): string {
  return `lesson:${courseId}:${lessonId}`;
}

/** The claim key of a lesson's reflection round. */
export function roundPostKey(courseId: string, lessonId: string): string {
  return `round:${courseId}:${lessonId}`;
}

/** The post key of the next-steps round that follows round `after` (`''`: the team's first of the course). */
export function nextStepsPostKey(after: string, courseId?: string): string {
  return courseId ? `nextSteps:${courseId}:after:${after}` : `nextSteps:after:${after}`;
}

/** The claim key of a shared reply's one post in its thread. */
export function replyPostKey(replyId: string): string {
  return `reply:${replyId}`;
}

/** The claim key of a dilemma posted as a team's thread: each dilemma once per team. */
export function dilemmaPostKey(courseId: string, dilemmaId: string): string {
  return `dilemma:${courseId}:${dilemmaId}`;
}
