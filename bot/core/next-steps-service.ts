import { hoursOf, type TenantSettingsSource } from './tenant-settings.js';
import { DateTime } from 'luxon';
import type { AnswerSharing } from './answer-sharing.js';
import { nextAllowedSlot, type AllowedHours } from './calendar.js';
import { courseText, type CourseCatalog } from './course.js';
import { NotFoundError } from './errors.js';
import { checkAnswers, type AnswerProblem } from './answer-rules.js';
import type { ChannelCourseService } from './channel-course-service.js';
import { NEXT_STEPS_FORM, NEXT_STEPS_SUBJECT, nextStepsSubject, type NextStepAnswer, type NextStepRound, type PlanItem, type PlanItemStatus } from './next-steps.js';
import type { PersonRef } from './person.js';
import type { Clock, IdGenerator, NextStepRepository, PlanRepository, ScheduleRepository, SharedReplyRepository, TeamRepository } from './ports.js';
import type { SharedReply } from './shared-reply.js';
import { REMINDER_TIME } from './schedule-rules.js';
import type { TeamService } from './team-service.js';
import type { CourseRef, Team, TeamRef } from './team.js';
import { latestEnrollment, type Enrollment } from './enrollment.js';

/** What is wrong with next-step answers or a plan item. */
export type NextStepProblem =
  | { readonly field: 'answers'; readonly kind: 'empty' | 'review' }
  | { readonly field: `answers.${number}`; readonly kind: 'tooLong'; readonly length: number; readonly limit: number }
  | { readonly field: 'text'; readonly kind: 'missing' | 'tooLong' }
  | { readonly field: 'owner'; readonly kind: 'notMember' }
  | { readonly field: 'dueDate'; readonly kind: 'invalid' | 'inPast' }
  | { readonly field: 'status'; readonly kind: 'invalid' };

/** The longest plan item text. */
export const MAX_PLAN_TEXT = 500;

const STATUSES: readonly PlanItemStatus[] = ['planned', 'inProgress', 'done'];

/** A plan item as submitted by a leader. */
export type PlanItemInput = { readonly text?: unknown; readonly ownerUserId?: unknown; readonly dueDate?: unknown; readonly status?: unknown };

/**
 * The seed's third tip: a next-steps round with the four questions, answers gathered per team (named or anonymous,
 * shared in the round's thread), and the leader's plan made from them, with owners reminded before their due dates.
 */
export class NextStepsService {
  constructor(
    private readonly deps: {
      readonly nextSteps: NextStepRepository;
      readonly plans: PlanRepository;
      readonly teams: TeamService;
      readonly teamRepository: TeamRepository;
      /** The team and its setup of a course. */
      readonly channelCourse: Pick<ChannelCourseService, 'activeEnrollment'>;
      readonly schedules: ScheduleRepository;
      readonly sharedReplies: SharedReplyRepository;
      readonly sharing: AnswerSharing;
      readonly courses: CourseCatalog;
      readonly ids: IdGenerator;
      readonly clock: Clock;
      readonly reminderDays: number;
      readonly hours?: AllowedHours;
      /** Each tenant's settings: its allowed hours and weekdays win over `hours`. */
      readonly settings?: TenantSettingsSource;
    },
  ) {}

  /**
   * Checks that a leader may start a round of the course (the team's only course when left out) in an active, set-up
   * team; returns the team, its setup and the questions.
   */
  async prepareRound(ref: TeamRef, leaderId: string, courseId?: string): Promise<{ readonly roundId: string; readonly team: Team; readonly enrollment: Enrollment; readonly questions: readonly string[] }> {
    await this.deps.teams.requireLeader(ref, leaderId);
    const { team, enrollment } = await this.deps.channelCourse.activeEnrollment(ref, courseId);
    return { roundId: this.deps.ids.next(), team, enrollment, questions: await this.questions(enrollment) };
  }

  /** Records a round of a course that was posted as a thread. */
  async recordRound(ref: CourseRef, roundId: string, threadId: string, activityId: string): Promise<NextStepRound> {
    const round: NextStepRound = { id: roundId, team: { tenantId: ref.tenantId, teamId: ref.teamId }, courseId: ref.courseId, threadId, activityId, startedAt: this.deps.clock.now() };
    await this.deps.nextSteps.recordRound(round);
    return round;
  }

