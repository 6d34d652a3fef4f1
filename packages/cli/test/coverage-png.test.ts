/**
 * `skylane constellation coverage --map F.png` (in-process): the PNG is decoded here with an independent reader
 * (signature, chunk CRCs recomputed bit by bit, IHDR, inflated IDAT, filter bytes) and every cell's pixel is checked
 * against the cell values of the same run's --json --cells output, coloured with the documented three-stop ramp
 * (0 → rgb(68,1,84), ½ → rgb(33,145,140), 1 → rgb(253,231,37)) transcribed here, not imported.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/main.ts';
import { captureCliOutput } from './captureOutput.ts';

const io = captureCliOutput();
const dir = mkdtempSync(join(tmpdir(), 'skylane-png-'));

/** Bitwise CRC-32 (no table), the PNG specification's reference algorithm. */
function crcBitwise(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return (c ^ 0xffffffff) >>> 0;
}

function decodePng(buf: Buffer): { width: number; height: number; pixel: (x: number, y: number) => [number, number, number]; chunks: string[] } {
  expect([...buf.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  let o = 8;
  const chunks: string[] = [];
  let ihdr: Buffer | undefined;
  const idat: Buffer[] = [];
  while (o < buf.length) {
    const len = buf.readUInt32BE(o);
    const type = buf.toString('latin1', o + 4, o + 8);
    const data = buf.subarray(o + 8, o + 8 + len);
    expect(buf.readUInt32BE(o + 8 + len), `CRC of ${type}`).toBe(crcBitwise(buf.subarray(o + 4, o + 8 + len)));
    chunks.push(type);
    if (type === 'IHDR') ihdr = data;
    if (type === 'IDAT') idat.push(data);
    o += 12 + len;
  }
  const width = ihdr!.readUInt32BE(0);
  const height = ihdr!.readUInt32BE(4);
  expect([ihdr![8], ihdr![9], ihdr![10], ihdr![11], ihdr![12]]).toEqual([8, 2, 0, 0, 0]);
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe(height * (width * 3 + 1));
  for (let y = 0; y < height; y++) expect(raw[y * (width * 3 + 1)]).toBe(0);
  const pixel = (x: number, y: number): [number, number, number] => {
    const i = y * (width * 3 + 1) + 1 + x * 3;
    return [raw[i]!, raw[i + 1]!, raw[i + 2]!];
  };
  return { width, height, pixel, chunks };
}

function ramp(v: number): [number, number, number] {
  const s = [
    [68, 1, 84],
    [33, 145, 140],
    [253, 231, 37],
  ];
  const t = Math.min(1, Math.max(0, v)) * 2;
  const k = t >= 1 ? 1 : 0;
  const f = t - k;
  return [0, 1, 2].map((i) => s[k]![i]! + (s[k + 1]![i]! - s[k]![i]!) * f) as [number, number, number];
}

describe('skylane constellation coverage --map (PNG)', () => {
  it('a Walker 24/3/1 at 1,000 km, 10° grid, 1 h: every cell pixel has the ramp colour of its coverage fraction', async () => {
    const shell = join(dir, 'shell.json');
    expect(await runCli(['constellation', 'design', '--walker', '24/3/1', '--altitude-km', '1000', '--inclination-deg', '60', '--epoch', '2026-01-01T00:00:00Z', '--out', shell])).toBe(0);
    io.stdout = '';
    const png = join(dir, 'map.png');
    const code = await runCli(['constellation', 'coverage', '--catalog', shell, '--min-el', '10', '--start', '2026-01-01T00:00:00Z', '--hours', '1', '--step-s', '120', '--grid-deg', '10', '--threads', '0', '--json', '--cells', '--map', png]);
    expect(code, io.stderr).toBe(0);
    const j = JSON.parse(io.stdout) as { cells: { coverageFraction: number[] } };
    const img = decodePng(readFileSync(png));
    expect(img.chunks).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([img.width, img.height]).toEqual([720, 360]);
    let worst = 0;
    let zero = 0;
    let full = 0;
    const cov = j.cells.coverageFraction;
    expect(cov.length).toBe(18 * 36);
    for (let k = 0; k < 18; k++) {
      for (let c = 0; c < 36; c++) {
        const v = cov[k * 36 + c]!;
        // Cell centre: latitude -85 + 10k, longitude -175 + 10c; 2 px per degree, north up, 180°W on the left.
        const px = img.pixel(Math.floor((c * 10 + 5) * 2), Math.floor((90 - (-85 + 10 * k)) * 2));
        const want = ramp(v);
        worst = Math.max(worst, ...px.map((p, i) => Math.abs(p - want[i]!)));
        if (v === 0) zero++;
        if (v === 1) full++;
      }
    }
    console.info(`coverage PNG: worst channel difference ${worst} (0–255) over 648 cells; ${zero} uncovered, ${full} always covered`);
    expect(worst).toBeLessThanOrEqual(1);
    expect(zero + full).toBeLessThan(648);
  }, 60_000);

  it('--map with another extension is a one-line usage error', async () => {
    const code = await runCli(['constellation', 'coverage', '--catalog', join(dir, 'shell.json'), '--min-el', '10', '--start', '2026-01-01T00:00:00Z', '--hours', '1', '--map', join(dir, 'map.jpg')]);
    expect(code).toBe(2);
    expect(io.stderr).toMatch(/--map: .* must end in \.png/);
  });
});
