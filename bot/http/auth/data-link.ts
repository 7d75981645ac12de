import { hkdfSync, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { PersonRef } from '../../core/person.js';
import type { UsedLinkRepository } from '../../core/ports.js';

/** How long a "my data" link works. */
export const DATA_LINK_TTL_SECONDS = 15 * 60;

/**
 * Short-lived signed links to a person's data export (HS256 with a key derived from the data key).
 * @remarks The token names the person, must carry `exp` and works once (its random `jti` is recorded when used);
 * whoever holds an unused link can download, so the card says not to share it.
 */
export class DataLinkSigner {
  private readonly key: Uint8Array;

  constructor(
    dataKey: Buffer,
    private readonly usedLinks: UsedLinkRepository,
  ) {
    this.key = new Uint8Array(hkdfSync('sha256', dataKey, Buffer.alloc(0), Buffer.from('laerekraft:my-data-link'), 32));
  }

  /** A token for the person's export. */
  sign(person: PersonRef, now: Date): Promise<string> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    return new SignJWT({ tid: person.tenantId, oid: person.userId })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience('laerekraft:my-data')
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + DATA_LINK_TTL_SECONDS)
      .sign(this.key);
  }

  /** Uses the link: the person the token is for, or undefined when it is invalid, expired or was used before. */
  async redeem(token: string, now: Date): Promise<PersonRef | undefined> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.key, { audience: 'laerekraft:my-data', algorithms: ['HS256'], currentDate: now, requiredClaims: ['exp', 'jti'] }));
    } catch {
      return undefined;
    }
    if (typeof payload.tid !== 'string' || typeof payload.oid !== 'string' || typeof payload.jti !== 'string' || typeof payload.exp !== 'number') return undefined;
    if (!(await this.usedLinks.claim(payload.jti, new Date(payload.exp * 1000), now))) return undefined;
    return { tenantId: payload.tid, userId: payload.oid };
  }
}
