import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTimeScales } from '../../src/time/index.ts';
import { geodeticToItrf } from '../../src/frames/geodetic.ts';
import {
  azimuthsForInclination,
  DeploymentConstraintError,
  designConstellation,
  inclinationForAzimuth,
  LAUNCH_SITES,
  LAUNCH_VEHICLES,
  lowThrustRaise,
  nodeAndArgLatAt,
  designElementSets,
  planDeployment,
  type DeploymentPlan,
  type LaunchVehicle,
} from '../../src/constellation/index.ts';
import { j2DriftDays } from '../../src/orbits/index.ts';

const ts = createTimeScales();
const START = ts.parseUtcIso('2026-01-01T00:00:00Z');
const D2R = Math.PI / 180;

/** Independent J2 nodal rate (deg/day), written out here: −1.5 n J2 (Re/a)² cos i, mu 398600.4418, Re 6378.137, J2 1.08262668e-3. */
function nodalRate(altKm: number, incDeg: number): number {
  const a = 6378.137 + altKm;
  const n = Math.sqrt(398600.4418 / a ** 3);
  return -1.5 * n * 1.08262668e-3 * (6378.137 / a) ** 2 * Math.cos(incDeg * D2R) * (86400 / D2R);
}

/** Independent time-stepped integration of the nodal drift during a constant-thrust raise (RK-free Euler, 10 s steps). */
function raiseNodalDriftDeg(massKg: number, thrustN: number, ispS: number, h0: number, h1: number, incDeg: number): { deg: number; days: number } {
  let m = massKg;
  let v = Math.sqrt(398600.4418 / (6378.137 + h0)) * 1000;
  const vEnd = Math.sqrt(398600.4418 / (6378.137 + h1)) * 1000;
  const mdot = thrustN / (ispS * 9.80665);
  let deg = 0;
  let t = 0;
  const dt = 10;
  while (v > vEnd) {
    const alt = (398600.4418 / (v / 1000) ** 2) - 6378.137;
    deg += (nodalRate(alt, incDeg) * dt) / 86400;
    v -= (thrustN / m) * dt;
    m -= mdot * dt;
    t += dt;
  }
  return { deg, days: t / 86400 };
}

function wrap180(x: number): number {
  return ((((x + 180) % 360) + 360) % 360) - 180;
}

/** RAAN closure: the batch's plane at arrival (own J2 rates) against the target plane regressing at the operational rate. */
function worstClosureDeg(plan: DeploymentPlan, design: ReturnType<typeof designConstellation>, sat = { massKg: 230, thrustN: 0.04, ispS: 1500 }): number {
  let worst = 0;
  for (const l of plan.launches) {
    const shell = design.shells[l.shell]!;
    const raise = raiseNodalDriftDeg(sat.massKg, sat.thrustN, sat.ispS, l.insertionAltitudeKm, shell.altitudeKm, shell.inclinationDeg);
    const launch = ts.parseUtcIso(l.epoch);
    const arrival = launch.plusSeconds((l.driftDays + raise.days) * 86400);
    const batch = l.raanDeg + nodalRate(l.insertionAltitudeKm, l.inclinationDeg) * l.driftDays + raise.deg;
    const target = shell.planes[l.plane]!.raanDeg + nodalRate(shell.altitudeKm, shell.inclinationDeg) * (arrival.secondsSince(START) / 86400);
    worst = Math.max(worst, Math.abs(wrap180(batch - target)));
  }
  return worst;
}

