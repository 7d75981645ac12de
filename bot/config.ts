import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: optionalText,
    BOT_ID: optionalText,
    BOT_PASSWORD: optionalText,
    BOT_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMsi']).default('MultiTenant'),
    BOT_TENANT_ID: optionalText,
    BOT_DOMAIN: optionalText,
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
        .optional(),
    ),
    SQLITE_PATH: z.string().trim().min(1).default('./data/laerekraft.db'),
    COURSE_PACKS: optionalText,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATA_KEY: optionalText.pipe(
      z
        .string()
        .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 random bytes in base64 (openssl rand -base64 32)')
        .optional(),
    ),
    DATA_KEYS_PREVIOUS: optionalText.pipe(
      z
        .string()
        .refine(
          (value) => value.split(',').every((key) => Buffer.from(key.trim(), 'base64').length === 32),
          'must be a comma-separated list of earlier DATA_KEY values, each 32 bytes in base64',
        )
        .optional(),
    ),
    MIN_GROUP_SIZE: z.coerce.number().int().min(2).max(100).default(5),
    GRAPH_TEAM_OWNERS: z.enum(['true', 'false']).default('false'),
    GRAPH_BASE_URL: z.url().default('https://graph.microsoft.com/v1.0'),
    AAD_APP_CLIENT_ID: optionalText,
    AAD_APP_ID_URI: optionalText,
    ALLOWED_TENANT_IDS: optionalText.pipe(
      z
        .string()
        .refine((value) => value === '*' || value.split(',').every((id) => TENANT_ID.test(id.trim()) || id.trim() === ''), 'must be * or comma-separated tenant ids (GUIDs)')
        .optional(),
    ),
    BOT_OPENID_METADATA_URL: optionalText.pipe(z.url().optional()),
    ENTRA_JWKS_URL: z.string().trim().min(1).default('https://login.microsoftonline.com/{tenantId}/discovery/v2.0/keys'),
    NAMED_PROGRESS: z.enum(['true', 'false']).default('false'),
    PRIVACY_CONTACT: optionalText.pipe(z.string().max(300, 'must be at most 300 characters').optional()),
    RETENTION_DAYS: z.coerce.number().int().min(30).max(3650).default(365),
    AUDIT_RETENTION_DAYS: z.coerce.number().int().min(365).max(3650).default(1825),
    TEAM_GRACE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    SCHEDULER_TICK_SECONDS: z.coerce.number().min(0).max(3600).default(15),
    CATCH_UP_HOURS: z.coerce.number().min(0).max(168).default(12),
    REMINDER_DAYS: z.coerce.number().int().min(1).max(30).default(3),
    OUTBOX_LEASE_SECONDS: z.coerce.number().min(1).max(3600).default(120),
    ALLOWED_HOURS: z
      .string()
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'must look like 08:00-17:00')
      .refine((value) => value.slice(0, 5) < value.slice(6), 'must end after it starts')
      .default('08:00-17:00'),
  })
  .superRefine((env, ctx) => {
    if (env.BOT_TYPE !== 'MultiTenant' && env.BOT_ID && !env.BOT_TENANT_ID) {
      ctx.addIssue({ code: 'custom', path: ['BOT_TENANT_ID'], message: `is required when BOT_TYPE is ${env.BOT_TYPE}` });
    }
    if (env.BOT_ID && !env.DATA_KEY) {
      ctx.addIssue({ code: 'custom', path: ['DATA_KEY'], message: 'is required when BOT_ID is set: it seals reflections (openssl rand -base64 32)' });
    }
    if (env.DATA_KEYS_PREVIOUS && !env.DATA_KEY) {
      ctx.addIssue({ code: 'custom', path: ['DATA_KEYS_PREVIOUS'], message: 'needs DATA_KEY (the current key) to be set as well' });
    }
    if (env.BOT_ID && env.BOT_TYPE === 'MultiTenant' && !env.ALLOWED_TENANT_IDS) {
      ctx.addIssue({ code: 'custom', path: ['ALLOWED_TENANT_IDS'], message: 'is required when BOT_ID is set: the tenant ids that may use the app, comma-separated, or * for any tenant' });
    }
    if (env.BOT_TYPE !== 'UserAssignedMsi' && env.BOT_ID && !env.BOT_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: ['BOT_PASSWORD'], message: `is required when BOT_ID is set and BOT_TYPE is ${env.BOT_TYPE}` });
    }
  });

