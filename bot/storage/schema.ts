import type { Generated } from 'kysely';

/**
 * Table shapes for Kysely.
 * @remarks Timestamps are ISO-8601 UTC text and flags are 0/1 integers, so one set of queries
 * serves SQLite and PostgreSQL alike.
 */
export type Database = {
  people: PeopleTable;
  lesson_progress: LessonProgressTable;
  reflections: ReflectionsTable;
  app_secrets: AppSecretsTable;
  teams: TeamsTable;
  team_channels: TeamChannelsTable;
  team_members: TeamMembersTable;
  team_leaders: TeamLeadersTable;
  enrollments: EnrollmentsTable;
  lesson_threads: LessonThreadsTable;
  shared_replies: SharedRepliesTable;
  schedules: SchedulesTable;
  deliveries: DeliveriesTable;
  outbox: OutboxTable;
  team_posts: TeamPostsTable;
  tenant_send_leases: TenantSendLeasesTable;
  send_workers: SendWorkersTable;
  next_step_rounds: NextStepRoundsTable;
  next_step_answers: NextStepAnswersTable;
  plan_items: PlanItemsTable;
  app_state: AppStateTable;
  welcomes: WelcomesTable;
  used_links: UsedLinksTable;
  reminder_days: ReminderDaysTable;
  tenant_settings: TenantSettingsTable;
  settings_audit: SettingsAuditTable;
  knowledge_results: KnowledgeResultsTable;
  knowledge_ballots: KnowledgeBallotsTable;
  certificates: CertificatesTable;
  tenant_packs: TenantPacksTable;
  tenant_media: TenantMediaTable;
  dilemma_rounds: DilemmaRoundsTable;
  dilemma_choices: DilemmaChoicesTable;
  report_course_lessons: ReportCourseLessonsTable;
  report_team_progress: ReportTeamProgressTable;
  report_person_months: ReportPersonMonthsTable;
  report_active_months: ReportActiveMonthsTable;
};

/** A person's own answers to a lesson's knowledge check, sealed with their key. */
export type KnowledgeResultsTable = {
  tenant_id: string;
  user_id: string;
  course_id: string;
  lesson_id: string;
  sealed: string;
};

/** One answer to a knowledge check as counted in the aggregates: no author; the choices sealed under an organisation key. */
export type KnowledgeBallotsTable = {
  id: string;
  tenant_id: string;
  /** A team id, or '' for the organisation as a whole. */
  scope: string;
  course_id: string;
  lesson_id: string;
  sealed: string;
};

/** That a person has fetched a course's certificate (nothing else: the date and name are worked out when it is made). */
export type CertificatesTable = {
  tenant_id: string;
  user_id: string;
  course_id: string;
};

/** The lessons of each course the report summary counts (migration 0015). */
export type ReportCourseLessonsTable = { course_id: string; lesson_id: string };

/** Per team, course and month of completion ('' for not completed): current members, completed, started. */
export type ReportTeamProgressTable = { tenant_id: string; team_id: string; course_id: string; month: string; members: number; completed: number; started: number };

/** A month in which a person read at least one lesson. */
export type ReportPersonMonthsTable = { tenant_id: string; user_id: string; month: string };

/** How many people read at least one lesson in a month, per tenant. */
export type ReportActiveMonthsTable = { tenant_id: string; month: string; people: number };

/** A tenant's own settings: the values its administrators set, as JSON, and a version for concurrent changes. */
export type TenantSettingsTable = {
  tenant_id: string;
  settings: string;
  version: number;
  updated_at: string;
};

/** One change of one tenant setting: who (object id and display name), when, old and new value (JSON), and the named-progress decision. */
export type SettingsAuditTable = {
  id: string;
  tenant_id: string;
  at: string;
  actor_id: string;
  actor_name: string;
  setting: string;
  old_value: string;
  new_value: string;
  decision_reference: string | null;
  discussed_on: string | null;
};

/** "My data" links already used: their random id and when they expire (nothing about the person). */
export type UsedLinksTable = {
  jti: string;
  expires_at: string;
};

