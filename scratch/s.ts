import { createTimeScales, designConstellation, planDeployment, LAUNCH_VEHICLES } from '../packages/core/src/index.ts';
const ts = createTimeScales();
const start = ts.parseUtcIso('2026-01-01T00:00:00Z');
const d = designConstellation({ shells: [
  { kind: 'walker-delta', totalSatellites: 144, planes: 4, phasing: 1, altitudeKm: 600, inclinationDeg: 53 },
  { kind: 'walker-delta', totalSatellites: 40, planes: 2, phasing: 1, altitudeKm: 900, inclinationDeg: 53, raanOffsetDeg: 45 },
] });
const t0 = performance.now();
const p = planDeployment(d, { start, timeScales: ts, vehicles: LAUNCH_VEHICLES.filter(v => v.id === 'cz-8'), insertionAltitudeKm: 600, satellitesPerLaunch: 20, safety: { alertDistanceKm: 25, reportDistanceKm: 100, screeningDays: 1 } });
console.log(performance.now() - t0, 'ms', p.conjunctionsFlagged, p.launchesRephased);
for (const l of p.launches) console.log(l.launchIndex, l.shell, l.plane, l.epoch, l.rephased, l.conjunctions.slice(0,3).map(c => [c.phase, c.objectKind, c.object, c.missDistanceKm.toFixed(1)]));
