/**
 * Draws `resources/icon.png` (512×512): a rounded navy square with an amber station dot sending three
 * radio-wave arcs, over a short queue of bars. Run: `npx tsx main/desktop/scripts/make-icon.ts`.
 * Plain PNG writer (zlib + CRC32), 4×4 supersampling for smooth edges; no image library needed.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const SIZE = 512;
const SAMPLES = 4;

type Rgba = [number, number, number, number];

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function encodePng(pixels: Uint8Array, size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(pixels.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Colour of one sample point in unit coordinates (0..1, y down), or null for transparent. */
function sample(x: number, y: number): Rgba | null {
  const margin = 0.04;
  const radius = 0.2;
  const cx = Math.min(Math.max(x, margin + radius), 1 - margin - radius);
  const cy = Math.min(Math.max(y, margin + radius), 1 - margin - radius);
  if (Math.hypot(x - cx, y - cy) > radius) return null; // outside the rounded square
  const amber: Rgba = [255, 176, 32, 255];
  const pale: Rgba = [236, 244, 252, 255];
  // Station dot and waves, centred low-left.
  const sx = 0.3;
  const sy = 0.62;
  const d = Math.hypot(x - sx, y - sy);
  if (d < 0.075) return amber;
  const angle = Math.atan2(sy - y, x - sx); // 0 = right, pi/2 = up
  if (angle > 0.12 && angle < Math.PI / 2 - 0.12) {
    for (const r of [0.18, 0.3, 0.42]) if (Math.abs(d - r) < 0.032) return amber;
  }
  // The queue: three bars under the waves, shortening towards the right.
  const bars = [
    { x0: 0.2, x1: 0.48 },
    { x0: 0.53, x1: 0.68 },
    { x0: 0.73, x1: 0.8 },
  ];
  if (y > 0.76 && y < 0.83) for (const bar of bars) if (x > bar.x0 && x < bar.x1) return pale;
  // Background: vertical navy gradient.
  const t = y;
  return [Math.round(20 - 8 * t), Math.round(58 - 26 * t), Math.round(96 - 44 * t), 255];
}

function render(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          const colour = sample((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += colour[3];
        }
      }
      const covered = a / 255;
      const offset = (py * size + px) * 4;
      pixels[offset] = covered ? Math.round(r / covered) : 0;
      pixels[offset + 1] = covered ? Math.round(g / covered) : 0;
      pixels[offset + 2] = covered ? Math.round(b / covered) : 0;
      pixels[offset + 3] = Math.round(a / (SAMPLES * SAMPLES));
    }
  }
  return pixels;
}

const target = fileURLToPath(new URL('../../../resources/icon.png', import.meta.url));
writeFileSync(target, encodePng(render(SIZE), SIZE));
console.log(`wrote ${target}`);
