import type { AllowedHours } from './calendar.js';
import { DomainError } from './errors.js';
import type { Clock } from './ports.js';

/** A language a tenant can choose as its default for people and teams whose Teams client gives no locale. */
export type SettingsLanguage = 'nb' | 'nn' | 'en';

/**
 * One organisation's (tenant's) own settings, decided by its administrators.
 * @remarks Every figure about a group follows `minGroupSize`; named progress is a control measure under
 * arbeidsmiljøloven chapter 9 and is switched on only with the employer's decision and the union discussion recorded.
 */
export type TenantSettings = {
  readonly namedProgress: boolean;
  readonly minGroupSize: number;
  readonly retentionDays: number;
  readonly allowedHours: { readonly start: string; readonly end: string };
  /** ISO weekdays (1 = Monday … 7 = Sunday) on which the app may post or remind; public holidays are always avoided. */
  readonly weekdays: readonly number[];
  readonly defaultLanguage: SettingsLanguage;
  readonly remindersEnabled: boolean;
  readonly courseIds: readonly string[] | 'all';
};

/** The name of one setting. */
export type SettingName = keyof TenantSettings;

/** Every setting name, in the order the settings page and the audit log show them. */
export const settingNames: readonly SettingName[] = Object.freeze([
  'namedProgress',
  'minGroupSize',
  'retentionDays',
  'allowedHours',
  'weekdays',
  'defaultLanguage',
  'remindersEnabled',
  'courseIds',
]);

/** What the deployment (the environment) decides: every setting's default, and the floor no tenant may go below. */
export type SettingsDefaults = TenantSettings & {
  /** The deployment's MIN_GROUP_SIZE: a tenant may raise the minimum group size, never lower it below this. */
  readonly minGroupSizeFloor: number;
};

/** A change to some settings. */
export type SettingsChanges = Partial<TenantSettings>;

/** The documentation that turning named progress on requires: the employer's decision and the union discussion. */
export type NamedProgressDecision = {
  /** The reference to the employer's decision (case number or document). */
  readonly reference: string;
  /** The date (`YYYY-MM-DD`) of the discussion with the union representatives. */
  readonly discussedOn: string;
};

/** Who made a change: Entra object id and display name. */
export type SettingsActor = { readonly userId: string; readonly name: string };

/** One recorded change of one setting. */
export type SettingsAuditEntry = {
  readonly id: string;
  readonly tenantId: string;
  readonly at: Date;
  readonly actor: SettingsActor;
  readonly setting: SettingName;
  /** The value before and after, as JSON text. */
  readonly oldValue: string;
  readonly newValue: string;
  readonly decisionReference: string | null;
  readonly discussedOn: string | null;
};

/** One page of the audit log, newest first. */
export type SettingsAuditPage = { readonly entries: readonly SettingsAuditEntry[]; readonly total: number; readonly page: number; readonly pageSize: number };

/** Stored settings of a tenant: only the values its administrators set, and a version for concurrent changes. */
export type StoredTenantSettings = { readonly values: SettingsChanges; readonly version: number };

/** Reads a tenant's effective settings (the core services' view of {@link TenantSettingsService}). */
export interface TenantSettingsSource {
  /** The tenant's effective settings. */
  get(tenantId: string): Promise<TenantSettings>;
}

/** Where tenant settings and their audit log are kept. */
export interface TenantSettingsRepository {
  /** The tenant's stored values, if any were ever set. */
  find(tenantId: string): Promise<StoredTenantSettings | undefined>;
  /**
   * Stores the values and appends the audit entries in one transaction, if the stored version is still `expectedVersion`
   * (0: nothing stored yet); false when another change came first.
   */
  save(tenantId: string, expectedVersion: number, values: SettingsChanges, entries: readonly SettingsAuditEntry[], at: Date): Promise<boolean>;
  /** One page (0-based) of the tenant's audit log, newest first. */
  auditPage(tenantId: string, page: number, pageSize: number): Promise<SettingsAuditPage>;
  /** Deletes audit entries recorded before the instant, in every tenant; returns how many. */
  deleteAuditBefore(instant: Date): Promise<number>;
  /** Every tenant that has stored a retention period, with it. */
  retentionOverrides(): Promise<readonly { readonly tenantId: string; readonly retentionDays: number }[]>;
  /** The decision recorded when named progress was last switched on, with when; undefined when none is in the log. */
  namedProgressDecision(tenantId: string): Promise<(NamedProgressDecision & { readonly at: Date }) | undefined>;
}

/** What employees may know about their own organisation's privacy settings ("Personvern i din organisasjon"). */
export type PrivacyFacts = {
  readonly namedProgress: boolean;
  /** Where named progress is on: the employer's decision and the union discussion, as recorded (undefined if not in the log). */
  readonly decision: (NamedProgressDecision & { readonly at: Date }) | undefined;
  readonly minGroupSize: number;
  readonly retentionDays: number;
};

/** A field of a settings change that is not allowed, with the reason. */
export type SettingsProblem = {
  readonly field: SettingName | 'decisionReference' | 'discussedOn';
  readonly problem: 'invalid' | 'belowFloor' | 'decisionRequired' | 'unknownCourse' | 'inFuture';
};

