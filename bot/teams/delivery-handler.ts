import { nextStepsCard } from '../../cards/views/next-steps-card.js';
import type { ChannelCourseService } from '../core/channel-course-service.js';
import { courseText } from '../core/course.js';
import { DomainError, NotSetUpError, TeamInactiveError } from '../core/errors.js';
import { LeaseLostError, SendFailure, dilemmaPostKey, lessonPostKey, nextStepsPostKey, roundPostKey, type DeliveryContext, type DeliveryPayload, type OutboxItem } from '../core/delivery.js';
import type { NextStepsService } from '../core/next-steps-service.js';
import type { DilemmaService } from '../core/dilemma-service.js';
import type { AnswerSharing } from '../core/answer-sharing.js';
import { dilemmaCard } from '../../cards/views/dilemma-card.js';
import type { DeliveryHandler, PersonRepository, ProgressRepository, TeamRepository } from '../core/ports.js';
import type { TeamRef } from '../core/team.js';
import { resolveLanguage } from '../i18n/resolve-language.js';
import { translator } from '../i18n/translator.js';
import type { ChannelPublisher } from './channel-publisher.js';
import type { BotConnector } from './bot-connector.js';
import { classifySendError, httpStatusOf } from './classify-send-error.js';
import { withSendGuard } from './messenger.js';
import { courseReminderCard, planItemReminderCard } from './views/reminder-views.js';

/**
 * Sends outbox rows on the Bot Connector: channel lessons, reflection rounds, 1:1 reminders, next-steps and dilemma
 * rounds, and the replies authors share in threads.
 * @remarks The lesson or round is chosen when it is queued (or on the first attempt, and remembered), then claimed for
 * the team before it is posted: a second row for the same lesson (a "send now" meeting a due schedule) finds the claim
 * taken and posts nothing. Every write to Teams first renews the row's lease (a send guard), so a row another worker
 * has claimed since is never sent from here.
 */
export class TeamsDeliveryHandler implements DeliveryHandler {
  constructor(
    private readonly deps: {
      readonly publisher: ChannelPublisher;
      readonly channelCourse: ChannelCourseService;
      readonly connector: BotConnector;
      readonly people: PersonRepository;
      readonly progress: ProgressRepository;
      readonly nextSteps: NextStepsService;
      readonly dilemmas: DilemmaService;
      /** Brings shared replies in their threads in step with their authors' choices. */
      readonly sharing: AnswerSharing;
      readonly teamRepository: TeamRepository;
      /** The one tenant rule: a tenant taken off the allowed list gets nothing more, whatever was queued for it. */
      readonly tenantAllowed: (tenantId: string) => boolean;
    },
  ) {}

  async deliver(item: OutboxItem, context: DeliveryContext): Promise<{ readonly activityId?: string }> {
    if (!this.deps.tenantAllowed(item.team.tenantId)) throw new SendFailure('tenantNotAllowed', true);
    try {
      return await withSendGuard(context.holdLease, () => this.send(item, context));
    } catch (error) {
      if (error instanceof LeaseLostError) throw error;
      // The team is no longer active or the course no longer set up: trying again cannot help, and the leader sees why.
      if (error instanceof TeamInactiveError) throw new SendFailure(await this.inactiveCode(item), true);
      if (error instanceof DomainError) throw new SendFailure(error.code, true);
      // The Messenger's verdict, or a Teams request's answer: classified by the one classifier. Anything else (a bug, the
      // database away) is no verdict: the outbox retries it as a crash.
      if (error instanceof SendFailure || httpStatusOf(error) !== undefined) throw classifySendError(error);
      throw error;
    }
  }

  /** `team<Status>` (e.g. `teamRemoved` when the app was removed), as the scheduler writes it for a skipped firing. */
  private async inactiveCode(item: OutboxItem): Promise<string> {
    const status = (await this.deps.teamRepository.find(item.team))?.status ?? 'deleted';
    return `team${status[0]!.toUpperCase()}${status.slice(1)}`;
  }

