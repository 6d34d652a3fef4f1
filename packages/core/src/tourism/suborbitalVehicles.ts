/**
 * Suborbital tourism vehicles: a crew capsule on a reusable booster, described by a JSON-friendly record, and the
 * bundled library (`capsule`, New Shepard-like). Masses in kg, thrust in kN, lengths in m, areas in m², heights in km.
 *
 * The `capsule` figures are public-specification-like values for Blue Origin's New Shepard (one BE-3PM hydrolox engine,
 * 490 kN at sea level; booster and capsule diameter 3.7–3.8 m; capsule with three main parachutes and two drogues), with
 * the unpublished masses and the engine's vacuum thrust and specific impulse chosen by us so that main-engine cut-off
 * happens near T+140 s at about 1 km/s (the public webcast telemetry). The derivation is in
 * docs/design/space-tourism-suborbital.md; nothing here is Blue Origin data beyond what that page cites.
 */
import { ArgumentError } from '../errors/index.ts';

/** A parachute stage: deployment height, drag area when open, and the time to open fully (linear C_D·A ramp). */
export interface ParachuteStage {
  /** Deploys when the descending capsule passes this height above the ellipsoid (km). */
  readonly deployAltitudeKm: number;
  /** C_D·A of the open canopy set (m²). */
  readonly cdAreaM2: number;
  /** Time from deployment to full inflation (s); C_D·A grows linearly over it (reefing stages lumped). */
  readonly fillTimeS: number;
}

/** The reusable booster (one propulsive element, vertical flight). */
export interface SuborbitalBooster {
  /** Dry mass including the propellant kept for the landing burn (kg). */
  readonly dryMassKg: number;
  /** Propellant burned on ascent (kg); the landing reserve is inside `dryMassKg`. */
  readonly propellantMassKg: number;
  readonly thrustSlKn: number;
  readonly thrustVacKn: number;
  readonly ispVacS: number;
  readonly diameterM: number;
  /** Subsonic drag coefficient of the stack on ascent (the Mach factor of launch/ascent.ts scales it). */
  readonly ascentDragCoefficient: number;
  /** β = m/(C_D A) of the empty booster falling back tail-first with its drag brakes (kg/m²). */
  readonly returnBallisticCoefficientKgPerM2: number;
}

/** Capsule escape motor (solid): thrust along the capsule axis for `burnTimeS`. */
export interface EscapeMotor {
  readonly thrustKn: number;
  readonly burnTimeS: number;
  /** Propellant burned (kg). */
  readonly propellantMassKg: number;
}

export interface SuborbitalCapsule {
  /** With passengers (kg). */
  readonly massKg: number;
  readonly diameterM: number;
  /** Blunt-body drag coefficient (heat shield first), constant with Mach (an assumption: 1.2–1.5 for capsules). */
  readonly dragCoefficient: number;
  readonly drogue: ParachuteStage;
  readonly main: ParachuteStage;
  readonly escapeMotor: EscapeMotor;
  /** Seats: `supine` (passengers on their backs, the vehicle axis is their chest-to-back +Gx) or `upright` (+Gz). */
  readonly seating: 'supine' | 'upright';
  readonly seats: number;
}

export interface SuborbitalVehicle {
  readonly id: string;
  readonly name: string;
  readonly booster: SuborbitalBooster;
  readonly capsule: SuborbitalCapsule;
  /** Thrust axis tilt from the local vertical on ascent (deg) and the heading it tilts to (deg from north). */
  readonly pitchFromVerticalDeg: number;
  readonly headingDeg: number;
  /** Capsule separation after main-engine cut-off (s) and its separation speed along the axis (m/s). */
  readonly separationDelayS: number;
  readonly separationSpeedMps: number;
  /** Where the figures come from, in words. */
  readonly source: string;
  /**
   * The go/no-go vehicle class (`TOURISM_VEHICLE_CLASSES` key: seats, turnaround, landing-zone weather limits) this
   * vehicle flies under; the class holds those limits once, the vehicle only names it.
   */
  readonly vehicleClass?: string;
}

