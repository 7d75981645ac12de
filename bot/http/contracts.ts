/**
 * Request and response shapes of the tab API under `/api/v1`.
 * @remarks The tab imports only these types. Every figure about a group is `null` when the group is smaller than
 * the minimum group size; the server decides, never the page.
 */

/** A person's organisation role (Entra ID app role); see bot/core/org-role.ts. */
export type { OrgRole } from '../core/org-role.js';
import type { OrgRole } from '../core/org-role.js';
import type { SettingName, TenantSettings } from '../core/tenant-settings.js';

/** The settings an organisation's administrators decide (see bot/core/tenant-settings.ts). */
export type OrgSettingsValues = TenantSettings;

/** The name of one organisation setting. */
export type OrgSettingName = SettingName;

/** A problem reported by the API, with a stable code and a message in the caller's language. */
export type ApiError = {
  readonly code: 'unauthorized' | 'forbidden' | 'notFound' | 'badRequest' | 'validation' | 'notSetUp' | 'conflict' | 'internal' | 'chooseCourse' | 'courseNotOffered';
  readonly message: string;
  /** Field-level problems for `validation`. */
  readonly problems?: readonly { readonly field: string; readonly message: string }[];
};

/** How the viewer relates to a team. */
export type TeamRole = 'leader' | 'coLeader' | 'owner' | 'member';

/** `GET /api/v1/me`: who is signed in, their language, and their teams. */
export type MeResponse = {
  readonly user: { readonly tenantId: string; readonly userId: string; readonly name: string };
  readonly language: string;
  readonly localMode: boolean;
  readonly teams: readonly { readonly teamId: string; readonly name: string; readonly role: TeamRole }[];
  /** The caller's organisation roles (from the token's `roles` claim); empty for most people. */
  readonly roles: readonly OrgRole[];
};

/** `GET /api/v1/i18n/{language}`: the tab's messages (ICU MessageFormat), keyed as in the catalogs. */
export type MessagesResponse = {
  readonly language: string;
  readonly messages: Readonly<Record<string, string>>;
};

/** A lesson's completion in the team. */
export type LessonCompletion = {
  readonly lessonId: string;
  readonly number: number;
  readonly title: string;
  readonly posted: boolean;
  /**
   * People in the team who have read it; null when the team is too small to show, or when the count is given as a
   * band (`readBand`): the headline's rule, so a count the headline hides is not shown here either.
   */
  readonly read: number | null;
  /** The band ("16–19") where `read` is null because the exact count would point at a few people. */
  readonly readBand: { readonly from: number; readonly to: number } | null;
  /** Reflections given on it in the team's rounds; null when too small or given as a band. */
  readonly reflections: number | null;
  readonly reflectionsBand: { readonly from: number; readonly to: number } | null;
};

/** Activity in one ISO week. */
export type WeekActivity = {
  /** Monday of the week, `YYYY-MM-DD`. */
  readonly weekStart: string;
  readonly lessonsRead: number | null;
  readonly reflections: number | null;
};

/** An answer shared in a lesson thread: named with the display name shown in Teams, or anonymous. */
export type SharedAnswer = {
  readonly authorName: string | null;
  readonly answers: readonly string[];
};

/** A reflection round: how many reflected, and what was shared. */
export type ReflectionRound = {
  readonly lessonId: string;
  readonly title: string;
  readonly reflections: number | null;
  /** The band where `reflections` is null because the exact count would point at a few people (the headline's rule). */
  readonly reflectionsBand: { readonly from: number; readonly to: number } | null;
  readonly shared: readonly SharedAnswer[];
};

/** A schedule as the leader sees it. */
export type ScheduleView = {
  readonly kind: 'lesson' | 'reflection' | 'reminder';
  /** ISO instant; null when finished. */
  readonly nextAt: string | null;
  readonly paused: boolean;
  /** The configured local time of day, `HH:MM` (before any move out of quiet hours). */
  readonly time: string;
  /** The rule in words, in the viewer's language. */
  readonly description: string;
};