/** How the server stores its state. */
export type StorageConfig =
  | { readonly engine: 'sqlite'; readonly path: string }
  | { readonly engine: 'postgres'; readonly url: string };

/** The validated, frozen configuration of one server process. */
export type Config = {
  readonly env: 'development' | 'test' | 'production';
  /** True when no bot app id is configured: requests are not authenticated. */
  readonly localMode: boolean;
  readonly host: string;
  readonly port: number;
  readonly bot: {
    readonly appId: string;
    readonly appPassword: string;
    readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMsi';
    readonly tenantId: string;
    readonly domain: string | undefined;
    /** Where the Bot Framework's OpenID metadata (and through it the signing keys) is; unset means the SDK's own (tests only set it). */
    readonly openIdMetadataUrl: string | undefined;
  };
  /**
   * The tenants whose people may use the bot and the tab, or `'any'`.
   * @remarks `ALLOWED_TENANT_IDS`; unset means `BOT_TENANT_ID` for a single-tenant bot, any tenant in local mode, and
   * is refused at start-up for a multi-tenant bot with `BOT_ID` (there `*` must be written out to allow any tenant).
   */
  readonly allowedTenants: readonly string[] | 'any';
  readonly storage: StorageConfig;
  readonly coursePacksDir: string | undefined;
  readonly logLevel: string;
  /** Seals reflections; generated and kept in the database in local mode when unset. */
  readonly dataKey: Buffer | undefined;
  /** Earlier data keys whose sealed values can still be opened until `npm run data-key:rotate` has re-sealed them. */
  readonly previousDataKeys: readonly Buffer[];
  /** No aggregate is shown for a group smaller than this: every tenant's default and the floor no tenant may go below. */
  readonly minGroupSize: number;
  /** Microsoft Graph: team owners are leaders when enabled (resource-specific consent TeamMember.Read.Group). */
  readonly graph: { readonly teamOwners: boolean; readonly baseUrl: string };
  /** Single sign-on for the tab API (Entra ID); undefined when not configured (then only local mode works). */
  readonly sso:
    | {
        readonly clientId: string;
        /** Accepted audiences: the client id and the App ID URI. */
        readonly audiences: readonly string[];
        /** Tenants allowed to use the app (the same rule as the bot's). */
        readonly allowedTenants: readonly string[] | 'any';
        /** Where a tenant's signing keys are, with `{tenantId}` in it. */
        readonly jwksUrl: string;
      }
    | undefined;
  /** True when the tab may run outside Teams with a developer identity picker: local mode, no SSO, not production. */
  readonly devIdentities: boolean;
  /** The default of each tenant's setting that lets leaders see named, per-person progress (off by default). */
  readonly namedProgress: boolean;
  /** Who employees ask about their data, shown on /privacy and /terms (PRIVACY_CONTACT); undefined when unset. */
  readonly privacyContact: string | undefined;
  /**
   * How long answer text is kept (each tenant's default; its administrators may change it), how long a team that
   * removed the app is kept, and how long the settings audit log is kept (AUDIT_RETENTION_DAYS, the deployment's).
   */
  readonly retention: { readonly retentionDays: number; readonly teamGraceDays: number; readonly auditRetentionDays: number };
  /** The address people reach the server at: https://BOT_DOMAIN, or localhost in local mode. */
  readonly publicUrl: string;
  readonly scheduler: {
    /** How often due schedules are fired and the outbox drained; 0 turns the background loop off. */
    readonly tickMs: number;
    readonly catchUpMs: number;
    readonly reminderDays: number;
    /**
     * How long a worker reserves the outbox rows it claimed; a row whose lease ran out (its worker died) is claimable
     * again by any instance. Must comfortably exceed the time one claimed batch takes to send.
     */
    readonly outboxLeaseMs: number;
    /** Deliveries are moved into these local hours on working days. */
    readonly allowedHours: { readonly start: string; readonly end: string };
  };
};

