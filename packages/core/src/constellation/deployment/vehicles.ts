/**
 * The launch-vehicle library and the payload-to-orbit model.
 *
 * Payload model. A vehicle is described by its payload m_ref to a reference circular orbit (h_ref, i_ref) launched
 * from a reference latitude φ_ref, its upper-stage specific impulse and dry mass. The ideal velocity budget to a
 * circular orbit of altitude h and inclination i from latitude φ is
 *   Δv(h, i, φ) = v_c(200 km) + Δv_Hohmann(200 km → h) − ω⊕ R⊕ cos φ sin A(i, φ),
 * (A the launch azimuth: the eastward Earth-rotation speed along the track is credited, a westward one charged),
 * and the payload follows the upper stage's rocket equation around the reference:
 *   m_pay(h, i, φ) = (m_ref + m_dry) · exp(−(Δv − Δv_ref) / (g₀ I_sp)) − m_dry.
 * A first-order model for comparing options and sizing batches, not a trajectory optimisation: it ignores gravity
 * and drag-loss changes with the trajectory shape. Above `maxInsertionAltitudeKm` the vehicle is refused
 * (VEHICLE_ALTITUDE). Specifications are public figures with their sources; generic classes are labelled assumptions.
 */
import { DEG_TO_RAD, EARTH_ROTATION_RAD_S } from '../../units/index.ts';
import { circularSpeedKmS, J2_MODEL_RADIUS_KM } from '../../orbits/index.ts';
import { DeploymentConstraintError } from './errors.ts';
import { azimuthsForInclination } from './sites.ts';

export const STANDARD_GRAVITY_MPS2 = 9.80665;

export interface LaunchVehicle {
  readonly id: string;
  readonly name: string;
  /** Payload to the reference orbit, kg. */
  readonly referenceCapacityKg: number;
  readonly referenceAltitudeKm: number;
  readonly referenceInclinationDeg: number;
  /** Latitude of the launch site the reference figure is quoted for, deg. */
  readonly referenceLatitudeDeg: number;
  /** Upper-stage vacuum specific impulse, s. */
  readonly upperStageIspS: number;
  /** Upper-stage dry mass, kg (assumption where not published). */
  readonly upperStageDryMassKg: number;
  /** Highest circular insertion altitude offered, km. */
  readonly maxInsertionAltitudeKm: number;
  /** Sites the vehicle flies from (site ids). */
  readonly sites: readonly string[];
  /** Vehicles (or recovered boosters) available in parallel. */
  readonly units: number;
  /** Days between two flights of one unit (build or refurbishment). */
  readonly turnaroundDays: number;
  /** Days a pad needs between two flights of this vehicle. */
  readonly padTurnaroundDays: number;
  readonly reusable: boolean;
  /** Where the figures come from. */
  readonly source: string;
}