/** A delivery as the leader sees it. */
export type DeliveryView = {
  readonly id: string;
  readonly kind: 'lesson' | 'reflection' | 'reminder' | 'planReminder' | 'nextSteps' | 'dilemma';
  readonly dueAt: string;
  /**
   * queued: not tried yet; sending: under way; retrying: a send failed and will be tried again; sent; failed: done,
   * some sends failed for good; missed: due while the service was down too long; skipped: nothing to send.
   */
  readonly status: 'queued' | 'sending' | 'retrying' | 'sent' | 'failed' | 'missed' | 'skipped';
  /** Why it failed, is being retried, was missed or skipped, in plain words in the viewer's language. */
  readonly reason: string | null;
  readonly targets: number;
  readonly sent: number;
  readonly failed: number;
};

/** A member's counts, only when the organisation has switched named progress on. */
export type NamedProgressRow = {
  readonly name: string;
  readonly lessonsRead: number;
  readonly reflections: number;
};

/** `GET /api/v1/teams/{teamId}/dashboard`. */
export type TeamDashboard = {
  readonly team: { readonly teamId: string; readonly name: string };
  readonly viewer: { readonly role: TeamRole };
  /** The course shown (`?course=<id>` chooses another of the team's courses). */
  readonly courseId: string;
  readonly courseTitle: string;
  /** library: the team's course was withdrawn by its organisation (no version left); the team keeps its setup and progress. */
  readonly courseWithdrawn: boolean;
  /** Every course the team runs, for the course picker. */
  readonly courses: readonly CourseOption[];
  readonly setUp: boolean;
  readonly minGroupSize: number;
  /** Members on the roster; null when the team is smaller than the minimum. */
  readonly members: number | null;
  /** True when figures are hidden because the team is too small. */
  readonly tooFewToShow: boolean;
  readonly lessons: readonly LessonCompletion[];
  readonly participation: readonly WeekActivity[];
  readonly rounds: readonly ReflectionRound[];
  /** The viewer's own progress. */
  readonly own: { readonly lessonsRead: number; readonly lessonsTotal: number; readonly reflections: number };
  /** Leaders only; null for others. */
  readonly schedules: readonly ScheduleView[] | null;
  /** Leaders only; null for others. */
  readonly deliveries: readonly DeliveryView[] | null;
  /** Leaders only and only with named progress switched on; null otherwise. */
  readonly namedProgress: readonly NamedProgressRow[] | null;
  /** Whether the organisation has switched named progress on (the page explains what that means). */
  readonly namedProgressEnabled: boolean;
};

/** `POST /api/v1/teams/{teamId}/schedules/{kind}/{pause|resume|send-now}` answers with the new schedules. */
export type SchedulesResponse = {
  readonly schedules: readonly ScheduleView[];
  /** The name of the channel the course goes to, for the "sending now" confirmation; null when it is unknown. */
  readonly channel: string | null;
  /**
   * Only in the answer to sending the lesson now, and only when an earlier try to post that lesson gave up after
   * errors from Teams: it may have reached the channel all the same, so the coordinator is told to look (as `planlegg` does).
   */
  readonly earlierTryGaveUp?: true;
};

/** `POST /api/v1/teams/{teamId}/next-steps/round` queues the round; `channel` names where it goes (null when unknown). */
export type NextStepsRoundResponse = { readonly queued: true; readonly channel: string | null };

/** `PATCH /api/v1/teams/{teamId}/schedule-times`: change the time of day of lessons or reflection rounds. */
export type ScheduleTimesRequest = { readonly lessonTime?: string; readonly reflectionTime?: string };

/** A choice in the tab's setup form: its value and the label in the caller's language. */
export type SetupChoice = { readonly value: string; readonly label: string };

/**
 * `GET /api/v1/teams/{teamId}/setup[?course=<id>]`: the tab's setup form for course coordinators (or anyone while the
 * team has no coordinator), with the courses the organisation offers (and any the team runs), the team's channels, and
 * the setup of the course asked for (else the team's latest) filled in.
 */
export type SetupForm = {
  readonly courses: readonly CourseOption[];
  /** The courses the team runs (or ran), in the order it started them. */
  readonly running: readonly string[];
  readonly channels: readonly SetupChoice[];
  readonly languages: readonly SetupChoice[];
  readonly weekdays: readonly SetupChoice[];
  readonly intervals: readonly SetupChoice[];
  readonly reflectionDays: readonly SetupChoice[];
  /** Field values (the same names as the setup card's inputs): courseId, channelId, language, startDate, lessonWeekday, lessonTime, intervalWeeks, reflectionDaysAfter, reflectionTime, mandatory, dueDate. */
  readonly values: Readonly<Record<string, string>>;
};