/** A configuration value that is not allowed; names the variable and what is allowed. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads and validates the environment.
 * @remarks The only reader of `process.env` in the server; throws {@link ConfigError} listing every bad variable.
 */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(environment);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const localMode = !env.BOT_ID;
  const allowedTenants = tenantRule(env.ALLOWED_TENANT_IDS, env.BOT_TYPE !== 'MultiTenant' ? env.BOT_TENANT_ID : undefined);
  return Object.freeze({
    env: env.NODE_ENV,
    localMode,
    host: env.HOST ?? (localMode ? '127.0.0.1' : '0.0.0.0'),
    port: env.PORT,
    bot: Object.freeze({
      appId: env.BOT_ID ?? '',
      appPassword: env.BOT_PASSWORD ?? '',
      appType: env.BOT_TYPE,
      tenantId: env.BOT_TENANT_ID ?? '',
      domain: env.BOT_DOMAIN,
      openIdMetadataUrl: env.BOT_OPENID_METADATA_URL,
    }),
    allowedTenants,
    storage: Object.freeze(
      env.DATABASE_URL
        ? { engine: 'postgres' as const, url: env.DATABASE_URL }
        : { engine: 'sqlite' as const, path: env.SQLITE_PATH },
    ),
    coursePacksDir: env.COURSE_PACKS,
    logLevel: env.LOG_LEVEL,
    dataKey: env.DATA_KEY ? Buffer.from(env.DATA_KEY, 'base64') : undefined,
    previousDataKeys: Object.freeze(
      (env.DATA_KEYS_PREVIOUS ?? '')
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean)
        .map((key) => Buffer.from(key, 'base64')),
    ),
    minGroupSize: env.MIN_GROUP_SIZE,
    graph: Object.freeze({ teamOwners: env.GRAPH_TEAM_OWNERS === 'true', baseUrl: env.GRAPH_BASE_URL }),
    sso: env.AAD_APP_CLIENT_ID
      ? Object.freeze({
          clientId: env.AAD_APP_CLIENT_ID,
          audiences: Object.freeze(
            [env.AAD_APP_CLIENT_ID, env.AAD_APP_ID_URI ?? (env.BOT_DOMAIN ? `api://${env.BOT_DOMAIN}/${env.AAD_APP_CLIENT_ID}` : undefined)].filter((value): value is string => !!value),
          ),
          allowedTenants,
          jwksUrl: env.ENTRA_JWKS_URL,
        })
      : undefined,
    devIdentities: localMode && !env.AAD_APP_CLIENT_ID && env.NODE_ENV !== 'production',
    namedProgress: env.NAMED_PROGRESS === 'true',
    privacyContact: env.PRIVACY_CONTACT,
    retention: Object.freeze({ retentionDays: env.RETENTION_DAYS, teamGraceDays: env.TEAM_GRACE_DAYS, auditRetentionDays: env.AUDIT_RETENTION_DAYS }),
    publicUrl: env.BOT_DOMAIN ? `https://${env.BOT_DOMAIN}` : `http://localhost:${env.PORT}`,
    scheduler: Object.freeze({
      tickMs: env.SCHEDULER_TICK_SECONDS * 1000,
      catchUpMs: env.CATCH_UP_HOURS * 3_600_000,
      reminderDays: env.REMINDER_DAYS,
      outboxLeaseMs: env.OUTBOX_LEASE_SECONDS * 1000,
      allowedHours: Object.freeze({ start: env.ALLOWED_HOURS.slice(0, 5), end: env.ALLOWED_HOURS.slice(6) }),
    }),
  });
}

/** The tenant allow-list: the listed ids, `'any'` for `*` or when nothing restricts it (local mode only, see the schema). */
function tenantRule(listed: string | undefined, singleTenant: string | undefined): readonly string[] | 'any' {
  if (listed === '*') return 'any';
  const ids = (listed ?? '').split(',').map((id) => id.trim().toLowerCase()).filter(Boolean);
  if (ids.length > 0) return Object.freeze(ids);
  return singleTenant ? Object.freeze([singleTenant.toLowerCase()]) : 'any';
}
