import type { Kysely } from 'kysely';

/**
 * Covering indexes for the team dashboard's per-day and per-person aggregates (measured with `npm run bench:dashboard`).
 * @remarks
 * - `lesson_progress_member_day`: `readsPerDay` looks up each member's progress and needs `completed_at`; the primary
 *   key has every column but that one, so each of a team's ~700 rows cost a table lookup. Also serves `memberCounts`.
 * - `reflections_team_member`: `reflectionsPerDay` reads `created_on` for every reflection of the team (rows carry the
 *   sealed text, so each lookup is a page of its own), and `memberCounts` counts one member's reflections in the team:
 *   without statistics SQLite answered that from `reflections_team` by scanning the whole team once per member.
 * Both are index-only on PostgreSQL (after VACUUM) and covering on SQLite.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('lesson_progress_member_day').on('lesson_progress').columns(['tenant_id', 'user_id', 'course_id', 'completed_at']).execute();
  await db.schema.createIndex('reflections_team_member').on('reflections').columns(['tenant_id', 'team_id', 'course_id', 'user_id', 'created_on']).execute();
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('reflections_team_member').ifExists().execute();
  await db.schema.dropIndex('lesson_progress_member_day').ifExists().execute();
}
