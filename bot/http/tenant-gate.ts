import type { Logger } from '../core/ports.js';

/** How many refused tenants are remembered so that each is logged once. */
const LOGGED_TENANTS_MAX = 1000;

/**
 * The one tenant rule for the bot and the tab: admits the allowed tenants (or any, when the rule is `'any'`).
 * @remarks A refused tenant is logged once (its id only, which names an organisation, not a person).
 */
export class TenantGate {
  private readonly logged = new Set<string>();

  constructor(
    private readonly allowed: readonly string[] | 'any',
    private readonly logger: Logger,
  ) {}

  /** True when the tenant is on the allowed list (or any tenant is); logs nothing, for work the app does by itself. */
  allows(tenantId: string): boolean {
    return this.allowed === 'any' || this.allowed.includes(tenantId.toLowerCase());
  }

  /** True when the tenant may use the app; an activity without a tenant is admitted only when any tenant is. */
  admits(tenantId: string | undefined): boolean {
    if (this.allowed === 'any') return true;
    const tenant = tenantId?.toLowerCase();
    if (tenant && this.allowed.includes(tenant)) return true;
    const key = tenant ?? '(none)';
    if (!this.logged.has(key)) {
      if (this.logged.size >= LOGGED_TENANTS_MAX) this.logged.clear();
      this.logged.add(key);
      this.logger.warn({ tenantId: key }, 'activity from a tenant outside ALLOWED_TENANT_IDS ignored');
    }
    return false;
  }
}
