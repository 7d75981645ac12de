import type { ScheduleKind } from './schedule-rules.js';
import type { TeamRef } from './team.js';

/** What one outbox row sends. The lesson or round is chosen when it is first sent, and remembered. */
export type DeliveryPayload =
  | { readonly kind: 'channelLesson'; readonly lessonId?: string }
  | { readonly kind: 'reflectionRound'; readonly lessonId?: string }
  | { readonly kind: 'reminder'; readonly userId: string; readonly teamsUserId: string; readonly dueDate: string }
  | { readonly kind: 'planReminder'; readonly itemId: string; readonly userId: string; readonly dueDate: string };

/** One target of a firing: a unique key within the delivery, and what to send. */
export type OutboxTarget = { readonly targetKey: string; readonly payload: DeliveryPayload };

/** What happened to one occurrence of a schedule. */
export type Firing = {
  readonly occurrenceKey: string;
  readonly dueAt: Date;
  readonly status: 'queued' | 'missed' | 'skipped';
  readonly reason?: string;
  readonly targets: readonly OutboxTarget[];
};

/** A schedule's state. */
export type ScheduleState = {
  readonly team: TeamRef;
  readonly kind: ScheduleKind;
  readonly nextAt: Date | undefined;
  readonly paused: boolean;
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
};

/** A delivery as the leader sees it, with the state of its sends. */
export type DeliveryRecord = {
  readonly id: string;
  readonly kind: ScheduleKind;
  readonly dueAt: Date;
  /** queued: still sending; sent: every target reached; failed: some target failed for good; missed; skipped. */
  readonly status: 'queued' | 'sent' | 'failed' | 'missed' | 'skipped';
  readonly reason: string | undefined;
  readonly targets: number;
  readonly sent: number;
  readonly failed: number;
};

/** A send that did not go through, as the Teams side reports it. */
export class DeliveryFailedError extends Error {
  constructor(
    readonly reason: string,
    readonly permanent: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(`Delivery failed: ${reason}`);
  }
}
