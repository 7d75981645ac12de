import type { DeliveryContext, DeliveryKind, DeliveryPayload, DeliveryRecord, Firing, OutboxItem, OutboxTarget, PostClaim, ScheduledFiring, ScheduleState } from './delivery.js';
import type { Enrollment } from './enrollment.js';
import type { NextStepAnswer, NextStepRound, PlanItem } from './next-steps.js';
import type { DilemmaChoice, DilemmaRound } from './dilemma.js';
import type { ScheduleKind } from './schedule-rules.js';
import type { PersonRef } from './person.js';
import type { CourseRef, LeaderRole, Team, TeamChannel, TeamLeader, TeamMember, TeamRef, TeamStatus } from './team.js';
import type { Reflection } from './reflection.js';
import type { LessonThread } from './lesson-thread.js';
import type { SharedReply, SharedReplyState, ReplyToShare, ReplyContent } from './shared-reply.js';
import type { DailyCount, MemberCounts } from './insights.js';
import type { PersonalData } from './personal-data.js';

/** The time source; faked in tests. */
export interface Clock {
  now(): Date;
}

/** Structured logging, implemented by pino. */
export interface Logger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** Lesson completions, per person per course. */
export interface ProgressRepository {
  /** Records that the person has read the lesson; returns false when it was already recorded. */
  markRead(person: PersonRef, courseId: string, lessonId: string, at: Date): Promise<boolean>;
  /** The ids of the lessons the person has read in the course. */
  readLessonIds(person: PersonRef, courseId: string): Promise<ReadonlySet<string>>;
  /** The ids of the lessons each of the tenant's people has read in the course, in one read (absent: none read). */
  readLessonIdsOf(tenantId: string, userIds: readonly string[], courseId: string): Promise<ReadonlyMap<string, ReadonlySet<string>>>;
  /** How many current members of the team have read the lesson. */
  readCountInTeam(team: TeamRef, courseId: string, lessonId: string): Promise<number>;
}

/** Reflections, one per person per lesson; saving again replaces the answers. */
export interface ReflectionRepository {
  /** Creates or replaces the person's reflection on the lesson; returns whether it existed before. */
  save(person: PersonRef, reflection: Omit<Reflection, 'createdAt' | 'updatedAt'>, at: Date): Promise<{ readonly created: boolean }>;
  /** The person's reflection on the lesson, if any. */
  find(person: PersonRef, courseId: string, lessonId: string): Promise<Reflection | undefined>;
  /** How many lessons of the course the person has reflected on. */
  count(person: PersonRef, courseId: string): Promise<number>;
  /** Every reflection of the person in the course. */
  listForPerson(person: PersonRef, courseId: string): Promise<readonly Reflection[]>;
  /** Deletes the person's reflection on the lesson; false when there was none. */
  remove(person: PersonRef, courseId: string, lessonId: string): Promise<boolean>;
}

