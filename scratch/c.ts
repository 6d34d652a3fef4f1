import { createTimeScales, designConstellation, designElementSets, sgp4InputFrom, computeCoveragePart } from '../packages/core/src/index.ts';
const ts = createTimeScales();
const START = '2026-03-10T00:00:00Z';
const design = designConstellation({ shells: [{ kind: 'walker-delta', totalSatellites: 1296, planes: 36, phasing: 1, altitudeKm: 1068.5, inclinationDeg: 89 }] });
const inputs = designElementSets(design, ts.parseUtcIso(START)).map((e) => sgp4InputFrom(e, ts));
for (const h of [0.5, 1]) {
const t0 = performance.now();
computeCoveragePart({ inputs, startIso: START, durationS: h*3600, stepS: 60, minElevationDeg: 10, latStepDeg: 1, lonStepDeg: 1 }, ts);
console.log(h, performance.now() - t0);
}
