import { DateTime } from 'luxon';
import type { AnswerSharing } from './answer-sharing.js';
import { checkAnswers } from './answer-rules.js';
import type { ChannelCourseService } from './channel-course-service.js';
import { nextAllowedSlot, type AllowedHours } from './calendar.js';
import { courseText, dilemmasOf, type CourseCatalog, type Dilemma } from './course.js';
import { DILEMMA_REASON_FORM, DILEMMA_SUBJECT, dilemmaSubject, disclosedTally, type DilemmaChoice, type DilemmaRound, type DilemmaTally } from './dilemma.js';
import type { Enrollment } from './enrollment.js';
import type { DeliveryPayload } from './delivery.js';
import { NotFoundError } from './errors.js';
import type { PersonRef } from './person.js';
import type { Clock, DilemmaRepository, IdGenerator, ScheduleRepository, SharedReplyRepository } from './ports.js';
import type { ReflectionVisibility } from './reflection.js';
import type { SharedReply } from './shared-reply.js';
import type { TeamService } from './team-service.js';
import { hoursOf, type TenantSettingsSource } from './tenant-settings.js';
import type { CourseRef, Team, TeamRef } from './team.js';

/** What is wrong with a choice. */
export type DilemmaProblem =
  | { readonly field: 'option'; readonly kind: 'missing' }
  | { readonly field: 'reason'; readonly kind: 'review' }
  | { readonly field: 'reason'; readonly kind: 'tooLong'; readonly length: number; readonly limit: number };

/** What is wrong with a dilemma a leader asked to schedule. */
export type DilemmaScheduleProblem = { readonly field: 'dilemmaId' | 'date' | 'time'; readonly kind: 'invalid' | 'inPast' | 'alreadyPosted' };

/** A round as a card or the tab shows it: the dilemma in one language and the tally anyone may see. */
export type DilemmaRoundView = {
  readonly round: DilemmaRound;
  readonly dilemma: Dilemma;
  readonly goalNames: readonly string[];
  readonly tally: DilemmaTally;
};

/**
 * Dilemma rounds in a team's channel: a leader posts a dilemma of the course (now or at a time, through the outbox),
 * each member chooses an option (anonymous: nobody sees who chose what) and may give a reason that is private, named
 * or anonymous, shared in the thread by the same {@link AnswerSharing} as reflections. The distribution is shown only
 * once the tenant's minimum group has answered.
 */
export class DilemmaService {
  constructor(
    private readonly deps: {
      readonly dilemmas: DilemmaRepository;
      readonly teams: TeamService;
      /** The team and its setup of a course. */
      readonly channelCourse: Pick<ChannelCourseService, 'activeEnrollment'>;
      readonly schedules: ScheduleRepository;
      readonly sharedReplies: SharedReplyRepository;
      readonly sharing: AnswerSharing;
      readonly courses: CourseCatalog;
      readonly ids: IdGenerator;
      readonly clock: Clock;
      readonly settings: TenantSettingsSource;
      readonly hours?: AllowedHours;
      /** Queues a delivery due now and wakes the outbox worker (the scheduler's "send now"). */
      readonly sendNow: (ref: CourseRef, payload: DeliveryPayload) => Promise<void>;
    },
  ) {}

  /** The team's course dilemmas in a language, and which of them have been posted in the team. */
  async catalog(ref: TeamRef, language?: string): Promise<{ readonly enrollment: Enrollment; readonly dilemmas: readonly Dilemma[]; readonly posted: ReadonlySet<string> }> {
    const { enrollment } = await this.active(ref);
    const rounds = await this.deps.dilemmas.rounds(ref);
    const posted = new Set(rounds.filter((round) => round.courseId === enrollment.courseId).map((round) => round.dilemmaId));
    return { enrollment, dilemmas: dilemmasOf(this.course(enrollment.courseId), language ?? enrollment.language), posted };
  }

  /** The first dilemma of the team's course not yet posted in the team, or undefined when all are. */
  async nextDilemma(ref: TeamRef): Promise<Dilemma | undefined> {
    const { dilemmas, posted } = await this.catalog(ref);
    return dilemmas.find((dilemma) => !posted.has(dilemma.id));
  }

  /** Checks that the team can get a round of the dilemma; returns what the post needs and a fresh round id. */
  async prepareRound(ref: TeamRef, dilemmaId: string): Promise<{ readonly roundId: string; readonly team: Team; readonly enrollment: Enrollment; readonly dilemma: Dilemma; readonly goalNames: readonly string[]; readonly tally: DilemmaTally }> {
    const { team, enrollment } = await this.active(ref);
    const course = this.course(enrollment.courseId);
    const dilemma = dilemmasOf(course, enrollment.language).find((candidate) => candidate.id === dilemmaId);
    if (!dilemma) throw new NotFoundError('dilemma', dilemmaId);
    const tally = disclosedTally(dilemma.options.map((option) => option.id), [], (await this.deps.settings.get(ref.tenantId)).minGroupSize);
    return { roundId: this.deps.ids.next(), team, enrollment, dilemma, goalNames: courseText(course, enrollment.language).goalNames, tally };
  }

