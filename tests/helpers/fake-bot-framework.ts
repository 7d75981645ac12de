import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { closed, opened } from './open-resources.js';

type SigningKey = Parameters<SignJWT['sign']>[0];

/** The issuer of the tokens the Bot Connector sends to bots. */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

/**
 * A local stand-in for the Bot Framework's OpenID metadata and signing keys, and a signer of the tokens the Bot
 * Connector puts on its requests (set `BOT_OPENID_METADATA_URL` to {@link metadataUrl}).
 */
export class FakeBotFramework {
  private server: Server | undefined;
  private jwk: JWK | undefined;
  private privateKey!: SigningKey;
  /** A key the fake does not publish, for a wrong signature. */
  otherKey!: SigningKey;
  readonly kid = 'bf-test-key';
  /** How many times the metadata or keys were fetched. */
  fetches = 0;

  /** Starts listening on a free loopback port. */
  async start(): Promise<this> {
    const pair = await generateKeyPair('RS256', { extractable: true });
    this.privateKey = pair.privateKey as SigningKey;
    this.otherKey = (await generateKeyPair('RS256')).privateKey as SigningKey;
    this.jwk = { ...(await exportJWK(pair.publicKey)), kid: this.kid, alg: 'RS256', use: 'sig' };
    this.server = createServer((req, res) => {
      this.fetches += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url?.startsWith('/keys')) res.end(JSON.stringify({ keys: [this.jwk] }));
      else res.end(JSON.stringify({ issuer: BOT_FRAMEWORK_ISSUER, jwks_uri: `${this.base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    opened(this, `fake Bot Framework token service at ${this.base}`, () => this.stop());
    return this;
  }

  private get base(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** The OpenID metadata address. */
  get metadataUrl(): string {
    return `${this.base}/v1/.well-known/openidconfiguration`;
  }

  /** A token as the Bot Connector sends it to the bot `appId` for activities from `serviceUrl`, with overrides. */
  async token(appId: string, serviceUrl: string, overrides: { aud?: string; exp?: number; key?: SigningKey } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ serviceurl: serviceUrl })
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT' })
      .setIssuer(BOT_FRAMEWORK_ISSUER)
      .setAudience(overrides.aud ?? appId)
      .setIssuedAt(now - 60)
      .setNotBefore(now - 60)
      .setExpirationTime(overrides.exp ?? now + 3600)
      .sign(overrides.key ?? this.privateKey);
  }

  /** Stops the server (again: nothing). */
  async stop(): Promise<void> {
    if (!this.server?.listening) return;
    closed(this);
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}
