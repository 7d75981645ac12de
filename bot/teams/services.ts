import type { CourseCatalog } from '../core/course.js';
import type { LearningService } from '../core/learning-service.js';
import type { Clock, ConversationRepository, Logger, PersonRepository, WelcomeRepository } from '../core/ports.js';

/** What the Teams handlers may call: core services and the ports they need directly. */
export type BotServices = {
  readonly courses: CourseCatalog;
  readonly learning: LearningService;
  readonly people: PersonRepository;
  readonly welcomes: WelcomeRepository;
  readonly conversations: ConversationRepository;
  readonly clock: Clock;
  readonly logger: Logger;
};
