import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { ids, type TestUser } from './activities.js';
import { closed, opened } from './open-resources.js';

type SigningKey = Parameters<SignJWT['sign']>[0];

/** The tab's app registration in the tests: client id and App ID URI. */
export const testSso = { clientId: '11111111-2222-4333-8444-555555555555', appIdUri: 'api://laerekraft.example.no/11111111-2222-4333-8444-555555555555' } as const;

/** The fields a test token may override: faults under test, another tenant, or the `roles` claim (Entra ID app-role values). */
export type TokenOverrides = { aud?: string; iss?: string; tid?: string; scp?: string; exp?: number; nbf?: number; key?: SigningKey; roles?: readonly string[] };

/** A local stand-in for Entra ID's published signing keys, and the tokens it signs. */
export class FakeJwks {
  private server: Server | undefined;
  private jwk: JWK | undefined;
  privateKey!: SigningKey;
  otherKey!: SigningKey;
  readonly kid = 'test-key-1';
  /** The paths of every key-set request, in order. */
  readonly requested: string[] = [];

  /** Generates the keys and serves the key set on a free loopback port. */
  async start(): Promise<this> {
    const pair = await generateKeyPair('RS256');
    this.privateKey = pair.privateKey as SigningKey;
    this.otherKey = (await generateKeyPair('RS256')).privateKey as SigningKey;
    this.jwk = { ...(await exportJWK(pair.publicKey)), kid: this.kid, alg: 'RS256', use: 'sig' };
    this.server = createServer((req, res) => {
      this.requested.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [this.jwk] }));
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    opened(this, `fake Entra ID key set at ${this.url}`, () => this.stop());
    return this;
  }

  /** The `ENTRA_JWKS_URL` to start the app with. */
  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/{tenantId}/discovery/v2.0/keys`;
  }

  /** Stops serving the key set (again: nothing). */
  async stop(): Promise<void> {
    if (!this.server?.listening) return;
    closed(this);
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  /** A token as Entra ID issues it for the tab, with overrides for the faults under test and the caller's app roles. */
  async token(user: TestUser, overrides: TokenOverrides = {}): Promise<string> {
    const tid = overrides.tid ?? ids.tenant;
    const realNow = Math.floor(Date.now() / 1000);
    return new SignJWT({
      // Entra ID's v2.0 access tokens say so (TeamsFx in the tab refuses a token without `ver`).
      ver: '2.0',
      tid,
      oid: user.aadObjectId,
      name: user.name,
      scp: overrides.scp ?? 'access_as_user',
      ...(overrides.nbf !== undefined ? { nbf: overrides.nbf } : {}),
      ...(overrides.roles ? { roles: [...overrides.roles] } : {}),
    })
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT' })
      .setIssuer(overrides.iss ?? `https://login.microsoftonline.com/${tid}/v2.0`)
      .setAudience(overrides.aud ?? testSso.clientId)
      .setIssuedAt(realNow - 60)
      .setExpirationTime(overrides.exp ?? realNow + 3600)
      .sign(overrides.key ?? this.privateKey);
  }
}

/** The environment that turns on single sign-on against a {@link FakeJwks} for the given tenants. */
export function ssoEnv(jwks: FakeJwks, tenants: readonly string[] = [ids.tenant, ids.otherTenant]): NodeJS.ProcessEnv {
  return { AAD_APP_CLIENT_ID: testSso.clientId, AAD_APP_ID_URI: testSso.appIdUri, ENTRA_JWKS_URL: jwks.url, ALLOWED_TENANT_IDS: tenants.join(',') };
}

/** The Authorization header for a token. */
export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