/** The bundled vehicle library (docs/design/constellation-deployment.md lists the sources and assumptions). */
export const LAUNCH_VEHICLES: readonly LaunchVehicle[] = [
  {
    id: 'cz-6a',
    name: 'Long March 6A',
    referenceCapacityKg: 4500,
    referenceAltitudeKm: 700,
    referenceInclinationDeg: 98.2,
    referenceLatitudeDeg: 38.85,
    upperStageIspS: 341,
    upperStageDryMassKg: 1500,
    maxInsertionAltitudeKm: 1100,
    sites: ['taiyuan'],
    units: 2,
    turnaroundDays: 30,
    padTurnaroundDays: 14,
    reusable: false,
    source: '4.5 t to 700 km SSO (der-orion.com launch log, 2023-09-10; CASC quotes 4 t); YF-115 upper stage ~341 s; dry mass, cadence: Skylane assumptions',
  },
  {
    id: 'cz-8',
    name: 'Long March 8',
    referenceCapacityKg: 5000,
    referenceAltitudeKm: 700,
    referenceInclinationDeg: 98.2,
    referenceLatitudeDeg: 19.6,
    upperStageIspS: 442,
    upperStageDryMassKg: 2800,
    maxInsertionAltitudeKm: 1200,
    sites: ['wenchang', 'hainan-commercial'],
    units: 2,
    turnaroundDays: 30,
    padTurnaroundDays: 14,
    reusable: false,
    source: '5 t to 700 km SSO (CASC/CALT public figure); YF-75 LH2/LOX third stage ~442 s; dry mass, cadence: Skylane assumptions',
  },
  {
    id: 'jielong-3',
    name: 'Jielong-3 (Smart Dragon 3, sea launch)',
    referenceCapacityKg: 1500,
    referenceAltitudeKm: 500,
    referenceInclinationDeg: 97.4,
    referenceLatitudeDeg: 35,
    upperStageIspS: 290,
    upperStageDryMassKg: 400,
    maxInsertionAltitudeKm: 900,
    sites: ['haiyang-sea'],
    units: 2,
    turnaroundDays: 30,
    padTurnaroundDays: 20,
    reusable: false,
    source: '1.5 t to 500 km SSO (China Rocket Co. public figure); solid upper stage ~290 s; dry mass, cadence: Skylane assumptions',
  },
  {
    id: 'reusable-20t',
    name: 'Reusable medium-lift (20 t LEO class)',
    referenceCapacityKg: 20000,
    referenceAltitudeKm: 200,
    referenceInclinationDeg: 41,
    referenceLatitudeDeg: 40.96,
    upperStageIspS: 340,
    upperStageDryMassKg: 4000,
    maxInsertionAltitudeKm: 1200,
    sites: ['jiuquan', 'hainan-commercial', 'wenchang'],
    units: 3,
    turnaroundDays: 21,
    padTurnaroundDays: 7,
    reusable: true,
    source: 'generic class named in issue #16 (20 t to LEO, reusable first stage, e.g. Zhuque-3 / CZ-12A class); all figures are Skylane assumptions',
  },
  {
    id: 'heavy-100t',
    name: 'Heavy-lift (100 t LEO class)',
    referenceCapacityKg: 100000,
    referenceAltitudeKm: 200,
    referenceInclinationDeg: 28.5,
    referenceLatitudeDeg: 19.6,
    upperStageIspS: 440,
    upperStageDryMassKg: 15000,
    maxInsertionAltitudeKm: 1200,
    sites: ['wenchang'],
    units: 1,
    turnaroundDays: 60,
    padTurnaroundDays: 30,
    reusable: true,
    source: 'generic class named in issue #16 (100 t to LEO, CZ-9/CZ-10 class); all figures are Skylane assumptions',
  },
];

const ROTATION_SPEED_KM_S = EARTH_ROTATION_RAD_S * J2_MODEL_RADIUS_KM;

/** Ideal Δv (km/s) to a circular orbit at h (km) and inclination i from latitude φ, on the best azimuth (see the module header). */
export function idealAscentDvKmS(altitudeKm: number, inclinationDeg: number, latDeg: number): number {
  const r0 = J2_MODEL_RADIUS_KM + 200;
  const r1 = J2_MODEL_RADIUS_KM + altitudeKm;
  const v0 = circularSpeedKmS(r0);
  const at = (r0 + r1) / 2;
  const mu = 398600.4418;
  const hohmann = Math.abs(Math.sqrt(mu * (2 / r0 - 1 / at)) - v0) + Math.abs(circularSpeedKmS(r1) - Math.sqrt(mu * (2 / r1 - 1 / at)));
  const az = azimuthsForInclination(latDeg, inclinationDeg);
  const eastward = az.length === 0 ? 0 : Math.max(...az.map((a) => Math.sin(a.azimuthDeg * DEG_TO_RAD)));
  return v0 + hohmann - ROTATION_SPEED_KM_S * Math.cos(latDeg * DEG_TO_RAD) * eastward;
}

