import type { PersonRef } from './person.js';

/** The time source; faked in tests. */
export interface Clock {
  now(): Date;
}

/** Structured logging, implemented by pino. */
export interface Logger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** The answers to the three reflection questions. */
export type ReflectionAnswers = readonly [string, string, string];

/** Who may read a reflection besides its author. */
export type ReflectionVisibility = 'private' | 'named' | 'anonymous';

/** A stored reflection of one person on one lesson. */
export type Reflection = {
  readonly courseId: string;
  readonly lessonId: string;
  readonly answers: ReflectionAnswers;
  readonly visibility: ReflectionVisibility;
  readonly createdAt: Date;
  readonly updatedAt: Date;
};

/** Lesson completions, per person per course. */
export interface ProgressRepository {
  /** Records that the person has read the lesson; returns false when it was already recorded. */
  markRead(person: PersonRef, courseId: string, lessonId: string, at: Date): Promise<boolean>;
  /** The ids of the lessons the person has read in the course. */
  readLessonIds(person: PersonRef, courseId: string): Promise<ReadonlySet<string>>;
}

/** Reflections, one per person per lesson; saving again replaces the answers. */
export interface ReflectionRepository {
  /** Creates or replaces the person's reflection on the lesson; returns whether it existed before. */
  save(person: PersonRef, reflection: Omit<Reflection, 'createdAt' | 'updatedAt'>, at: Date): Promise<{ readonly created: boolean }>;
  /** The person's reflection on the lesson, if any. */
  find(person: PersonRef, courseId: string, lessonId: string): Promise<Reflection | undefined>;
  /** How many lessons of the course the person has reflected on. */
  count(person: PersonRef, courseId: string): Promise<number>;
}

/** A person's own settings. */
export interface PersonRepository {
  /** The language the person chose, if any. */
  language(person: PersonRef): Promise<string | undefined>;
  /** Stores the person's language choice. */
  setLanguage(person: PersonRef, language: string, at: Date): Promise<void>;
}

/** Remembers which conversations have been welcomed, so a reinstall never welcomes twice. */
export interface WelcomeRepository {
  /** Claims the welcome for the key; true only the first time. */
  claim(tenantId: string, key: string, at: Date): Promise<boolean>;
}

/** Conversation references, stored opaquely so the bot can write proactively after a restart. */
export interface ConversationRepository {
  /** Creates or refreshes the reference for the key. */
  save(tenantId: string, key: string, reference: unknown, at: Date): Promise<void>;
  /** The stored reference for the key, if any. */
  find(tenantId: string, key: string): Promise<unknown>;
}

/** A database health probe. */
export interface HealthCheck {
  /** Resolves when the database answers; rejects otherwise. */
  ping(): Promise<void>;
}
