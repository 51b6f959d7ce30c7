/**
 * Draws the tray icons (every state for light and dark menu bars, the triggered one with each
 * count badge, 1x and @2x, plus a macOS template for idle) and the app icon into assets/, as
 * PNGs written by hand with node:zlib: the shapes are simple enough that an image library would
 * only add a native dependency. Run: npx tsx scripts/make-tray-icons.ts
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import {
  countBadges,
  idleTemplateImage,
  trayImageName,
  trayThemes,
  type CountBadge,
  type TrayTheme,
} from '../electron/core/tray/tray-images.js';
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

/**
 * A glyph drawn on the 16-pixel grid, so strokes fall on whole pixels at 1x and @2x: at that
 * size an anti-aliased digit is a grey smudge. `rows` are strings of '#' (ink) and '.'.
 */
function pixels(rows: readonly string[], left: number, top: number): Shape {
  return (x, y) => {
    const row = rows[Math.floor(y * 16) - top];
    return row?.[Math.floor(x * 16) - left] === '#';
  };
}

/** 5×7 digits, the classic dot-matrix shapes: legible white on red at 16 pixels. */
const digits: Record<string, readonly string[]> = {
  '1': ['..#..', '.##..', '..#..', '..#..', '..#..', '..#..', '.###.'],
  '2': ['.###.', '#...#', '....#', '...#.', '..#..', '.#...', '#####'],
  '3': ['#####', '...#.', '..#..', '...#.', '....#', '#...#', '.###.'],
  '4': ['...#.', '..##.', '.#.#.', '#..#.', '#####', '...#.', '...#.'],
  '5': ['#####', '#....', '####.', '....#', '....#', '#...#', '.###.'],
  '6': ['..##.', '.#...', '#....', '####.', '#...#', '#...#', '.###.'],
  '7': ['#####', '....#', '...#.', '..#..', '.#...', '.#...', '.#...'],
  '8': ['.###.', '#...#', '#...#', '.###.', '#...#', '#...#', '.###.'],
  '9': ['.###.', '#...#', '#...#', '.####', '....#', '...#.', '.##..'],
  '+': ['...', '...', '.#.', '###', '.#.', '...', '...'],
};

/** The badge's characters side by side, one pixel apart, centred on the 16-pixel grid. */
function countGlyph(badge: CountBadge): Shape {
  const glyphs = [...badge].map((char) => digits[char] ?? []);
  const rows = Array.from({ length: 7 }, (_, row) =>
    glyphs.map((glyph) => glyph[row] ?? '').join('.'),
  );
  const width = rows[0]?.length ?? 0;
  return pixels(rows, Math.ceil((16 - width) / 2), 4);
}

const white: Rgba = [255, 255, 255, 255];
const black: Rgba = [0, 0, 0, 255];
const red: Rgba = [217, 48, 37, 255];
const navy: Rgba = [31, 42, 68, 255];

/**
 * A colour for each tray theme's rim: darker than the fill on a light menu bar, lighter on a
 * dark one, so the disc's edge stands out from the bar either way.
 */
interface Swatch {
  fill: Rgba;
  rim: Record<TrayTheme, Rgba>;
}

const swatches = {
  red: { fill: red, rim: { light: [165, 14, 14, 255], dark: [246, 174, 169, 255] } },
  amber: {
    fill: [227, 140, 0, 255],
    rim: { light: [138, 83, 0, 255], dark: [255, 214, 140, 255] },
  },
  green: {
    fill: [30, 142, 62, 255],
    rim: { light: [13, 101, 45, 255], dark: [129, 201, 149, 255] },
  },
} satisfies Record<string, Swatch>;

function badge({ fill, rim }: Swatch, theme: TrayTheme, glyph: Shape): Layer[] {
  return [
    [disc(0.5, 0.5, 0.48), rim[theme]],
    [disc(0.5, 0.5, 0.41), fill],
    [glyph, white],
  ];
}

const watchingEye = eye(0.5, 0.5, 0.66, 0.12);
const exclamation = union(line(0.5, 0.24, 0.5, 0.55, 0.17), disc(0.5, 0.75, 0.09));

// Typed by the tray model's states, so a new state cannot ship without its icon.
const trayIcons: Record<TrayIcon, (theme: TrayTheme) => Layer[]> = {
  // Grey line art, the quietest icon: watching, not on call, nothing open.
  idle: (theme) => {
    const grey: Rgba = theme === 'light' ? [95, 99, 104, 255] : [196, 199, 197, 255];
    return [
      [ring(0.5, 0.5, 0.43, 0.1), grey],
      [eye(0.5, 0.5, 0.6, 0.11), grey],
    ];
  },
  // The only green: on call, every source seen, nothing open.
  'on-call': (theme) => badge(swatches.green, theme, watchingEye),
  // macOS, where the count is the menu-bar title beside it.
  triggered: (theme) => badge(swatches.red, theme, exclamation),
  acknowledged: (theme) =>
    badge(
      swatches.amber,
      theme,
      union(line(0.29, 0.52, 0.44, 0.67, 0.14), line(0.44, 0.67, 0.72, 0.36, 0.14)),
    ),
  // A "no signal" sign: red like a page, but hollow and slashed, so it reads "cannot see". The
  // white inside keeps the slash legible on a dark bar and blends away on a light one.
  blind: () => [
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
const trayDir = path.join(assets, 'tray');
// Start clean, so an image no state uses any more does not linger in the installer.
mkdirSync(trayDir, { recursive: true });
for (const file of readdirSync(trayDir)) rmSync(path.join(trayDir, file));

const images: [string, Layer[]][] = [
  [idleTemplateImage, idleTemplate],
  ...trayThemes.flatMap((theme) => [
    ...Object.entries(trayIcons).map(([icon, draw]): [string, Layer[]] => [
      trayImageName(icon as TrayIcon, theme),
      draw(theme),
    ]),
    ...countBadges.map((count): [string, Layer[]] => [
      trayImageName('triggered', theme, count),
      badge(swatches.red, theme, countGlyph(count)),
    ]),
  ]),
];
for (const [name, layers] of images) {
  // Electron picks name@2x.png on its own on high-density displays.
  write(path.join(trayDir, `${name}.png`), 16, layers);
  write(path.join(trayDir, `${name}@2x.png`), 32, layers);
}
write(path.join(assets, 'icon.png'), 512, appIcon);
