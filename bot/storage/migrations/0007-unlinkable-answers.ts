import { sql, type Kysely } from 'kysely';

/**
 * Plaintext columns that no longer tell when a person answered or read.
 * @remarks
 * - `reflections.created_on` of a team's round, and `next_step_answers.created_on` of a round, become the round's
 *   first day for every row, so a row's day cannot be matched with the time of a reply in the thread.
 * - `lesson_progress.completed_at` is cut to the day.
 * The keyed half (re-sealing every value padded and with a key id, re-inserted in key order) needs the data key and
 * runs right after the migrations: `upgradeSealedFormat` in `bot/storage/reseal.ts`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update reflections set created_on = (
      select min(r.created_on) from reflections r
      where r.tenant_id = reflections.tenant_id and r.team_id = reflections.team_id
        and r.course_id = reflections.course_id and r.lesson_id = reflections.lesson_id
    ) where team_id is not null`.execute(db);
  await sql`
    update next_step_answers set created_on = (
      select min(a.created_on) from next_step_answers a
      where a.tenant_id = next_step_answers.tenant_id and a.team_id = next_step_answers.team_id and a.round_id = next_step_answers.round_id
    )`.execute(db);
  await sql`update lesson_progress set completed_at = substr(completed_at, 1, 10) || 'T00:00:00.000Z' where completed_at not like '%T00:00:00.000Z'`.execute(db);
  // The v2 format marker is not yet set: the next start re-seals every value.
  await sql`delete from app_state where name = 'sealed-format'`.execute(db);
}

/** Nothing to undo: the exact times are gone, and v2 values remain readable. */
export async function down(): Promise<void> {}