/** A settings change that breaks the rules; nothing was stored. */
export class SettingsRejectedError extends DomainError {
  override readonly name = 'SettingsRejectedError';
  readonly code = 'settingsRejected';
  constructor(readonly problems: readonly SettingsProblem[]) {
    super(`settings rejected: ${problems.map((p) => `${p.field} ${p.problem}`).join(', ')}`);
  }
}

/** Another administrator changed the settings at the same moment; nothing was stored. */
export class SettingsConflictError extends DomainError {
  override readonly name = 'SettingsConflictError';
  readonly code = 'settingsConflict';
}

/** Limits of the settings, shared by the check and the settings page. */
export const settingsLimits = Object.freeze({ minGroupSizeMax: 100, retentionDaysMin: 30, retentionDaysMax: 3650, referenceMax: 200 });

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const LANGUAGES: readonly SettingsLanguage[] = ['nb', 'nn', 'en'];

/** True for a `YYYY-MM-DD` that is a day of the calendar (Date.parse would take 2026-02-30 as 2 March). */
function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** The tenant's allowed hours and weekdays in the shape the schedule rules take. */
export function hoursOf(settings: TenantSettings): AllowedHours {
  return { start: settings.allowedHours.start, end: settings.allowedHours.end, weekdays: settings.weekdays };
}

/**
 * Checks a change against the rules: types and ranges, the deployment's minimum-group floor, known courses, and for
 * turning named progress on the decision reference and a discussion date not in the future.
 */
export function checkSettingsChange(
  current: TenantSettings,
  changes: Readonly<Record<string, unknown>>,
  decision: Partial<NamedProgressDecision> | undefined,
  context: { readonly floor: number; readonly courseIds: readonly string[]; readonly today: string },
): { readonly ok: true; readonly changes: SettingsChanges } | { readonly ok: false; readonly problems: readonly SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const out: { -readonly [K in SettingName]?: TenantSettings[K] } = {};
  const bad = (field: SettingsProblem['field'], problem: SettingsProblem['problem'] = 'invalid'): void => void problems.push({ field, problem });
  for (const key of Object.keys(changes)) if (!(settingNames as readonly string[]).includes(key)) bad(key as SettingName);
  const has = (key: SettingName): boolean => Object.hasOwn(changes, key) && changes[key] !== undefined;
  if (has('namedProgress')) {
    if (typeof changes.namedProgress === 'boolean') out.namedProgress = changes.namedProgress;
    else bad('namedProgress');
  }
  if (has('minGroupSize')) {
    const value = changes.minGroupSize;
    if (typeof value !== 'number' || !Number.isInteger(value) || value > settingsLimits.minGroupSizeMax) bad('minGroupSize');
    else if (value < context.floor) bad('minGroupSize', 'belowFloor');
    else out.minGroupSize = value;
  }
  if (has('retentionDays')) {
    const value = changes.retentionDays;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < settingsLimits.retentionDaysMin || value > settingsLimits.retentionDaysMax) bad('retentionDays');
    else out.retentionDays = value;
  }
  if (has('allowedHours')) {
    const value = changes.allowedHours as { start?: unknown; end?: unknown } | null;
    const start = value && typeof value === 'object' ? value.start : undefined;
    const end = value && typeof value === 'object' ? value.end : undefined;
    if (typeof start !== 'string' || typeof end !== 'string' || !TIME.test(start) || !TIME.test(end) || start >= end) bad('allowedHours');
    else out.allowedHours = { start, end };
  }
  if (has('weekdays')) {
    const value = changes.weekdays;
    if (!Array.isArray(value) || value.length === 0 || !value.every((day) => Number.isInteger(day) && day >= 1 && day <= 7)) bad('weekdays');
    else out.weekdays = [...new Set(value as number[])].sort((a, b) => a - b);
  }
  if (has('defaultLanguage')) {
    if (LANGUAGES.includes(changes.defaultLanguage as SettingsLanguage)) out.defaultLanguage = changes.defaultLanguage as SettingsLanguage;
    else bad('defaultLanguage');
  }
  if (has('remindersEnabled')) {
    if (typeof changes.remindersEnabled === 'boolean') out.remindersEnabled = changes.remindersEnabled;
    else bad('remindersEnabled');
  }
  if (has('courseIds')) {
    const value = changes.courseIds;
    if (value === 'all') out.courseIds = 'all';
    else if (!Array.isArray(value) || value.length === 0 || !value.every((id) => typeof id === 'string')) bad('courseIds');
    else if (!value.every((id) => context.courseIds.includes(id as string))) bad('courseIds', 'unknownCourse');
    else out.courseIds = [...new Set(value as string[])];
  }
  if (out.namedProgress === true && !current.namedProgress) {
    const reference = typeof decision?.reference === 'string' ? decision.reference.trim() : '';
    const discussedOn = typeof decision?.discussedOn === 'string' ? decision.discussedOn.trim() : '';
    if (!reference) bad('decisionReference', 'decisionRequired');
    else if (reference.length > settingsLimits.referenceMax) bad('decisionReference');
    if (!discussedOn) bad('discussedOn', 'decisionRequired');
    else if (!isCalendarDay(discussedOn)) bad('discussedOn');
    else if (discussedOn > context.today) bad('discussedOn', 'inFuture');
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, changes: out };
}

