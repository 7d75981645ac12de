import { hkdfSync } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { PersonRef } from '../../core/person.js';

/** How long a "my data" link works. */
export const DATA_LINK_TTL_SECONDS = 15 * 60;

/**
 * Short-lived signed links to a person's data export (HS256 with a key derived from the data key).
 * @remarks The token names the person and expires; whoever holds it can download, so the card says not to share it.
 */
export class DataLinkSigner {
  private readonly key: Uint8Array;

  constructor(dataKey: Buffer) {
    this.key = new Uint8Array(hkdfSync('sha256', dataKey, Buffer.alloc(0), Buffer.from('laerekraft:my-data-link'), 32));
  }

  /** A token for the person's export. */
  sign(person: PersonRef, now: Date): Promise<string> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    return new SignJWT({ tid: person.tenantId, oid: person.userId })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience('laerekraft:my-data')
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + DATA_LINK_TTL_SECONDS)
      .sign(this.key);
  }

  /** The person the token is for, or undefined when it is invalid or expired. */
  async verify(token: string, now: Date): Promise<PersonRef | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { audience: 'laerekraft:my-data', algorithms: ['HS256'], currentDate: now });
      return typeof payload.tid === 'string' && typeof payload.oid === 'string' ? { tenantId: payload.tid, userId: payload.oid } : undefined;
    } catch {
      return undefined;
    }
  }
}