/** A person's own settings. */
export interface PersonRepository {
  /** The language the person chose, if any. */
  language(person: PersonRef): Promise<string | undefined>;
  /** The languages chosen by these people of a tenant, by user id (absent: none chosen). */
  languages(tenantId: string, userIds: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /** Stores the person's language choice. */
  setLanguage(person: PersonRef, language: string, at: Date): Promise<void>;
  /** The course the person chose to continue in personal chat, if any. */
  chosenCourse(person: PersonRef): Promise<string | undefined>;
  /** Stores the course the person chose to continue in personal chat. */
  chooseCourse(person: PersonRef, courseId: string, at: Date): Promise<void>;
  /** Forgets the person's settings. */
  remove(person: PersonRef): Promise<void>;
}

/** Remembers which conversations have been welcomed, so a reinstall never welcomes twice. */
export interface WelcomeRepository {
  /** Claims the welcome for the key; true only the first time. */
  claim(tenantId: string, key: string, at: Date): Promise<boolean>;
}

/** Single-use links: records a link's random id when it is used. */
export interface UsedLinkRepository {
  /** Records the link as used; true only the first time. Forgets links that expired before `now`. */
  claim(jti: string, expiresAt: Date, now: Date): Promise<boolean>;
}

/** A database health probe. */
export interface HealthCheck {
  /** Resolves when the database answers; rejects otherwise. */
  ping(): Promise<void>;
}

/** Teams, their channels and rosters. */
export interface TeamRepository {
  /** Creates the team or refreshes its name, service URL and group id; sets it active. */
  upsert(team: Omit<Team, 'status'>, at: Date): Promise<void>;
  find(ref: TeamRef): Promise<Team | undefined>;
  /** The teams, in one read: one answer per ref, in order (undefined where there is none). */
  findMany(refs: readonly TeamRef[]): Promise<readonly (Team | undefined)[]>;
  setStatus(ref: TeamRef, status: TeamStatus, at: Date): Promise<void>;
  rename(ref: TeamRef, name: string, at: Date): Promise<void>;
  /** Replaces the channel list with what Teams reports now. */
  replaceChannels(ref: TeamRef, channels: readonly TeamChannel[], at: Date): Promise<void>;
  upsertChannel(ref: TeamRef, channel: TeamChannel, at: Date): Promise<void>;
  removeChannel(ref: TeamRef, channelId: string): Promise<void>;
  channels(ref: TeamRef): Promise<readonly TeamChannel[]>;
  /** Adds or refreshes roster entries. */
  upsertMembers(ref: TeamRef, members: readonly TeamMember[], at: Date): Promise<void>;
  /** Removes members by Teams user id. */
  removeMembers(ref: TeamRef, teamsUserIds: readonly string[]): Promise<void>;
  /** Removes members not refreshed since the time (after a full roster read that started then). */
  removeMembersNotSeenSince(ref: TeamRef, since: Date): Promise<void>;
  /** One page of members, ordered by user id, after the given user id. */
  members(ref: TeamRef, page: { readonly after?: string; readonly limit: number }): Promise<readonly TeamMember[]>;
  memberCount(ref: TeamRef): Promise<number>;
  findMemberByTeamsId(ref: TeamRef, teamsUserId: string): Promise<TeamMember | undefined>;
  findMember(ref: TeamRef, userId: string): Promise<TeamMember | undefined>;
  /** The active teams the person is a member of. */
  teamsOf(person: PersonRef): Promise<readonly Team[]>;
  /** People on any roster, with their teams: the local-mode identity picker only. */
  rosterPeople(limit: number): Promise<readonly { readonly tenantId: string; readonly userId: string; readonly name: string; readonly teamIds: readonly string[] }[]>;
}

/** Leaders and co-leaders per team. */
export interface LeaderRepository {
  /** Adds the person as leader or co-leader; false when they already were one. */
  add(ref: TeamRef, userId: string, role: LeaderRole, at: Date): Promise<boolean>;
  /** Removes the person; false when they were not a leader. */
  remove(ref: TeamRef, userId: string): Promise<boolean>;
  list(ref: TeamRef): Promise<readonly TeamLeader[]>;
}

/** A team's course setups, one per team and course. */
export interface EnrollmentRepository {
  save(enrollment: Enrollment): Promise<void>;
  /** The team's setup of the course, if any. */
  find(ref: CourseRef): Promise<Enrollment | undefined>;
  /** The setups, in one read: one answer per ref, in order (undefined where there is none). */
  findMany(refs: readonly CourseRef[]): Promise<readonly (Enrollment | undefined)[]>;
  /** Every course setup of the team, oldest start first. */
  list(ref: TeamRef): Promise<readonly Enrollment[]>;
  /** One page of a tenant's team ids with a setup, in team id order, after `after`. */
  teamIdsInTenant(tenantId: string, page: { readonly after?: string; readonly limit: number }): Promise<readonly string[]>;
}

/** Lesson threads per team. */
export interface LessonThreadRepository {
  record(ref: TeamRef, thread: Omit<LessonThread, 'reflectionActivityId'>): Promise<void>;
  setReflectionActivity(ref: TeamRef, courseId: string, lessonId: string, activityId: string): Promise<void>;
  find(ref: TeamRef, courseId: string, lessonId: string): Promise<LessonThread | undefined>;
  list(ref: TeamRef, courseId: string): Promise<readonly LessonThread[]>;
  /** The threads of several teams' courses, in one read: one list per ref, in order, each as {@link list} gives it. */
  listMany(refs: readonly CourseRef[]): Promise<readonly (readonly LessonThread[])[]>;
}

/**
 * Shared replies; they carry no author id.
 * @remarks Every change is written with the outbox row that carries it to the thread, in one transaction: the thread
 * is changed by the outbox worker only, paced with every other send, and a change is never lost between the two.
 */
export interface SharedReplyRepository {
  /** Writes the reply (new, or a new version) and queues its outbox row. */
  share(reply: ReplyToShare, at: Date): Promise<void>;
  /** Blanks the reply's answers and name, marks it to be taken out of the thread and queues its outbox row; false when there is no such reply. */
  withdraw(replyId: string, language: string, at: Date): Promise<boolean>;
  /** The reply, unless withdrawn. */
  find(replyId: string): Promise<SharedReply | undefined>;
  /** The reply as the outbox sees it, withdrawn or not. */
  state(replyId: string): Promise<SharedReplyState | undefined>;
  /** Records that the thread shows `version` (and, when it was just posted, the reply's activity id). */
  sent(replyId: string, version: number, activityId?: string): Promise<void>;
  /** Queues an outbox row for every withdrawn reply of the team still waiting to be taken out; returns how many. */
  requeueWithdrawn(team: TeamRef, at: Date): Promise<number>;
  /** Deletes the reply for good (it is out of the thread, or its team has gone); on SQLite also from the -wal file. */
  remove(replyId: string): Promise<void>;
  listForLesson(ref: TeamRef, courseId: string, lessonId: string): Promise<readonly SharedReply[]>;
  /** Every shared reply of the team in the course, ordered by lesson then reply id. */
  listForCourse(ref: TeamRef, courseId: string): Promise<readonly SharedReply[]>;
}

/** Posts, edits and removes replies in a lesson thread (implemented on the Bot Connector). */
export interface ThreadReplies {
  /** Posts a reply in the thread; returns its activity id. */
  post(team: Team, threadId: string, content: ReplyContent): Promise<string>;
  update(team: Team, threadId: string, activityId: string, content: ReplyContent): Promise<void>;
  /** Replaces the reply's content with a "deleted by the author" note. */
  retract(team: Team, threadId: string, activityId: string, language: string): Promise<void>;
}

/** Team owners from Microsoft Graph (resource-specific consent TeamMember.Read.Group). */
export interface TeamOwnerDirectory {
  /** True when the person owns the team; false when unknown or Graph is not configured. */
  isOwner(team: Team, userId: string): Promise<boolean>;
}

/** Creates unique ids. */
export interface IdGenerator {
  next(): string;
}

/** Schedules, their deliveries and the outbox, kept so that restarts and extra instances lose and double nothing. */
export interface ScheduleRepository {
  /** Sets when a schedule fires next (undefined: finished), keeping its paused flag. */
  plan(course: CourseRef, kind: ScheduleKind, nextAt: Date | undefined, at: Date): Promise<void>;
  setPaused(course: CourseRef, kind: ScheduleKind, paused: boolean, at: Date): Promise<void>;
  /** The schedules of the team's course (of every course when `courseId` is left out). */
  list(team: TeamRef & { readonly courseId?: string }): Promise<readonly ScheduleState[]>;
  /** Schedules due at `now` (not paused), oldest first. */
  due(now: Date, limit: number): Promise<readonly ScheduleState[]>;
  /**
   * Records a firing and advances the schedule in one transaction, but only if the schedule still fires at
   * `expectedAt` (compare-and-set), so two instances never fire the same occurrence. Returns false when another got there first.
   */
  fire(schedule: ScheduleState, expectedAt: Date, firing: Firing, nextAt: Date | undefined, now: Date): Promise<boolean>;
  /**
   * {@link fire} for several schedules in one transaction and a handful of statements; returns, per firing in order,
   * whether it was recorded here (false: another instance fired it, or is firing it now).
   */
  fireMany(firings: readonly ScheduledFiring[], now: Date): Promise<readonly boolean[]>;
  /** Records a firing outside the schedule ("send now", or a one-off for later: its rows wait until `dueAt`). */
  enqueue(course: CourseRef, kind: DeliveryKind, firing: Firing, now: Date): Promise<void>;
  /** The latest deliveries of the team's course (`courseId` left out: of every course and of none). */
  deliveries(team: TeamRef & { readonly courseId?: string }, limit: number): Promise<readonly DeliveryRecord[]>;
  /**
   * Queues reminders as one delivery, but only to people not yet reminded on `day` (each target's key is a user id):
   * claims (tenant, person, day) and writes the outbox rows in one transaction. Returns how many were queued.
   */
  enqueueReminders(course: CourseRef, firing: Firing, day: string, now: Date): Promise<number>;
  /**
   * Queues one row now, as a delivery of its own, unless the team has a row for the same target key that no worker has
   * tried yet (that row will send the state as it is then). Returns whether a row was queued.
   */
  enqueueUnlessWaiting(course: CourseRef, kind: DeliveryKind, target: OutboxTarget, now: Date): Promise<boolean>;
  /** Which of the people have had a reminder claimed for `day`, in any team of the tenant. */
  remindedOn(team: TeamRef, userIds: readonly string[], day: string): Promise<ReadonlySet<string>>;
}

/** The durable outbox of single sends. */
export interface OutboxRepository {
  /** Leases up to `limit` rows that are due (or whose lease has run out), each with a fresh lease token; only of `tenantIds` when given. */
  claim(now: Date, leaseMs: number, limit: number, tenantIds?: readonly string[]): Promise<readonly OutboxItem[]>;
  /** Extends the lease while the row still carries `token`; false when another worker has claimed it since. */
  renew(id: string, token: string, until: Date): Promise<boolean>;
  /** Extends the lease of every row of one claim still leased under `token` (one write for a whole batch); returns the ids of the rows it extended. */
  renewClaim(token: string, until: Date): Promise<ReadonlySet<string>>;
  /** Returns claimed rows that were never tried (still carrying `token`) to the queue, due as before, their attempt not counted; returns how many. */
  giveBack(ids: readonly string[], token: string, at: Date): Promise<number>;
  /** Stores the choice made on the first attempt (e.g. which lesson), so a retry sends the same thing; false when the lease is gone. */
  remember(id: string, token: string, payload: DeliveryPayload): Promise<boolean>;
  /** Each outcome is recorded only while the row carries `token`; false (and nothing written) otherwise. */
  markSent(id: string, token: string, activityId: string | undefined, at: Date): Promise<boolean>;
  markRetry(id: string, token: string, nextAttemptAt: Date, error: string, at: Date): Promise<boolean>;
  /** Records a failure; a permanent one (a reason without `gaveUp:`) also frees the row's post claim, since nothing was posted. */
  markFailed(id: string, token: string, reason: string, at: Date): Promise<boolean>;
  /**
   * Claims a post for a team for the row (unique per team and post key): `claimed` when the row holds it, now or from an
   * earlier attempt; `gaveUp` when a row that gave up holds it (taken over instead with `takeOverGaveUp`, one row only).
   */
  claimPost(team: TeamRef, postKey: string, outboxId: string, at: Date, options?: { readonly takeOverGaveUp?: boolean }): Promise<PostClaim>;
  /** Whether the post's claim is held by a row that gave up after transient failures (it may or may not have reached Teams). */
  postGaveUp(team: TeamRef, postKey: string): Promise<boolean>;
  /**
   * Deletes a row that is done (sent or failed), its delivery once it has no other row, and the post claim it held: for
   * sends kept in no history (an author's shared reply), so no exact time of an author's change outlives its send.
   */
  forget(id: string, deliveryId: string): Promise<void>;
  /** Rows not yet sent or failed. */
  pendingCount(): Promise<number>;
}

/** Timing of tenant send leases. */
export type TenantLeaseTiming = {
  /** How long a lease lasts without renewal (an instance that dies loses its tenants after this). */
  readonly leaseMs: number;
  /** How long a tenant let go stays with nobody, so the last holder's sends leave Teams' windows before the next starts. */
  readonly handoverMs: number;
  /** A tenant over the worker's share is handed to another worker only with at least this many rows queued (default 0). */
  readonly handOverAtLeast?: number;
  /**
   * Tenants the worker holds that it has written nothing to Teams for within the hand-over time (and has nothing in
   * flight for, nor starts anything for until `hold` returns): when let go, they are free at once, as no send of this
   * worker can meet the next holder's in Teams' windows (e.g. the tenants a first instance took before a second one
   * started, handed over before it sent for them).
   */
  readonly quiet?: readonly string[];
};

/**
 * Which worker sends for which tenant: one at a time per tenant, each worker a fair share of the tenants with work.
 * @remarks With one sender per tenant, that sender's in-process pacing holds Teams' per-tenant and per-conversation
 * limits for the whole cluster; instances share the work across tenants.
 */
export interface TenantLeaseRepository {
  /**
   * Records the worker as alive, lets go of tenants without work (and of tenants over its share that a worker below
   * its share needs), renews the rest, takes free tenants with work up to its share; returns the tenants it now holds,
   * each with the end of its lease.
   */
  hold(holder: string, now: Date, timing: TenantLeaseTiming): Promise<ReadonlyMap<string, Date>>;
  /** Extends the worker's leases on the tenants; returns those it still holds. */
  renew(holder: string, tenantIds: readonly string[], until: Date): Promise<readonly string[]>;
  /** The worker stops: its heartbeat goes, and its tenants are let go after the hand-over time. */
  leave(holder: string, now: Date, handoverMs: number): Promise<void>;
  /**
   * Removes leases that have run out (hand-over included: for a lease never let go, the `handoverMs` after its end) of
   * tenants with nothing queued, and heartbeats that have; returns how many leases went.
   */
  sweep(now: Date, handoverMs: number): Promise<number>;
}

/** Sends one outbox row to Teams (implemented on the Bot Connector). */
export interface DeliveryHandler {
  /** Sends the row through `context` (see {@link DeliveryContext}). Throws SendFailure when Teams refuses, LeaseLostError when the lease is gone. */
  deliver(item: OutboxItem, context: DeliveryContext): Promise<{ readonly activityId?: string }>;
}

/** Aggregate queries over a team's current members, for the dashboard. */
export interface InsightsRepository {
  /** Per lesson: how many current members have read it. */
  readCounts(team: TeamRef, courseId: string): Promise<ReadonlyMap<string, number>>;
  /** Per lesson: how many reflections were given in the team's rounds. */
  reflectionCounts(team: TeamRef, courseId: string): Promise<ReadonlyMap<string, number>>;
  /** Lessons read by current members, per day (UTC date). */
  readsPerDay(team: TeamRef, courseId: string): Promise<readonly DailyCount[]>;
  /** Reflections given in the team's rounds, per day. */
  reflectionsPerDay(team: TeamRef, courseId: string): Promise<readonly DailyCount[]>;
  /** Every current member's counts, ordered by name. */
  memberCounts(team: TeamRef, courseId: string): Promise<readonly MemberCounts[]>;
}

/** Next-steps rounds and the answers given in them. */
export interface NextStepRepository {
  recordRound(round: NextStepRound): Promise<void>;
  round(team: TeamRef, roundId: string): Promise<NextStepRound | undefined>;
  /** The team's latest round (of the course, when `courseId` is given). */
  latestRound(team: TeamRef & { readonly courseId?: string }): Promise<NextStepRound | undefined>;
  /** Creates or replaces the person's answers in a round; returns whether they are new. */
  saveAnswer(person: PersonRef, team: TeamRef, answer: Omit<NextStepAnswer, 'createdAt' | 'updatedAt'>, at: Date): Promise<{ readonly created: boolean }>;
  findAnswer(person: PersonRef, roundId: string): Promise<NextStepAnswer | undefined>;
  /** Every answer the person has given, in any round. */
  answersOf(person: PersonRef): Promise<readonly (NextStepAnswer & { readonly teamId: string })[]>;
  removeAnswer(person: PersonRef, roundId: string): Promise<void>;
  answerCount(team: TeamRef, roundId: string): Promise<number>;
}

/** The team's plan. */
export interface PlanRepository {
  save(item: PlanItem): Promise<void>;
  find(team: TeamRef, id: string): Promise<PlanItem | undefined>;
  list(team: TeamRef): Promise<readonly PlanItem[]>;
  remove(team: TeamRef, id: string): Promise<boolean>;
}

/** The person-wide reads and deletes behind "my data" and "delete my data". */
export interface PersonalDataRepository {
  /** Everything stored about the person (sealed content opened for them). */
  export(person: PersonRef): Promise<PersonalData>;
  /** Deletes every row that refers to the person (shared replies must be withdrawn first), except their entries in the settings audit log. */
  erase(person: PersonRef): Promise<void>;
}

/** Which tenants a retention rule applies to: one tenant, or every tenant except those with a rule of their own. */
export type RetentionScope = { readonly tenantId: string } | { readonly exceptTenants: readonly string[] };

/** The retention rules applied by the daily job. */
export interface RetentionRepository {
  /** Runs `job` only if no instance has run it since `notBefore`; records the run. Returns whether it ran. */
  runOnce(name: string, now: Date, notBefore: Date, job: () => Promise<void>): Promise<boolean>;
  /** Removes reflection and next-step answer text written before the day, keeping the rows (the counts), in the scope (every tenant by default); returns how many. */
  redactAnswersBefore(day: string, scope?: RetentionScope): Promise<number>;
  /** Deletes every row of teams the app was removed from (or that were deleted) before the instant, unless they came back. */
  deleteRemovedTeamsBefore(instant: Date): Promise<readonly TeamRef[]>;
  /** Deletes sent and failed outbox rows (which name who was written to) last touched before the instant. */
  deleteFinishedSendsBefore(instant: Date): Promise<number>;
}

// dilemma

/** Dilemma rounds and the choices made in them; choices are sealed per person, like reflections. */
export interface DilemmaRepository {
  recordRound(round: DilemmaRound): Promise<void>;
  round(team: TeamRef, roundId: string): Promise<DilemmaRound | undefined>;
  /** The team's rounds, newest first. */
  rounds(team: TeamRef): Promise<readonly DilemmaRound[]>;
  /** Creates or replaces the person's choice in a round; returns whether it is new. */
  saveChoice(person: PersonRef, team: TeamRef, choice: Omit<DilemmaChoice, 'createdAt' | 'updatedAt'>, at: Date): Promise<{ readonly created: boolean }>;
  findChoice(person: PersonRef, roundId: string): Promise<DilemmaChoice | undefined>;
  /** Every choice the person has made, in any round. */
  choicesOf(person: PersonRef): Promise<readonly (DilemmaChoice & { readonly teamId: string })[]>;
  /** The option chosen in each of the round's rows (opened on the server, in the rows' random order); nothing about who. */
  chosenOptions(team: TeamRef, roundId: string): Promise<readonly string[]>;
}
