import { courseText, lessonIds, type Course, type CourseCatalog, type KnowledgeQuestion, type Lesson } from './course.js';
import { NotFoundError } from './errors.js';
import type { PersonRef } from './person.js';
import type { Clock } from './ports.js';

/** A person's choice per question: question id → choice id. */
export type KnowledgeAnswers = Readonly<Record<string, string>>;

/** A person's own answers to one lesson's knowledge check. */
export type KnowledgeResult = {
  readonly courseId: string;
  readonly lessonId: string;
  readonly answers: KnowledgeAnswers;
  readonly answeredAt: Date;
};

/** The organisation as a whole, as a ballot scope (a team's scope is its team id). */
export const ORGANISATION_SCOPE = '';

/**
 * Knowledge-check results and the anonymous ballots the aggregates are counted from.
 * @remarks A result is the person's own (sealed with their key); a ballot has no author, and its choices are sealed
 * under an organisation key, so neither a ballot nor a count of one can be read from a copy of the database.
 */
export interface KnowledgeRepository {
  /** The person's result for the lesson, if any. */
  find(person: PersonRef, courseId: string, lessonId: string): Promise<KnowledgeResult | undefined>;
  /** Every result of the person (for their data export). */
  listForPerson(person: PersonRef): Promise<readonly KnowledgeResult[]>;
  /**
   * Stores the result and one ballot for each scope, at once, unless the person already has a result for the lesson.
   * @returns false when there was one already (nothing is changed).
   */
  record(person: PersonRef, result: KnowledgeResult, scopes: readonly string[]): Promise<boolean>;
  /** The teams the person's answer counts for: teams of their tenant where they are on the roster and the course is set up. */
  countingTeams(person: PersonRef, courseId: string): Promise<readonly string[]>;
  /** The choices of every ballot of one scope and course, opened (no author, in no particular order). */
  ballots(tenantId: string, scope: string, courseId: string): Promise<readonly { readonly lessonId: string; readonly answers: KnowledgeAnswers }[]>;
}

/** A submission of the knowledge-check card: the lesson and a field per question. */
export type KnowledgeSubmission =
  | { readonly kind: 'saved'; readonly result: KnowledgeResult }
  | { readonly kind: 'already'; readonly result: KnowledgeResult }
  | { readonly kind: 'incomplete'; readonly answers: KnowledgeAnswers; readonly missing: readonly string[] };

/** One question's aggregate: hidden (null figures) below the minimum group size. */
export type QuestionAggregate = {
  readonly questionId: string;
  readonly prompt: string;
  /** How many answered; null when fewer than the minimum group size. */
  readonly answered: number | null;
  /** Share (0–1) who chose the correct answer; null when hidden. */
  readonly shareCorrect: number | null;
  readonly choices: readonly { readonly choiceId: string; readonly text: string; readonly correct: boolean; readonly count: number | null }[];
};

/** The aggregates of one lesson's knowledge check. */
export type LessonKnowledgeAggregate = {
  readonly lessonId: string;
  readonly title: string;
  /** True when the figures are hidden because fewer than the minimum group size answered (or the group is too small). */
  readonly tooFewToShow: boolean;
  readonly questions: readonly QuestionAggregate[];
};

/** The question and choice ids of a knowledge check, as one string to compare translations. */
function idsOf(questions: readonly KnowledgeQuestion[]): string {
  return JSON.stringify(questions.map((question) => [question.id, question.choices.map((choice) => choice.id)]));
}

/** The field of the card's choice set for a question. */
export function knowledgeField(questionId: string): string {
  return `q_${questionId}`;
}

/** The knowledge check after a lesson: questions, the person's one answer, and the anonymous aggregates. */
export class KnowledgeService {
  constructor(
    private readonly deps: {
      readonly courses: CourseCatalog;
      readonly knowledge: KnowledgeRepository;
      readonly clock: Clock;
    },
  ) {}

  /** The lesson in the language and its questions; undefined questions when the lesson has no knowledge check. */
  lesson(courseId: string, lessonId: string, language: string): { readonly lesson: Lesson; readonly questions: readonly KnowledgeQuestion[] | undefined } {
    const course = this.course(courseId);
    const lesson = courseText(course, language).lessons.find((candidate) => candidate.id === lessonId);
    if (!lesson) throw new NotFoundError('lesson', lessonId, courseId);
    const questions = lesson.knowledgeCheck && lesson.knowledgeCheck.length > 0 ? lesson.knowledgeCheck : undefined;
    // Answers are kept by the ids of the default language's questions and choices; a translation whose ids differ
    // (a pack the validator should have refused) is not used, so nobody is told "wrong" for a right answer.
    const reference = courseText(course, course.defaultLanguage).lessons.find((candidate) => candidate.id === lessonId)?.knowledgeCheck;
    if (questions && reference && reference !== questions && idsOf(questions) !== idsOf(reference)) return { lesson, questions: reference };
    return { lesson, questions };
  }

