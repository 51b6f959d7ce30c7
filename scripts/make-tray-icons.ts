/**
 * Draws the tray icons (one per tray state, 1x and @2x, plus a macOS template for idle) and the
 * app icon into assets/, as PNGs written by hand with node:zlib: the shapes are simple enough
 * that an image library would only add a native dependency. Run: npx tsx scripts/make-tray-icons.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { TrayIcon } from '../electron/core/tray/tray-model.js';

/** Straight (not premultiplied) RGBA, channels 0–255. */
type Rgba = readonly [number, number, number, number];
/** Shapes live in a unit square, so one drawing serves every pixel size. */
type Shape = (x: number, y: number) => boolean;
type Layer = readonly [Shape, Rgba];

const disc =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

const ring =
  (cx: number, cy: number, r: number, width: number): Shape =>
  (x, y) =>
    Math.abs(Math.hypot(x - cx, y - cy) - r) <= width / 2;

/** A stroke with round caps from (ax, ay) to (bx, by). */
function line(ax: number, ay: number, bx: number, by: number, width: number): Shape {
  const [dx, dy] = [bx - ax, by - ay];
  const lengthSquared = dx * dx + dy * dy;
  return (x, y) => {
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / lengthSquared));
    return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= width / 2;
  };
}

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((shape) => shape(x, y));

const minus =
  (shape: Shape, hole: Shape): Shape =>
  (x, y) =>
    shape(x, y) && !hole(x, y);

const intersect =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    a(x, y) && b(x, y);

function roundedSquare(inset: number, radius: number): Shape {
  const [lo, hi] = [inset + radius, 1 - inset - radius];
  return (x, y) => {
    const dx = Math.max(lo - x, 0, x - hi);
    const dy = Math.max(lo - y, 0, y - hi);
    return dx * dx + dy * dy <= radius * radius;
  };
}

/** A heater shield: flat top, straight sides, then sides curving in to a point at the bottom. */
function shield(left: number, top: number, right: number, bottom: number): Shape {
  const mid = (left + right) / 2;
  const shoulder = top + (bottom - top) * 0.35;
  return (x, y) => {
    if (y < top || y > bottom) return false;
    if (y <= shoulder) return x >= left && x <= right;
    // 1 - t² leaves the shoulder smoothly and still meets the point at an angle.
    const t = (y - shoulder) / (bottom - shoulder);
    return Math.abs(x - mid) <= ((right - left) / 2) * (1 - t * t);
  };
}

/** An almond eye made of two circle arcs, with the pupil cut out so the background shows. */
function eye(cx: number, cy: number, width: number, pupil: number): Shape {
  const halfWidth = width / 2;
  const halfHeight = width * 0.3;
  // The circles through both corners and the top (or bottom) of the almond.
  const r = (halfWidth ** 2 + halfHeight ** 2) / (2 * halfHeight);
  const almond = intersect(disc(cx, cy + r - halfHeight, r), disc(cx, cy - r + halfHeight, r));
  return minus(almond, disc(cx, cy, pupil));
}

/** Coverage per layer from a grid of samples per pixel, composited with "over". */
function render(size: number, layers: readonly Layer[], samples = 8): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const [shape, [lr, lg, lb, la]] of layers) {
        let inside = 0;
        for (let sy = 0; sy < samples; sy++) {
          for (let sx = 0; sx < samples; sx++) {
            if (shape((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)) {
              inside++;
            }
          }
        }
        const alpha = (inside / samples ** 2) * (la / 255);
        const out = alpha + a * (1 - alpha);
        if (out === 0) continue;
        r = (lr * alpha + r * a * (1 - alpha)) / out;
        g = (lg * alpha + g * a * (1 - alpha)) / out;
        b = (lb * alpha + b * a * (1 - alpha)) / out;
        a = out;
      }
      pixels.set([r, g, b, a * 255].map(Math.round), (py * size + px) * 4);
    }
  }
  return pixels;
}

function png(size: number, rgba: Buffer): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const framed = Buffer.alloc(body.length + 8);
    framed.writeUInt32BE(data.length, 0);
    body.copy(framed, 4);
    framed.writeUInt32BE(crc32(body), body.length + 4);
    return framed;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method, no interlace
  const rowLength = size * 4;
  const scanlines = Buffer.alloc((rowLength + 1) * size); // each row starts with filter 0
  for (let y = 0; y < size; y++) {
    rgba.copy(scanlines, y * (rowLength + 1) + 1, y * rowLength, (y + 1) * rowLength);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const white: Rgba = [255, 255, 255, 255];
const black: Rgba = [0, 0, 0, 255];
const red: Rgba = [217, 48, 37, 255];
const darkRed: Rgba = [165, 14, 14, 255];
const navy: Rgba = [31, 42, 68, 255];

/** A filled disc with a slightly darker rim, so it holds up on light and dark panels alike. */
function badge(fill: Rgba, rim: Rgba, glyph: Shape): Layer[] {
  return [
    [disc(0.5, 0.5, 0.48), rim],
    [disc(0.5, 0.5, 0.41), fill],
    [glyph, white],
  ];
}

// Typed by the tray model's states, so a new state cannot ship without its icon.
const trayIcons: Record<TrayIcon, Layer[]> = {
  // Grey and calm, but still a recognisable "watching" eye: idle is never mistaken for off.
  idle: badge([128, 134, 139, 255], [95, 99, 104, 255], eye(0.5, 0.5, 0.66, 0.12)),
  triggered: badge(red, darkRed, union(line(0.5, 0.24, 0.5, 0.55, 0.17), disc(0.5, 0.75, 0.09))),
  acknowledged: badge(
    [227, 140, 0, 255],
    [176, 96, 0, 255],
    union(line(0.29, 0.52, 0.44, 0.67, 0.14), line(0.44, 0.67, 0.72, 0.36, 0.14)),
  ),
  // A "no signal" sign: red like a page, but hollow and slashed, so it reads "cannot see".
  blind: [
    [disc(0.5, 0.5, 0.48), white],
    [ring(0.5, 0.5, 0.39, 0.18), red],
    [line(0.24, 0.24, 0.76, 0.76, 0.17), red],
  ],
};

/** macOS tints template images to match the menu bar; only the calm state should blend in. */
const idleTemplate: Layer[] = [
  [ring(0.5, 0.5, 0.43, 0.1), black],
  [eye(0.5, 0.5, 0.6, 0.11), black],
];

const appIcon: Layer[] = [
  [roundedSquare(0.06, 0.2), navy],
  [shield(0.22, 0.18, 0.78, 0.86), white],
  [eye(0.5, 0.45, 0.4, 0.07), navy],
  [disc(0.5, 0.45, 0.045), red],
];

function write(file: string, size: number, layers: readonly Layer[]): void {
  writeFileSync(file, png(size, render(size, layers)));
  console.log(`wrote ${path.relative(process.cwd(), file)} (${size}x${size})`);
}

const assets = path.join(import.meta.dirname, '..', 'assets');
mkdirSync(path.join(assets, 'tray'), { recursive: true });
for (const [state, layers] of [
  ...Object.entries(trayIcons),
  ['idleTemplate', idleTemplate] as const,
]) {
  // Electron picks name@2x.png on its own on high-density displays.
  const name = `tray-${state}`;
  write(path.join(assets, 'tray', `${name}.png`), 16, layers);
  write(path.join(assets, 'tray', `${name}@2x.png`), 32, layers);
}
write(path.join(assets, 'icon.png'), 512, appIcon);