  private async send(item: OutboxItem, context: DeliveryContext): Promise<{ readonly activityId?: string }> {
    const { payload, team } = item;
    switch (payload.kind) {
      case 'channelLesson': {
        // `courseId`: rows queued before migration 0016 may lack it, and are then for the team's only course.
        const lessonId = payload.lessonId ?? (await this.deps.channelCourse.nextLessonToPost(team, payload.courseId))?.lesson.id;
        if (!lessonId) return {};
        if (!payload.lessonId) await context.remember({ ...payload, lessonId });
        const { enrollment } = await this.deps.channelCourse.activeEnrollment(team, payload.courseId);
        if (!(await this.claimed(context, lessonPostKey(enrollment.courseId, lessonId), payload.again))) return {};
        return { activityId: await this.deps.publisher.postLesson(team, enrollment.courseId, lessonId) };
      }
      case 'reflectionRound': {
        const lessonId = payload.lessonId ?? (await this.deps.publisher.lessonAwaitingRound(team, payload.courseId));
        if (!lessonId) return {};
        if (!payload.lessonId) await context.remember({ ...payload, lessonId });
        const { enrollment } = await this.deps.channelCourse.activeEnrollment(team, payload.courseId);
        if (!(await this.claimed(context, roundPostKey(enrollment.courseId, lessonId), payload.again))) return {};
        return { activityId: (await this.deps.publisher.startRound(team, enrollment.courseId, lessonId))?.activityId };
      }
      case 'nextStepsRound':
        return { activityId: await this.postNextSteps(item, payload, context) };
      case 'reminder':
        return { activityId: await this.remind(item, payload, context) };
      case 'planReminder':
        return { activityId: await this.remindOwner(item, payload) };
      case 'dilemmaRound':
        return { activityId: await this.postDilemma(item, payload, context) };
      case 'threadReply':
        return { activityId: await this.deps.sharing.sync(payload.replyId, context) };
      case 'lessonCount':
        await this.deps.publisher.updateLessonCount(team, payload.courseId, payload.lessonId);
        return {};
    }
  }

  /**
   * Claims the post; false when another row posted it or is posting it. A claim held by a row that gave up is taken over
   * only by a coordinator's "send now" (`again`); any other row fails with `earlierTryGaveUp`, so the course does not
   * stall behind it unseen: the coordinator sees why and can send it again.
   */
  private async claimed(context: DeliveryContext, postKey: string, again: boolean | undefined): Promise<boolean> {
    const claim = await context.claimPost(postKey, { takeOverGaveUp: again === true });
    if (claim === 'gaveUp') throw new SendFailure('earlierTryGaveUp', true);
    return claim === 'claimed';
  }

  private async postNextSteps(item: OutboxItem, payload: Extract<DeliveryPayload, { kind: 'nextStepsRound' }>, context: DeliveryContext): Promise<string | undefined> {
    const prepared = await this.deps.nextSteps.prepareRound(item.team, payload.leaderId, payload.courseId);
    const { team, enrollment, questions } = prepared;
    // The round id is kept from the first attempt, so a retry posts the same round.
    const roundId = payload.roundId ?? prepared.roundId;
    if (!payload.roundId) await context.remember({ ...payload, roundId });
    // Every next-steps row is a coordinator's "send now", so it may take over a claim whose row gave up.
    if (payload.after !== undefined && (await context.claimPost(nextStepsPostKey(payload.after, payload.courseId), { takeOverGaveUp: true })) !== 'claimed') return undefined;
    const refreshUserIds = await this.deps.channelCourse.refreshUserIds(item.team);
    const card = nextStepsCard({ teamName: team.name, roundId, questions, channel: { teamId: item.team.teamId, refreshUserIds } }, translator(enrollment.language));
    const { threadId, activityId } = await this.deps.connector.postToChannel(team, enrollment.channelId, card);
    await this.deps.nextSteps.recordRound({ ...item.team, courseId: enrollment.courseId }, roundId, threadId, activityId);
    return activityId;
  }