/** The bundled library. */
export const SUBORBITAL_VEHICLES: readonly SuborbitalVehicle[] = [
  {
    id: 'capsule',
    name: 'Crew capsule on a reusable booster (New Shepard-like)',
    booster: {
      dryMassKg: 13_350,
      propellantMassKg: 20_800,
      thrustSlKn: 490,
      thrustVacKn: 530,
      ispVacS: 360,
      diameterM: 3.7,
      ascentDragCoefficient: 0.45,
      returnBallisticCoefficientKgPerM2: 1500,
    },
    capsule: {
      massKg: 4500,
      diameterM: 3.8,
      dragCoefficient: 1.5,
      drogue: { deployAltitudeKm: 6.5, cdAreaM2: 30, fillTimeS: 2 },
      main: { deployAltitudeKm: 1.4, cdAreaM2: 850, fillTimeS: 8 },
      escapeMotor: { thrustKn: 300, burnTimeS: 2, propellantMassKg: 200 },
      seating: 'supine',
      seats: 6,
    },
    pitchFromVerticalDeg: 0.5,
    headingDeg: 270,
    separationDelayS: 20,
    separationSpeedMps: 0.5,
    source:
      'Blue Origin New Shepard public figures (BE-3PM 490 kN sea-level thrust, LOX/LH2; 6 seats; 3 main and 2 drogue parachutes; ~10–11 min flights to ~105–107 km) with our masses, vacuum thrust, Isp, drag and parachute areas (docs/design/space-tourism-suborbital.md)',
    vehicleClass: 'capsule',
  },
];

/** The bundled vehicle with this id (case-insensitive). */
export function findSuborbitalVehicle(id: string): SuborbitalVehicle {
  const v = SUBORBITAL_VEHICLES.find((x) => x.id === id.trim().toLowerCase());
  if (v === undefined) throw new ArgumentError(`Unknown suborbital vehicle "${id}". Bundled: ${SUBORBITAL_VEHICLES.map((x) => x.id).join(', ')}; or give a JSON file.`, id);
  return v;
}

function num(o: Record<string, unknown>, key: string, where: string, min: number, max: number): number {
  const x = o[key];
  if (typeof x !== 'number' || !Number.isFinite(x) || x < min || x > max) {
    throw new ArgumentError(`${where}.${key} must be a number in [${min}, ${max}]; got ${JSON.stringify(x)}.`, x);
  }
  return x;
}

function obj(o: Record<string, unknown>, key: string, where: string): Record<string, unknown> {
  const x = o[key];
  if (typeof x !== 'object' || x === null || Array.isArray(x)) throw new ArgumentError(`${where}.${key} must be an object.`, x);
  return x as Record<string, unknown>;
}

function chute(o: Record<string, unknown>, where: string): ParachuteStage {
  return { deployAltitudeKm: num(o, 'deployAltitudeKm', where, 0.1, 30), cdAreaM2: num(o, 'cdAreaM2', where, 0.1, 20000), fillTimeS: num(o, 'fillTimeS', where, 0, 60) };
}

/**
 * Reads a vehicle from parsed JSON (the shape of `SuborbitalVehicle`), checking every field's type and range.
 * Throws ArgumentError naming the first bad field.
 */