/** A person's own settings. */
export type PeopleTable = {
  tenant_id: string;
  user_id: string;
  language: string | null;
  /** The course the person chose to continue in personal chat (migration 0016); null: none chosen. */
  course_id: string | null;
  updated_at: string;
};

/** One row per lesson a person has read. */
export type LessonProgressTable = {
  tenant_id: string;
  user_id: string;
  course_id: string;
  lesson_id: string;
  completed_at: string;
};

/**
 * One row per person per lesson reflected on.
 * @remarks Answers, visibility, the link to a shared reply and exact times are sealed with a per-person key,
 * so nobody reading the database can tell which shared (or anonymous) reply is whose.
 */
export type ReflectionsTable = {
  tenant_id: string;
  user_id: string;
  course_id: string;
  lesson_id: string;
  /** The team whose round it was answered in; null in personal chat. */
  team_id: string | null;
  /** The day it was first written, `YYYY-MM-DD` (UTC), for retention. */
  created_on: string;
  sealed: string;
  /** 1 once retention has removed the answer text (the row stays, for the counts). */
  text_removed: Generated<number>;
};

/** Secrets the app generates for itself in local mode. */
export type AppSecretsTable = {
  name: string;
  value: string;
};

/** Conversations that have had their welcome. */
export type WelcomesTable = {
  tenant_id: string;
  welcome_key: string;
  welcomed_at: string;
};

/** Teams the app is (or was) installed in. */
export type TeamsTable = {
  tenant_id: string;
  team_id: string;
  name: string;
  status: string;
  service_url: string;
  aad_group_id: string | null;
  status_changed_at: string;
  updated_at: string;
};

/** Standard channels of a team. */
export type TeamChannelsTable = {
  tenant_id: string;
  team_id: string;
  channel_id: string;
  name: string;
  updated_at: string;
};

/** The team roster: only what is needed to count, refresh cards and write 1:1. */
export type TeamMembersTable = {
  tenant_id: string;
  team_id: string;
  user_id: string;
  teams_user_id: string;
  name: string;
  updated_at: string;
};

/** Leaders and co-leaders of a team. */
export type TeamLeadersTable = {
  tenant_id: string;
  team_id: string;
  user_id: string;
  role: string;
  added_at: string;
};

/** A team's setup of one course (several per team since migration 0016). */
export type EnrollmentsTable = {
  tenant_id: string;
  team_id: string;
  course_id: string;
  channel_id: string;
  language: string;
  start_date: string;
  mandatory: number;
  due_date: string | null;
  lesson_weekday: number;
  lesson_time: string;
  interval_weeks: number;
  reflection_days_after: number;
  reflection_time: string;
  time_zone: string;
  created_by: string;
  updated_at: string;
};

/** The channel thread each lesson was posted as, and its reflection-round card. */
export type LessonThreadsTable = {
  tenant_id: string;
  team_id: string;
  course_id: string;
  lesson_id: string;
  channel_id: string;
  thread_id: string;
  lesson_activity_id: string;
  reflection_activity_id: string | null;
  posted_at: string;
};

/**
 * The public copy of replies shared in a lesson thread.
 * @remarks No author id: a named reply carries only the display name shown in the channel, an anonymous one nothing.
 */
export type SharedRepliesTable = {
  reply_id: string;
  tenant_id: string;
  team_id: string;
  course_id: string;
  lesson_id: string;
  thread_id: string;
  activity_id: string;
  author_name: string | null;
  answers: string;
  posted_on: string;
  /** JSON: kind, title, questions, language, choice (no author, no answer); null for replies posted before 0020. */
  frame: string | null;
  version: number;
  sent_version: number;
  withdrawn: number;
};

/** The state of each schedule of a team's course: when it fires next, and whether it is paused. */
export type SchedulesTable = {
  tenant_id: string;
  team_id: string;
  course_id: string;
  kind: string;
  next_at: string | null;
  paused: number;
  updated_at: string;
};

