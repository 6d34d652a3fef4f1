/**
 * The contract between the numerical propagator and its force models (Cowell formulation).
 *
 * The propagator integrates a GCRF state (km, km/s) against TAI seconds from the propagation epoch and, at every
 * right-hand-side evaluation, asks each force model to add its acceleration (GCRF, km/s²). A force model is a pure
 * object built once from its data (gravity coefficients, atmosphere, space weather, ephemerides) and holds no
 * mutable state that changes results between evaluations (caches keyed by time are fine), so that one model may be
 * shared across propagations and the same inputs always give the same numbers.
 */
import type { Instant } from '../../time/instant.ts';
import type { TimeScales } from '../../time/scales.ts';

/** Physical properties of the spacecraft, SI units at this boundary as in CCSDS OPM (kg, m²). */
export interface SpacecraftProperties {
  readonly massKg: number;
  /** Drag reference area (m²). */
  readonly dragAreaM2: number;
  /** Drag coefficient C_D (dimensionless). */
  readonly dragCoefficient: number;
  /** Solar-radiation-pressure reference area (m²). */
  readonly srpAreaM2: number;
  /** Solar-radiation-pressure coefficient C_R (1 = absorbing, 2 = specular mirror; dimensionless). */
  readonly reflectivityCoefficient: number;
}

/** Everything a force model may read at one right-hand-side evaluation. */
export interface ForceEvaluation {
  /** TAI seconds since the propagation epoch. */
  readonly tSeconds: number;
  /** The instant of this evaluation. */
  readonly instant: Instant;
  /** Time scales (leap seconds, EOP) for TT, UT1 and polar motion. */
  readonly timeScales: TimeScales;
  /** Position, GCRF, km (length 3). */
  readonly position: Float64Array;
  /** Velocity, GCRF, km/s (length 3). */
  readonly velocity: Float64Array;
  /** The spacecraft's properties (after any estimated-parameter scaling, e.g. C_D, C_R in the STM). */
  readonly spacecraft: SpacecraftProperties;
  /**
   * The GCRF→ITRF rotation at this instant as a row-major 3×3 (r_ITRF = M r_GCRF), computed at most once per
   * evaluation and shared by every force that needs the Earth-fixed frame (gravity field, drag).
   */
  gcrfToItrf(): Float64Array;
}

/** One force: adds its acceleration (GCRF, km/s²) into `out[0..2]` (never overwrites). */
export interface ForceModel {
  /** A short stable name for reports (`gravity-egm2008-70x70`, `drag-nrlmsise00`, `third-body-moon`, …). */
  readonly name: string;
  addAcceleration(e: ForceEvaluation, out: Float64Array): void;
}

/** A neutral-atmosphere model: total mass density at an Earth-fixed position and instant. */
export interface AtmosphereModel {
  readonly name: string;
  /**
   * Total mass density (kg/m³) at `itrfPositionKm` (ITRF, km; a length-3 view) and `instant`. Models that need the
   * Sun's position, local solar time or space-weather indices compute or look them up themselves.
   */
  densityKgPerM3(instant: Instant, timeScales: TimeScales, itrfPositionKm: ArrayLike<number>): number;
}
