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
 * (VEHICLE_ALTITUDE). The vehicles themselves live in the one vehicle library, core/launch/vehicles.ts (stages for the
 * ascent model, campaign figures for this one); a user fleet file may give campaign figures directly.
 */
import { DEG_TO_RAD, EARTH_ROTATION_RAD_S, STANDARD_GRAVITY_MPS2 } from '../../units/index.ts';
import { circularSpeedKmS, J2_MODEL_RADIUS_KM } from '../../orbits/index.ts';
import { DeploymentConstraintError } from './errors.ts';
import { azimuthsForInclination } from './sites.ts';
import { VEHICLES, type Vehicle } from '../../launch/vehicles.ts';


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

/**
 * A launch-library vehicle (core/launch/vehicles.ts, the one vehicle library) seen by the campaign planner: its
 * campaign figures, with the upper stage's Isp and dry mass taken from its last stage.
 */
export function campaignVehicle(v: Vehicle): LaunchVehicle {
  const c = v.campaign;
  if (c === undefined) {
    throw new DeploymentConstraintError('NO_LAUNCH_OPTION', `vehicle ${v.id} has no campaign figures (capacity, sites, cadence) in the vehicle library; choose one of ${LAUNCH_VEHICLES.map((x) => x.id).join(', ')}.`, v.id);
  }
  const upper = v.stages[v.stages.length - 1]!;
  return {
    id: v.id,
    name: v.name,
    referenceCapacityKg: c.referenceCapacityKg,
    referenceAltitudeKm: c.referenceAltitudeKm,
    referenceInclinationDeg: c.referenceInclinationDeg,
    referenceLatitudeDeg: c.referenceLatitudeDeg,
    upperStageIspS: upper.ispVacS,
    upperStageDryMassKg: upper.dryMassKg,
    maxInsertionAltitudeKm: c.maxInsertionAltitudeKm,
    sites: c.sites,
    units: c.units,
    turnaroundDays: c.turnaroundDays,
    padTurnaroundDays: c.padTurnaroundDays,
    reusable: c.reusable,
    source: `${c.source}; upper stage from the vehicle library (${v.sources.join('; ')})`,
  };
}

/** The bundled campaign fleet: every vehicle of the launch library that has campaign figures. */
export const LAUNCH_VEHICLES: readonly LaunchVehicle[] = VEHICLES.filter((v) => v.campaign !== undefined).map(campaignVehicle);

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