/** `PUT /api/v1/teams/{teamId}/setup`: the form's values; answers with the saved course and whether it was new. */
export type SetupRequest = Readonly<Record<string, string>>;

/** What saving the tab's setup form led to. */
export type SetupSaved = { readonly courseId: string; readonly created: boolean };

/** A lesson in the personal tab. */
export type MyLesson = {
  readonly lessonId: string;
  readonly number: number;
  readonly title: string;
  readonly minutes: number;
  readonly read: boolean;
};

/** One of the person's own reflections. */
export type MyReflection = {
  readonly lessonId: string;
  readonly lessonTitle: string;
  readonly questions: readonly string[];
  readonly answers: readonly string[];
  readonly visibility: 'private' | 'named' | 'anonymous';
  readonly updatedAt: string;
};

/** `GET /api/v1/me/course`: the personal tab "Mitt kurs". */
export type MyCourse = {
  readonly courseId: string;
  readonly title: string;
  readonly lessons: readonly MyLesson[];
  readonly reflections: readonly MyReflection[];
  readonly lessonsRead: number;
  /** Every course the person may choose (`?course=<id>` on these routes shows another one). */
  readonly courses: readonly CourseOption[];
};

/** `PUT /api/v1/me/course`: the course the person continues (in the personal tab and in personal chat). */
export type CourseChoice = { readonly courseId: string };

/** A course to choose: its id and title in the caller's language. */
export type CourseOption = { readonly id: string; readonly title: string };

/** `GET /api/v1/me/lessons/{lessonId}`: one lesson to read in the tab. */
export type LessonContent = {
  readonly lessonId: string;
  readonly number: number;
  readonly total: number;
  readonly title: string;
  readonly minutes: number;
  readonly body: readonly string[];
  readonly keyFact: string;
  readonly goals: readonly { readonly number: number; readonly name: string }[];
  readonly image: { readonly url: string; readonly alt: string } | null;
  readonly sources: readonly { readonly title: string; readonly url: string }[];
  readonly read: boolean;
};

/** `PUT /api/v1/me/reflections/{lessonId}`: edit one's own reflection (the same rules as on the card). */
export type ReflectionUpdate = { readonly answers: readonly [string, string, string] };

/**
 * `GET /api/v1/dev/identities` (local mode only): people to act as in the developer identity picker.
 * @remarks `appRoles` are the Entra ID app-role values their stand-in token carries (sent as `x-dev-roles`).
 */
export type DevIdentity = {
  readonly tenantId: string;
  readonly userId: string;
  readonly name: string;
  readonly teams: readonly string[];
  readonly roles: readonly OrgRole[];
  readonly appRoles: readonly string[];
};

/** An item of the team's plan. */
export type PlanItemView = {
  readonly id: string;
  readonly text: string;
  readonly owner: { readonly userId: string; readonly name: string } | null;
  /** `YYYY-MM-DD` or null. */
  readonly dueDate: string | null;
  readonly status: 'planned' | 'inProgress' | 'done';
};

/** `GET /api/v1/teams/{teamId}/next-steps`: the latest round's shared answers and the plan. */
export type NextStepsView = {
  readonly questions: readonly string[];
  readonly round: { readonly id: string; readonly startedAt: string; readonly answerCount: number | null; readonly answers: readonly SharedAnswer[] } | null;
  readonly items: readonly PlanItemView[];
  /** People who can own an item (leaders only; null for others). */
  readonly members: readonly { readonly userId: string; readonly name: string }[] | null;
  readonly canEdit: boolean;
};

/** `POST /api/v1/teams/{teamId}/plan-items` and `PATCH …/plan-items/{id}`: text, owner (user id or null), due date, status. */
export type PlanItemInput = {
  readonly text?: string;
  readonly ownerUserId?: string | null;
  readonly dueDate?: string | null;
  readonly status?: 'planned' | 'inProgress' | 'done';
};

/** Where a group of members stands in its course; a figure is null where it is hidden to protect individuals. */
export type CompletionView = {
  readonly members: number | null;
  readonly completed: number | null;
  readonly started: number | null;
  readonly notStarted: number | null;
  readonly participated: number | null;
  readonly notDone: number | null;
};

/** Rounds held in the range and plan items by status. */
export type ActivityView = {
  readonly reflectionRounds: number;
  readonly nextStepsRounds: number;
  readonly planned: number;
  readonly inProgress: number;
  readonly done: number;
};

