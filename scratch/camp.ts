import { createTimeScales, designConstellation, planDeployment } from '../packages/core/src/index.ts';
const ts = createTimeScales();
const n = Number(process.argv[2] ?? 1296), P = Number(process.argv[3] ?? 36);
const screen = process.argv[4] !== 'noscreen';
const d = designConstellation({ shells: [{ kind: 'walker-delta', totalSatellites: n, planes: P, phasing: 1, altitudeKm: 1068.5, inclinationDeg: 89 }] });
const t0 = performance.now();
const p = planDeployment(d, { start: ts.parseUtcIso('2026-03-10T00:00:00Z'), timeScales: ts, insertionAltitudeKm: 800, satellitesPerLaunch: 36, ...(screen ? { safety: { alertDistanceKm: 1, reportDistanceKm: 10, screeningDays: 1 } } : {}) });
console.log(n, screen, ((performance.now() - t0) / 1000).toFixed(1), 's', p.launchCount, 'launches', p.launchesRephased, 'rephased');
