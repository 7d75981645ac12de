import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** Length of the data key in bytes (AES-256). */
export const DATA_KEY_BYTES = 32;

/**
 * Padded plaintext size of a sealed reflection: three answers of 1,000 code points of up to 4 UTF-8 bytes each,
 * with room for the JSON around them.
 */
export const SEALED_REFLECTION_BYTES = 16_384;

/** Padded plaintext size of a sealed next-step answer: four answers of 1,000 code points of up to 4 UTF-8 bytes. */
export const SEALED_NEXT_STEP_BYTES = 20_480;

/** Padded plaintext size of a sealed dilemma choice: an option id and a reason of 1,000 code points of up to 4 UTF-8 bytes. */
export const SEALED_DILEMMA_BYTES = 8_192;

/** The format tag every sealed value starts with. */
export const SEALED_VERSION = 'v2';

/** The current data key and the previous ones that may still have sealed rows. */
export type DataKeys = { readonly current: Buffer; readonly previous: readonly Buffer[] };

/** The key id of a data key: 8 base64url characters of an HMAC, which reveals nothing of the key. */
export function keyIdOf(key: Buffer): string {
  return createHmac('sha256', key).update('laerekraft:key-id').digest().subarray(0, 6).toString('base64url');
}

/**
 * Seals and opens small JSON payloads with AES-256-GCM under a key derived per person (HKDF-SHA256).
 * @remarks A sealed value is `v2.<kid>.<iv>.<ciphertext>.<tag>`: the plaintext is length-prefixed and zero-padded
 * to a fixed size, so every value of a kind has the same length whatever was written. `open` picks the key by its
 * id (current or previous); values from before v2 (`iv.ciphertext.tag`, unpadded) are opened by trying each key.
 */
export class Sealer {
  private readonly current: { readonly kid: string; readonly key: Buffer };
  private readonly byKid: ReadonlyMap<string, Buffer>;
  private readonly keys: readonly Buffer[];

  constructor(keys: Buffer | DataKeys) {
    const { current, previous } = Buffer.isBuffer(keys) ? { current: keys, previous: [] } : keys;
    for (const key of [current, ...previous]) if (key.length !== DATA_KEY_BYTES) throw new Error(`The data key must be ${DATA_KEY_BYTES} bytes`);
    this.current = { kid: keyIdOf(current), key: current };
    this.keys = [current, ...previous.filter((key) => !key.equals(current))];
    this.byKid = new Map(this.keys.map((key) => [keyIdOf(key), key]));
  }

  /** The id of the key that {@link seal} uses. */
  get currentKeyId(): string {
    return this.current.kid;
  }

  /** Encrypts the value for one person, padded to `paddedBytes` (or the next multiple of it, for oversized values). */
  seal(tenantId: string, userId: string, value: unknown, paddedBytes: number = SEALED_REFLECTION_BYTES): string {
    const json = Buffer.from(JSON.stringify(value), 'utf8');
    const size = Math.max(1, Math.ceil((json.length + 4) / paddedBytes)) * paddedBytes;
    const plain = Buffer.alloc(size);
    plain.writeUInt32BE(json.length, 0);
    json.copy(plain, 4);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keyFor(this.current.key, tenantId, userId), iv);
    cipher.setAAD(Buffer.from(`${SEALED_VERSION}.${this.current.kid}`, 'utf8'));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return [SEALED_VERSION, this.current.kid, ...[iv, body, cipher.getAuthTag()].map((part) => part.toString('base64url'))].join('.');
  }

  /** Decrypts what {@link seal} produced for the same person, under any configured key; throws when it was tampered with. */
  open<T>(tenantId: string, userId: string, sealed: string): T {
    const parts = sealed.split('.');
    if (parts[0] === SEALED_VERSION && parts.length === 5) {
      const key = this.byKid.get(parts[1]!);
      if (!key) throw new Error(`No data key with id ${parts[1]} is configured (DATA_KEYS_PREVIOUS)`);
      const [iv, body, tag] = parts.slice(2).map((part) => Buffer.from(part, 'base64url'));
      const plain = this.decrypt(this.keyFor(key, tenantId, userId), iv!, body!, tag!, Buffer.from(`${SEALED_VERSION}.${parts[1]}`, 'utf8'));
      const length = plain.readUInt32BE(0);
      return JSON.parse(plain.subarray(4, 4 + length).toString('utf8')) as T;
    }
    if (parts.length !== 3) throw new Error('Malformed sealed value');
    const [iv, body, tag] = parts.map((part) => Buffer.from(part, 'base64url'));
    for (const key of this.keys) {
      try {
        return JSON.parse(this.decrypt(this.keyFor(key, tenantId, userId), iv!, body!, tag!).toString('utf8')) as T;
      } catch {
        // Not this key; try the next.
      }
    }
    throw new Error('No configured data key opens this sealed value');
  }

  /** Whether the value is sealed in the current format under the current key (otherwise rotation re-seals it). */
  isCurrent(sealed: string): boolean {
    return sealed.startsWith(`${SEALED_VERSION}.${this.current.kid}.`);
  }

  private decrypt(key: Buffer, iv: Buffer, body: Buffer, tag: Buffer, aad?: Buffer): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    if (aad) decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  }

  private keyFor(dataKey: Buffer, tenantId: string, userId: string): Buffer {
    return Buffer.from(hkdfSync('sha256', dataKey, Buffer.from(tenantId, 'utf8'), Buffer.from(`laerekraft:person:${userId}`, 'utf8'), DATA_KEY_BYTES));
  }
}
