/**
 * Operations timeline of one removal target: the phases a servicer goes through between leaving the previous target
 * and the target's de-orbit burn. The transfer leg's impulses (e.g. a GTOC9 leg) are the phasing; the rendezvous is
 * then split, backwards from the capture epoch, into the classic proximity-operations profile (ESA ATV / Fehse,
 * "Automated Rendezvous and Docking of Spacecraft", 2003, ch. 2-3): far-range approach by V-bar hops from 50 km to
 * 5 km, close-range approach from 5 km to 200 m, inspection on a 2:1 relative ellipse ("football") of 200 m, final
 * approach and capture, then the de-orbit kit's installation and activation (t_w) and its de-orbit burn.
 *
 * Δv estimates use the Clohessy-Wiltshire equations for the target's mean motion n: a V-bar hop of length d in one
 * orbit needs two tangential impulses of d n / (6π) each (along-track drift 6π Δv / n per orbit); entering and leaving
 * a 2:1 ellipse of semi-minor axis ρ costs ρ n / 2 each; the de-orbit burn lowers the perigee to 150 km from the
 * target's apogee (Hohmann half, Δv = v_a − √(μ (2/r_a − 2/(r_a + r_p)))). Conjunction screening of the servicer's
 * trajectory is not part of this function.
 */
import { ArgumentError } from '../errors/index.ts';
import { EARTH_MU_KM3S2, WGS84 } from '../units/index.ts';

export type OperationsPhaseName = 'phasing' | 'far-approach' | 'close-approach' | 'inspection' | 'capture' | 'deorbit-kit' | 'deorbit-burn';

export interface OperationsPhase {
  readonly phase: OperationsPhaseName;
  /** Epochs in days of the caller's scale (MJD2000 for GTOC9). */
  readonly startDay: number;
  readonly endDay: number;
  readonly rangeStartKm: number;
  readonly rangeEndKm: number;
  readonly deltaVMps: number;
  readonly note: string;
}

export interface OperationsTimelineInput {
  /** Departure from the previous target (or launch) and capture epoch, days. */
  readonly departDay: number;
  readonly captureDay: number;
  /** Δv of the transfer's impulses, m/s (phasing). */
  readonly transferDeltaVMps: number;
  /** Target orbit: semi-major axis (km) and eccentricity. */
  readonly targetAKm: number;
  readonly targetE: number;
  /** Stay while the kit is installed and activated, days (GTOC9 t_w = 5). */
  readonly kitDays: number;
  /** Perigee altitude the de-orbit burn aims at, km (default 150). */
  readonly deorbitPerigeeAltKm?: number;
}

export interface OperationsTimeline {
  readonly phases: OperationsPhase[];
  /** True when the leg is shorter than the nominal approach profile and its phases were shortened in proportion. */
  readonly compressed: boolean;
}

/** The nominal profile: phase, orbits it lasts, range at its start and end (km). */
const PROFILE: readonly { phase: 'far-approach' | 'close-approach' | 'inspection' | 'capture'; orbits: number; from: number; to: number; note: string }[] = [
  { phase: 'far-approach', orbits: 3, from: 50, to: 5, note: 'three V-bar hops of 15 km, one orbit each' },
  { phase: 'close-approach', orbits: 2, from: 5, to: 0.2, note: 'two V-bar hops of 2.4 km, one orbit each' },
  { phase: 'inspection', orbits: 2, from: 0.2, to: 0.2, note: '2:1 relative ellipse (football) of 200 m semi-minor axis around the target, two orbits' },
  { phase: 'capture', orbits: 0.5, from: 0.2, to: 0, note: 'final approach on V-bar and capture' },
];

export function operationsTimeline(input: OperationsTimelineInput): OperationsTimeline {
  if (!(input.captureDay > input.departDay)) throw new ArgumentError(`capture (${input.captureDay}) must come after departure (${input.departDay}).`, input.captureDay);
  if (!(input.targetAKm > WGS84.aKm) || !(input.targetE >= 0 && input.targetE < 1)) throw new ArgumentError('target orbit must have a > Earth radius and 0 ≤ e < 1.', input.targetAKm);
  const n = Math.sqrt(EARTH_MU_KM3S2 / input.targetAKm ** 3); // rad/s
  const periodDays = (2 * Math.PI) / n / 86400;
  const nominal = PROFILE.reduce((s, p) => s + p.orbits * periodDays, 0);
  const legDays = input.captureDay - input.departDay;
  // The approach may use at most 90 % of the leg; the rest is phasing.
  const scale = Math.min(1, (0.9 * legDays) / nominal);
  const phases: OperationsPhase[] = [];
  let t = input.captureDay - nominal * scale;
  phases.push({ phase: 'phasing', startDay: input.departDay, endDay: t, rangeStartKm: Number.NaN, rangeEndKm: PROFILE[0]!.from, deltaVMps: input.transferDeltaVMps, note: 'transfer leg (its impulses) to 50 km behind the target' });
  for (const p of PROFILE) {
    const dt = p.orbits * periodDays * scale;
    let dvKmS: number;
    if (p.phase === 'far-approach' || p.phase === 'close-approach') {
      const hop = (p.from - p.to) / p.orbits;
      dvKmS = p.orbits * 2 * ((hop * n) / (6 * Math.PI));
    } else if (p.phase === 'inspection') dvKmS = p.from * n; // enter and leave the ellipse: 2 × ρ n / 2
    else dvKmS = (p.from * n) / 2;
    phases.push({ phase: p.phase, startDay: t, endDay: t + dt, rangeStartKm: p.from, rangeEndKm: p.to, deltaVMps: (dvKmS * 1000) / Math.max(scale, 1e-3), note: p.note });
    t += dt;
  }
  phases.push({ phase: 'deorbit-kit', startDay: input.captureDay, endDay: input.captureDay + input.kitDays, rangeStartKm: 0, rangeEndKm: 0, deltaVMps: 0, note: 'kit installation, checkout and activation while co-orbiting' });
  const ra = input.targetAKm * (1 + input.targetE);
  const rp = WGS84.aKm + (input.deorbitPerigeeAltKm ?? 150);
  const va = Math.sqrt(EARTH_MU_KM3S2 * (2 / ra - 1 / input.targetAKm));
  const vt = Math.sqrt(EARTH_MU_KM3S2 * (2 / ra - 2 / (ra + rp)));
  phases.push({ phase: 'deorbit-burn', startDay: input.captureDay + input.kitDays, endDay: input.captureDay + input.kitDays, rangeStartKm: 0, rangeEndKm: 0, deltaVMps: Math.max(0, (va - vt) * 1000), note: `kit burn at apogee lowering the perigee to ${input.deorbitPerigeeAltKm ?? 150} km` });
  return { phases, compressed: scale < 1 };
}
