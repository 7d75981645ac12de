import { PNG } from 'pngjs';
import { ICON_SIZES } from './sprout-icon.js';
import type { IconKind } from './sprout-icon.js';

/**
 * Checks one icon as Teams requires it: a PNG of the right size; the outline icon white on transparent.
 * @returns one line per problem naming the file; empty when the icon is fine.
 */
export function checkIcon(kind: IconKind, bytes: Buffer, file: string): string[] {
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch (error) {
    return [`${file}: not a readable PNG (${(error as Error).message})`];
  }
  const size = ICON_SIZES[kind];
  if (png.width !== size || png.height !== size) return [`${file}: must be ${size}×${size} pixels, is ${png.width}×${png.height}`];
  return kind === 'outline' ? checkOutline(png, file) : checkColor(png, file);
}

function checkOutline(png: PNG, file: string): string[] {
  let transparent = 0;
  let visible = 0;
  let coloured = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const alpha = png.data[i + 3] ?? 0;
    if (alpha === 0) {
      transparent += 1;
      continue;
    }
    visible += 1;
    if (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255) coloured += 1;
  }
  const problems: string[] = [];
  if (coloured > 0) problems.push(`${file}: ${coloured} visible pixel(s) are not white; the outline icon must be white on transparent`);
  if (transparent === 0) problems.push(`${file}: has no transparent pixel; the outline icon needs a transparent background`);
  if (visible === 0) problems.push(`${file}: is fully transparent`);
  return problems;
}

function checkColor(png: PNG, file: string): string[] {
  for (let i = 3; i < png.data.length; i += 4) {
    if ((png.data[i] ?? 0) > 0) return [];
  }
  return [`${file}: is fully transparent`];
}
