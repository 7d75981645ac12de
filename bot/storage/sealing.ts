import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Length of the data key in bytes (AES-256). */
export const DATA_KEY_BYTES = 32;

/**
 * Seals and opens small JSON payloads with AES-256-GCM under a key derived per person (HKDF-SHA256).
 * @remarks Without the data key, sealed rows cannot be read or linked to anything else in the database.
 */
export class Sealer {
  constructor(private readonly dataKey: Buffer) {
    if (dataKey.length !== DATA_KEY_BYTES) throw new Error(`The data key must be ${DATA_KEY_BYTES} bytes`);
  }

  /** Encrypts the value for one person; the result is `iv.ciphertext.tag` in base64url. */
  seal(tenantId: string, userId: string, value: unknown): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keyFor(tenantId, userId), iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return [iv, body, cipher.getAuthTag()].map((part) => part.toString('base64url')).join('.');
  }

  /** Decrypts what {@link seal} produced for the same person; throws when it was tampered with. */
  open<T>(tenantId: string, userId: string, sealed: string): T {
    const [iv, body, tag] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
    if (!iv || !body || !tag) throw new Error('Malformed sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.keyFor(tenantId, userId), iv);
    decipher.setAuthTag(tag);
    return JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')) as T;
  }

  private keyFor(tenantId: string, userId: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.dataKey, Buffer.from(tenantId, 'utf8'), Buffer.from(`laerekraft:person:${userId}`, 'utf8'), DATA_KEY_BYTES));
  }
}
