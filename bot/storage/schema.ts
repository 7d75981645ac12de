/**
 * Table shapes for Kysely.
 * @remarks Timestamps are ISO-8601 UTC text and flags are 0/1 integers, so one set of queries
 * serves SQLite and PostgreSQL alike.
 */
export type Database = {
  people: PeopleTable;
  lesson_progress: LessonProgressTable;
  reflections: ReflectionsTable;
  welcomes: WelcomesTable;
  conversation_refs: ConversationRefsTable;
};

/** A person's own settings. */
export type PeopleTable = {
  tenant_id: string;
  user_id: string;
  language: string | null;
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

/** One row per person per lesson reflected on. */
export type ReflectionsTable = {
  tenant_id: string;
  user_id: string;
  course_id: string;
  lesson_id: string;
  answer1: string;
  answer2: string;
  answer3: string;
  visibility: string;
  created_at: string;
  updated_at: string;
};

/** Conversations that have had their welcome. */
export type WelcomesTable = {
  tenant_id: string;
  welcome_key: string;
  welcomed_at: string;
};

/** Opaque Bot Framework conversation references. */
export type ConversationRefsTable = {
  tenant_id: string;
  ref_key: string;
  reference: string;
  updated_at: string;
};