  /** Records a round that was posted as a thread. */
  async recordRound(ref: TeamRef, input: { readonly roundId: string; readonly courseId: string; readonly dilemmaId: string; readonly threadId: string; readonly activityId: string }): Promise<DilemmaRound> {
    const round: DilemmaRound = { id: input.roundId, team: ref, courseId: input.courseId, dilemmaId: input.dilemmaId, threadId: input.threadId, activityId: input.activityId, startedAt: this.deps.clock.now() };
    await this.deps.dilemmas.recordRound(round);
    return round;
  }

  /** The round in a language, with the tally anyone may see. */
  async view(ref: TeamRef, roundId: string, language: string): Promise<DilemmaRoundView> {
    const round = await this.deps.dilemmas.round(ref, roundId);
    if (!round) throw new NotFoundError('round', roundId);
    return this.viewOf(round, language);
  }

  /** Every round of the team, newest first, with its tally and what was shared in its thread. */
  async rounds(ref: TeamRef, language: string): Promise<readonly (DilemmaRoundView & { readonly shared: readonly SharedReply[] })[]> {
    const rounds = await this.deps.dilemmas.rounds(ref);
    return Promise.all(
      rounds.map(async (round) => ({ ...(await this.viewOf(round, language)), shared: await this.deps.sharedReplies.listForLesson(ref, DILEMMA_SUBJECT, round.id) })),
    );
  }

  /** The person's own choice in a round, if any. */
  ownChoice(person: PersonRef, roundId: string): Promise<DilemmaChoice | undefined> {
    return this.deps.dilemmas.findChoice(person, roundId);
  }

  /**
   * Saves a person's choice (again = change it) and shares the reason in the round's thread as they chose.
   * @remarks One row per person and round, so a changed choice moves one count. The choice is saved before anything
   * is posted, so a failed post loses nothing.
   */
  async choose(
    person: PersonRef,
    authorName: string,
    ref: TeamRef,
    input: { readonly roundId: string; readonly optionId: unknown; readonly reason: unknown; readonly visibility: ReflectionVisibility; readonly basis?: unknown },
  ): Promise<{ readonly ok: true; readonly created: boolean; readonly choice: DilemmaChoice } | { readonly ok: false; readonly problems: readonly DilemmaProblem[]; readonly optionId: string | undefined; readonly reason: string }> {
    const { team, enrollment } = await this.active(ref);
    const round = await this.deps.dilemmas.round(ref, input.roundId);
    if (!round) throw new NotFoundError('round', input.roundId);
    const dilemma = this.dilemmaOf(round, enrollment.language);
    const earlier = await this.deps.dilemmas.findChoice(person, round.id);
    const optionId = typeof input.optionId === 'string' && dilemma.options.some((option) => option.id === input.optionId) ? input.optionId : undefined;
    const checked = checkAnswers(DILEMMA_REASON_FORM, { subject: dilemmaSubject(round.id), submitted: [input.reason], stored: earlier ? [earlier.reason] : undefined, basis: input.basis });
    const [reason] = checked.answers;
    const problems: DilemmaProblem[] = [];
    if (!optionId) problems.push({ field: 'option', kind: 'missing' });
    for (const problem of checked.problems) {
      if (problem.kind === 'review') problems.push({ field: 'reason', kind: 'review' });
      else if (problem.kind === 'tooLong') problems.push({ field: 'reason', kind: 'tooLong', length: problem.length, limit: problem.limit });
    }
    if (problems.length > 0 || !optionId) return { ok: false, problems, optionId, reason };
    // A reason left empty is kept private: there is nothing to share.
    const visibility: ReflectionVisibility = reason === '' ? 'private' : input.visibility;
    const base = { roundId: round.id, optionId, reason, visibility };
    const { created } = await this.deps.dilemmas.saveChoice(person, ref, { ...base, sharedReplyId: earlier?.sharedReplyId }, this.deps.clock.now());
    const option = dilemma.options.find((candidate) => candidate.id === optionId)!;
    const sharedReplyId = await this.deps.sharing.apply({
      team,
      subject: { courseId: DILEMMA_SUBJECT, lessonId: round.id },
      threadId: round.threadId,
      previous: earlier?.sharedReplyId ? { replyId: earlier.sharedReplyId, visibility: earlier.visibility } : undefined,
      visibility,
      content: { kind: 'dilemma', authorName: visibility === 'named' ? authorName : undefined, title: dilemma.title, questions: [''], answers: [reason], language: enrollment.language, choice: option.label },
    });
    if (sharedReplyId !== earlier?.sharedReplyId) await this.deps.dilemmas.saveChoice(person, ref, { ...base, sharedReplyId }, this.deps.clock.now());
    const saved = await this.deps.dilemmas.findChoice(person, round.id);
    return { ok: true, created, choice: saved! };
  }

