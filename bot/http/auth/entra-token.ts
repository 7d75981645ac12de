import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose';

/** Who a valid token says the caller is. */
export type TokenIdentity = { readonly tenantId: string; readonly userId: string; readonly name: string };

/** A token that must be refused, with the reason (for the log, never for the caller). */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

/** Settings for validating Entra ID access tokens for the tab API. */
export type EntraTokenOptions = {
  readonly audiences: readonly string[];
  readonly allowedTenants: readonly string[];
  /** The keys URL with `{tenantId}`, e.g. `https://login.microsoftonline.com/{tenantId}/discovery/v2.0/keys`. */
  readonly jwksUrl: string;
  /** Accepted clock skew for `exp` and `nbf`. */
  readonly clockToleranceSeconds?: number;
};

const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Validates Entra ID access tokens: RS256 against the tenant's published keys, audience, issuer (v2 or v1),
 * tenant allow-list, `exp`/`nbf` with at most five minutes' skew, and the `access_as_user` scope.
 * @remarks Key sets are cached per tenant by jose (with rotation on unknown `kid`).
 */
export class EntraTokenValidator {
  private readonly keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

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
    if (this.options.allowedTenants.length > 0 && !this.options.allowedTenants.includes(tenantId)) throw new InvalidTokenError('tenant not allowed');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keySet(tenantId), {
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
    return { tenantId, userId, name: typeof payload.name === 'string' ? payload.name : '' };
  }

  private keySet(tenantId: string): ReturnType<typeof createRemoteJWKSet> {
    let set = this.keySets.get(tenantId);
    if (!set) {
      set = createRemoteJWKSet(new URL(this.options.jwksUrl.replace('{tenantId}', tenantId)), { cooldownDuration: 30_000, cacheMaxAge: 3_600_000 });
      this.keySets.set(tenantId, set);
    }
    return set;
  }
}