describe('bundled launch sites vs validation/launch-sites (Joey0609/notams, MIT)', () => {
  it('the land launch sites within 1 km (classic centres) or 5 km (single-source sites) of column A; Hainan commercial distinct from Wenchang; the sea-launch point offshore of its home port', () => {
    const rows = readFileSync(new URL('../../../../validation/launch-sites/launch_sites.csv', import.meta.url), 'utf8').trim().split(/\r?\n/).slice(1);
    const wanted: [string, string, number][] = [
      ['jiuquan', 'Jiuquan', 1],
      ['taiyuan', 'Taiyuan', 1],
      ['wenchang', 'Wenchang', 1],
      ['xichang', 'Xichang', 1],
      ['hainan-commercial', 'Hainan Commercial', 5],
    ];
    let worst = 0;
    for (const [id, prefix, tolKm] of wanted) {
      const row = rows.find((r) => r.replace(/^"/, '').startsWith(prefix))!;
      const cells = row.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
      const lat = Number(cells[2]);
      const lon = Number(cells[3]);
      const site = LAUNCH_SITES.find((s) => s.id === id)!;
      const a = geodeticToItrf({ latRad: lat * D2R, lonRad: lon * D2R, heightKm: 0 });
      const b = geodeticToItrf({ latRad: site.latDeg * D2R, lonRad: site.lonDeg * D2R, heightKm: 0 });
      const d = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
      worst = Math.max(worst, d);
      expect(d, id).toBeLessThan(tolKm);
    }
    expect(LAUNCH_SITES.filter((s) => /Hainan|Wenchang/.test(s.name))).toHaveLength(2);
    // The sea-launch point is a representative offshore point (launch/sites), within a ship's reach of its home port.
    const port = rows.find((r) => r.replace(/^"/, '').startsWith('Haiyang'))!.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
    const sea = LAUNCH_SITES.find((s) => s.id === 'haiyang-sea')!;
    const pa = geodeticToItrf({ latRad: Number(port[2]) * D2R, lonRad: Number(port[3]) * D2R, heightKm: 0 });
    const sb = geodeticToItrf({ latRad: sea.latDeg * D2R, lonRad: sea.lonDeg * D2R, heightKm: 0 });
    const offshoreKm = Math.hypot(pa[0] - sb[0], pa[1] - sb[1], pa[2] - sb[2]);
    expect(offshoreKm).toBeGreaterThan(10);
    expect(offshoreKm).toBeLessThan(300);
    expect(worst).toBeLessThan(1);
  });

  it('azimuth ↔ inclination: cos i = cos φ sin A both ways; Taiyuan reaches 89° southbound at ~178.7°', () => {
    for (const [lat, inc] of [[38.85, 89], [19.6, 53], [40.97, 97.5]] as const) {
      for (const a of azimuthsForInclination(lat, inc)) expect(inclinationForAzimuth(lat, a.azimuthDeg)).toBeCloseTo(inc, 9);
    }
    const tai = azimuthsForInclination(38.84861, 89).find((a) => a.pass === 'descending')!;
    expect(tai.azimuthDeg).toBeGreaterThan(171);
    expect(tai.azimuthDeg).toBeLessThan(180);
  });
});

describe('Edelbaum/Tsiolkovsky raise vs an independent time-stepped integration', () => {
  it('800 → 1068.5 km at 53°: duration and nodal drift within 0.5 %', () => {
    const r = lowThrustRaise({ massKg: 230, thrustN: 0.04, ispS: 1500 }, 800, 1068.5, 53);
    const ref = raiseNodalDriftDeg(230, 0.04, 1500, 800, 1068.5, 53);
    expect(Math.abs(r.durationS / 86400 - ref.days) / ref.days).toBeLessThan(0.005);
    expect(Math.abs(r.nodalDriftDeg - ref.deg) / Math.abs(ref.deg)).toBeLessThan(0.005);
    expect(r.dvMps).toBeGreaterThan(130);
    expect(r.dvMps).toBeLessThan(140);
  });
});

describe('deployment planner: launch timing vs J2 drift from the physics', () => {
  it('Qianfan-like shell (9 planes × 36, 89°, 1,068.5 km, 18 per launch, CZ-6A from Taiyuan): one plane per launch, alternate slots, planes by launch timing', () => {
    const design = designConstellation({ shells: [{ kind: 'walker-delta', totalSatellites: 324, planes: 9, phasing: 1, altitudeKm: 1068.5, inclinationDeg: 89 }] });
    const plan = planDeployment(design, { start: START, timeScales: ts, vehicles: LAUNCH_VEHICLES.filter((v) => v.id === 'cz-6a'), satellitesPerLaunch: 18, insertionAltitudeKm: 800 });
    expect(plan.shells[0]!.strategy).toBe('launch-timing');
    expect(plan.launchCount).toBe(18);
    expect(plan.launches.every((l) => l.satellites === 18 && l.site === 'taiyuan')).toBe(true);
    for (let p = 0; p < 9; p++) {
      const ls = plan.launches.filter((l) => l.plane === p);
      expect(ls).toHaveLength(2);
      const parities = ls.map((l) => new Set(l.slots.map((s) => s % 2)));
      expect(parities.map((s) => [...s])).toEqual(expect.arrayContaining([[0], [1]]));
    }
    const closure = worstClosureDeg(plan, design);
    console.info(`Qianfan-like plan: ${plan.launchCount} launches, initial service ${plan.initialServiceEpoch}, full ${plan.fullServiceEpoch}, RAAN closure ${closure.toFixed(4)}°`);
    expect(closure).toBeLessThan(0.05);
    expect(plan.launches.every((l) => l.driftDays < 1.35)).toBe(true);
  });

  it('polar shell with a heavy vehicle: auto keeps launch timing (differential drift ~0.014°/day)', () => {
    const design = designConstellation({ shells: [{ kind: 'walker-delta', totalSatellites: 324, planes: 9, phasing: 1, altitudeKm: 1068.5, inclinationDeg: 89 }] });
    const plan = planDeployment(design, { start: START, timeScales: ts, vehicles: LAUNCH_VEHICLES.filter((v) => v.id === 'heavy-100t'), insertionAltitudeKm: 800 });
    expect(plan.shells[0]!.strategy).toBe('launch-timing');
    expect(plan.shells[0]!.differentialNodalRateDegPerDay).toBeCloseTo(-0.0139, 4);
    expect(plan.launches.every((l) => l.strategy === 'launch-timing')).toBe(true);
  });

  it('GEOMETRY_CLAIMS (b): separating 89° planes by J2 drift from 800 km takes ~4 years per 20° (±5 %), 53° is ~34× faster', () => {
    const days = j2DriftDays(20.5, 800, 1068.5, 89);
    expect(Math.abs(days - 1480) / 1480).toBeLessThan(0.05);
    const design = designConstellation({ shells: [{ kind: 'planes', altitudeKm: 1068.5, inclinationDeg: 89, slotsPerPlane: 36, planes: [{ raanDeg: 20.5 }, { raanDeg: 0 }] }] });
    const plan = planDeployment(design, { start: START, timeScales: ts, vehicles: LAUNCH_VEHICLES.filter((v) => v.id === 'heavy-100t'), insertionAltitudeKm: 800, strategy: 'j2-drift' });
    const drifted = plan.launches.find((l) => l.strategy === 'j2-drift')!;
    const perTwenty = (drifted.driftDays / Math.abs(drifted.nodalDriftDeg + drifted.raiseNodalDriftDeg)) * 20;
    expect(perTwenty / 365.25).toBeGreaterThan(3.8);
    expect(perTwenty / 365.25).toBeLessThan(4.2);
    const ratio = (nodalRate(800, 53) - nodalRate(1068.5, 53)) / (nodalRate(800, 89) - nodalRate(1068.5, 89));
    expect(ratio).toBeGreaterThan(33);
    expect(ratio).toBeLessThan(35);
  });

  it('53° shell with a heavy vehicle: J2 drift chosen, saves the RAAN-change Δv, drift durations within 1 % of the analytic J2 rate', () => {
    const design = designConstellation({ shells: [{ kind: 'walker-delta', totalSatellites: 720, planes: 36, phasing: 1, altitudeKm: 1068.5, inclinationDeg: 53 }] });
    const plan = planDeployment(design, { start: START, timeScales: ts, vehicles: LAUNCH_VEHICLES.filter((v) => v.id === 'heavy-100t'), insertionAltitudeKm: 800 });
    expect(plan.shells[0]!.strategy).toBe('j2-drift');
    const drifted = plan.launches.filter((l) => l.strategy === 'j2-drift');
    expect(drifted.length).toBeGreaterThan(10);
    const rate = Math.abs(nodalRate(800, 53) - nodalRate(1068.5, 53));
    let worst = 0;
    for (const l of drifted) {
      const expected = Math.abs(l.nodalDriftDeg) / rate;
      worst = Math.max(worst, Math.abs(l.driftDays - expected) / expected);
      expect(l.planeChangeDvAvoidedMps).toBeGreaterThan(500);
      expect(l.dvMps).toBeLessThan(140);
    }
    const closure = worstClosureDeg(plan, design);
    console.info(`53° J2-drift plan: ${plan.launchCount} launches, worst drift-duration error ${(worst * 100).toFixed(4)} %, RAAN closure ${closure.toFixed(4)}°`);
    expect(worst).toBeLessThan(0.01);
    expect(closure).toBeLessThan(0.05);
    expect(plan.launchCount).toBeLessThan(720 / 20);
  });
});

describe('bad input names the constraint', () => {
  const design = designConstellation({ shells: [{ kind: 'walker-delta', totalSatellites: 36, planes: 2, phasing: 1, altitudeKm: 1068.5, inclinationDeg: 89 }] });
  const only = (id: string): LaunchVehicle[] => LAUNCH_VEHICLES.filter((v) => v.id === id);
  const constraintOf = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(DeploymentConstraintError);
      return (e as DeploymentConstraintError).constraint + ' ' + (e as Error).message;
    }
    return 'no error';
  };
  it('a vehicle that cannot reach the insertion altitude → VEHICLE_ALTITUDE', () => {
    expect(constraintOf(() => planDeployment(design, { start: START, timeScales: ts, vehicles: only('jielong-3'), insertionAltitudeKm: 1000 }))).toMatch(/^VEHICLE_ALTITUDE .*jielong-3.*900 km/);
  });
  it('a vehicle that cannot lift one satellite → VEHICLE_CAPACITY', () => {
    expect(constraintOf(() => planDeployment(design, { start: START, timeScales: ts, vehicles: only('cz-6a'), satellite: { massKg: 6000, thrustN: 0.1, ispS: 1500 } }))).toMatch(/^VEHICLE_CAPACITY .*cz-6a/);
  });
  it('a site whose azimuths cannot give the inclination → SITE_AZIMUTH', () => {
    const xichang = LAUNCH_SITES.filter((s) => s.id === 'xichang');
    const v = { ...only('cz-8')[0]!, sites: ['xichang'] };
    expect(constraintOf(() => planDeployment(design, { start: START, timeScales: ts, vehicles: [v], sites: xichang }))).toMatch(/^SITE_AZIMUTH .*xichang.*90–130°/);
  });
  it('an inclination below the site latitude → SITE_LATITUDE', () => {
    const low = designConstellation({ shells: [{ kind: 'walker-delta', totalSatellites: 4, planes: 2, phasing: 1, altitudeKm: 550, inclinationDeg: 30 }] });
    expect(constraintOf(() => planDeployment(low, { start: START, timeScales: ts, vehicles: only('cz-6a') }))).toMatch(/^SITE_LATITUDE .*taiyuan/);
  });
});

describe('deployment safety (screening engine, primaries mode)', () => {
  it('a batch drifting through another shell plane with an internal conjunction is flagged and rephased clear of it', () => {
    const design = designConstellation({
      shells: [
        { kind: 'walker-delta', totalSatellites: 144, planes: 4, phasing: 1, altitudeKm: 600, inclinationDeg: 53 },
        { kind: 'walker-delta', totalSatellites: 40, planes: 2, phasing: 1, altitudeKm: 900, inclinationDeg: 53, raanOffsetDeg: 45 },
      ],
    });
    const safety = { alertDistanceKm: 25, reportDistanceKm: 100, screeningDays: 1 };
    const plan = planDeployment(design, { start: START, timeScales: ts, vehicles: LAUNCH_VEHICLES.filter((v) => v.id === 'cz-8'), insertionAltitudeKm: 600, satellitesPerLaunch: 20, safety });
    const moved = plan.launches.filter((l) => l.rephased !== undefined);
    expect(moved.length).toBeGreaterThan(0);
    expect(plan.conjunctionsFlagged).toBeGreaterThan(0);
    for (const l of moved) {
      expect(l.rephased!.reason).toMatch(/below the 25 km alert level/);
      expect(ts.parseUtcIso(l.epoch).isAfter(ts.parseUtcIso(l.rephased!.fromEpoch))).toBe(true);
      expect(l.conjunctions.every((c) => c.missDistanceKm >= 25)).toBe(true);
    }
    const internal = plan.launches.flatMap((l) => l.conjunctions).filter((c) => c.objectKind === 'constellation');
    expect(internal.length).toBeGreaterThan(0);
  });

  it('a raise through an occupied shell is screened for the time the spiral spends within the report distance (climb rate 2a^1.5 F/(m sqrt(mu)))', () => {
    const design = designConstellation({
      shells: [
        { kind: 'walker-delta', totalSatellites: 8, planes: 2, phasing: 1, altitudeKm: 900, inclinationDeg: 53 },
        { kind: 'walker-delta', totalSatellites: 8, planes: 2, phasing: 1, altitudeKm: 1000, inclinationDeg: 53, raanOffsetDeg: 45 },
      ],
    });
    const plan = planDeployment(design, { start: START, timeScales: ts, vehicles: LAUNCH_VEHICLES.filter((v) => v.id === 'cz-8'), insertionAltitudeKm: 800, safety: { reportDistanceKm: 10 } });
    expect(plan.shells[0]!.raiseCrossings).toEqual([]);
    const c = plan.shells[1]!.raiseCrossings;
    expect(c).toHaveLength(1);
    expect(c[0]!.altitudeKm).toBe(900);
    // Independent estimate: constant-acceleration spiral climb rate at 900 km with the mass after the climb from 800 km.
    const a = 6378.137 + 900;
    const massAt = 230 * Math.exp(-(Math.sqrt(398600.4418 / (6378.137 + 800)) - Math.sqrt(398600.4418 / a)) * 1000 / (1500 * 9.80665));
    const rateKmPerDay = (2 * a ** 1.5 * (0.04 / massAt / 1000)) / Math.sqrt(398600.4418) * 86400;
    expect(Math.abs(c[0]!.durationDays - 20 / rateKmPerDay) / (20 / rateKmPerDay)).toBeLessThan(0.01);
    expect(c[0]!.startOffsetDays).toBeGreaterThan(0);
  });

  it('the same-shell pre-filter reads RAAN and argument of latitude from SGP4 states (within 0.1° of the design at its epoch)', () => {
    const design = designConstellation({ shells: [{ kind: 'walker-delta', totalSatellites: 12, planes: 3, phasing: 1, altitudeKm: 1068.5, inclinationDeg: 53, raanOffsetDeg: 10 }] });
    let worst = 0;
    for (const s of designElementSets(design, START)) {
      const got = nodeAndArgLatAt(s, START, ts)!;
      worst = Math.max(worst, Math.abs(wrap180(got.raanDeg - s.raanDeg)), Math.abs(wrap180(got.argLatDeg - s.meanAnomalyDeg)));
    }
    expect(worst).toBeLessThan(0.1);
  });
});