  /** The four questions of the enrollment's course in the team's channel language (or another). */
  async questions(enrollment: Enrollment, language = enrollment.language): Promise<readonly string[]> {
    const courses = await this.deps.courses.forTenant(enrollment.tenantId);
    return courseText(courses.known(enrollment.courseId) ?? courses.defaultCourse(), language).nextStepQuestions;
  }

  /** The latest round (of the course, when `courseId` is given) and what was shared in it. */
  async latest(ref: TeamRef & { readonly courseId?: string }): Promise<{ readonly round: NextStepRound; readonly shared: readonly SharedReply[]; readonly answers: number } | undefined> {
    const round = await this.deps.nextSteps.latestRound(ref);
    if (!round) return undefined;
    const [shared, answers] = await Promise.all([this.deps.sharedReplies.listForLesson(ref, NEXT_STEPS_SUBJECT, round.id), this.deps.nextSteps.answerCount(ref, round.id)]);
    return { round, shared, answers };
  }

  /** One round of the team, if it exists. */
  round(ref: TeamRef, roundId: string): Promise<NextStepRound | undefined> {
    return this.deps.nextSteps.round(ref, roundId);
  }

  /** The person's own answers in a round, if any. */
  ownAnswer(person: PersonRef, roundId: string): Promise<NextStepAnswer | undefined> {
    return this.deps.nextSteps.findAnswer(person, roundId);
  }

  /**
   * Saves a person's answers (again = edit) and shares them in the round's thread, named or anonymously.
   * @remarks Answers are saved before anything is posted, so a failed post loses nothing.
   */
  async answer(
    person: PersonRef,
    authorName: string,
    ref: TeamRef,
    input: { readonly roundId: string; readonly answers: readonly unknown[]; readonly visibility: NextStepAnswer['visibility']; readonly basis?: unknown },
  ): Promise<{ readonly ok: true; readonly created: boolean; readonly answers: readonly string[] } | { readonly ok: false; readonly problems: readonly NextStepProblem[]; readonly answers: readonly string[] }> {
    const round = await this.deps.nextSteps.round(ref, input.roundId);
    if (!round) throw new NotFoundError('round', input.roundId);
    const { team, enrollment } = await this.deps.channelCourse.activeEnrollment(ref, round.courseId, latestEnrollment);
    const earlier = await this.deps.nextSteps.findAnswer(person, round.id);
    const { answers, problems } = checkAnswers(NEXT_STEPS_FORM, { subject: nextStepsSubject(round.id), submitted: input.answers, stored: earlier?.answers, basis: input.basis });
    if (problems.length > 0) return { ok: false, problems: problems.map(answerField), answers };
    const base = { roundId: round.id, answers, visibility: input.visibility };
    const { created } = await this.deps.nextSteps.saveAnswer(person, ref, { ...base, sharedReplyId: earlier?.sharedReplyId }, this.deps.clock.now());
    const sharedReplyId = await this.deps.sharing.apply({
      team,
      subject: { courseId: NEXT_STEPS_SUBJECT, lessonId: round.id },
      threadId: round.threadId,
      previous: earlier?.sharedReplyId ? { replyId: earlier.sharedReplyId, visibility: earlier.visibility } : undefined,
      visibility: input.visibility,
      content: {
        kind: 'nextSteps',
        authorName: input.visibility === 'named' ? authorName : undefined,
        title: '',
        questions: await this.questions(enrollment),
        answers,
        language: enrollment.language,
      },
    });
    if (sharedReplyId !== earlier?.sharedReplyId) await this.deps.nextSteps.saveAnswer(person, ref, { ...base, sharedReplyId }, this.deps.clock.now());
    return { ok: true, created, answers };
  }

  /** The team's plan. */
  plan(ref: TeamRef): Promise<readonly PlanItem[]> {
    return this.deps.plans.list(ref);
  }

