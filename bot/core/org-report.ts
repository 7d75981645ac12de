import type { TeamRef } from './team.js';
import type { PlanItemStatus } from './next-steps.js';

/** A count for one month, `YYYY-MM`. */
export type MonthCount = { readonly month: string; readonly count: number };

/** Where the current members of one team stand in the team's course. */
export type TeamCompletionRow = {
  readonly teamId: string;
  readonly members: number;
  /** Members who have read every lesson of the course. */
  readonly completed: number;
  /** Members who have read some lessons, not all. */
  readonly started: number;
};

/** Rounds a team started in one month. */
/** `courseId`: the course the rounds belong to (undefined for rounds from before a team's course was recorded with them). */
export type TeamRoundsRow = { readonly teamId: string; readonly courseId: string | undefined; readonly month: string; readonly reflectionRounds: number; readonly nextStepsRounds: number };

/** How many plan items a team has with one status. */
export type TeamPlanRow = { readonly teamId: string; readonly status: PlanItemStatus; readonly count: number };

/** An item of some team's plan, for the organisation's list. */
export type OrgPlanItem = {
  readonly teamId: string;
  readonly teamName: string;
  readonly text: string;
  readonly ownerName: string | undefined;
  readonly dueDate: string | undefined;
  readonly status: PlanItemStatus;
};

/** A half-open range of instants, ISO-8601 UTC: `from` ≤ t < `until`. */
export type InstantRange = { readonly from: string; readonly until: string };

/**
 * The organisation-wide queries behind the organisation report and plan; every one is scoped to one tenant, and only
 * teams where the app is active are counted.
 */
export interface OrgReportRepository {
  /** Active teams of the tenant: id, name, and the course each is set up with (undefined: not set up). */
  teams(tenantId: string): Promise<readonly { readonly teamId: string; readonly name: string; readonly courseId: string | undefined }[]>;
  /**
   * Per team set up with the course: its current members and how many have read all / some of `lessonIds`;
   * and, over the whole history, how many of them completed it in each month (the month of their last lesson).
   */
  completion(tenantId: string, courseId: string, lessonIds: readonly string[]): Promise<{ readonly teams: readonly TeamCompletionRow[]; readonly completedByMonth: readonly MonthCount[] }>;
  /** People who read at least one lesson, per month, within the range. */
  activeByMonth(tenantId: string, range: InstantRange): Promise<readonly MonthCount[]>;
  /** Reflection rounds and next-steps rounds started per team and month within the range. */
  roundsByMonth(tenantId: string, range: InstantRange): Promise<readonly TeamRoundsRow[]>;
  /** Plan items per team and status, of items written before `until`. */
  planByStatus(tenantId: string, until: string): Promise<readonly TeamPlanRow[]>;
  /** The team's current member count and the user ids of members who have not read every one of `lessonIds`. */
  teamNotDone(team: TeamRef, courseId: string, lessonIds: readonly string[]): Promise<{ readonly members: number; readonly notDone: readonly string[] }>;
  /** One page of every team's plan items, ordered by team name, then creation; `after` is the last row's cursor. */
  planItems(tenantId: string, page: { readonly after?: string; readonly limit: number }): Promise<{ readonly items: readonly OrgPlanItem[]; readonly next: string | undefined }>;
}