/** One occurrence of a schedule (or a "send now"): queued, missed or skipped, with its reason. */
export type DeliveriesTable = {
  id: string;
  tenant_id: string;
  team_id: string;
  /** The course the delivery is of; `''` for none (a plan item's reminder). */
  course_id: string;
  kind: string;
  occurrence_key: string;
  due_at: string;
  status: string;
  reason: string | null;
  created_at: string;
};

/** One send to one target for a delivery; claimed by workers with a lease. */
export type OutboxTable = {
  id: string;
  delivery_id: string;
  tenant_id: string;
  team_id: string;
  target_key: string;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  /** Written by each claim; outcomes are recorded only by the holder of the current token. */
  lease_token: string | null;
  activity_id: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
};

/** A post (a lesson, a lesson's reflection round) claimed for a team by the one outbox row allowed to send it. */
export type TeamPostsTable = {
  tenant_id: string;
  team_id: string;
  post_key: string;
  outbox_id: string;
  claimed_at: string;
};

/** A next-steps round started in a team's channel. */
export type NextStepRoundsTable = {
  id: string;
  tenant_id: string;
  team_id: string;
  /** The course the round belongs to (migration 0016); null only for rounds of a team that had no setup. */
  course_id: string | null;
  thread_id: string;
  activity_id: string;
  started_at: string;
};

/** One person's answers in a next-steps round, sealed per person like reflections. */
export type NextStepAnswersTable = {
  tenant_id: string;
  user_id: string;
  round_id: string;
  team_id: string;
  created_on: string;
  sealed: string;
  /** 1 once retention has removed the answer text. */
  text_removed: Generated<number>;
};

/** An item of the team's plan: what, who, by when, how far. */
export type PlanItemsTable = {
  id: string;
  tenant_id: string;
  team_id: string;
  text: string;
  owner_user_id: string | null;
  owner_name: string | null;
  due_date: string | null;
  status: string;
  created_at: string;
  updated_at: string;
};

/** Small facts the app keeps about itself, e.g. when the retention job last ran. */
export type AppStateTable = {
  name: string;
  value: string;
};

/** One reminder per person per day: claimed before a reminder's outbox row is written. */
export type ReminderDaysTable = {
  tenant_id: string;
  user_id: string;
  /** The local date, `YYYY-MM-DD`. */
  day: string;
  team_id: string;
  created_at: string;
};

/** Which worker sends for a tenant (one at a time), until when; see migration 0010. */
export type TenantSendLeasesTable = {
  tenant_id: string;
  holder: string;
  /** 1 while the holder sends for the tenant; 0 once it has let go (others may take it after `lease_until`). */
  active: number;
  lease_until: string;
};

/** A running outbox worker's heartbeat, for the fair share of tenants. */
export type SendWorkersTable = {
  holder: string;
  seen_until: string;
};

/** One version of a course pack a tenant published from the tab (the validated pack as JSON); withdrawn when `withdrawn_at` is set. */
export type TenantPacksTable = {
  tenant_id: string;
  course_id: string;
  version: string;
  pack: string;
  published_at: string;
  published_by: string;
  withdrawn_at: string | null;
};

/** A lesson image a tenant uploaded: `id` is the SHA-256 of the tenant id and the bytes; `data` is base64. */
export type TenantMediaTable = {
  id: string;
  tenant_id: string;
  content_type: string;
  bytes: number;
  data: string;
  created_at: string;
};

// dilemma
/** A dilemma posted as a thread in a team's channel. */
export type DilemmaRoundsTable = {
  id: string;
  tenant_id: string;
  team_id: string;
  course_id: string;
  dilemma_id: string;
  thread_id: string;
  activity_id: string;
  started_at: string;
};

/** One person's choice in a dilemma round, sealed per person like reflections (option, reason, visibility, reply link). */
export type DilemmaChoicesTable = {
  tenant_id: string;
  user_id: string;
  round_id: string;
  team_id: string;
  /** The round's first day for every row. */
  created_on: string;
  sealed: string;
  /** 1 once retention has removed the reason. */
  text_removed: Generated<number>;
};
