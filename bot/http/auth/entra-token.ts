import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import { orgRolesFromClaim, type OrgRole } from '../../core/org-role.js';

/** Who a valid token says the caller is, with the organisation roles of its `roles` claim. */
export type TokenIdentity = { readonly tenantId: string; readonly userId: string; readonly name: string; readonly roles: readonly OrgRole[] };

/** A token that must be refused, with the reason (for the log, never for the caller). */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

/** Settings for validating Entra ID access tokens for the tab API. */
export type EntraTokenOptions = {
  readonly audiences: readonly string[];
  /** The tenants accepted, or `'any'`. */
  readonly allowedTenants: readonly string[] | 'any';
  /** The keys URL with `{tenantId}`, e.g. `https://login.microsoftonline.com/{tenantId}/discovery/v2.0/keys`. */
  readonly jwksUrl: string;
  /** Accepted clock skew for `exp` and `nbf`. */
  readonly clockToleranceSeconds?: number;
};

/** At most this many tenants' key sets are kept. */
const KEY_SETS_MAX = 50;

const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Validates Entra ID access tokens: RS256 against the tenant's published keys, audience, issuer (v2 or v1),
 * tenant allow-list, `exp`/`nbf` with at most five minutes' skew, and the `access_as_user` scope.
 * @remarks Keys are fetched only for an allowed tenant, after the token's tenant was checked; with any tenant allowed,
 * one key set (the `common` endpoint's, which Entra ID signs every tenant's tokens with) serves all, so a caller who
 * invents `tid`s causes no fetches. Key sets are cached (bounded) and rotate on an unknown `kid` (jose).
 */
export class EntraTokenValidator {
  private readonly keySets = new LRUCache<string, ReturnType<typeof createRemoteJWKSet>>({ max: KEY_SETS_MAX });

  constructor(private readonly options: EntraTokenOptions) {}

  /** The caller's identity; throws {@link InvalidTokenError} for any fault. */
  async validate(token: string): Promise<TokenIdentity> {
    let claims: JWTPayload;
    try {
      claims = decodeJwt(token);
    } catch {
      throw new InvalidTokenError('not a JWT');
    }
    const tenantId = typeof claims.tid === 'string' ? claims.tid : '';
    if (!TENANT_ID.test(tenantId)) throw new InvalidTokenError('no valid tid claim');
    const allowed = this.options.allowedTenants;
    if (allowed !== 'any' && !allowed.includes(tenantId.toLowerCase())) throw new InvalidTokenError('tenant not allowed');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keySet(allowed === 'any' ? 'common' : tenantId.toLowerCase()), {
        algorithms: ['RS256'],
        audience: [...this.options.audiences],
        issuer: [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`],
        clockTolerance: this.options.clockToleranceSeconds ?? 300,
        requiredClaims: ['exp', 'iat'],
      }));
    } catch (error) {
      throw new InvalidTokenError(error instanceof Error ? error.message : 'verification failed');
    }
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes('access_as_user')) throw new InvalidTokenError('missing access_as_user scope');
    const userId = typeof payload.oid === 'string' ? payload.oid : '';
    if (!userId) throw new InvalidTokenError('no oid claim');
    return { tenantId, userId, name: typeof payload.name === 'string' ? payload.name : '', roles: orgRolesFromClaim(payload.roles) };
  }

  /** The cached key set of a tenant (or of `common`); created on first use. */
  private keySet(tenantId: string): ReturnType<typeof createRemoteJWKSet> {
    let set = this.keySets.get(tenantId);
    if (!set) {
      set = createRemoteJWKSet(new URL(this.options.jwksUrl.replace('{tenantId}', tenantId)), { cooldownDuration: 30_000, cacheMaxAge: 3_600_000 });
      this.keySets.set(tenantId, set);
    }
    return set;
  }
}
