import { sql, type Kysely } from 'kysely';

/**
 * Several courses per team: a team's setup, schedules and deliveries are per (tenant, team, course).
 * @remarks
 * - `enrollments`: the key becomes (tenant_id, team_id, course_id); every existing row keeps its course.
 * - `schedules`: gains `course_id` (the team's course of the time) and the key (tenant_id, team_id, course_id, kind).
 * - `deliveries`: gains `course_id`; an occurrence is unique per course. Deliveries of no course (a plan item's reminder)
 *   have `''`.
 * - `outbox`: rows still to be sent of a lesson, a reflection round, a reminder or a next-steps round get the team's
 *   course in their payload (`courseId`), so they are sent for the course they were queued for.
 * - `next_step_rounds`: gains `course_id` (the team's course of the time), so next steps are per course.
 * - `people`: gains `course_id`, the course a person chose to continue in personal chat (null: none chosen).
 * The tables whose key changes are rebuilt (copy, drop, rename), the same way on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const courseOfTeam = (table: string) =>
    sql`coalesce((select e.course_id from enrollments e where e.tenant_id = ${sql.ref(`${table}.tenant_id`)} and e.team_id = ${sql.ref(`${table}.team_id`)}), '')`;

  // Schedules and deliveries read the team's course from the old enrollments (one per team), so they go first.
  await db.schema
    .createTable('schedules_0016')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('next_at', 'text')
    .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('schedules_course_pk', ['tenant_id', 'team_id', 'course_id', 'kind'])
    .execute();
  await sql`insert into schedules_0016 (tenant_id, team_id, course_id, kind, next_at, paused, updated_at)
    select tenant_id, team_id, ${courseOfTeam('schedules')}, kind, next_at, paused, updated_at from schedules`.execute(db);
  await db.schema.dropTable('schedules').execute();
  await db.schema.alterTable('schedules_0016').renameTo('schedules').execute();
  await db.schema.createIndex('schedules_due').on('schedules').columns(['paused', 'next_at']).execute();

  await db.schema
    .createTable('deliveries_0016')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurrence_key', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('deliveries_id_pk', ['id'])
    .addUniqueConstraint('deliveries_course_occurrence', ['tenant_id', 'team_id', 'course_id', 'kind', 'occurrence_key'])
    .execute();
  await sql`insert into deliveries_0016 (id, tenant_id, team_id, course_id, kind, occurrence_key, due_at, status, reason, created_at)
    select id, tenant_id, team_id, case when kind = 'planReminder' then '' else ${courseOfTeam('deliveries')} end, kind, occurrence_key, due_at, status, reason, created_at
    from deliveries`.execute(db);
  await db.schema.dropTable('deliveries').execute();
  await db.schema.alterTable('deliveries_0016').renameTo('deliveries').execute();
  await db.schema.createIndex('deliveries_team').on('deliveries').columns(['tenant_id', 'team_id', 'due_at']).execute();

  await sql`update outbox set payload = ${sql.lit('{"courseId":"')} || ${courseOfTeam('outbox')} || ${sql.lit('",')} || substr(payload, 2)
    where status not in ('sent', 'failed')
      and substr(payload, 1, 1) = '{'
      and payload not like ${sql.lit('%"courseId":%')}
      and (payload like ${sql.lit('%"kind":"channelLesson"%')} or payload like ${sql.lit('%"kind":"reflectionRound"%')}
        or payload like ${sql.lit('%"kind":"reminder"%')} or payload like ${sql.lit('%"kind":"nextStepsRound"%')})
      and ${courseOfTeam('outbox')} <> ''`.execute(db);

  await db.schema.alterTable('next_step_rounds').addColumn('course_id', 'text').execute();
  await sql`update next_step_rounds set course_id = ${courseOfTeam('next_step_rounds')}`.execute(db);

  await db.schema.alterTable('people').addColumn('course_id', 'text').execute();

  await db.schema
    .createTable('enrollments_0016')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('mandatory', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('lesson_weekday', 'integer', (c) => c.notNull())
    .addColumn('lesson_time', 'text', (c) => c.notNull())
    .addColumn('interval_weeks', 'integer', (c) => c.notNull())
    .addColumn('reflection_days_after', 'integer', (c) => c.notNull())
    .addColumn('reflection_time', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('enrollments_course_pk', ['tenant_id', 'team_id', 'course_id'])
    .execute();
  await sql`insert into enrollments_0016 select tenant_id, team_id, course_id, channel_id, language, start_date, mandatory, due_date, lesson_weekday,
    lesson_time, interval_weeks, reflection_days_after, reflection_time, time_zone, created_by, updated_at from enrollments`.execute(db);
  await db.schema.dropTable('enrollments').execute();
  await db.schema.alterTable('enrollments_0016').renameTo('enrollments').execute();
}

/** Back to one course per team: keeps each team's earliest setup (by course id) and drops the course columns. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from enrollments where exists (select 1 from enrollments o where o.tenant_id = enrollments.tenant_id and o.team_id = enrollments.team_id and o.course_id < enrollments.course_id)`.execute(db);
  await sql`delete from schedules where course_id <> '' and not exists (select 1 from enrollments e where e.tenant_id = schedules.tenant_id and e.team_id = schedules.team_id and e.course_id = schedules.course_id)`.execute(db);
  await sql`delete from deliveries where course_id <> '' and not exists (select 1 from enrollments e where e.tenant_id = deliveries.tenant_id and e.team_id = deliveries.team_id and e.course_id = deliveries.course_id)`.execute(db);
  await db.schema.alterTable('people').dropColumn('course_id').execute();
  await db.schema.alterTable('next_step_rounds').dropColumn('course_id').execute();
  await db.schema.dropIndex('deliveries_team').execute();
  await db.schema.dropIndex('schedules_due').execute();
  for (const [table, rebuild] of [
    ['schedules', sql`create table schedules_0016 (tenant_id text not null, team_id text not null, kind text not null, next_at text, paused integer not null default 0, updated_at text not null, constraint schedules_pk primary key (tenant_id, team_id, kind))`],
    ['deliveries', sql`create table deliveries_0016 (id text primary key, tenant_id text not null, team_id text not null, kind text not null, occurrence_key text not null, due_at text not null, status text not null, reason text, created_at text not null, constraint deliveries_occurrence unique (tenant_id, team_id, kind, occurrence_key))`],
    ['enrollments', sql`create table enrollments_0016 (tenant_id text not null, team_id text not null, course_id text not null, channel_id text not null, language text not null, start_date text not null, mandatory integer not null, due_date text, lesson_weekday integer not null, lesson_time text not null, interval_weeks integer not null, reflection_days_after integer not null, reflection_time text not null, time_zone text not null, created_by text not null, updated_at text not null, constraint enrollments_pk primary key (tenant_id, team_id))`],
  ] as const) {
    await rebuild.execute(db);
    const columns =
      table === 'schedules'
        ? sql`tenant_id, team_id, kind, next_at, paused, updated_at`
        : table === 'deliveries'
          ? sql`id, tenant_id, team_id, kind, occurrence_key, due_at, status, reason, created_at`
          : sql`tenant_id, team_id, course_id, channel_id, language, start_date, mandatory, due_date, lesson_weekday, lesson_time, interval_weeks, reflection_days_after, reflection_time, time_zone, created_by, updated_at`;
    await sql`insert into ${sql.table(`${table}_0016`)} (${columns}) select ${columns} from ${sql.table(table)}`.execute(db);
    await db.schema.dropTable(table).execute();
    await db.schema.alterTable(`${table}_0016`).renameTo(table).execute();
  }
  await db.schema.createIndex('schedules_due').on('schedules').columns(['paused', 'next_at']).execute();
  await db.schema.createIndex('deliveries_team').on('deliveries').columns(['tenant_id', 'team_id', 'due_at']).execute();
}
