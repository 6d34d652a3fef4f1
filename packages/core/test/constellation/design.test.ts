import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTimeScales } from '../../src/time/index.ts';
import { readElementSets, writeElementSets } from '../../src/catalog/index.ts';
import { screenConjunctions } from '../../src/screening/index.ts';
import {
  bestWalkerPhasing,
  checkShell,
  crossingArgLatDeg,
  designAltitudeKm,
  designConstellation,
  designElementSets,
  designFromElementSets,
  optimisePlanePhasing,
  planePairGeometry,
  pairMinDistanceKm,
  walkerMinDistanceKm,
  type CustomShellSpec,
} from '../../src/constellation/index.ts';
import { j2NodalRateDegPerDay } from '../../src/orbits/index.ts';

const ts = createTimeScales();
const EPOCH = ts.parseUtcIso('2026-09-22T12:00:00Z');

interface PlaneRow {
  label: string;
  n: number;
  raan: number;
  inc: number;
  alt: number;
  phase: number;
  sparse: boolean;
}

/** validation/qianfan-deployment/final_planes.csv (CC BY 4.0, Sajid, Junaid & Moeed; see PROVENANCE.md). */
function qianfanPlanes(): PlaneRow[] {
  const text = readFileSync(new URL('../../../../validation/qianfan-deployment/final_planes.csv', import.meta.url), 'utf8');
  const lines = text.trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const cells = line.match(/("[^"]*"|[^,]+)/g)!;
    return { raan: Number(cells[3]), inc: Number(cells[5]), alt: Number(cells[8]), phase: Number(cells[12]), label: cells[15]!, n: Number(cells[1]), sparse: cells[16] === 'True' };
  });
}

/** Grid-to-grid offsets at the crossings, GEOMETRY_CLAIMS.md of the same source (pair, offset_deg, along_km). */
const CLAIMED_OFFSETS: [string, string, number, number][] = [
  ['P1', 'P2', -4.29, -549.3],
  ['P1', 'P9', -4.81, -614.8],
  ['P5', 'P6', 4.84, 618.3],
  ['P6', 'P7', -4.77, -610],
  ['P7', 'P8', -4.96, -634.7],
  ['P8', 'P9', -4.59, -586.8],
  ['P1', 'P8', -0.2, -23.9],
  ['P5', 'P7', 0.05, 5.7],
  ['P6', 'P8', -0.01, -1.1],
  ['P1', 'P6', 0.06, 5.4],
  ['P4', 'P9', -0.12, -11.7],
  ['P2', 'P5', 0.5, 31.1],
];

describe('J2 nodal rates (GEOMETRY_CLAIMS.md secular check, mu 398600.4418, Re 6378.137, J2 1.08262668e-3)', () => {
  it('89°: −0.1150 °/day at 800 km, −0.1011 °/day at 1068.5 km; 53°: differential 0.478 °/day', () => {
    expect(j2NodalRateDegPerDay(800, 89)).toBeCloseTo(-0.115, 4);
    expect(j2NodalRateDegPerDay(1068.5, 89)).toBeCloseTo(-0.1011, 4);
    expect(j2NodalRateDegPerDay(800, 53) - j2NodalRateDegPerDay(1068.5, 53)).toBeCloseTo(-0.478, 3);
  });
});

