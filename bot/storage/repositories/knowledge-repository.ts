import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { KnowledgeAnswers, KnowledgeRepository, KnowledgeResult } from '../../core/knowledge.js';
import type { PersonRef } from '../../core/person.js';
import type { Sealer } from '../sealing.js';
import type { Database } from '../schema.js';

/** Padded size of a sealed result or ballot: up to three question ids and choice ids of 64 characters, and a time. */
export const SEALED_KNOWLEDGE_BYTES = 1_024;

/**
 * The "person" an organisation's ballots are sealed for: no Entra object id contains '#', so no person's key is the
 * ballots' key.
 */
export const BALLOT_SEAL_SUBJECT = '#knowledge-ballots';

type SealedResult = { readonly answers: KnowledgeAnswers; readonly answeredAt: string };
type SealedBallot = { readonly answers: KnowledgeAnswers };

/** Knowledge-check results (sealed per person) and ballots (no author, sealed per organisation). */
export class SqlKnowledgeRepository implements KnowledgeRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly sealer: Sealer,
  ) {}

  async find(person: PersonRef, courseId: string, lessonId: string): Promise<KnowledgeResult | undefined> {
    const row = await this.db
      .selectFrom('knowledge_results')
      .select(['course_id', 'lesson_id', 'sealed'])
      .where('tenant_id', '=', person.tenantId)
      .where('user_id', '=', person.userId)
      .where('course_id', '=', courseId)
      .where('lesson_id', '=', lessonId)
      .executeTakeFirst();
    return row ? this.open(person, row) : undefined;
  }

  async listForPerson(person: PersonRef): Promise<readonly KnowledgeResult[]> {
    const rows = await this.db
      .selectFrom('knowledge_results')
      .select(['course_id', 'lesson_id', 'sealed'])
      .where('tenant_id', '=', person.tenantId)
      .where('user_id', '=', person.userId)
      .execute();
    return rows.map((row) => this.open(person, row));
  }

  async record(person: PersonRef, result: KnowledgeResult, scopes: readonly string[]): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const sealed = this.sealer.seal(person.tenantId, person.userId, { answers: result.answers, answeredAt: result.answeredAt.toISOString() } satisfies SealedResult, SEALED_KNOWLEDGE_BYTES);
      const inserted = await trx
        .insertInto('knowledge_results')
        .values({ tenant_id: person.tenantId, user_id: person.userId, course_id: result.courseId, lesson_id: result.lessonId, sealed })
        .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'course_id', 'lesson_id']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return false;
      const ballot = (scope: string) => ({
        id: randomUUID(),
        tenant_id: person.tenantId,
        scope,
        course_id: result.courseId,
        lesson_id: result.lessonId,
        sealed: this.sealer.seal(person.tenantId, BALLOT_SEAL_SUBJECT, { answers: result.answers } satisfies SealedBallot, SEALED_KNOWLEDGE_BYTES),
      });
      if (scopes.length > 0) await trx.insertInto('knowledge_ballots').values(scopes.map(ballot)).execute();
      return true;
    });
  }

  async countingTeams(person: PersonRef, courseId: string): Promise<readonly string[]> {
    const rows = await this.db
      .selectFrom('team_members')
      .innerJoin('enrollments', (join) => join.onRef('enrollments.tenant_id', '=', 'team_members.tenant_id').onRef('enrollments.team_id', '=', 'team_members.team_id'))
      .select('team_members.team_id')
      .where('team_members.tenant_id', '=', person.tenantId)
      .where('team_members.user_id', '=', person.userId)
      .where('enrollments.course_id', '=', courseId)
      .execute();
    return [...new Set(rows.map((row) => row.team_id))];
  }

  async ballots(tenantId: string, scope: string, courseId: string): Promise<readonly { readonly lessonId: string; readonly answers: KnowledgeAnswers }[]> {
    const rows = await this.db
      .selectFrom('knowledge_ballots')
      .select(['lesson_id', 'sealed'])
      .where('tenant_id', '=', tenantId)
      .where('scope', '=', scope)
      .where('course_id', '=', courseId)
      .execute();
    return rows.map((row) => ({ lessonId: row.lesson_id, answers: this.sealer.open<SealedBallot>(tenantId, BALLOT_SEAL_SUBJECT, row.sealed).answers }));
  }

  private open(person: PersonRef, row: { course_id: string; lesson_id: string; sealed: string }): KnowledgeResult {
    const open = this.sealer.open<SealedResult>(person.tenantId, person.userId, row.sealed);
    return { courseId: row.course_id, lessonId: row.lesson_id, answers: open.answers, answeredAt: new Date(open.answeredAt) };
  }
}
