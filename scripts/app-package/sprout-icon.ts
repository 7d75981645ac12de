import { PNG } from 'pngjs';

/** The two icons a Teams app package carries. */
export type IconKind = 'color' | 'outline';

/** The pixel size Teams requires for each icon. */
export const ICON_SIZES: Readonly<Record<IconKind, number>> = { color: 192, outline: 32 };

/** The green of the colour icon's background; also the manifest's accentColor. */
export const ICON_GREEN = { r: 0x2e, g: 0x7d, b: 0x32 } as const;

type Point = { readonly x: number; readonly y: number };
type Shape = (p: Point) => boolean;

const SAMPLES = 4;

/**
 * Draws the Lærekraft sprout (stem, two leaves, a strip of ground) as a PNG.
 * @remarks `color`: white sprout on a full green square. `outline`: white sprout on transparent, as Teams requires.
 */
export function drawSproutIcon(kind: IconKind): PNG {
  const size = ICON_SIZES[kind];
  const png = new PNG({ width: size, height: size });
  const sprout = union(sproutShapes());
  const cutVeins = veins();
  const shape: Shape = kind === 'color' ? (p) => sprout(p) && !cutVeins(p) : sprout;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const cover = coverage(shape, x, y, size);
      const i = (y * size + x) * 4;
      if (kind === 'color') {
        png.data[i] = mix(ICON_GREEN.r, 255, cover);
        png.data[i + 1] = mix(ICON_GREEN.g, 255, cover);
        png.data[i + 2] = mix(ICON_GREEN.b, 255, cover);
        png.data[i + 3] = 255;
      } else {
        png.data[i] = 255;
        png.data[i + 1] = 255;
        png.data[i + 2] = 255;
        png.data[i + 3] = Math.round(255 * cover);
      }
    }
  }
  return png;
}

/** Encodes a drawn icon as PNG bytes. */
export function encodeIcon(png: PNG): Buffer {
  return PNG.sync.write(png, { colorType: 6 });
}

function sproutShapes(): Shape[] {
  return [
    capsule({ x: 0.5, y: 0.8 }, { x: 0.5, y: 0.46 }, 0.032),
    lens({ x: 0.5, y: 0.56 }, { x: 0.22, y: 0.36 }, 0.095),
    lens({ x: 0.5, y: 0.47 }, { x: 0.8, y: 0.2 }, 0.12),
    capsule({ x: 0.3, y: 0.8 }, { x: 0.7, y: 0.8 }, 0.03),
  ];
}

function veins(): Shape {
  return union([capsule({ x: 0.47, y: 0.54 }, { x: 0.3, y: 0.42 }, 0.008), capsule({ x: 0.53, y: 0.45 }, { x: 0.72, y: 0.28 }, 0.009)]);
}

function union(shapes: readonly Shape[]): Shape {
  return (p) => shapes.some((shape) => shape(p));
}

/** A line segment with round ends, `radius` thick on each side. */
function capsule(a: Point, b: Point, radius: number): Shape {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSquared = dx * dx + dy * dy;
  return (p) => {
    const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared));
    const cx = a.x + t * dx - p.x;
    const cy = a.y + t * dy - p.y;
    return cx * cx + cy * cy <= radius * radius;
  };
}

/** A leaf: the overlap of two discs whose rims meet at `base` and `tip`; `halfWidth` at the middle. */
function lens(base: Point, tip: Point, halfWidth: number): Shape {
  const half = Math.hypot(tip.x - base.x, tip.y - base.y) / 2;
  const radius = (half * half + halfWidth * halfWidth) / (2 * halfWidth);
  const offset = radius - halfWidth;
  const mid = { x: (base.x + tip.x) / 2, y: (base.y + tip.y) / 2 };
  const nx = -(tip.y - base.y) / (2 * half);
  const ny = (tip.x - base.x) / (2 * half);
  const c1 = { x: mid.x + nx * offset, y: mid.y + ny * offset };
  const c2 = { x: mid.x - nx * offset, y: mid.y - ny * offset };
  return (p) => Math.hypot(p.x - c1.x, p.y - c1.y) <= radius && Math.hypot(p.x - c2.x, p.y - c2.y) <= radius;
}

function coverage(shape: Shape, x: number, y: number, size: number): number {
  let inside = 0;
  for (let sy = 0; sy < SAMPLES; sy += 1) {
    for (let sx = 0; sx < SAMPLES; sx += 1) {
      if (shape({ x: (x + (sx + 0.5) / SAMPLES) / size, y: (y + (sy + 0.5) / SAMPLES) / size })) inside += 1;
    }
  }
  return inside / (SAMPLES * SAMPLES);
}

function mix(from: number, to: number, amount: number): number {
  return Math.round(from + (to - from) * amount);
}