describe('Qianfan custom-plane design (reconstructed planes, validation/qianfan-deployment)', () => {
  const planes = qianfanPlanes();
  const shell: CustomShellSpec = {
    kind: 'planes',
    name: 'QIANFAN',
    altitudeKm: 1068.5,
    inclinationDeg: 89,
    slotsPerPlane: 36,
    planes: planes.map((p) => ({ raanDeg: p.raan, phaseOffsetDeg: p.phase })),
  };
  const design = designConstellation({ shells: [shell] });
  const sets = designElementSets(design, EPOCH);

  it('9 planes × 36 slots; element sets carry 89°, the observed RAANs and 1,068.5 km exactly, through OMM JSON', () => {
    expect(sets).toHaveLength(9 * 36);
    const json = writeElementSets(sets, 'omm-json', { timeScales: ts });
    expect(json).toContain('"MEAN_MOTION"');
    expect(json).toContain('"RA_OF_ASC_NODE"');
    const back = readElementSets(json, { timeScales: ts }).elementSets;
    expect(back).toHaveLength(sets.length);
    let worstAltM = 0;
    for (const s of back) {
      expect(s.inclinationDeg).toBe(89);
      worstAltM = Math.max(worstAltM, Math.abs(designAltitudeKm(s.meanMotionRevPerDay) - 1068.5) * 1000);
    }
    expect(worstAltM, 'altitude read back from the OMM mean motion (m)').toBeLessThan(1e-6);
    const rebuilt = designFromElementSets(back);
    expect(rebuilt.shells).toHaveLength(1);
    expect(rebuilt.shells[0]!.planes).toHaveLength(9);
    expect(rebuilt.shells[0]!.slotsPerPlane).toBe(36);
    rebuilt.shells[0]!.planes.forEach((p, k) => expect(p.raanDeg).toBeCloseTo(planes[k]!.raan, 9));
  });

  it('RAAN spacing per lattice step between populated planes 20.17–20.78°, median 20.50°; 10° slot grid in every plane', () => {
    const rebuilt = designFromElementSets(sets);
    const populated = rebuilt.shells[0]!.planes.filter((_, k) => !planes[k]!.sparse).map((p) => p.raanDeg);
    const steps: number[] = [];
    for (let k = 0; k < populated.length; k++) {
      const a = populated[k]!;
      const b = populated[(k + 1) % populated.length]!;
      const gap = (((b - a) % 360) + 360) % 360;
      const lattice = Math.round(gap / 20.5);
      if (lattice >= 1 && lattice <= 2) steps.push(gap / lattice);
    }
    steps.sort((x, y) => x - y);
    expect(steps.length).toBeGreaterThanOrEqual(7);
    expect(steps[0]!).toBeGreaterThan(20.1);
    expect(steps[steps.length - 1]!).toBeLessThan(20.85);
    expect(steps[Math.floor(steps.length / 2)]!).toBeCloseTo(20.5, 1);
    for (const p of rebuilt.shells[0]!.planes) {
      const us = p.satellites.map((id) => sets.find((s) => s.catalogNumber === id)!.meanAnomalyDeg).sort((a, b) => a - b);
      expect(us).toHaveLength(36);
      for (let j = 1; j < us.length; j++) expect(us[j]! - us[j - 1]!).toBeCloseTo(10, 9);
    }
  });

  it('reproduces the claimed grid-to-grid offsets at the plane crossings (|offset| within 0.3°, distance within the same 0.3° of arc, 39 km)', () => {
    let worstDeg = 0;
    let worstKm = 0;
    for (const [l1, l2, offsetDeg, alongKm] of CLAIMED_OFFSETS) {
      const p1 = planes.find((p) => p.label === l1)!;
      const p2 = planes.find((p) => p.label === l2)!;
      const c = crossingArgLatDeg(p1.raan, p2.raan, 89);
      const raw = p2.phase - p1.phase - (c.u2Deg - c.u1Deg);
      const offset = ((((raw % 10) + 15) % 10) + 10) % 10 - 5;
      worstDeg = Math.max(worstDeg, Math.abs(Math.abs(offset) - Math.abs(offsetDeg)));
      const g = planePairGeometry(p1.raan, p2.raan, 89);
      let min = Infinity;
      for (let j = 0; j < 36; j++) min = Math.min(min, pairMinDistanceKm(g, p1.phase, p2.phase + 10 * j, 6378.135 + 1068.5));
      worstKm = Math.max(worstKm, Math.abs(min - Math.abs(alongKm)));
    }
    console.info(`Qianfan crossing offsets: worst |offset| error ${worstDeg.toFixed(3)}°, worst distance error ${worstKm.toFixed(2)} km`);
    expect(worstDeg).toBeLessThan(0.3);
    expect(worstKm).toBeLessThan((0.3 * Math.PI * (6378.135 + 1068.5)) / 180);
  });

  it('shell check finds the close even-k pairs and rephasing the planes pushes every pair far apart', () => {
    const check = checkShell(design, 0, 50);
    expect(check.planePairs).toHaveLength(36);
    expect(check.minDistanceKm).toBeLessThan(10);
    expect(check.pairsBelowThreshold).toBeGreaterThan(3);
    const opt = optimisePlanePhasing(design.shells[0]!, design, 0.25);
    const rephased = designConstellation({ shells: [{ ...shell, planes: shell.planes.map((p, k) => ({ ...p, phaseOffsetDeg: (p.phaseOffsetDeg ?? 0) + opt.offsetsDeg[k]! })) }] });
    const after = checkShell(rephased, 0, 50);
    console.info(`Qianfan shell: closest inter-plane approach ${check.minDistanceKm.toFixed(1)} km as observed, ${after.minDistanceKm.toFixed(1)} km rephased`);
    expect(after.minDistanceKm).toBeCloseTo(opt.minDistanceKm, 6);
    expect(after.minDistanceKm).toBeGreaterThan(50);
  });
});

