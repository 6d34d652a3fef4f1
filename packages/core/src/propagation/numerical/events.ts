/**
 * Event detection on the dense output: each detector is a continuous switching function g(t, y) whose sign changes
 * mark events. Within every accepted step g is sampled at the step's ends and every `maxCheckS` seconds between them
 * (so two roots closer than maxCheckS apart may be missed, as in Orekit and GMAT), and each sign change is located
 * by Brent's method on the interpolated state to `toleranceS`. Detection never shortens or forces a step; a terminal
 * event ends the integration at the event time with the interpolated state.
 *
 * Built-in detectors: geodetic altitude crossing (WGS-84), node crossing (equator of date: the ITRF pole), and
 * eclipse entry/exit from a caller-supplied shadow function (e.g. a conical penumbra model's lit fraction).
 */
import { brentRoot } from '../../math/rootFinding.ts';
import { itrfToGeodetic } from '../../frames/geodetic.ts';
import { vec3 } from '../../math/vec3.ts';
import type { Instant } from '../../time/instant.ts';
import type { TimeScales } from '../../time/scales.ts';
import type { EarthOrientation } from './earthOrientation.ts';
import type { DenseStep } from './integrator.ts';

/** What a switching function may use besides (t, y): the propagation epoch and Earth orientation. */
export interface EventContext {
  readonly epoch: Instant;
  readonly timeScales: TimeScales;
  readonly orientation: EarthOrientation;
}

export interface EventDetector {
  readonly name: string;
  /** Switching function at t (TAI seconds from the epoch) and GCRF state y (km, km/s; y[0..5]). */
  g(tSeconds: number, y: Float64Array, ctx: EventContext): number;
  /** +1: only increasing crossings (g from − to +), −1: only decreasing, 0 (default): both. */
  readonly direction?: 1 | -1 | 0;
  /** Largest sampling interval of g within a step (s, default 60). */
  readonly maxCheckS?: number;
  /** Time tolerance of the root (s, default 1e-6). */
  readonly toleranceS?: number;
  /** Stop the propagation at the first occurrence (default false). */
  readonly terminal?: boolean;
}

export interface EventOccurrence {
  readonly name: string;
  /** TAI seconds from the propagation epoch. */
  readonly tSeconds: number;
  /** GCRF state at the event (km, km/s). */
  readonly state: Float64Array;
  /** True when g increased through zero. */
  readonly increasing: boolean;
}

/** Tracks the detectors' signs across steps and locates the roots inside each step. */
export class EventLocator {
  private readonly detectors: readonly EventDetector[];
  private readonly ctx: EventContext;
  private readonly n: number;
  private readonly gPrev: Float64Array;
  private readonly y: Float64Array;
  private initialised = false;
  /** The time of the terminal event found by the last {@link handle} call, if any. */
  terminalAt: number | undefined;

  constructor(detectors: readonly EventDetector[], ctx: EventContext, n: number) {
    this.detectors = detectors;
    this.ctx = ctx;
    this.n = n;
    this.gPrev = new Float64Array(detectors.length);
    this.y = new Float64Array(n);
  }

  /** Evaluates g at the initial state (events exactly at t0 are not reported). */
  start(t0: number, y0: Float64Array): void {
    for (let i = 0; i < this.detectors.length; i++) this.gPrev[i] = this.detectors[i]!.g(t0, y0, this.ctx);
    this.initialised = true;
  }

