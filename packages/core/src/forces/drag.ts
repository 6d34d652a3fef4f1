/**
 * Atmospheric drag with a co-rotating atmosphere (Vallado 2013, eq. 8-32; Montenbruck & Gill 2000, §3.5):
 *
 *   a = −½ · (C_D A / m) · ρ · |v_rel| · v_rel,   v_rel = v − ω⊕ × r,
 *
 * state in GCRF (km, km/s). The atmosphere co-rotates with the Earth-fixed frame: its angular velocity is
 * ω⊕ = 7.292115146706979e-5 rad/s · (1 − LOD/86400) about the ITRF/PEF Z axis (the rate of GMST 1982 with the
 * IERS length-of-day excess from EOP), expressed in GCRF through the evaluation's GCRF→ITRF matrix M:
 * ω_GCRF = Mᵀ (0, 0, ω⊕) (the third row of M). Polar motion's tilt of the rotation axis between PEF and ITRF
 * (~1e-6 rad) is not applied to ω (a wind error below 1 mm/s). Density comes from an `AtmosphereModel` at the ITRF
 * position. Units are converted once: C_D·A/m in m²/kg times ρ in kg/m³ gives 1/m; × 1000 → 1/km, so that
 * (1/km)·(km/s)² = km/s².
 */
import { SkylaneError } from '../errors/index.ts';
import type { AtmosphereModel, ForceEvaluation, ForceModel, SpacecraftProperties } from '../propagation/numerical/forceModel.ts';
import { EARTH_ROTATION_RAD_S, SECONDS_PER_DAY } from '../units/index.ts';

/** The spacecraft cannot feel drag as configured (no mass, no drag area or no C_D). */
export class DragConfigurationError extends SkylaneError {
  override readonly name: string = 'DragConfigurationError';
  /** The missing or invalid OPM field: MASS, DRAG_AREA or DRAG_COEFF. */
  readonly field: 'MASS' | 'DRAG_AREA' | 'DRAG_COEFF';
  constructor(field: 'MASS' | 'DRAG_AREA' | 'DRAG_COEFF', message: string, value: unknown) {
    super('FIELD_MISSING', message, value);
    this.field = field;
  }
}

/**
 * Checks that a spacecraft can be given drag: mass > 0 kg, drag area > 0 m², C_D > 0 (all finite). Call it before
 * propagating so that nothing is half-written; `DragForce` also checks at each evaluation.
 */
export function assertDragSpacecraft(sc: SpacecraftProperties): void {
  if (!(Number.isFinite(sc.massKg) && sc.massKg > 0)) {
    throw new DragConfigurationError(
      'MASS',
      `OPM without mass for drag: spacecraft mass is ${String(sc.massKg)} kg; give MASS (kg) in the OPM's spacecraft parameters or turn drag off (--drag none).`,
      sc.massKg,
    );
  }
  if (!(Number.isFinite(sc.dragAreaM2) && sc.dragAreaM2 > 0)) {
    throw new DragConfigurationError(
      'DRAG_AREA',
      `OPM without drag area for drag: DRAG_AREA is ${String(sc.dragAreaM2)} m²; give DRAG_AREA (m²) in the OPM's spacecraft parameters or turn drag off (--drag none).`,
      sc.dragAreaM2,
    );
  }
  if (!(Number.isFinite(sc.dragCoefficient) && sc.dragCoefficient > 0)) {
    throw new DragConfigurationError(
      'DRAG_COEFF',
      `OPM without drag coefficient for drag: DRAG_COEFF is ${String(sc.dragCoefficient)}; give DRAG_COEFF in the OPM's spacecraft parameters (2.2 is usual) or turn drag off (--drag none).`,
      sc.dragCoefficient,
    );
  }
}

export interface DragOptions {
  readonly atmosphere: AtmosphereModel;
  /** Apply the EOP length-of-day excess to Earth's rotation rate (default true; zero without EOP). */
  readonly useLengthOfDay?: boolean;
}

/** Drag force model for the numerical propagator. */
export class DragForce implements ForceModel {
  readonly name: string;
  readonly atmosphere: AtmosphereModel;
  private readonly useLod: boolean;
  private readonly rItrf = new Float64Array(3);

  constructor(options: DragOptions) {
    this.atmosphere = options.atmosphere;
    this.useLod = options.useLengthOfDay ?? true;
    this.name = `drag-${options.atmosphere.name}`;
  }

  /** Earth's rotation rate (rad/s) at an evaluation. */
  earthRotationRate(e: ForceEvaluation): number {
    if (!this.useLod) return EARTH_ROTATION_RAD_S;
    const utc = e.timeScales.toUtcDaySeconds(e.instant);
    const lod = e.timeScales.eop(utc.mjd + utc.seconds / SECONDS_PER_DAY).lodS;
    return EARTH_ROTATION_RAD_S * (1 - lod / SECONDS_PER_DAY);
  }

  addAcceleration(e: ForceEvaluation, out: Float64Array): void {
    const sc = e.spacecraft;
    assertDragSpacecraft(sc);
    const m = e.gcrfToItrf();
    const r = e.position;
    const v = e.velocity;
    const rx = r[0]!;
    const ry = r[1]!;
    const rz = r[2]!;
    const ri = this.rItrf;
    ri[0] = m[0]! * rx + m[1]! * ry + m[2]! * rz;
    ri[1] = m[3]! * rx + m[4]! * ry + m[5]! * rz;
    ri[2] = m[6]! * rx + m[7]! * ry + m[8]! * rz;
    const rho = this.atmosphere.densityKgPerM3(e.instant, e.timeScales, ri);
    if (!(rho > 0)) return;
    // ω in GCRF = Mᵀ (0, 0, ω⊕) = ω⊕ · (third row of M).
    const w = this.earthRotationRate(e);
    const wx = w * m[6]!;
    const wy = w * m[7]!;
    const wz = w * m[8]!;
    const vx = v[0]! - (wy * rz - wz * ry);
    const vy = v[1]! - (wz * rx - wx * rz);
    const vz = v[2]! - (wx * ry - wy * rx);
    const speed = Math.hypot(vx, vy, vz);
    // ½ C_D A/m ρ in 1/m, × 1000 m/km → 1/km.
    const k = 0.5 * ((sc.dragCoefficient * sc.dragAreaM2) / sc.massKg) * rho * 1000;
    out[0] = out[0]! - k * speed * vx;
    out[1] = out[1]! - k * speed * vy;
    out[2] = out[2]! - k * speed * vz;
  }
}