describe('analytic crossing distance vs the screening engine (SGP4, all-vs-all)', () => {
  it('Walker 12/2/F at 1068.5 km, 89°: the closest approach of every pair agrees within 3 km over one day', () => {
    // F = 0 puts two planes' satellites together at the crossing; the analytic minimum is near 0 km.
    for (const F of [0, 1]) {
      const design = designConstellation({ shells: [{ kind: 'walker-delta', totalSatellites: 12, planes: 2, phasing: F, altitudeKm: 1068.5, inclinationDeg: 89, raanOffsetDeg: 10 }] });
      const sets = designElementSets(design, EPOCH);
      const result = screenConjunctions(sets, { start: EPOCH, durationS: 86400, volume: { kind: 'sphere', radiusKm: 300 }, timeScales: ts });
      const analytic = walkerMinDistanceKm(12, 2, F, 1068.5, 89);
      const screened = Math.min(...result.events.map((e) => e.missDistanceKm));
      console.info(`Walker 12/2/${F}: analytic ${analytic.toFixed(2)} km, screening engine ${screened.toFixed(2)} km`);
      expect(Math.abs(screened - analytic)).toBeLessThan(3);
    }
  });

  it('bestWalkerPhasing picks the F that maximises the closest approach', () => {
    const best = bestWalkerPhasing(24, 3, 1200, 55);
    for (let F = 0; F < 3; F++) expect(walkerMinDistanceKm(24, 3, F, 1200, 55)).toBeLessThanOrEqual(best.minDistanceKm + 1e-9);
    expect(best.minDistanceKm).toBeGreaterThan(100);
  });

  it('Walker Star spreads planes over 180°; bad T/P/F is a clear error', () => {
    const star = designConstellation({ shells: [{ kind: 'walker-star', totalSatellites: 12, planes: 3, phasing: 1, altitudeKm: 780, inclinationDeg: 86.4 }] });
    expect(star.shells[0]!.planes.map((p) => p.raanDeg)).toEqual([0, 60, 120]);
    expect(() => designConstellation({ shells: [{ kind: 'walker-delta', totalSatellites: 10, planes: 3, phasing: 0, altitudeKm: 500, inclinationDeg: 53 }] })).toThrow(/P divides T/);
  });

  it('TLE, KVN and XML writers take the design (catalog numbers in the Alpha-5 range)', () => {
    const design = designConstellation({ shells: [{ kind: 'walker-delta', totalSatellites: 4, planes: 2, phasing: 1, altitudeKm: 550, inclinationDeg: 53 }] });
    const sets = designElementSets(design, EPOCH);
    for (const f of ['tle', 'omm-kvn', 'omm-xml'] as const) {
      const text = writeElementSets(sets, f, { timeScales: ts, creationDate: EPOCH });
      const back = readElementSets(text, { timeScales: ts });
      expect(back.failures).toEqual([]);
      expect(back.elementSets.map((s) => s.inclinationDeg)).toEqual([53, 53, 53, 53]);
    }
  });
});