export function parseSuborbitalVehicle(json: unknown): SuborbitalVehicle {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ArgumentError('A suborbital vehicle must be a JSON object (see the bundled `capsule`).', json);
  const o = json as Record<string, unknown>;
  const id = typeof o['id'] === 'string' && o['id'].length > 0 && o['id'].length <= 60 ? o['id'] : undefined;
  if (id === undefined) throw new ArgumentError('vehicle.id must be a non-empty string of at most 60 characters.', o['id']);
  const b = obj(o, 'booster', 'vehicle');
  const c = obj(o, 'capsule', 'vehicle');
  const e = obj(c, 'escapeMotor', 'vehicle.capsule');
  const seating = c['seating'] ?? 'supine';
  if (seating !== 'supine' && seating !== 'upright') throw new ArgumentError(`vehicle.capsule.seating must be "supine" or "upright"; got ${JSON.stringify(seating)}.`, seating);
  const booster: SuborbitalBooster = {
    dryMassKg: num(b, 'dryMassKg', 'vehicle.booster', 1, 1e7),
    propellantMassKg: num(b, 'propellantMassKg', 'vehicle.booster', 1, 1e7),
    thrustSlKn: num(b, 'thrustSlKn', 'vehicle.booster', 0, 1e5),
    thrustVacKn: num(b, 'thrustVacKn', 'vehicle.booster', 0.001, 1e5),
    ispVacS: num(b, 'ispVacS', 'vehicle.booster', 50, 1000),
    diameterM: num(b, 'diameterM', 'vehicle.booster', 0.1, 30),
    ascentDragCoefficient: num(b, 'ascentDragCoefficient', 'vehicle.booster', 0, 5),
    returnBallisticCoefficientKgPerM2: num(b, 'returnBallisticCoefficientKgPerM2', 'vehicle.booster', 1, 1e6),
  };
  if (booster.thrustSlKn > booster.thrustVacKn) throw new ArgumentError(`vehicle.booster.thrustSlKn (${booster.thrustSlKn}) cannot exceed thrustVacKn (${booster.thrustVacKn}).`, booster.thrustSlKn);
  const capsule: SuborbitalCapsule = {
    massKg: num(c, 'massKg', 'vehicle.capsule', 1, 1e6),
    diameterM: num(c, 'diameterM', 'vehicle.capsule', 0.1, 30),
    dragCoefficient: num(c, 'dragCoefficient', 'vehicle.capsule', 0.01, 5),
    drogue: chute(obj(c, 'drogue', 'vehicle.capsule'), 'vehicle.capsule.drogue'),
    main: chute(obj(c, 'main', 'vehicle.capsule'), 'vehicle.capsule.main'),
    escapeMotor: { thrustKn: num(e, 'thrustKn', 'vehicle.capsule.escapeMotor', 0, 1e5), burnTimeS: num(e, 'burnTimeS', 'vehicle.capsule.escapeMotor', 0, 60), propellantMassKg: num(e, 'propellantMassKg', 'vehicle.capsule.escapeMotor', 0, 1e5) },
    seating,
    seats: typeof c['seats'] === 'number' ? num(c, 'seats', 'vehicle.capsule', 0, 100) : 0,
  };
  if (capsule.escapeMotor.propellantMassKg >= capsule.massKg) throw new ArgumentError('vehicle.capsule.escapeMotor.propellantMassKg must be below the capsule mass.', capsule.escapeMotor.propellantMassKg);
  if (capsule.main.deployAltitudeKm >= capsule.drogue.deployAltitudeKm) throw new ArgumentError('vehicle.capsule.main.deployAltitudeKm must lie below the drogue deployment height.', capsule.main.deployAltitudeKm);
  return {
    id,
    name: typeof o['name'] === 'string' ? o['name'].slice(0, 200) : id,
    booster,
    capsule,
    pitchFromVerticalDeg: typeof o['pitchFromVerticalDeg'] === 'number' ? num(o, 'pitchFromVerticalDeg', 'vehicle', 0, 30) : 0,
    headingDeg: typeof o['headingDeg'] === 'number' ? num(o, 'headingDeg', 'vehicle', -360, 360) : 0,
    separationDelayS: typeof o['separationDelayS'] === 'number' ? num(o, 'separationDelayS', 'vehicle', 0, 600) : 0,
    separationSpeedMps: typeof o['separationSpeedMps'] === 'number' ? num(o, 'separationSpeedMps', 'vehicle', 0, 100) : 0,
    source: typeof o['source'] === 'string' ? o['source'].slice(0, 500) : 'user-supplied JSON',
    ...(typeof o['vehicleClass'] === 'string' && o['vehicleClass'].length > 0 && o['vehicleClass'].length <= 40 ? { vehicleClass: o['vehicleClass'] } : {}),
  };
}
