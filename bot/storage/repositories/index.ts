import type { Kysely } from 'kysely';
import type { ConversationRepository, PersonRepository, ProgressRepository, ReflectionRepository, WelcomeRepository } from '../../core/ports.js';
import type { Database } from '../schema.js';
import { SqlConversationRepository } from './conversation-repository.js';
import { SqlPersonRepository } from './person-repository.js';
import { SqlProgressRepository } from './progress-repository.js';
import { SqlReflectionRepository } from './reflection-repository.js';
import { SqlWelcomeRepository } from './welcome-repository.js';

/** Every repository the core needs, on one database. */
export type Repositories = {
  readonly progress: ProgressRepository;
  readonly reflections: ReflectionRepository;
  readonly people: PersonRepository;
  readonly welcomes: WelcomeRepository;
  readonly conversations: ConversationRepository;
};

/** Builds the repositories over an open Kysely database (SQLite or PostgreSQL). */
export function createRepositories(db: Kysely<Database>): Repositories {
  return {
    progress: new SqlProgressRepository(db),
    reflections: new SqlReflectionRepository(db),
    people: new SqlPersonRepository(db),
    welcomes: new SqlWelcomeRepository(db),
    conversations: new SqlConversationRepository(db),
  };
}