  /**
   * Adds or changes a plan item (leaders only); the owner gets one 1:1 reminder before the due date.
   * @remarks A changed due date or owner queues a new reminder; the old one checks the item when it fires and stays quiet.
   */
  async savePlanItem(ref: TeamRef, leaderId: string, itemId: string | undefined, input: PlanItemInput): Promise<{ readonly ok: true; readonly item: PlanItem } | { readonly ok: false; readonly problems: readonly NextStepProblem[] }> {
    await this.deps.teams.requireLeader(ref, leaderId);
    const { enrollment } = await this.deps.channelCourse.activeEnrollment(ref, undefined, latestEnrollment);
    const existing = itemId ? await this.deps.plans.find(ref, itemId) : undefined;
    if (itemId && !existing) throw new NotFoundError('planItem', itemId);
    const problems: NextStepProblem[] = [];
    const text = input.text === undefined && existing ? existing.text : typeof input.text === 'string' ? input.text.trim() : '';
    if (!text) problems.push({ field: 'text', kind: 'missing' });
    else if ([...text].length > MAX_PLAN_TEXT) problems.push({ field: 'text', kind: 'tooLong' });
    let owner = existing?.owner;
    if (input.ownerUserId !== undefined) {
      owner = undefined;
      if (typeof input.ownerUserId === 'string' && input.ownerUserId) {
        const member = await this.deps.teamRepository.findMember(ref, input.ownerUserId);
        if (member) owner = { userId: member.userId, name: member.name };
        else problems.push({ field: 'owner', kind: 'notMember' });
      }
    }
    let dueDate = existing?.dueDate;
    if (input.dueDate !== undefined) {
      dueDate = undefined;
      if (typeof input.dueDate === 'string' && input.dueDate) {
        const parsed = DateTime.fromISO(input.dueDate, { zone: enrollment.timeZone });
        if (!/^\d{4}-\d{2}-\d{2}$/.test(input.dueDate) || !parsed.isValid) problems.push({ field: 'dueDate', kind: 'invalid' });
        else if (input.dueDate !== existing?.dueDate && input.dueDate < DateTime.fromJSDate(this.deps.clock.now(), { zone: enrollment.timeZone }).toISODate()!) problems.push({ field: 'dueDate', kind: 'inPast' });
        else dueDate = input.dueDate;
      }
    }
    const status = input.status === undefined ? (existing?.status ?? 'planned') : (input.status as PlanItemStatus);
    if (!STATUSES.includes(status)) problems.push({ field: 'status', kind: 'invalid' });
    if (problems.length > 0) return { ok: false, problems };
    const now = this.deps.clock.now();
    const item: PlanItem = { id: existing?.id ?? this.deps.ids.next(), team: ref, text, owner, dueDate, status, createdAt: existing?.createdAt ?? now, updatedAt: now };
    await this.deps.plans.save(item);
    if (item.owner && item.dueDate && item.status !== 'done' && (item.owner.userId !== existing?.owner?.userId || item.dueDate !== existing?.dueDate)) {
      await this.queueOwnerReminder(ref, enrollment, item);
    }
    return { ok: true, item };
  }

  /** Removes a plan item (leaders only). */
  async removePlanItem(ref: TeamRef, leaderId: string, itemId: string): Promise<boolean> {
    await this.deps.teams.requireLeader(ref, leaderId);
    return this.deps.plans.remove(ref, itemId);
  }

  /** Whether a queued owner reminder still applies: the item exists, is not done, and has the same owner and due date. */
  async reminderStillApplies(ref: TeamRef, itemId: string, userId: string, dueDate: string): Promise<PlanItem | undefined> {
    const item = await this.deps.plans.find(ref, itemId);
    return item && item.status !== 'done' && item.owner?.userId === userId && item.dueDate === dueDate ? item : undefined;
  }

  private async queueOwnerReminder(ref: TeamRef, enrollment: Enrollment, item: PlanItem): Promise<void> {
    const date = DateTime.fromISO(item.dueDate!, { zone: 'utc' }).minus({ days: this.deps.reminderDays }).toISODate()!;
    const hours = this.deps.settings ? hoursOf(await this.deps.settings.get(ref.tenantId)) : this.deps.hours;
    const slot = nextAllowedSlot({ date, time: REMINDER_TIME }, enrollment.timeZone, hours).toJSDate();
    const now = this.deps.clock.now();
    // A plan item belongs to the team, not to one course.
    await this.deps.schedules.enqueue(
      { ...ref, courseId: '' },
      'planReminder',
      {
        occurrenceKey: `plan:${item.id}:${item.dueDate}:${item.updatedAt.toISOString()}`,
        dueAt: slot > now ? slot : now,
        status: 'queued',
        targets: [{ targetKey: item.owner!.userId, payload: { kind: 'planReminder', itemId: item.id, userId: item.owner!.userId, dueDate: item.dueDate! } }],
      },
      now,
    );
  }
}

/** An answer's problem as a problem of the field it is about: all the answers, or one of them. */
function answerField(problem: AnswerProblem): NextStepProblem {
  return problem.kind === 'tooLong' ? { field: `answers.${problem.question}`, kind: 'tooLong', length: problem.length, limit: problem.limit } : { field: 'answers', kind: problem.kind };
}