/** `GET /api/v1/org/report?from=YYYY-MM&to=YYYY-MM`: the organisation report (aggregates only, never names). */
export type OrgReportView = {
  readonly from: string;
  readonly to: string;
  readonly minGroupSize: number;
  readonly courses: readonly {
    readonly courseId: string;
    readonly title: string;
    readonly lessons: number;
    readonly total: CompletionView;
    readonly activity: ActivityView;
    /** Teams smaller than the minimum group size have every figure null and activity null. */
    readonly teams: readonly { readonly teamId: string; readonly name: string; readonly completion: CompletionView; readonly activity: ActivityView | null }[];
  }[];
  readonly total: CompletionView;
  readonly activity: ActivityView;
  readonly months: readonly { readonly month: string; readonly completed: number | null; readonly active: number | null; readonly reflectionRounds: number; readonly nextStepsRounds: number }[];
  readonly teamsNotSetUp: number;
  /** How many figures are hidden: too small themselves (primary), or because they would give a small one away (secondary). */
  readonly suppressed: { readonly primary: number; readonly secondary: number };
};

/** `GET /api/v1/org/plan`: every team's plan items; owners only where the organisation has switched named progress on. */
export type OrgPlanView = {
  readonly items: readonly { readonly teamId: string; readonly teamName: string; readonly text: string; readonly owner: string | null; readonly dueDate: string | null; readonly status: 'planned' | 'inProgress' | 'done' }[];
  /** The cursor of the next page (`?after=`), or null on the last one. */
  readonly next: string | null;
  readonly ownersShown: boolean;
};

/** A count of people: exact, or a band where the exact figure would point at a few people. */
export type HeadCountView = { readonly exact: number } | { readonly from: number; readonly to: number };

/** `GET /api/v1/teams/{teamId}/headline` (leaders): "X of N have completed", the due date, how many are not done. */
export type TeamHeadlineView = {
  readonly teamId: string;
  readonly teamName: string;
  /** The course the headline is about (a team running several courses has one headline per course). */
  readonly courseId: string;
  readonly courseTitle: string;
  /** `YYYY-MM-DD` or null. */
  readonly dueDate: string | null;
  readonly minGroupSize: number;
  /** Null (and every count) when the team is smaller than the minimum group size. */
  readonly members: number | null;
  readonly completed: HeadCountView | null;
  readonly notDone: HeadCountView | null;
  /** Why "send a reminder now" is disabled; null when it can be used. */
  readonly reminderBlocked: 'nobodyLeft' | 'allRemindedToday' | 'remindersOff' | null;
};

/** `GET /api/v1/me/teams-overview`: the headline of every team the caller leads. */
export type TeamsOverviewView = { readonly teams: readonly TeamHeadlineView[] };

/**
 * `GET /api/v1/org/settings` (administrators, HR / competence unit, union representatives): the caller's own
 * organisation's settings, the deployment's defaults and limits, and whether the caller may change them.
 */
export type OrgSettingsResponse = {
  readonly settings: OrgSettingsValues;
  readonly defaults: OrgSettingsValues;
  /** The deployment's minimum group size: the lowest `minGroupSize` allowed. */
  readonly minGroupSizeFloor: number;
  readonly limits: { readonly minGroupSizeMax: number; readonly retentionDaysMin: number; readonly retentionDaysMax: number; readonly referenceMax: number };
  /** The courses the deployment has, to choose among. */
  readonly courses: readonly { readonly id: string; readonly title: string }[];
  /** True for administrators: only they may change the settings. */
  readonly canEdit: boolean;
  /** True for administrators and union representatives: they may read the audit log. */
  readonly canReadAudit: boolean;
};

/**
 * `PATCH /api/v1/org/settings` (administrators only): the settings to change, and for turning named progress on the
 * reference to the employer's decision and the date (`YYYY-MM-DD`) of the discussion with the union representatives.
 */
export type OrgSettingsUpdate = {
  readonly changes: Partial<OrgSettingsValues>;
  readonly decision?: { readonly reference: string; readonly discussedOn: string };
};