/** Payload (kg) of a vehicle to a circular orbit from a site latitude (see the module header); may be ≤ 0. */
export function vehicleCapacityKg(v: LaunchVehicle, altitudeKm: number, inclinationDeg: number, siteLatDeg: number): number {
  const ref = idealAscentDvKmS(v.referenceAltitudeKm, v.referenceInclinationDeg, v.referenceLatitudeDeg);
  const dv = idealAscentDvKmS(altitudeKm, inclinationDeg, siteLatDeg);
  const ve = (v.upperStageIspS * STANDARD_GRAVITY_MPS2) / 1000;
  return (v.referenceCapacityKg + v.upperStageDryMassKg) * Math.exp(-(dv - ref) / ve) - v.upperStageDryMassKg;
}

/**
 * Satellites of `satelliteMassKg` a vehicle can carry to the insertion orbit, or a DeploymentConstraintError:
 * VEHICLE_ALTITUDE (above its highest insertion altitude) or VEHICLE_CAPACITY (not even one satellite).
 */
export function requireVehicleSatellites(v: LaunchVehicle, altitudeKm: number, inclinationDeg: number, siteLatDeg: number, satelliteMassKg: number): number {
  if (altitudeKm > v.maxInsertionAltitudeKm) {
    throw new DeploymentConstraintError(
      'VEHICLE_ALTITUDE',
      `vehicle ${v.id} inserts up to ${v.maxInsertionAltitudeKm} km, below the requested ${altitudeKm} km insertion orbit; lower the insertion altitude or choose another vehicle.`,
      { vehicle: v.id, altitudeKm },
    );
  }
  const cap = vehicleCapacityKg(v, altitudeKm, inclinationDeg, siteLatDeg);
  const n = Math.floor(cap / satelliteMassKg + 1e-9);
  if (n < 1) {
    throw new DeploymentConstraintError(
      'VEHICLE_CAPACITY',
      `vehicle ${v.id} carries about ${Math.max(0, cap).toFixed(0)} kg to ${altitudeKm} km at ${inclinationDeg}° from latitude ${siteLatDeg.toFixed(1)}°, less than one ${satelliteMassKg} kg satellite; choose a larger vehicle or a lower insertion orbit.`,
      { vehicle: v.id, capacityKg: cap, satelliteMassKg },
    );
  }
  return n;
}

/** Reads a fleet from parsed JSON (array or { vehicles: [...] }); missing numbers are errors naming the field. */
export function readLaunchVehicles(json: unknown): LaunchVehicle[] {
  const list = Array.isArray(json) ? json : (json as { vehicles?: unknown } | null)?.vehicles;
  if (!Array.isArray(list) || list.length === 0) throw new DeploymentConstraintError('NO_LAUNCH_OPTION', 'the fleet file must be a non-empty array of vehicles (or { "vehicles": [...] }).', json);
  const numeric = ['referenceCapacityKg', 'referenceAltitudeKm', 'referenceInclinationDeg', 'referenceLatitudeDeg', 'upperStageIspS', 'upperStageDryMassKg', 'maxInsertionAltitudeKm', 'units', 'turnaroundDays', 'padTurnaroundDays'] as const;
  return list.map((raw, k) => {
    const v = raw as Record<string, unknown>;
    const where = `vehicle #${k + 1}${typeof v['id'] === 'string' ? ` (${v['id']})` : ''}`;
    if (typeof v['id'] !== 'string' || v['id'] === '') throw new DeploymentConstraintError('NO_LAUNCH_OPTION', `${where}: "id" must be a non-empty string.`, raw);
    for (const f of numeric) {
      if (typeof v[f] !== 'number' || !Number.isFinite(v[f]) || (v[f] as number) < 0) throw new DeploymentConstraintError('NO_LAUNCH_OPTION', `${where}: "${f}" must be a non-negative number.`, raw);
    }
    if (!Array.isArray(v['sites']) || !v['sites'].every((s) => typeof s === 'string')) throw new DeploymentConstraintError('NO_LAUNCH_OPTION', `${where}: "sites" must be a list of site ids.`, raw);
    return { reusable: false, source: 'user fleet file', name: v['id'], ...(v as object) } as LaunchVehicle;
  });
}
