/**
 * Vallado et al. 2006 (AIAA 2006-6753) SGP4 verification: every line of tcppver.out reproduced through Skylane's
 * own TLE reader and SGP4 wrapper, positions within 1e-6 km, velocities within 1e-9 km/s, and the SGP4 error codes
 * at the places where the reference stops.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTimeScales, PropagationError, readElementSets, sgp4InputFrom, Sgp4Satellite } from '@skylane/core';

const here = (name: string): string => fileURLToPath(new URL(name, import.meta.url));
const ts = createTimeScales();

interface RefLine {
  tsince: number;
  values: number[];
}

/** tcppver.out: blocks headed "<satnum> xx", data lines whose first 7 numbers are tsince, r, v. */
function readReference(text: string): { satnum: number; lines: RefLine[] }[] {
  const blocks: { satnum: number; lines: RefLine[] }[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const head = /^(\d+)\s+xx$/.exec(line);
    if (head) {
      blocks.push({ satnum: Number(head[1]), lines: [] });
      continue;
    }
    const nums = line.split(/\s+/).slice(0, 7).map(Number);
    blocks[blocks.length - 1]!.lines.push({ tsince: nums[0]!, values: nums.slice(1) });
  }
  return blocks;
}

/** Start, stop and step (minutes) from the columns after 69 of each line 2. */
function readRunParameters(text: string): { start: number; stop: number; step: number }[] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.startsWith('2 '))
    .map((l) => {
      const [start, stop, step] = l.slice(69).trim().split(/\s+/).map(Number);
      return { start: start!, stop: stop!, step: step! };
    });
}

describe('Vallado 2006 SGP4 verification set (tcppver.out)', () => {
  const tleText = readFileSync(here('./SGP4-VER.TLE'), 'utf8');
  const read = readElementSets(tleText, { format: 'tle', timeScales: ts, sourceName: 'SGP4-VER.TLE', tleChecksum: 'warn' });
  const runs = readRunParameters(tleText);
  const reference = readReference(readFileSync(here('./tcppver.out'), 'utf8'));

  it('reads all 33 verification element sets', () => {
    expect(read.failures).toEqual([]);
    expect(read.elementSets).toHaveLength(33);
    expect(runs).toHaveLength(33);
    expect(reference).toHaveLength(33);
  });

  it('reproduces every reference line within 1e-6 km and 1e-9 km/s, and the error codes 1,1,6,6,4,3,6', () => {
    let worstR = 0;
    let worstV = 0;
    let compared = 0;
    const errorCodes: number[] = [];
    for (let c = 0; c < 33; c++) {
      const el = read.elementSets[c]!;
      const ref = reference[c]!;
      expect(el.catalogNumber).toBe(ref.satnum);
      const { start, stop, step } = runs[c]!;
      const ours: RefLine[] = [];
      let sat: Sgp4Satellite;
      try {
        sat = Sgp4Satellite.create(sgp4InputFrom(el, ts));
      } catch (err) {
        errorCodes.push((err as PropagationError).sgp4Code ?? -1);
        continue;
      }
      const at = (tsince: number): boolean => {
        try {
          const sv = sat.propagateMinutes(tsince);
          ours.push({ tsince, values: [...sv.r, ...sv.v] });
          return true;
        } catch (err) {
          expect(err).toBeInstanceOf(PropagationError);
          errorCodes.push((err as PropagationError).sgp4Code ?? -1);
          return false;
        }
      };
      // Vallado's driver: the epoch line first, then start..stop by step with the stop time last.
      at(0);
      let tsince = Math.abs(start) > 1e-8 ? start - step : start;
      while (tsince < stop) {
        tsince = Math.min(tsince + step, stop);
        if (!at(tsince)) break;
      }
      expect(ours.map((l) => l.tsince.toFixed(8)), `case ${ref.satnum}`).toEqual(ref.lines.map((l) => l.tsince.toFixed(8)));
      for (let i = 0; i < ours.length; i++) {
        const a = ours[i]!.values;
        const b = ref.lines[i]!.values;
        worstR = Math.max(worstR, Math.abs(a[0]! - b[0]!), Math.abs(a[1]! - b[1]!), Math.abs(a[2]! - b[2]!));
        worstV = Math.max(worstV, Math.abs(a[3]! - b[3]!), Math.abs(a[4]! - b[4]!), Math.abs(a[5]! - b[5]!));
        compared++;
      }
    }
    console.info(`Vallado SGP4: ${compared} lines, worst |Δr| ${worstR.toExponential(2)} km, worst |Δv| ${worstV.toExponential(2)} km/s`);
    expect(compared).toBeGreaterThan(600);
    expect(worstR).toBeLessThan(1e-6);
    expect(worstV).toBeLessThan(1e-9);
    expect(errorCodes).toEqual([1, 1, 6, 6, 4, 3, 6]);
  });

  it("near-earth cases run Skylane's own SGP4 step and match satellite.js's sgp4 on every line (run separately)", () => {
    let nearEarth = 0;
    let worstR = 0;
    let worstV = 0;
    let lines = 0;
    const ours = new Float64Array(6);
    const peer = new Float64Array(6);
    for (let c = 0; c < 33; c++) {
      let sat: Sgp4Satellite;
      try {
        sat = Sgp4Satellite.create(sgp4InputFrom(read.elementSets[c]!, ts));
      } catch {
        continue;
      }
      if (!sat.usesNearEarthStep) continue;
      nearEarth++;
      for (const line of reference[c]!.lines) {
        expect(sat.propagateInto(line.tsince, ours, 0)).toBe(0);
        expect(sat.propagateSatelliteJsInto(line.tsince, peer, 0)).toBe(0);
        for (let i = 0; i < 3; i++) {
          worstR = Math.max(worstR, Math.abs(ours[i]! - line.values[i]!));
          worstV = Math.max(worstV, Math.abs(ours[i + 3]! - line.values[i + 3]!));
        }
        expect([...ours]).toEqual([...peer]);
        lines++;
      }
    }
    console.info(`Vallado SGP4 near-earth step: ${nearEarth} cases, ${lines} lines, worst |Δr| ${worstR.toExponential(2)} km, worst |Δv| ${worstV.toExponential(2)} km/s`);
    expect(nearEarth).toBe(9);
    expect(worstR).toBeLessThan(1e-6);
    expect(worstV).toBeLessThan(1e-9);
  });
});
