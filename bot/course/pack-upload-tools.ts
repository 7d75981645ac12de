import { fileTypeFromBuffer } from 'file-type';
import { parsePackSource } from './pack-source.js';
import type { ImageType, PackTools } from '../core/tenant-packs.js';
import { validatePack } from './validate-pack.js';

/** The largest width or height, in pixels, of a lesson image (a card shows it at most ~600 px wide). */
export const maxImagePixels = 4096;

const imageTypes: readonly ImageType[] = ['image/png', 'image/jpeg', 'image/webp'];

/** Width and height from the header of a PNG, JPEG or WebP, or undefined when the header cannot be read. */
export function imageDimensions(bytes: Buffer, type: ImageType): { readonly width: number; readonly height: number } | undefined {
  try {
    if (type === 'image/png') return bytes.length >= 24 ? { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) } : undefined;
    if (type === 'image/webp') {
      const chunk = bytes.toString('ascii', 12, 16);
      if (chunk === 'VP8X') return { width: 1 + bytes.readUIntLE(24, 3), height: 1 + bytes.readUIntLE(27, 3) };
      if (chunk === 'VP8L') {
        const bits = bytes.readUInt32LE(21);
        return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
      }
      if (chunk === 'VP8 ') return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
      return undefined;
    }
    let offset = 2;
    while (offset + 9 < bytes.length) {
      if (bytes[offset] !== 0xff) return undefined;
      const marker = bytes[offset + 1]!;
      const length = bytes.readUInt16BE(offset + 2);
      // Start of frame (baseline, progressive, …), not DHT (c4), JPG (c8) or DAC (cc).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
      }
      offset += 2 + length;
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/**
 * What the tenant pack service needs from outside the core: the JSON/YAML parser, the pack validator and the image
 * check (type by magic bytes with file-type; PNG, JPEG or WebP only, never SVG; at most {@link maxImagePixels} each way).
 */
export const packTools: PackTools = {
  parse(fileName, source) {
    // The same reader as `npm run course:validate` (JSON or YAML, YAML with line and column); a name without either
    // extension is read by its first character.
    const text = source.replace(/^\uFEFF/, '');
    const named = /\.(ya?ml|json)$/i.test(fileName) ? fileName : /^\s*[{[]/.test(text) ? `${fileName}.json` : `${fileName}.yaml`;
    const parsed = parsePackSource(named, text);
    if (!parsed.ok) {
      const [first] = parsed.errors;
      return { error: (first?.message ?? 'unreadable').split('\n')[0]!.slice(0, 300), ...(first?.position ?? {}) };
    }
    return { data: parsed.data, locate: parsed.locate };
  },
  validate(data) {
    return validatePack(data);
  },
  async imageType(bytes) {
    const found = await fileTypeFromBuffer(bytes);
    const type = imageTypes.find((candidate) => candidate === found?.mime);
    if (!type) return { refusal: 'type' };
    const size = imageDimensions(bytes, type);
    if (!size || size.width < 1 || size.height < 1) return { refusal: 'type' };
    if (size.width > maxImagePixels || size.height > maxImagePixels) return { refusal: 'dimensions' };
    return { type };
  },
};
