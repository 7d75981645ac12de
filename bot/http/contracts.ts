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
  readonly code: 'unauthorized' | 'forbidden' | 'notFound' | 'badRequest' | 'validation' | 'notSetUp' | 'conflict' | 'internal';
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
  /** People in the team who have read it; null when the team is too small to show. */
  readonly read: number | null;
  /** Reflections given on it in the team's rounds; null when too small. */
  readonly reflections: number | null;
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
  readonly kind: 'lesson' | 'reflection' | 'reminder' | 'planReminder' | 'nextSteps';
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
  readonly courseTitle: string;
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
};

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
