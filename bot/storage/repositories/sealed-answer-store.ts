import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import type { PersonRef } from '../../core/person.js';
import type { ReflectionVisibility } from '../../core/reflection.js';
import type { TeamRef } from '../../core/team.js';
import { SEALED_DILEMMA_BYTES, SEALED_NEXT_STEP_BYTES, SEALED_REFLECTION_BYTES, type Sealer } from '../sealing.js';
import type { Database } from '../schema.js';
import { lockRounds, type RoundKey } from './round-lock.js';
import { shuffled } from './row-order.js';

/** Rows inserted per statement when a round is rewritten. */
const REWRITE_CHUNK = 50;

/**
 * The tables of sealed answers: the columns that name what an answer is about (with `tenant_id` and `user_id`, a row's
 * key; with `tenant_id` and `team_id`, its round's) and the size a sealed value is padded to.
 */
export const SEALED_ANSWER_TABLES = {
  reflections: { subject: ['course_id', 'lesson_id'], bytes: SEALED_REFLECTION_BYTES },
  next_step_answers: { subject: ['round_id'], bytes: SEALED_NEXT_STEP_BYTES },
  dilemma_choices: { subject: ['round_id'], bytes: SEALED_DILEMMA_BYTES },
} as const;

/** A table of sealed answers. */
export type SealedAnswerTable = keyof typeof SEALED_ANSWER_TABLES;

/** What an answer in the table is about: a course's lesson, or a round. */
export type AnswerSubject<T extends SealedAnswerTable> = { readonly [K in (typeof SEALED_ANSWER_TABLES)[T]['subject'][number]]: string };

/** The team an answer of the table was given in: optional only where answers outside a team exist (personal chat). */
export type AnswerTeam<T extends SealedAnswerTable> = null extends Database[T]['team_id'] ? string | undefined : string;

/**
 * What every sealed answer holds: the answers (which retention redacts to empty strings) and who may see them.
 * @remarks A table may seal more (a dilemma choice's option); its fields come first in the sealed value.
 */
export type SealedAnswerContent = { readonly answers: readonly string[]; readonly visibility: ReflectionVisibility };

/** What is sealed in a row: the content, the link to the reply it was shared as, and the exact times. */
type Sealed<C> = C & { readonly sharedReplyId?: string; readonly createdAt: string; readonly updatedAt: string };

/** An answer to store. */
export type AnswerToStore<T extends SealedAnswerTable, C extends SealedAnswerContent> = {
  readonly subject: AnswerSubject<T>;
  /** The team whose round it is given in; left out, it stays in the round it was first given in (if any). */
  readonly teamId: AnswerTeam<T>;
  readonly content: C;
  readonly sharedReplyId: string | undefined;
};

/** An answer as read back: as stored, with when it was first and last written. */
export type StoredAnswer<T extends SealedAnswerTable, C extends SealedAnswerContent> = AnswerToStore<T, C> & { readonly createdAt: Date; readonly updatedAt: Date };

/** A row of any of the tables, as far as the store reads it. */
type AnswerRow = { readonly [column: string]: string | number | null };

/**
 * One person's answers to subjects, one row per person and subject, everything they say sealed with the person's key.
 * @remarks The rules that keep a copy of the database from telling who answered what or when: the sealed value is
 * padded to one size per table, a row shows only the day (`created_on`), every row of a team's round carries the
 * round's first day, and every write re-inserts the round's rows in a fresh random order (row-order.ts) under the
 * round's lock (round-lock.ts). Writing again replaces the answer and clears `text_removed`.
 */
export class SealedAnswerStore<T extends SealedAnswerTable, C extends SealedAnswerContent> {
  private readonly subjectColumns: readonly string[];
  private readonly bytes: number;
  /** The table under a name Kysely knows every shared column of; subject columns are referred to by name. */
  private readonly from: 'reflections';

  constructor(
    private readonly db: Kysely<Database>,
    private readonly sealer: Sealer,
    private readonly engine: 'sqlite' | 'postgres',
    private readonly table: T,
  ) {
    this.subjectColumns = SEALED_ANSWER_TABLES[table].subject;
    this.bytes = SEALED_ANSWER_TABLES[table].bytes;
    this.from = table as SealedAnswerTable as 'reflections';
  }