  /** The person's result, if they have answered. */
  result(person: PersonRef, courseId: string, lessonId: string): Promise<KnowledgeResult | undefined> {
    return this.deps.knowledge.find(person, courseId, lessonId);
  }

  /**
   * Checks and records the person's answers. One answer per lesson: a second submission (an old card) changes nothing
   * and gets the first result back, so the share of correct answers means what it says.
   */
  async submit(person: PersonRef, courseId: string, lessonId: string, data: Readonly<Record<string, unknown>>): Promise<KnowledgeSubmission> {
    const course = this.course(courseId);
    const questions = this.lesson(courseId, lessonId, course.defaultLanguage).questions;
    if (!questions) throw new NotFoundError('lesson', lessonId, courseId);
    const earlier = await this.deps.knowledge.find(person, courseId, lessonId);
    if (earlier) return { kind: 'already', result: earlier };
    const answers: Record<string, string> = {};
    const missing: string[] = [];
    for (const question of questions) {
      const value = data[knowledgeField(question.id)];
      if (typeof value === 'string' && question.choices.some((choice) => choice.id === value)) answers[question.id] = value;
      else missing.push(question.id);
    }
    if (missing.length > 0) return { kind: 'incomplete', answers, missing };
    const result: KnowledgeResult = { courseId, lessonId, answers, answeredAt: this.deps.clock.now() };
    const teams = await this.deps.knowledge.countingTeams(person, courseId);
    const created = await this.deps.knowledge.record(person, result, [ORGANISATION_SCOPE, ...teams]);
    if (!created) return { kind: 'already', result: (await this.deps.knowledge.find(person, courseId, lessonId)) ?? result };
    return { kind: 'saved', result };
  }

  /**
   * The aggregates per lesson and question for a scope (a team, or the organisation), in the language.
   * @param groupLargeEnough false hides every figure (e.g. a team smaller than the minimum group size).
   * @remarks A lesson's figures are shown only when at least `minGroupSize` people answered it; then the number who
   * answered, the share who chose the correct answer and how many chose each choice. Never anything per person.
   */
  async aggregates(tenantId: string, scope: string, courseId: string, language: string, minGroupSize: number, groupLargeEnough = true): Promise<readonly LessonKnowledgeAggregate[]> {
    const course = this.course(courseId);
    const ballots = await this.deps.knowledge.ballots(tenantId, scope, courseId);
    const text = courseText(course, language);
    return text.lessons
      .filter((lesson) => (lesson.knowledgeCheck?.length ?? 0) > 0)
      .map((lesson) => {
        const mine = ballots.filter((ballot) => ballot.lessonId === lesson.id);
        const hidden = !groupLargeEnough || mine.length < minGroupSize;
        return {
          lessonId: lesson.id,
          title: lesson.title,
          tooFewToShow: hidden,
          questions: lesson.knowledgeCheck!.map((question) => {
            const counts = new Map<string, number>();
            for (const ballot of mine) {
              const choice = ballot.answers[question.id];
              if (choice !== undefined) counts.set(choice, (counts.get(choice) ?? 0) + 1);
            }
            const answered = [...counts.values()].reduce((sum, count) => sum + count, 0);
            const correct = question.choices.filter((choice) => choice.correct).reduce((sum, choice) => sum + (counts.get(choice.id) ?? 0), 0);
            return {
              questionId: question.id,
              prompt: question.prompt,
              answered: hidden ? null : answered,
              shareCorrect: hidden || answered === 0 ? null : correct / answered,
              choices: question.choices.map((choice) => ({ choiceId: choice.id, text: choice.text, correct: choice.correct === true, count: hidden ? null : (counts.get(choice.id) ?? 0) })),
            };
          }),
        };
      });
  }

  private course(courseId: string): Course {
    const course = this.deps.courses.get(courseId);
    if (!course) throw new NotFoundError('course', courseId);
    if (lessonIds(course).length === 0) throw new NotFoundError('course', courseId);
    return course;
  }
}
