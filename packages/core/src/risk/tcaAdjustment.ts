/**
 * TCA adjustment before a 2D Pc: CDM TCAs are rounded to the millisecond, so the states they carry sit up to 0.5 ms
 * from the true closest approach, and at 15 km/s that adds up to 7 m of along-velocity offset to the miss vector.
 * NASA CARA's Pc2D therefore first moves both states to the instant where the relative range rate vanishes
 * (its "TCA-adjusted" Pc2D vs Pc2D_NoAdj). Here both states are propagated with two-body motion (Kepler) by the
 * offset found with Newton's method on f(t) = Δr(t)·Δv(t); the covariances are kept (over milliseconds their change
 * is far below the 1e-3 tolerance of the comparison).
 */
import { vec3, type FrameName } from '../math/vec3.ts';
import type { ConjunctionAtTca, ObjectAtTca } from './encounter.ts';
import { propagateTwoBody } from './twobody.ts';

export interface TcaAdjustment<F extends FrameName> {
  readonly conjunction: ConjunctionAtTca<F>;
  /** True TCA minus the input states' epoch, seconds. */
  readonly offsetS: number;
}

function moved<F extends FrameName>(o: ObjectAtTca<F>, dtS: number): ObjectAtTca<F> {
  if (dtS === 0) return o;
  const x = propagateTwoBody([o.r[0], o.r[1], o.r[2], o.v[0], o.v[1], o.v[2]], dtS);
  return { r: vec3<F>(x[0]!, x[1]!, x[2]!), v: vec3<F>(x[3]!, x[4]!, x[5]!), cov: o.cov };
}

/** Moves both objects to the two-body time of closest approach nearest to their common epoch. */
export function adjustToTrueTca<F extends FrameName>(conj: ConjunctionAtTca<F>, maxOffsetS = 60): TcaAdjustment<F> {
  let t = 0;
  for (let i = 0; i < 20; i++) {
    const p = moved(conj.primary, t);
    const s = moved(conj.secondary, t);
    const dr = [s.r[0] - p.r[0], s.r[1] - p.r[1], s.r[2] - p.r[2]];
    const dv = [s.v[0] - p.v[0], s.v[1] - p.v[1], s.v[2] - p.v[2]];
    const f = dr[0]! * dv[0]! + dr[1]! * dv[1]! + dr[2]! * dv[2]!;
    const fPrime = dv[0]! * dv[0]! + dv[1]! * dv[1]! + dv[2]! * dv[2]!; // relative acceleration neglected: < 1e-6 relative over ms
    if (fPrime === 0) break;
    const step = -f / fPrime;
    t += step;
    if (Math.abs(t) > maxOffsetS) return { conjunction: conj, offsetS: 0 };
    if (Math.abs(step) < 1e-10) break;
  }
  return { conjunction: { primary: moved(conj.primary, t), secondary: moved(conj.secondary, t) }, offsetS: t };
}
