import type { Kysely } from 'kysely';
import type { DilemmaChoice, DilemmaRound } from '../../core/dilemma.js';
import type { PersonRef } from '../../core/person.js';
import type { DilemmaRepository } from '../../core/ports.js';
import type { ReflectionVisibility } from '../../core/reflection.js';
import type { TeamRef } from '../../core/team.js';
import type { Sealer } from '../sealing.js';
import type { Database } from '../schema.js';
import { SealedAnswerStore, type StoredAnswer } from './sealed-answer-store.js';

/**
 * What is sealed in a choice row besides the reply link and the times: everything it says.
 * @remarks The reason is kept as `answers: [reason]`, the shape retention redacts in every sealed table.
 */
type SealedChoice = {
  readonly optionId: string;
  readonly answers: readonly [string];
  readonly visibility: ReflectionVisibility;
};

/**
 * Dilemma rounds and choices, under the same rules as reflections: one row per person and round, its content sealed
 * per person and padded to one size, every row of a round carrying the round's first day, and the round's rows
 * re-inserted in a fresh random order (under the round's lock) on every write, so a copy of the database tells
 * neither who chose what nor who answered when.
 */
export class SqlDilemmaRepository implements DilemmaRepository {
  private readonly choices: SealedAnswerStore<'dilemma_choices', SealedChoice>;

  constructor(
    private readonly db: Kysely<Database>,
    sealer: Sealer,
    engine: 'sqlite' | 'postgres',
  ) {
    this.choices = new SealedAnswerStore(db, sealer, engine, 'dilemma_choices');
  }

  async recordRound(round: DilemmaRound): Promise<void> {
    await this.db
      .insertInto('dilemma_rounds')
      .values({
        id: round.id,
        tenant_id: round.team.tenantId,
        team_id: round.team.teamId,
        course_id: round.courseId,
        dilemma_id: round.dilemmaId,
        thread_id: round.threadId,
        activity_id: round.activityId,
        started_at: round.startedAt.toISOString(),
      })
      .execute();
  }

  async round(team: TeamRef, roundId: string): Promise<DilemmaRound | undefined> {
    const row = await this.db.selectFrom('dilemma_rounds').selectAll().where('tenant_id', '=', team.tenantId).where('team_id', '=', team.teamId).where('id', '=', roundId).executeTakeFirst();
    return row ? toRound(row) : undefined;
  }

  async rounds(team: TeamRef): Promise<readonly DilemmaRound[]> {
    const rows = await this.db.selectFrom('dilemma_rounds').selectAll().where('tenant_id', '=', team.tenantId).where('team_id', '=', team.teamId).orderBy('started_at', 'desc').orderBy('id').execute();
    return rows.map(toRound);
  }

  saveChoice(person: PersonRef, team: TeamRef, choice: Omit<DilemmaChoice, 'createdAt' | 'updatedAt'>, at: Date): Promise<{ readonly created: boolean }> {
    return this.choices.save(
      person,
      {
        subject: { round_id: choice.roundId },
        teamId: team.teamId,
        content: { optionId: choice.optionId, answers: [choice.reason], visibility: choice.visibility },
        sharedReplyId: choice.sharedReplyId,
      },
      at,
    );
  }

  async findChoice(person: PersonRef, roundId: string): Promise<DilemmaChoice | undefined> {
    const stored = await this.choices.find(person, { round_id: roundId });
    return stored ? toChoice(stored) : undefined;
  }

  async choicesOf(person: PersonRef): Promise<readonly (DilemmaChoice & { readonly teamId: string })[]> {
    return (await this.choices.list(person)).map(toChoice);
  }

  async chosenOptions(team: TeamRef, roundId: string): Promise<readonly string[]> {
    return (await this.choices.contentsOfRound(team, { round_id: roundId })).map((choice) => choice.optionId);
  }
}

function toChoice(stored: StoredAnswer<'dilemma_choices', SealedChoice>): DilemmaChoice & { readonly teamId: string } {
  return {
    roundId: stored.subject.round_id,
    teamId: stored.teamId,
    optionId: stored.content.optionId,
    reason: stored.content.answers[0] ?? '',
    visibility: stored.content.visibility,
    sharedReplyId: stored.sharedReplyId,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
}

function toRound(row: { id: string; tenant_id: string; team_id: string; course_id: string; dilemma_id: string; thread_id: string; activity_id: string; started_at: string }): DilemmaRound {
  return {
    id: row.id,
    team: { tenantId: row.tenant_id, teamId: row.team_id },
    courseId: row.course_id,
    dilemmaId: row.dilemma_id,
    threadId: row.thread_id,
    activityId: row.activity_id,
    startedAt: new Date(row.started_at),
  };
}