  /** Creates or replaces the person's answer to the subject; returns whether it is new. */
  async save(person: PersonRef, answer: AnswerToStore<T, C>, at: Date): Promise<{ readonly created: boolean }> {
    return this.db.transaction().execute(async (trx) => {
      const key = this.rowKey(person, answer.subject);
      const findExisting = () => trx.selectFrom(this.from).select(['sealed', 'team_id', 'created_on']).where(matching(key)).executeTakeFirst();
      // The round's rows are all rewritten below: wait for anyone else writing to the same round first.
      if (answer.teamId) await lockRounds(trx, this.engine, [this.round(person.tenantId, answer.teamId, answer.subject)]);
      let existing = await findExisting();
      if (!answer.teamId && existing?.team_id) {
        await lockRounds(trx, this.engine, [this.round(person.tenantId, existing.team_id, answer.subject)]);
        existing = await findExisting();
      }
      const now = at.toISOString();
      const createdAt = existing ? this.open(person.tenantId, person.userId, existing.sealed).createdAt : now;
      const sealed = this.sealer.seal(
        person.tenantId,
        person.userId,
        { ...answer.content, sharedReplyId: answer.sharedReplyId, createdAt, updatedAt: now } satisfies Sealed<C>,
        this.bytes,
      );
      const team_id = answer.teamId ?? existing?.team_id ?? null;
      const roundKey = team_id ? this.roundColumns(person.tenantId, team_id, answer.subject) : undefined;
      // In a team's round every row carries the round's first day, so no row's day tells when its author answered.
      const groupDay = roundKey
        ? (
            await trx
              .selectFrom(this.from)
              .select((eb) => eb.fn.min('created_on').as('day'))
              .where(matching(roundKey))
              .executeTakeFirst()
          )?.day
        : undefined;
      const created_on = groupDay ?? existing?.created_on ?? now.slice(0, 10);
      await trx
        .insertInto(this.from)
        .values({ ...key, team_id, created_on, sealed } as never)
        .onConflict((oc) => oc.columns(Object.keys(key) as never).doUpdateSet({ sealed, team_id, created_on, text_removed: 0 }))
        .execute();
      if (roundKey) await this.rewriteShuffled(trx, roundKey);
      return { created: existing === undefined };
    });
  }

  /** The person's answer to the subject, if any. */
  async find(person: PersonRef, subject: AnswerSubject<T>): Promise<StoredAnswer<T, C> | undefined> {
    const row = await this.db.selectFrom(this.from).selectAll().where(matching(this.rowKey(person, subject))).executeTakeFirst();
    return row ? this.read(person, row) : undefined;
  }

  /** The person's answers, to every subject or to those that match `where` (a course, say). */
  async list(person: PersonRef, where: Partial<AnswerSubject<T>> = {}): Promise<readonly StoredAnswer<T, C>[]> {
    const rows = await this.db
      .selectFrom(this.from)
      .selectAll()
      .where(matching({ tenant_id: person.tenantId, user_id: person.userId, ...where }))
      .execute();
    return rows.map((row) => this.read(person, row));
  }

