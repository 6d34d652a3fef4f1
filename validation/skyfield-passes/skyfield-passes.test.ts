// Pass prediction against Skyfield 1.45 (Debian python3-skyfield), reference computed once by generate.py.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTimeScales } from '../../packages/core/src/time/index.ts';
import { Sgp4Satellite } from '../../packages/core/src/propagation/sgp4/sgp4.ts';
import { compileStation, findPasses, type GroundStationSpec, type Pass } from '../../packages/core/src/events/index.ts';
import { RAD_TO_DEG } from '../../packages/core/src/units/index.ts';
import { sgp4InputFromOmm, type OmmJson } from '../../packages/core/test/events/ommHelper.ts';

interface RefPass {
  object: number;
  station: string;
  aosS: number;
  tcaS: number;
  losS: number;
  maxElevationDeg: number;
  aosAzimuthDeg: number;
  losAzimuthDeg: number;
  findEvents: { aosS: number; tcaS: number; losS: number };
}

const here = new URL('.', import.meta.url);
const elements = JSON.parse(readFileSync(new URL('elements.json', here), 'utf8')) as OmmJson[];
const stationSpecs = JSON.parse(readFileSync(new URL('stations.json', here), 'utf8')) as GroundStationSpec[];
const ref = JSON.parse(readFileSync(new URL('skyfield-passes.json', here), 'utf8')) as { start: string; stop: string; passes: RefPass[] };

const ts = createTimeScales();
const window = { start: ts.parseUtcIso(ref.start), stop: ts.parseUtcIso(ref.stop) };
const stations = stationSpecs.map((s) => compileStation(s, ts));

const ours: Pass[] = [];
for (const r of elements) {
  const sat = Sgp4Satellite.create(sgp4InputFromOmm(r, ts));
  const res = findPasses(sat, stations, window, ts);
  expect(res.failure).toBeUndefined();
  ours.push(...res.passes);
}

describe('passes vs Skyfield find_events (ISS, NOAA 20 sun-synchronous, QIANFAN-1; 6 stations; 2026-03-10)', () => {
  it('finds every Skyfield pass and no extra complete pass; AOS/TCA/LOS within 1 s, max elevation within 0.01° of the Skyfield geometry', () => {
    expect(ref.passes.length).toBeGreaterThan(60);
    const worst = { aos: 0, tca: 0, los: 0, el: 0, az: 0, rawAos: 0, rawTca: 0, rawLos: 0 };
    for (const r of ref.passes) {
      const m = ours.filter((p) => p.catalogNumber === r.object && p.stationId === r.station && Math.abs(p.tcaS - r.tcaS) < 120);
      expect(m, `pass of ${r.object} over ${r.station} at +${r.tcaS} s`).toHaveLength(1);
      const p = m[0]!;
      worst.aos = Math.max(worst.aos, Math.abs(p.aosS - r.aosS));
      worst.tca = Math.max(worst.tca, Math.abs(p.tcaS - r.tcaS));
      worst.los = Math.max(worst.los, Math.abs(p.losS - r.losS));
      worst.el = Math.max(worst.el, Math.abs(p.maxElevationRad * RAD_TO_DEG - r.maxElevationDeg));
      const dAz = (a: number, b: number): number => Math.abs(((a - b + 540) % 360) - 180);
      worst.az = Math.max(worst.az, dAz(p.aosAzimuthRad * RAD_TO_DEG, r.aosAzimuthDeg), dAz(p.losAzimuthRad * RAD_TO_DEG, r.losAzimuthDeg));
      worst.rawAos = Math.max(worst.rawAos, Math.abs(p.aosS - r.findEvents.aosS));
      worst.rawTca = Math.max(worst.rawTca, Math.abs(p.tcaS - r.findEvents.tcaS));
      worst.rawLos = Math.max(worst.rawLos, Math.abs(p.losS - r.findEvents.losS));
    }
    const complete = ours.filter((p) => !p.aosClipped && !p.losClipped);
    expect(complete.length).toBe(ref.passes.length);
    console.log(
      `skyfield-passes: ${ref.passes.length} passes; worst |Δ| vs refined Skyfield: AOS ${worst.aos.toFixed(4)} s, TCA ${worst.tca.toFixed(4)} s, ` +
        `LOS ${worst.los.toFixed(4)} s, max el ${worst.el.toExponential(2)}°, AOS/LOS azimuth ${worst.az.toExponential(2)}°; ` +
        `vs raw find_events (±0.5 s search epsilon): AOS ${worst.rawAos.toFixed(3)} s, TCA ${worst.rawTca.toFixed(3)} s, LOS ${worst.rawLos.toFixed(3)} s`,
    );
    expect(worst.aos).toBeLessThan(1);
    expect(worst.tca).toBeLessThan(1);
    expect(worst.los).toBeLessThan(1);
    expect(worst.el).toBeLessThan(0.01);
    // find_events itself stops its rise/set search at a half-second epsilon after 8 subdivisions and returns the
    // late end of its last bracket: its raw rise/set times are late by up to ~9 s on a few passes (PROVENANCE.md).
    // The same Skyfield geometry refined by generate.py agrees with ours to a millisecond, so the raw times are
    // only checked loosely and for their sign.
    expect(worst.rawTca).toBeLessThan(1);
    expect(worst.rawAos).toBeLessThan(10);
    expect(worst.rawLos).toBeLessThan(10);
    for (const r of ref.passes) {
      expect(r.findEvents.aosS - r.aosS).toBeGreaterThan(-0.5);
      expect(r.findEvents.losS - r.losS).toBeGreaterThan(-0.5);
    }
  });
});
