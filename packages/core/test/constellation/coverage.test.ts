import { describe, expect, it } from 'vitest';
import { createTimeScales } from '../../src/time/index.ts';
import { Sgp4Satellite, sgp4InputFrom } from '../../src/propagation/sgp4/index.ts';
import { temeToItrf } from '../../src/frames/transforms.ts';
import { compileStation, lookAngles } from '../../src/events/index.ts';
import { computeCoverage, computeCoveragePart, mergeCoverageParts, splitCoverageRequest, designConstellation, designElementSets, type CoverageRequest } from '../../src/constellation/index.ts';
import { DEG_TO_RAD } from '../../src/units/index.ts';
import type { vec3 } from '../../src/math/vec3.ts';

const ts = createTimeScales();
const START = '2026-03-10T00:00:00Z';

/**
 * Independent brute force: every grid cell is a ground station (events/station.ts), every satellite is propagated by
 * Sgp4Satellite and rotated by the full TEME→ITRF chain (frames/transforms.ts), and the elevation comes from
 * lookAngles, cell by cell, satellite by satellite. No footprint geometry, no difference arrays.
 */
function bruteForce(req: CoverageRequest): { coverage: number; meanInView: number; maxGapS: number; meanGapS: number } {
  const rows = 180 / req.latStepDeg;
  const cols = 360 / req.lonStepDeg;
  const samples = Math.floor(req.durationS / req.stepS) + 1;
  const start = ts.parseUtcIso(req.startIso);
  const sats = req.inputs.map((i) => Sgp4Satellite.create(i));
  const positions: ReturnType<typeof vec3<'ITRF'>>[][] = [];
  for (let m = 0; m < samples; m++) {
    const t = ts.plusUtcClockSeconds(start, m * req.stepS);
    positions.push(sats.map((s) => temeToItrf(s.propagateAt(ts.toUtcDaySeconds(t)), t, ts).r));
  }
  let w = 0;
  let cov = 0;
  let cnt = 0;
  let maxGap = 0;
  let gapW = 0;
  let gapN = 0;
  for (let k = 0; k < rows; k++) {
    const lat = -90 + (k + 0.5) * req.latStepDeg;
    for (let j = 0; j < cols; j++) {
      const lon = -180 + (j + 0.5) * req.lonStepDeg;
      const st = compileStation({ id: 'C', latDeg: lat, lonDeg: lon, altM: 0, minElevationDeg: req.minElevationDeg }, ts);
      let run = 0;
      let c = 0;
      let n = 0;
      for (let m = 0; m < samples; m++) {
        let inView = 0;
        for (const p of positions[m]!) if (lookAngles(st, p).elevationRad >= req.minElevationDeg * DEG_TO_RAD) inView++;
        n += inView;
        if (inView > 0) {
          c++;
          if (run > 0) {
            maxGap = Math.max(maxGap, run * req.stepS);
            gapW += Math.cos(lat * DEG_TO_RAD) * run * req.stepS;
            gapN += Math.cos(lat * DEG_TO_RAD);
          }
          run = 0;
        } else run++;
      }
      if (run > 0) {
        maxGap = Math.max(maxGap, run * req.stepS);
        gapW += Math.cos(lat * DEG_TO_RAD) * run * req.stepS;
        gapN += Math.cos(lat * DEG_TO_RAD);
      }
      const wc = Math.cos(lat * DEG_TO_RAD);
      w += wc;
      cov += (wc * c) / samples;
      cnt += (wc * n) / samples;
    }
  }
  return { coverage: cov / w, meanInView: cnt / w, maxGapS: maxGap, meanGapS: gapW / gapN };
}

describe('coverage statistics vs an independent brute-force count', () => {
  const design = designConstellation({ shells: [{ kind: 'walker-delta', totalSatellites: 24, planes: 3, phasing: 1, altitudeKm: 1200, inclinationDeg: 55 }] });
  const inputs = designElementSets(design, ts.parseUtcIso(START)).map((e) => sgp4InputFrom(e, ts));
  const req: CoverageRequest = { inputs, startIso: START, durationS: 3 * 3600, stepS: 120, minElevationDeg: 10, latStepDeg: 10, lonStepDeg: 10 };

  it('Walker 24/3/1 at 1200 km, 55°, 10° elevation, 10° grid, 3 h: coverage, satellites in view and revisit gaps within 0.5 %', () => {
    const fast = computeCoverage(req, ts);
    const ref = bruteForce(req);
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
    const errors = {
      coverage: rel(fast.coverageFraction, ref.coverage),
      meanInView: rel(fast.meanSatellitesInView, ref.meanInView),
      maxGap: rel(fast.maxRevisitGapS, ref.maxGapS),
      meanGap: rel(fast.meanRevisitGapS, ref.meanGapS),
    };
    console.info('coverage vs brute force (relative errors):', errors, { coverage: fast.coverageFraction, ref: ref.coverage });
    expect(ref.coverage).toBeGreaterThan(0.2);
    expect(ref.coverage).toBeLessThan(1);
    expect(errors.coverage, 'coverage fraction').toBeLessThan(0.005);
    expect(errors.meanInView, 'mean satellites in view').toBeLessThan(0.005);
    expect(errors.maxGap, 'max revisit gap').toBeLessThan(0.005);
    expect(errors.meanGap, 'mean revisit gap').toBeLessThan(0.005);
  });

  it('row bands merged in any order give the same result as one part (worker split)', () => {
    const whole = computeCoverage({ ...req, cells: true }, ts);
    const parts = splitCoverageRequest({ ...req, cells: true }, 5).map((r) => computeCoveragePart(r, ts)).reverse();
    const merged = mergeCoverageParts({ ...req, cells: true }, parts);
    expect(merged).toEqual(whole);
    expect(whole.perLatitude).toHaveLength(18);
    expect(whole.cells!.coverageFraction).toHaveLength(18 * 36);
  });

  it('rejects grids that do not divide the globe and elevations outside [0, 90)', () => {
    expect(() => computeCoverage({ ...req, latStepDeg: 7 }, ts)).toThrow(/divide 180/);
    expect(() => computeCoverage({ ...req, minElevationDeg: 95 }, ts)).toThrow(/Minimum elevation/);
  });
});