  /**
   * Queues a dilemma to be posted at a local date and time (moved into the tenant's sending hours, as scheduled rounds
   * are), or now; leaders only. The post goes through the outbox like every scheduled round.
   */
  async schedule(
    ref: TeamRef,
    leaderId: string,
    input: { readonly dilemmaId?: unknown; readonly date?: unknown; readonly time?: unknown },
  ): Promise<{ readonly ok: true; readonly dilemma: Dilemma; readonly dueAt: Date; readonly enrollment: Enrollment } | { readonly ok: false; readonly problems: readonly DilemmaScheduleProblem[] } | { readonly ok: true; readonly dilemma: undefined; readonly enrollment: Enrollment }> {
    await this.deps.teams.requireLeader(ref, leaderId);
    const { dilemmas, posted, enrollment } = await this.catalog(ref);
    const problems: DilemmaScheduleProblem[] = [];
    let dilemmaId: string | undefined;
    if (input.dilemmaId === undefined || input.dilemmaId === '') dilemmaId = dilemmas.find((dilemma) => !posted.has(dilemma.id))?.id;
    else if (typeof input.dilemmaId === 'string' && dilemmas.some((dilemma) => dilemma.id === input.dilemmaId)) dilemmaId = input.dilemmaId;
    else problems.push({ field: 'dilemmaId', kind: 'invalid' });
    if (dilemmaId && posted.has(dilemmaId)) problems.push({ field: 'dilemmaId', kind: 'alreadyPosted' });
    const now = this.deps.clock.now();
    let dueAt = now;
    let later = false;
    if (input.date !== undefined && input.date !== '') {
      const date = typeof input.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(input.date) && DateTime.fromISO(input.date).isValid ? input.date : undefined;
      const time = input.time === undefined || input.time === '' ? enrollment.reflectionTime : typeof input.time === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(input.time) ? input.time : undefined;
      if (!date) problems.push({ field: 'date', kind: 'invalid' });
      if (!time) problems.push({ field: 'time', kind: 'invalid' });
      if (date && time) {
        const hours = hoursOf(await this.deps.settings.get(ref.tenantId));
        dueAt = nextAllowedSlot({ date, time }, enrollment.timeZone, hours).toJSDate();
        if (date < DateTime.fromJSDate(now, { zone: enrollment.timeZone }).toISODate()!) problems.push({ field: 'date', kind: 'inPast' });
        if (dueAt < now) dueAt = now;
        later = dueAt > now;
      }
    }
    if (problems.length > 0) return { ok: false, problems };
    const dilemma = dilemmas.find((candidate) => candidate.id === dilemmaId);
    if (!dilemma) return { ok: true, dilemma: undefined, enrollment };
    const payload: DeliveryPayload = { kind: 'dilemmaRound', courseId: enrollment.courseId, dilemmaId: dilemma.id };
    const courseRef = { ...ref, courseId: enrollment.courseId };
    if (!later) {
      await this.deps.sendNow(courseRef, payload);
      return { ok: true, dilemma, dueAt, enrollment };
    }
    await this.deps.schedules.enqueue(
      courseRef,
      'dilemma',
      {
        occurrenceKey: `dilemma:${dilemma.id}:${dueAt.toISOString()}:${now.toISOString()}`,
        dueAt,
        status: 'queued',
        targets: [{ targetKey: 'channel', payload }],
      },
      now,
    );
    return { ok: true, dilemma, dueAt, enrollment };
  }

  private async viewOf(round: DilemmaRound, language: string): Promise<DilemmaRoundView> {
    const dilemma = this.dilemmaOf(round, language);
    const [chosen, settings] = await Promise.all([this.deps.dilemmas.chosenOptions(round.team, round.id), this.deps.settings.get(round.team.tenantId)]);
    const tally = disclosedTally(
      dilemma.options.map((option) => option.id),
      chosen,
      settings.minGroupSize,
    );
    return { round, dilemma, goalNames: courseText(this.course(round.courseId), language).goalNames, tally };
  }

  private dilemmaOf(round: DilemmaRound, language: string): Dilemma {
    const dilemma = dilemmasOf(this.course(round.courseId), language).find((candidate) => candidate.id === round.dilemmaId);
    if (!dilemma) throw new NotFoundError('dilemma', round.dilemmaId);
    return dilemma;
  }

  private course(courseId: string) {
    return this.deps.courses.get(courseId) ?? this.deps.courses.defaultCourse();
  }

  /** The active team and the course its dilemmas come from: the latest course that has any, else the latest course. */
  private active(ref: TeamRef): Promise<{ readonly team: Team; readonly enrollment: Enrollment }> {
    return this.deps.channelCourse.activeEnrollment(ref, undefined, (running) => {
      const withDilemmas = running.filter((candidate) => (this.deps.courses.get(candidate.courseId)?.content[candidate.language]?.dilemmas?.length ?? 0) > 0);
      return withDilemmas.at(-1) ?? running.at(-1);
    });
  }
}
