/** A source that backs the facts of a lesson. */
export type Source = {
  readonly title: string;
  readonly url: string;
};

/** An image shown with a lesson; alt text is required for universal design. */
export type LessonImage = {
  readonly url: string;
  readonly alt: string;
};

/** One answer option of a knowledge-check question. */
export type KnowledgeChoice = {
  /** Stable across languages; the same choice has the same id in every language. */
  readonly id: string;
  readonly text: string;
  /** Why this choice is right or wrong, shown after the person answers. */
  readonly explanation: string;
  /** Exactly one choice per question is correct, the same choice in every language. */
  readonly correct?: true;
};

/** A multiple-choice question that checks what a lesson taught; not graded, never shown to others. */
export type KnowledgeQuestion = {
  /** Stable across languages. */
  readonly id: string;
  readonly prompt: string;
  /** Two to four choices, in the order shown. */
  readonly choices: readonly KnowledgeChoice[];
};

/** One lesson of a course, in one language. */
export type Lesson = {
  /** Stable across languages and pack versions; progress is attached to it. */
  readonly id: string;
  readonly title: string;
  /** Estimated reading time in minutes. */
  readonly minutes: number;
  /**
   * Short paragraphs in the Markdown subset that Adaptive Cards render in Teams.
   * @remarks bold, italic, links, and bullet lists; no headings, tables or images.
   */
  readonly body: readonly string[];
  readonly keyFact: string;
  /** Sustainable Development Goals (1–17) the lesson touches. */
  readonly goals: readonly number[];
  readonly image?: LessonImage;
  readonly sources: readonly Source[];
  /** Optional short knowledge check (1–3 questions) after the lesson; the same questions and choices in every language. */
  readonly knowledgeCheck?: readonly KnowledgeQuestion[];
};

/** What choosing an option of a dilemma costs or gains on one Sustainable Development Goal. */
export type GoalEffect = {
  /** The goal (1–17), named by the course's goalNames. */
  readonly goal: number;
  /** Plain text, never Markdown. */
  readonly text: string;
};

/** One option of a dilemma. */
export type DilemmaOption = {
  /** Stable across languages and pack versions; choices are attached to it. */
  readonly id: string;
  readonly label: string;
  readonly gains: readonly GoalEffect[];
  readonly costs: readonly GoalEffect[];
};

/** A dilemma from municipal life: a scenario and two to four options, each with what it costs and gains. */
export type Dilemma = {
  /** Stable across languages and pack versions; rounds are attached to it. */
  readonly id: string;
  readonly title: string;
  /** Plain text, never Markdown. */
  readonly scenario: string;
  readonly options: readonly DilemmaOption[];
  readonly followUp?: string;
  readonly sources?: readonly Source[];
};

/** Everything a course says in one language. */
export type CourseText = {
  readonly title: string;
  readonly description: string;
  /** Exactly the three reflection questions of the seed. */
  readonly reflectionQuestions: readonly [string, string, string];
  /** The four next-step questions of the seed's third tip. */
  readonly nextStepQuestions: readonly [string, string, string, string];
  /** Names of the 17 goals, index 0 is goal 1. */
  readonly goalNames: readonly string[];
  readonly lessons: readonly Lesson[];
  /** Optional dilemmas for dilemma rounds in a channel; the same ids, options and goals in every language. */
  readonly dilemmas?: readonly Dilemma[];
};

/** A course as published in a content pack: one text per language. */
export type Course = {
  readonly id: string;
  /** Semantic version; a higher version of the same id supersedes a lower one. */
  readonly version: string;
  /** Date (YYYY-MM-DD) of the latest language and fact review, if any. */
  readonly reviewed?: string;
  readonly defaultLanguage: string;
  readonly languages: readonly string[];
  readonly content: Readonly<Record<string, CourseText>>;
};

/** The courses one organisation (tenant) may use. */
export interface TenantCourses {
  /** The course with that id if the tenant offers it to its teams, or undefined. */
  get(courseId: string): Course | undefined;
  /** Every course the tenant offers, newest version of each id; never empty. */
  all(): readonly Course[];
  /** The course served when nothing else is chosen: the deployment's default if offered, else the first offered. */
  defaultCourse(): Course;
  /**
   * Any course the tenant can see, offered or not: for a team already running a course the tenant has since stopped
   * offering, and for progress people already have in it.
   */
  known(courseId: string): Course | undefined;
}

/** The courses the app serves. */
export interface CourseCatalog {
  /** The course with that id, or undefined (every tenant's view: use {@link CourseCatalog.forTenant} for a tenant). */
  get(courseId: string): Course | undefined;
  /** The course served in personal chat when nothing else is chosen. */
  defaultCourse(): Course;
  /** Every course, newest version of each id. */
  all(): readonly Course[];
  /**
   * The courses one tenant may use: the deployment's courses filtered by the tenant's offered courses (its settings).
   * @remarks The one place where a tenant's own courses are to be added.
   */
  forTenant(tenantId: string): Promise<TenantCourses>;
}

/** Which course ids a tenant offers its teams (`'all'`: every course); from the tenant's settings. */
export type CourseOffers = (tenantId: string) => Promise<readonly string[] | 'all'>;

/** The text of a course in the given language, falling back to the course's default language. */
export function courseText(course: Course, language: string): CourseText {
  const text = course.content[language] ?? course.content[course.defaultLanguage];
  if (!text) throw new Error(`Course ${course.id} has no text in ${language} or ${course.defaultLanguage}`);
  return text;
}

/** Lesson ids in course order (taken from the default language). */
export function lessonIds(course: Course): readonly string[] {
  return courseText(course, course.defaultLanguage).lessons.map((lesson) => lesson.id);
}

/** The course's dilemmas in the language (falling back to the default language); empty when it has none. */
export function dilemmasOf(course: Course, language: string): readonly Dilemma[] {
  return courseText(course, language).dilemmas ?? [];
}