  /**
   * Finds the events inside a step, in time order, up to and including the first terminal one (whose time is then
   * in {@link terminalAt}).
   */
  handle(step: DenseStep): EventOccurrence[] {
    const found: { occ: EventOccurrence; terminal: boolean }[] = [];
    this.terminalAt = undefined;
    if (!this.initialised || this.detectors.length === 0) return [];
    const y = this.y;
    const h = step.h;
    for (let d = 0; d < this.detectors.length; d++) {
      const det = this.detectors[d]!;
      const maxCheck = det.maxCheckS ?? 60;
      const tol = det.toleranceS ?? 1e-6;
      const nsub = Math.max(1, Math.ceil(Math.abs(h) / maxCheck));
      let ta = step.tStart;
      let ga = this.gPrev[d]!;
      const g = (t: number): number => {
        step.interpolate(t, y, 0, this.n);
        return det.g(t, y, this.ctx);
      };
      for (let s = 1; s <= nsub; s++) {
        const tb = s === nsub ? step.tEnd : step.tStart + (h * s) / nsub;
        const gb = g(tb);
        if ((ga < 0 && gb >= 0) || (ga > 0 && gb <= 0)) {
          const increasing = gb > ga;
          const dirOk = det.direction === undefined || det.direction === 0 || (det.direction === 1) === increasing;
          // A root exactly at tb is reported in this sub-interval; the next one then starts from g = 0 (no repeat).
          const root = gb === 0 ? tb : brentRoot(g, ta, tb, tol, ga, gb);
          if (dirOk && Number.isFinite(root)) {
            const state = new Float64Array(6);
            step.interpolate(root, state, 0, 6);
            found.push({ occ: { name: det.name, tSeconds: root, state, increasing }, terminal: det.terminal === true });
          }
        }
        ta = tb;
        ga = gb;
      }
      this.gPrev[d] = ga;
    }
    const dir = h >= 0 ? 1 : -1;
    found.sort((a, b) => dir * (a.occ.tSeconds - b.occ.tSeconds));
    const out: EventOccurrence[] = [];
    for (const f of found) {
      out.push(f.occ);
      if (f.terminal) {
        this.terminalAt = f.occ.tSeconds;
        break;
      }
    }
    return out;
  }
}

function itrfPosition(tSeconds: number, y: Float64Array, ctx: EventContext, m: Float64Array): [number, number, number] {
  ctx.orientation.gcrfToItrfInto(tSeconds, m);
  const x = y[0]!, yy = y[1]!, z = y[2]!;
  return [m[0]! * x + m[1]! * yy + m[2]! * z, m[3]! * x + m[4]! * yy + m[5]! * z, m[6]! * x + m[7]! * yy + m[8]! * z];
}

/** Geodetic altitude (WGS-84) crossing `altitudeKm`: g = h − altitudeKm (increasing = climbing through it). */
export function altitudeCrossingEvent(altitudeKm: number, options: Omit<EventDetector, 'name' | 'g'> & { name?: string } = {}): EventDetector {
  const m = new Float64Array(9);
  return {
    ...options,
    name: options.name ?? `altitude-${altitudeKm}-km`,
    g: (t, y, ctx) => {
      const [x, yy, z] = itrfPosition(t, y, ctx, m);
      return itrfToGeodetic(vec3<'ITRF'>(x, yy, z)).heightKm - altitudeKm;
    },
  };
}

/**
 * Equator crossing (of date: the ITRF pole k, so that nodes match Earth-fixed ground tracks): g = k · r (km);
 * increasing = ascending node. Pass `direction: 1` for ascending nodes only.
 */
export function nodeCrossingEvent(options: Omit<EventDetector, 'name' | 'g'> & { name?: string } = {}): EventDetector {
  const m = new Float64Array(9);
  return {
    ...options,
    name: options.name ?? 'node',
    g: (t, y, ctx) => {
      ctx.orientation.gcrfToItrfInto(t, m);
      return m[6]! * y[0]! + m[7]! * y[1]! + m[8]! * y[2]!;
    },
  };
}

/**
 * A shadow function: the lit fraction of the Sun's disc seen from the GCRF position r (km) at t (TAI seconds from the
 * epoch), 1 in sunlight, 0 in umbra, in between in penumbra (e.g. a conical penumbra model). Any continuous function
 * that crosses `threshold` at the boundary works.
 */
export type ShadowFunction = (tSeconds: number, positionGcrfKm: Float64Array, ctx: EventContext) => number;

/**
 * Eclipse entry (g decreasing) and exit (g increasing): g = shadow − threshold. The default threshold 0.5 marks the
 * middle of the penumbra; use a threshold just below 1 for penumbra entry or just above 0 for umbra entry.
 */
export function eclipseEvent(shadow: ShadowFunction, options: Omit<EventDetector, 'name' | 'g'> & { name?: string; threshold?: number } = {}): EventDetector {
  const threshold = options.threshold ?? 0.5;
  return {
    ...options,
    name: options.name ?? 'eclipse',
    g: (t, y, ctx) => shadow(t, y, ctx) - threshold,
  };
}