/** One change in the organisation's settings audit log. */
export type OrgAuditEntry = {
  readonly id: string;
  /** ISO instant. */
  readonly at: string;
  /** Who changed it: display name and Entra object id. */
  readonly actor: { readonly userId: string; readonly name: string };
  readonly setting: OrgSettingName;
  readonly oldValue: unknown;
  readonly newValue: unknown;
  readonly decisionReference: string | null;
  /** `YYYY-MM-DD` or null. */
  readonly discussedOn: string | null;
};

/** `GET /api/v1/org/audit?page=N` (administrators and union representatives): the audit log, newest first. */
export type OrgAuditResponse = {
  readonly entries: readonly OrgAuditEntry[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  /** How many days entries are kept (AUDIT_RETENTION_DAYS). */
  readonly retentionDays: number;
};

// cert: knowledge-check aggregates and course certificates.

/** One question's aggregate; every figure is null when fewer than the minimum group size answered. */
export type KnowledgeQuestionAggregate = {
  readonly questionId: string;
  readonly prompt: string;
  readonly answered: number | null;
  /** Share (0–1) who chose the correct answer. */
  readonly shareCorrect: number | null;
  readonly choices: readonly { readonly choiceId: string; readonly text: string; readonly correct: boolean; readonly count: number | null }[];
};

/** The aggregates of one lesson's knowledge check. */
export type KnowledgeLessonAggregate = {
  readonly lessonId: string;
  readonly title: string;
  readonly tooFewToShow: boolean;
  readonly questions: readonly KnowledgeQuestionAggregate[];
};

/** `GET /api/v1/teams/{teamId}/knowledge` (leaders): the team's knowledge checks and how many have a certificate. */
export type TeamKnowledgeView = {
  readonly courseId: string;
  readonly minGroupSize: number;
  /** How many current members have fetched the certificate; null when hidden (minimum group size, either way). */
  readonly certified: number | null;
  readonly members: number | null;
  readonly lessons: readonly KnowledgeLessonAggregate[];
};

/** `GET /api/v1/org/knowledge` (organisation roles): the organisation's knowledge checks per course. */
export type OrgKnowledgeView = {
  readonly minGroupSize: number;
  readonly courses: readonly { readonly courseId: string; readonly title: string; readonly lessons: readonly KnowledgeLessonAggregate[] }[];
};
// library: publishing a tenant's own course packs from the tab (`/api/v1/org/packs`).

/** One problem in an uploaded pack: where (a JSON Pointer), in which language, and what. */
/** One problem of an uploaded pack: where (JSON path; line and column in a YAML pack), in which language, and what. */
export type PackProblemView = { readonly path: string; readonly line: number | null; readonly column: number | null; readonly language: string | null; readonly message: string };

/** `POST /api/v1/org/packs/check` and `POST /api/v1/org/packs`: the pack's text (JSON or YAML) and its uploaded images by file name. */
export type PackUploadRequest = {
  readonly fileName: string;
  readonly source: string;
  /** A file name the pack uses as `image.url` → the `id` its image upload answered. */
  readonly images: Readonly<Record<string, string>>;
};

/** Every lesson card of a pack in one language, as the bot renders it (Adaptive Card JSON). */
export type PackPreviewLanguage = {
  readonly language: 'nb' | 'nn' | 'en';
  readonly lessons: readonly { readonly id: string; readonly title: string; readonly card: unknown }[];
};

/** The outcome of checking (or publishing) a pack: every problem, or the preview of every card in nb, nn and en. */
export type PackCheckResponse = {
  readonly ok: boolean;
  readonly courseId: string | null;
  readonly version: string | null;
  readonly title: string | null;
  readonly problems: readonly PackProblemView[];
  readonly preview: readonly PackPreviewLanguage[];
  /** True when the request published the pack. */
  readonly published: boolean;
};

/** One published version of one of the organisation's packs. */
export type PackVersionView = {
  readonly courseId: string;
  readonly version: string;
  readonly title: string;
  readonly publishedAt: string;
  readonly withdrawnAt: string | null;
  /** True for the version teams are offered now (the newest not withdrawn). */
  readonly current: boolean;
  /** Teams of the organisation set up with this course. */
  readonly teams: number;
};

/** `GET /api/v1/org/packs`: every version the organisation published, newest first per course. */
export type PackListResponse = { readonly versions: readonly PackVersionView[]; readonly maxImageBytes: number };

/** `POST /api/v1/org/packs/images`: one lesson image, base64. */
export type PackImageUploadRequest = { readonly fileName: string; readonly data: string };

/** The stored image: its id (for `PackUploadRequest.images`) and the URL cards load it from. */
export type PackImageUploadResponse = { readonly id: string; readonly url: string; readonly contentType: string };
// dilemma
/** What an option costs or gains on one goal, with the goal's name in the caller's language. */
export type DilemmaEffectView = { readonly goal: number; readonly goalName: string; readonly text: string };

/** A dilemma round in the tab: the distribution only once the minimum group has answered, and the reasons shared in its thread. */
export type DilemmaRoundView = {
  readonly id: string;
  readonly dilemmaId: string;
  readonly title: string;
  readonly scenario: string;
  readonly startedAt: string;
  readonly answered: number;
  readonly minGroupSize: number;
  /** Whether the counts (and each option's costs and gains) may be shown. */
  readonly revealed: boolean;
  readonly options: readonly {
    readonly id: string;
    readonly label: string;
    /** Null until the minimum group has answered. */
    readonly count: number | null;
    readonly gains: readonly DilemmaEffectView[] | null;
    readonly costs: readonly DilemmaEffectView[] | null;
  }[];
  /** Reasons shared in the thread: with the author's name, or null when anonymous. */
  readonly shared: readonly { readonly authorName: string | null; readonly reason: string }[];
};

/** `GET /api/v1/teams/{teamId}/dilemma-rounds`. */
export type DilemmaRoundsView = {
  /** The course's dilemmas, and whether each has been posted in the team. */
  readonly dilemmas: readonly { readonly id: string; readonly title: string; readonly posted: boolean }[];
  readonly rounds: readonly DilemmaRoundView[];
  readonly canEdit: boolean;
};

/** `POST /api/v1/teams/{teamId}/dilemma-rounds`: post a dilemma now (no date) or at a local date and time. */
export type DilemmaRoundRequest = { readonly dilemmaId?: string; readonly date?: string; readonly time?: string };

/** The answer to {@link DilemmaRoundRequest}. */
export type DilemmaRoundResponse = { readonly queued: true; readonly dilemmaId: string; readonly dueAt: string; readonly channel: string | null };
/** What can be shown on a meeting's shared stage: a reflection round (`id` = the lesson), or a dilemma round. */
export type StageKind = 'reflection' | 'dilemma';

/** One item the side panel offers to share to the stage. */
export type StageItem = {
  readonly kind: StageKind;
  readonly id: string;
  readonly title: string;
  /** How many answers their authors shared. */
  readonly shared: number;
};

/** `GET /api/v1/teams/{teamId}/stage-items` (course coordinators): what the meeting side panel can share, newest first. */
export type StageItemsResponse = {
  readonly team: { readonly teamId: string; readonly name: string };
  readonly items: readonly StageItem[];
};

/**
 * `GET /api/v1/teams/{teamId}/stage/{kind}/{id}` (members of the team): what the meeting stage shows, and only
 * that — the questions, the answers their authors shared (an anonymous one with no name) and, for a team of at
 * least the minimum group size, how many have answered.
 */
export type StageContent = {
  readonly kind: StageKind;
  readonly id: string;
  readonly team: { readonly teamId: string; readonly name: string };
  readonly title: string;
  /** The round's questions (a reflection round's three), or a dilemma's text. */
  readonly questions: readonly string[];
  /** How many have answered; null when the team is smaller than the minimum group size. */
  readonly answered: number | null;
  /** The team's size; null when smaller than the minimum group size. */
  readonly members: number | null;
  /** How the answers divide over a dilemma's options; null for a reflection round, or when too few to show. */
  readonly distribution: readonly { readonly label: string; readonly count: number }[] | null;
  readonly minGroupSize: number;
  readonly shared: readonly SharedAnswer[];
};

/**
 * `GET /api/v1/org/privacy` (every signed-in person of the organisation): the values of its privacy settings, which the
 * public /privacy page cannot know ("Personvern i din organisasjon").
 */
export type OrgPrivacyView = {
  readonly namedProgress: boolean;
  /** Where named progress is on: the reference to the employer's decision, the date of the union discussion and when it was switched on; null when off or not in the audit log. */
  readonly decision: { readonly reference: string; readonly discussedOn: string; readonly switchedOnAt: string } | null;
  readonly minGroupSize: number;
  readonly retentionDays: number;
  /** Who to ask (PRIVACY_CONTACT), or null. */
  readonly contact: string | null;
};