/** The effective settings: stored values over the deployment's defaults, the minimum group size never below the floor. */
export function effectiveSettings(defaults: SettingsDefaults, stored: SettingsChanges | undefined): TenantSettings {
  const { minGroupSizeFloor, ...base } = defaults;
  const merged: TenantSettings = { ...base, ...(stored ?? {}) };
  return Object.freeze({ ...merged, minGroupSize: Math.max(merged.minGroupSize, minGroupSizeFloor) });
}

const AUDIT_PAGE_SIZE = 50;

/**
 * Each tenant's own settings, with the environment as defaults, and the audit log of every change.
 * @remarks The tenant is always the caller's (from the token), never a parameter a caller chooses; the API checks
 * that the caller is an administrator (changes) or an administrator or union representative (the audit log).
 */
export class TenantSettingsService {
  constructor(
    private readonly deps: {
      readonly repository: TenantSettingsRepository;
      readonly defaults: SettingsDefaults;
      /** Every course id the deployment has, for `courseIds`. */
      readonly courseIds: () => readonly string[];
      readonly clock: Clock;
      readonly ids: { next(): string };
      /** Today (`YYYY-MM-DD`) in the organisation's zone, for the discussion date. */
      readonly today: (now: Date) => string;
    },
  ) {}

  private readonly listeners: ((tenantId: string, changed: readonly SettingName[]) => Promise<void>)[] = [];

  /** Calls `listener` after a change was stored, with the settings that changed (e.g. to replan schedules). */
  onChanged(listener: (tenantId: string, changed: readonly SettingName[]) => Promise<void>): void {
    this.listeners.push(listener);
  }

  /** The deployment's defaults and floor. */
  get defaults(): SettingsDefaults {
    return this.deps.defaults;
  }

  /** The tenant's effective settings. */
  async get(tenantId: string): Promise<TenantSettings> {
    const stored = await this.deps.repository.find(tenantId);
    return effectiveSettings(this.deps.defaults, stored?.values);
  }

  /**
   * Checks and applies a change by one of the tenant's administrators, recording each changed setting in the audit log.
   * @remarks Throws {@link SettingsRejectedError} (nothing stored) or {@link SettingsConflictError}; unchanged values are not logged.
   */
  async update(tenantId: string, actor: SettingsActor, changes: Readonly<Record<string, unknown>>, decision?: Partial<NamedProgressDecision>): Promise<TenantSettings> {
    const stored = await this.deps.repository.find(tenantId);
    const current = effectiveSettings(this.deps.defaults, stored?.values);
    const now = this.deps.clock.now();
    const check = checkSettingsChange(current, changes, decision, { floor: this.deps.defaults.minGroupSizeFloor, courseIds: this.deps.courseIds(), today: this.deps.today(now) });
    if (!check.ok) throw new SettingsRejectedError(check.problems);
    const entries: SettingsAuditEntry[] = [];
    for (const name of settingNames) {
      if (!Object.hasOwn(check.changes, name)) continue;
      const before = JSON.stringify(current[name]);
      const after = JSON.stringify(check.changes[name]);
      if (before === after) continue;
      const namedOn = name === 'namedProgress' && check.changes.namedProgress === true;
      entries.push({
        id: this.deps.ids.next(),
        tenantId,
        at: now,
        actor,
        setting: name,
        oldValue: before,
        newValue: after,
        decisionReference: namedOn ? decision!.reference!.trim() : null,
        discussedOn: namedOn ? decision!.discussedOn!.trim() : null,
      });
    }
    if (entries.length === 0) return current;
    const values: SettingsChanges = { ...(stored?.values ?? {}), ...Object.fromEntries(entries.map((entry) => [entry.setting, check.changes[entry.setting]])) };
    if (!(await this.deps.repository.save(tenantId, stored?.version ?? 0, values, entries, now))) throw new SettingsConflictError('settings changed concurrently');
    for (const listener of this.listeners) await listener(tenantId, entries.map((entry) => entry.setting));
    return effectiveSettings(this.deps.defaults, values);
  }

  /** The values of the tenant's privacy settings every signed-in employee of it may see, with the decision behind named progress. */
  async privacyFacts(tenantId: string): Promise<PrivacyFacts> {
    const settings = await this.get(tenantId);
    const decision = settings.namedProgress ? await this.deps.repository.namedProgressDecision(tenantId) : undefined;
    return { namedProgress: settings.namedProgress, decision, minGroupSize: settings.minGroupSize, retentionDays: settings.retentionDays };
  }

  /** One page (0-based) of the tenant's audit log, newest first. */
  auditLog(tenantId: string, page: number): Promise<SettingsAuditPage> {
    return this.deps.repository.auditPage(tenantId, Math.max(0, Math.floor(page)), AUDIT_PAGE_SIZE);
  }
}