  /** Posts a dilemma as a new thread in the course channel, once per team (its post key), and records the round. */
  private async postDilemma(item: OutboxItem, payload: Extract<DeliveryPayload, { kind: 'dilemmaRound' }>, context: DeliveryContext): Promise<string | undefined> {
    const prepared = await this.deps.dilemmas.prepareRound(item.team, payload.dilemmaId);
    const { team, enrollment, dilemma, goalNames, tally } = prepared;
    // The round id is kept from the first attempt, so a retry posts the same round.
    const roundId = payload.roundId ?? prepared.roundId;
    if (!payload.roundId) await context.remember({ ...payload, roundId });
    // A dilemma queued twice (a double click, a schedule meeting a "send now") is posted once.
    if ((await context.claimPost(dilemmaPostKey(enrollment.courseId, dilemma.id), { takeOverGaveUp: true })) !== 'claimed') return undefined;
    const refreshUserIds = await this.deps.channelCourse.refreshUserIds(item.team);
    const card = dilemmaCard({ roundId, dilemma, goalNames, tally, channel: { teamId: item.team.teamId, refreshUserIds } }, translator(enrollment.language));
    const { threadId, activityId } = await this.deps.connector.postToChannel(team, enrollment.channelId, card);
    await this.deps.dilemmas.recordRound(item.team, { roundId, courseId: enrollment.courseId, dilemmaId: dilemma.id, threadId, activityId });
    return activityId;
  }

  private async remindOwner(item: OutboxItem, payload: Extract<DeliveryPayload, { kind: 'planReminder' }>): Promise<string | undefined> {
    const planItem = await this.deps.nextSteps.reminderStillApplies(item.team, payload.itemId, payload.userId, payload.dueDate);
    if (!planItem) return undefined;
    // A plan item belongs to the team, not a course: the language of the team's latest course.
    const enrollment = (await this.deps.channelCourse.enrollments(item.team)).at(-1);
    const team = await this.deps.teamRepository.find(item.team);
    if (!team || team.status !== 'active') throw new TeamInactiveError();
    if (!enrollment) throw new NotSetUpError();
    const member = await this.deps.teamRepository.findMember(item.team, payload.userId);
    if (!member) throw new SendFailure('notMember', true);
    const person = { tenantId: team.tenantId, userId: payload.userId };
    const t = translator(resolveLanguage(await this.deps.people.language(person), enrollment.language));
    const card = planItemReminderCard(planItem.text, payload.dueDate, team.name, t);
    return this.deps.connector.sendPersonal(team, member.teamsUserId, card);
  }

  private async remind(item: OutboxItem, payload: Extract<DeliveryPayload, { kind: 'reminder' }>, context: DeliveryContext): Promise<string> {
    const { claim } = context;
    // What every reminder of the claim's team and course shares is read once for the claim, not once per person.
    const teamKey = `${item.team.tenantId}\n${item.team.teamId}\n${payload.courseId ?? ''}`;
    const { team, enrollment } = await claim.shared(`enrollment\n${teamKey}`, () => this.deps.channelCourse.activeEnrollment(item.team, payload.courseId));
    const [course, readers] = await Promise.all([
      claim.shared(`course\n${team.tenantId}\n${enrollment.courseId}`, () => this.deps.channelCourse.course(team.tenantId, enrollment.courseId)),
      claim.shared(`readers\n${teamKey}\n${enrollment.courseId}`, () => this.readers(claim.items, item.team, payload.courseId, enrollment.courseId)),
    ]);
    const t = translator(resolveLanguage(readers.languages.get(payload.userId), enrollment.language));
    const card = courseReminderCard(courseText(course, t.language), readers.read.get(payload.userId) ?? new Set<string>(), payload.dueDate, t);
    return this.deps.connector.sendPersonal(team, payload.teamsUserId, card);
  }

  /**
   * The languages and read lessons of everyone the claim reminds in this team for the course the rows were queued for
   * (`queuedCourseId`; `courseId` is the course it resolved to), in two reads.
   */
  private async readers(
    items: readonly OutboxItem[],
    team: TeamRef,
    queuedCourseId: string | undefined,
    courseId: string,
  ): Promise<{ readonly languages: ReadonlyMap<string, string>; readonly read: ReadonlyMap<string, ReadonlySet<string>> }> {
    const userIds = new Set<string>();
    for (const { payload, team: other } of items) {
      if (payload.kind === 'reminder' && other.tenantId === team.tenantId && other.teamId === team.teamId && payload.courseId === queuedCourseId) userIds.add(payload.userId);
    }
    const ids = [...userIds];
    const [languages, read] = await Promise.all([this.deps.people.languages(team.tenantId, ids), this.deps.progress.readLessonIdsOf(team.tenantId, ids, courseId)]);
    return { languages, read };
  }
}
