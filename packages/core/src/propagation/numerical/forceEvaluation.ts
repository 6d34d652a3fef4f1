/**
 * The propagator's ForceEvaluation: one mutable object per propagation, re-pointed at every right-hand-side call
 * (no allocation), with the instant and the GCRF→ITRF matrix computed lazily at most once per evaluation.
 */
import type { Instant } from '../../time/instant.ts';
import type { TimeScales } from '../../time/scales.ts';
import type { EarthOrientation } from './earthOrientation.ts';
import type { ForceEvaluation, ForceModel, SpacecraftProperties } from './forceModel.ts';

export class PropagatorForceEvaluation implements ForceEvaluation {
  tSeconds = 0;
  readonly position: Float64Array;
  readonly velocity: Float64Array;
  spacecraft: SpacecraftProperties;
  readonly timeScales: TimeScales;
  private readonly epoch: Instant;
  private readonly orientation: EarthOrientation;
  private readonly matrix = new Float64Array(9);
  private readonly pole = new Float64Array(2);
  private cachedInstant: Instant | undefined;
  private matrixValid = false;

  constructor(epoch: Instant, timeScales: TimeScales, orientation: EarthOrientation, spacecraft: SpacecraftProperties) {
    this.epoch = epoch;
    this.timeScales = timeScales;
    this.orientation = orientation;
    this.spacecraft = spacecraft;
    this.position = new Float64Array(3);
    this.velocity = new Float64Array(3);
  }

  /**
   * Points the evaluation at (t, y): copies y[offset..offset+2] (position) and y[offset+3..offset+5] (velocity).
   * The time-dependent caches (instant, GCRF→ITRF) are kept when t is unchanged (batches of states at one time).
   */
  set(tSeconds: number, y: ArrayLike<number>, offset = 0): void {
    if (tSeconds !== this.tSeconds) {
      this.tSeconds = tSeconds;
      this.cachedInstant = undefined;
      this.matrixValid = false;
    }
    const p = this.position;
    const v = this.velocity;
    p[0] = y[offset]!;
    p[1] = y[offset + 1]!;
    p[2] = y[offset + 2]!;
    v[0] = y[offset + 3]!;
    v[1] = y[offset + 4]!;
    v[2] = y[offset + 5]!;
  }

  get instant(): Instant {
    let i = this.cachedInstant;
    if (i === undefined) {
      i = this.epoch.plusSeconds(this.tSeconds);
      this.cachedInstant = i;
    }
    return i;
  }

  gcrfToItrf(): Float64Array {
    if (!this.matrixValid) {
      this.orientation.gcrfToItrfInto(this.tSeconds, this.matrix, this.pole);
      this.matrixValid = true;
    }
    return this.matrix;
  }
}

/** Sum of all forces' accelerations into out[0..2] (zeroed first). */
export function totalAcceleration(forces: readonly ForceModel[], e: ForceEvaluation, out: Float64Array): void {
  out[0] = 0;
  out[1] = 0;
  out[2] = 0;
  for (let i = 0; i < forces.length; i++) forces[i]!.addAcceleration(e, out);
}
