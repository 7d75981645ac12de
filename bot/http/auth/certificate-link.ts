import { hkdfSync, randomUUID } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import type { PersonRef } from '../../core/person.js';
import type { UsedLinkRepository } from '../../core/ports.js';

/** How long a certificate link works. */
export const CERTIFICATE_LINK_TTL_SECONDS = 15 * 60;

/** What a certificate link carries: who, which course, and the name and language to print. */
export type CertificateClaim = { readonly person: PersonRef; readonly courseId: string; readonly name: string; readonly language: string };

/**
 * Single-use, short-lived links to a person's course certificate.
 * @remarks The token is encrypted (JWE, dir + A256GCM, key derived from the data key), not only signed: it carries the
 * display name Teams gave at the click, so the name is printed without being stored, and a URL in an HTTP log shows
 * none of it. It must carry `exp`; its random `jti` is recorded when used (`used_links`), so it works once.
 */
export class CertificateLinkSigner {
  private readonly key: Uint8Array;

  constructor(
    dataKey: Buffer,
    private readonly usedLinks: UsedLinkRepository,
  ) {
    this.key = new Uint8Array(hkdfSync('sha256', dataKey, Buffer.alloc(0), Buffer.from('laerekraft:certificate-link'), 32));
  }

  /** A token for the person's certificate of the course. */
  sign(claim: CertificateClaim, now: Date): Promise<string> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    return new EncryptJWT({ tid: claim.person.tenantId, oid: claim.person.userId, course: claim.courseId, name: claim.name, lang: claim.language })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setAudience('laerekraft:certificate')
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + CERTIFICATE_LINK_TTL_SECONDS)
      .encrypt(this.key);
  }

  /** Uses the link: what it is for, or undefined when it is invalid, expired or was used before. */
  async redeem(token: string, now: Date): Promise<CertificateClaim | undefined> {
    let payload;
    try {
      ({ payload } = await jwtDecrypt(token, this.key, { audience: 'laerekraft:certificate', currentDate: now, requiredClaims: ['exp', 'jti'], keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] }));
    } catch {
      return undefined;
    }
    const { tid, oid, course, name, lang, jti, exp } = payload;
    if (typeof tid !== 'string' || typeof oid !== 'string' || typeof course !== 'string' || typeof name !== 'string' || typeof lang !== 'string' || typeof jti !== 'string' || typeof exp !== 'number') return undefined;
    if (!(await this.usedLinks.claim(jti, new Date(exp * 1000), now))) return undefined;
    return { person: { tenantId: tid, userId: oid }, courseId: course, name, language: lang };
  }
}