  /** How many answers the person has given, to every subject or to those that match `where`. */
  async count(person: PersonRef, where: Partial<AnswerSubject<T>> = {}): Promise<number> {
    const row = await this.db
      .selectFrom(this.from)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where(matching({ tenant_id: person.tenantId, user_id: person.userId, ...where }))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Deletes the person's answer to the subject; false when there was none. */
  async remove(person: PersonRef, subject: AnswerSubject<T>): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const key = this.rowKey(person, subject);
      const row = await trx.selectFrom(this.from).select('team_id').where(matching(key)).executeTakeFirst();
      if (!row) return false;
      // A delete that meets a round being rewritten would miss the row re-inserted there: wait for the rewrite.
      if (row.team_id) await lockRounds(trx, this.engine, [this.round(person.tenantId, row.team_id, subject)]);
      const result = await trx.deleteFrom(this.from).where(matching(key)).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  /** How many answered the subject in the team's round. */
  async countInRound(team: TeamRef, subject: AnswerSubject<T>): Promise<number> {
    const row = await this.db
      .selectFrom(this.from)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where(matching(this.roundColumns(team.tenantId, team.teamId, subject)))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** What each answer in the team's round says, opened on the server in the rows' order; nothing about who. */
  async contentsOfRound(team: TeamRef, subject: AnswerSubject<T>): Promise<readonly C[]> {
    const rows = await this.db
      .selectFrom(this.from)
      .select(['user_id', 'sealed'])
      .where(matching(this.roundColumns(team.tenantId, team.teamId, subject)))
      .execute();
    return rows.map((row) => this.open(team.tenantId, row.user_id, row.sealed));
  }

  private read(person: PersonRef, row: AnswerRow): StoredAnswer<T, C> {
    const open = this.open(person.tenantId, person.userId, String(row.sealed));
    return {
      subject: this.subjectOf(row),
      teamId: (row.team_id ?? undefined) as AnswerTeam<T>,
      content: open,
      sharedReplyId: open.sharedReplyId,
      createdAt: new Date(open.createdAt),
      updatedAt: new Date(open.updatedAt),
    };
  }

  private open(tenantId: string, userId: string, sealed: string): Sealed<C> {
    return this.sealer.open<Sealed<C>>(tenantId, userId, sealed);
  }

  private subjectOf(row: AnswerRow): AnswerSubject<T> {
    return Object.fromEntries(this.subjectColumns.map((column) => [column, String(row[column])])) as AnswerSubject<T>;
  }

  /** A row's key: tenant, person and subject. */
  private rowKey(person: PersonRef, subject: AnswerSubject<T>): Readonly<Record<string, string>> {
    return { tenant_id: person.tenantId, user_id: person.userId, ...this.subjectValues(subject) };
  }

  /** What picks a round's rows: tenant, team and subject. */
  private roundColumns(tenantId: string, teamId: string, subject: AnswerSubject<T>): Readonly<Record<string, string>> {
    return { tenant_id: tenantId, team_id: teamId, ...this.subjectValues(subject) };
  }

  private round(tenantId: string, teamId: string, subject: AnswerSubject<T>): RoundKey {
    return { table: this.table, tenantId, teamId, subject: this.subjectColumns.map((column) => (subject as Readonly<Record<string, string>>)[column]!) };
  }

  /** The subject's columns only, in the table's order (a caller's object may carry more). */
  private subjectValues(subject: AnswerSubject<T>): Readonly<Record<string, string>> {
    return Object.fromEntries(this.subjectColumns.map((column) => [column, (subject as Readonly<Record<string, string>>)[column]!]));
  }

  /** Deletes and re-inserts every row of the round in a fresh random order (see row-order.ts). */
  private async rewriteShuffled(trx: Transaction<Database>, round: Readonly<Record<string, string>>): Promise<void> {
    const rows = await trx.selectFrom(this.from).selectAll().where(matching(round)).execute();
    await trx.deleteFrom(this.from).where(matching(round)).execute();
    const order = shuffled(rows);
    for (let i = 0; i < order.length; i += REWRITE_CHUNK) await trx.insertInto(this.from).values(order.slice(i, i + REWRITE_CHUNK)).execute();
  }
}

/** The team rounds in which the person has answered, in every table of sealed answers (to lock before their rows are deleted). */
export async function roundsAnsweredBy(trx: Transaction<Database>, person: PersonRef): Promise<readonly RoundKey[]> {
  const rounds: RoundKey[] = [];
  for (const [table, { subject }] of Object.entries(SEALED_ANSWER_TABLES) as [SealedAnswerTable, (typeof SEALED_ANSWER_TABLES)[SealedAnswerTable]][]) {
    const rows = (await trx
      .selectFrom(table as 'reflections')
      .select([sql.ref<string>('team_id').as('team_id'), ...subject.map((column) => sql.ref<string>(column).as(column))])
      .where(matching({ tenant_id: person.tenantId, user_id: person.userId }))
      .where('team_id', 'is not', null)
      .execute()) as readonly AnswerRow[];
    for (const row of rows) rounds.push({ table, tenantId: person.tenantId, teamId: String(row.team_id), subject: subject.map((column) => String(row[column])) });
  }
  return rounds;
}

/** A condition that every named column equals its value (columns whose value is undefined are left out). */
function matching(columns: Readonly<Record<string, string | undefined>>) {
  return (eb: ExpressionBuilder<Database, 'reflections'>) =>
    eb.and(Object.entries(columns).flatMap(([column, value]) => (value === undefined ? [] : [eb(sql.ref<string>(column), '=', value)])));
}
