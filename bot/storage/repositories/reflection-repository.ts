import type { Kysely } from 'kysely';
import type { PersonRef } from '../../core/person.js';
import type { ReflectionRepository } from '../../core/ports.js';
import type { Reflection, ReflectionAnswers, ReflectionVisibility } from '../../core/reflection.js';
import type { Sealer } from '../sealing.js';
import type { Database } from '../schema.js';
import { SealedAnswerStore, type StoredAnswer } from './sealed-answer-store.js';

/** What is sealed in a reflection row besides the reply link and the times. */
type SealedReflection = {
  readonly answers: ReflectionAnswers;
  readonly visibility: ReflectionVisibility;
};

/**
 * Reflections in the `reflections` table, one row per person per lesson, content sealed per person.
 * @remarks A reflection given in a team's channel belongs to that team's round of the lesson (see {@link SealedAnswerStore}).
 */
export class SqlReflectionRepository implements ReflectionRepository {
  private readonly store: SealedAnswerStore<'reflections', SealedReflection>;

  constructor(db: Kysely<Database>, sealer: Sealer, engine: 'sqlite' | 'postgres') {
    this.store = new SealedAnswerStore(db, sealer, engine, 'reflections');
  }

  save(person: PersonRef, reflection: Omit<Reflection, 'createdAt' | 'updatedAt'>, at: Date): Promise<{ readonly created: boolean }> {
    return this.store.save(
      person,
      {
        subject: { course_id: reflection.courseId, lesson_id: reflection.lessonId },
        teamId: reflection.teamId,
        content: { answers: reflection.answers, visibility: reflection.visibility },
        sharedReplyId: reflection.sharedReplyId,
      },
      at,
    );
  }

  async find(person: PersonRef, courseId: string, lessonId: string): Promise<Reflection | undefined> {
    const stored = await this.store.find(person, { course_id: courseId, lesson_id: lessonId });
    return stored ? toReflection(stored) : undefined;
  }

  async listForPerson(person: PersonRef, courseId: string): Promise<readonly Reflection[]> {
    return (await this.store.list(person, { course_id: courseId })).map(toReflection);
  }

  remove(person: PersonRef, courseId: string, lessonId: string): Promise<boolean> {
    return this.store.remove(person, { course_id: courseId, lesson_id: lessonId });
  }

  count(person: PersonRef, courseId: string): Promise<number> {
    return this.store.count(person, { course_id: courseId });
  }
}

function toReflection(stored: StoredAnswer<'reflections', SealedReflection>): Reflection {
  return {
    courseId: stored.subject.course_id,
    lessonId: stored.subject.lesson_id,
    answers: stored.content.answers,
    visibility: stored.content.visibility,
    teamId: stored.teamId,
    sharedReplyId: stored.sharedReplyId,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
}
