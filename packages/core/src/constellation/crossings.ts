/**
 * Shell checks: close approaches between satellites of different planes of one shell, and the inter-plane phasing
 * that avoids them.
 *
 * Two circular orbits of the same radius r (same mean motion, hence the same secular J2 rates, so the geometry is
 * frozen) with ascending-node unit vectors N_k = (cos Ω_k, sin Ω_k, 0) and M_k = ĥ_k × N_k
 * (ĥ_k = (sin i sin Ω_k, −sin i cos Ω_k, cos i)) carry satellites at u_k(t) = a_k + n t. With s = a₁ + a₂ + 2nt,
 *   p̂₁·p̂₂ = ½[(N₁·N₂ + M₁·M₂) cos(a₁−a₂) + (M₁·N₂ − N₁·M₂) sin(a₁−a₂)] + ½[(N₁·N₂ − M₁·M₂) cos s + (N₁·M₂ + M₁·N₂) sin s],
 * so the smallest distance over all time is exactly
 *   d_min = r √(2 (1 − C₀ − ½√((N₁·N₂ − M₁·M₂)² + (N₁·M₂ + M₁·N₂)²))),
 * C₀ the first bracket. It is reached at the planes' crossings (along ±ĥ₁×ĥ₂). For a small along-track offset δ of
 * the two satellites at the crossing it reduces to d_min ≈ r δ cos(γ/2), γ the angle between the planes, the figure
 * the Qianfan reconstruction tabulates as "along_km". Keplerian circular motion; SGP4's short-period J2 terms move
 * the real minimum by a few km (the test checks this against the screening engine). The same algebra holds for two
 * planes of different inclinations (`planePairGeometry`'s second inclination) as long as the two mean motions are
 * equal; deployment safety (deployment/safety.ts) uses it over short spans, bounding the slow relative drift.
 */
import { ArgumentError } from '../errors/index.ts';
import { DEG_TO_RAD, RAD_TO_DEG, WGS72 } from '../units/index.ts';
import type { ConstellationDesign, DesignSatellite, DesignShell } from './design.ts';
import { wrapDeg } from './design.ts';

interface PlaneAxes {
  readonly nx: number;
  readonly ny: number;
  readonly mx: number;
  readonly my: number;
  readonly mz: number;
}

function planeAxes(raanDeg: number, inclinationDeg: number): PlaneAxes {
  const o = raanDeg * DEG_TO_RAD;
  const i = inclinationDeg * DEG_TO_RAD;
  // M = ĥ × N = (−cos i sin Ω, cos i cos Ω, sin i)
  return { nx: Math.cos(o), ny: Math.sin(o), mx: -Math.cos(i) * Math.sin(o), my: Math.cos(i) * Math.cos(o), mz: Math.sin(i) };
}

/** The phase-independent coefficients of one plane pair. */
export interface PlanePairGeometry {
  /** N₁·N₂ + M₁·M₂ */
  readonly c: number;
  /** M₁·N₂ − N₁·M₂ */
  readonly s: number;
  /** ½√((N₁·N₂ − M₁·M₂)² + (N₁·M₂ + M₁·N₂)²) */
  readonly amp: number;
  /** Angle between the planes (rad). */
  readonly crossingAngleRad: number;
}

export function planePairGeometry(raan1Deg: number, raan2Deg: number, inclinationDeg: number, inclination2Deg = inclinationDeg): PlanePairGeometry {
  const a = planeAxes(raan1Deg, inclinationDeg);
  const b = planeAxes(raan2Deg, inclination2Deg);
  const nn = a.nx * b.nx + a.ny * b.ny;
  const mm = a.mx * b.mx + a.my * b.my + a.mz * b.mz;
  const nm = a.nx * b.mx + a.ny * b.my;
  const mn = a.mx * b.nx + a.my * b.ny;
  const i1 = inclinationDeg * DEG_TO_RAD;
  const i2 = inclination2Deg * DEG_TO_RAD;
  // ĥ₁·ĥ₂ = sin i₁ sin i₂ cos ΔΩ + cos i₁ cos i₂
  const cosGamma = Math.sin(i1) * Math.sin(i2) * Math.cos((raan2Deg - raan1Deg) * DEG_TO_RAD) + Math.cos(i1) * Math.cos(i2);
  return { c: nn + mm, s: mn - nm, amp: 0.5 * Math.hypot(nn - mm, nm + mn), crossingAngleRad: Math.acos(Math.min(1, Math.max(-1, cosGamma))) };
}

/** Smallest distance over all time (km) of two satellites on circular orbits of radius rKm in the pair's planes, phases a₁, a₂ (deg). */
export function pairMinDistanceKm(g: PlanePairGeometry, argLat1Deg: number, argLat2Deg: number, rKm: number): number {
  const d = (argLat1Deg - argLat2Deg) * DEG_TO_RAD;
  const maxDot = 0.5 * (g.c * Math.cos(d) + g.s * Math.sin(d)) + g.amp;
  return rKm * Math.sqrt(Math.max(0, 2 * (1 - Math.min(1, maxDot))));
}

/** Arguments of latitude (deg) of the crossing along ĥ₁ × ĥ₂ in plane 1 and in plane 2. */
export function crossingArgLatDeg(raan1Deg: number, raan2Deg: number, inclinationDeg: number): { u1Deg: number; u2Deg: number } {
  const a = planeAxes(raan1Deg, inclinationDeg);
  const b = planeAxes(raan2Deg, inclinationDeg);
  const i = inclinationDeg * DEG_TO_RAD;
  const h = (o: number): [number, number, number] => [Math.sin(i) * Math.sin(o * DEG_TO_RAD), -Math.sin(i) * Math.cos(o * DEG_TO_RAD), Math.cos(i)];
  const h1 = h(raan1Deg);
  const h2 = h(raan2Deg);
  const d: [number, number, number] = [h1[1] * h2[2] - h1[2] * h2[1], h1[2] * h2[0] - h1[0] * h2[2], h1[0] * h2[1] - h1[1] * h2[0]];
  const u = (p: PlaneAxes): number => wrapDeg(Math.atan2(d[0] * p.mx + d[1] * p.my + d[2] * p.mz, d[0] * p.nx + d[1] * p.ny) * RAD_TO_DEG);
  return { u1Deg: u(a), u2Deg: u(b) };
}

export interface PlanePairCheck {
  readonly plane1: number;
  readonly plane2: number;
  readonly crossingAngleDeg: number;
  /** Smallest distance between any satellite of plane 1 and any of plane 2 (km). */
  readonly minDistanceKm: number;
  readonly satellite1: number;
  readonly satellite2: number;
}

export interface ShellCheck {
  readonly shell: number;
  readonly name: string;
  readonly altitudeKm: number;
  /** Smallest inter-plane distance in the shell (km); +∞ with a single plane. */
  readonly minDistanceKm: number;
  /** Plane pairs whose closest satellites come within `thresholdKm`. */
  readonly pairsBelowThreshold: number;
  readonly thresholdKm: number;
  /** Every plane pair, sorted by plane indices. */
  readonly planePairs: readonly PlanePairCheck[];
}

function bySatellite(design: ConstellationDesign): Map<number, DesignSatellite> {
  return new Map(design.satellites.map((s) => [s.catalogNumber, s]));
}

/** Checks one shell: every plane pair's closest approach (exact for circular Keplerian orbits, see the module header). */
export function checkShell(design: ConstellationDesign, shellIndex: number, thresholdKm = 10): ShellCheck {
  const shell = design.shells[shellIndex];
  if (shell === undefined) throw new ArgumentError(`No shell ${shellIndex} in the design (it has ${design.shells.length}).`, shellIndex);
  const sats = bySatellite(design);
  const r = WGS72.aKm + shell.altitudeKm;
  const pairs: PlanePairCheck[] = [];
  let min = Number.POSITIVE_INFINITY;
  let below = 0;
  for (let p = 0; p < shell.planes.length; p++) {
    for (let q = p + 1; q < shell.planes.length; q++) {
      const P = shell.planes[p]!;
      const Q = shell.planes[q]!;
      const g = planePairGeometry(P.raanDeg, Q.raanDeg, shell.inclinationDeg);
      let best = Number.POSITIVE_INFINITY;
      let s1 = 0;
      let s2 = 0;
      for (const a of P.satellites) {
        const ua = sats.get(a)!.argLatDeg;
        for (const b of Q.satellites) {
          const d = pairMinDistanceKm(g, ua, sats.get(b)!.argLatDeg, r);
          if (d < best) {
            best = d;
            s1 = a;
            s2 = b;
          }
        }
      }
      if (best < thresholdKm) below++;
      min = Math.min(min, best);
      pairs.push({ plane1: p, plane2: q, crossingAngleDeg: g.crossingAngleRad * RAD_TO_DEG, minDistanceKm: best, satellite1: s1, satellite2: s2 });
    }
  }
  return { shell: shellIndex, name: shell.name, altitudeKm: shell.altitudeKm, minDistanceKm: min, pairsBelowThreshold: below, thresholdKm, planePairs: pairs };
}

/** Checks every shell of a design. */
export function checkDesign(design: ConstellationDesign, thresholdKm = 10): ShellCheck[] {
  return design.shells.map((_, i) => checkShell(design, i, thresholdKm));
}

/**
 * Smallest inter-plane distance of a Walker shell T/P/F as a function of F (km), for choosing the phasing:
 * u_kj = 360 j/S + 360 F k/T, Ω_k = spread·k/P.
 */
export function walkerMinDistanceKm(T: number, P: number, F: number, altitudeKm: number, inclinationDeg: number, spreadDeg = 360): number {
  const S = T / P;
  const r = WGS72.aKm + altitudeKm;
  let min = Number.POSITIVE_INFINITY;
  // Plane 0 against plane k covers every pair up to symmetry for Walker Delta; for Star (no rotational symmetry) all pairs are needed.
  for (let p = 0; p < (spreadDeg === 360 ? 1 : P); p++) {
    for (let k = p + 1; k < P; k++) {
      const g = planePairGeometry((spreadDeg * p) / P, (spreadDeg * k) / P, inclinationDeg);
      const u0 = (360 * F * p) / T;
      for (let j = 0; j < S; j++) {
        const d = pairMinDistanceKm(g, u0, (360 * j) / S + (360 * F * k) / T, r);
        if (d < min) min = d;
      }
    }
  }
  return min;
}

/** The phasing factor F (0 … P−1) that maximises the smallest inter-plane distance of a Walker shell; ties go to the smallest F. */
export function bestWalkerPhasing(T: number, P: number, altitudeKm: number, inclinationDeg: number, kind: 'walker-delta' | 'walker-star' = 'walker-delta'): { phasing: number; minDistanceKm: number } {
  let best = { phasing: 0, minDistanceKm: -1 };
  for (let F = 0; F < P; F++) {
    const d = walkerMinDistanceKm(T, P, F, altitudeKm, inclinationDeg, kind === 'walker-delta' ? 360 : 180);
    if (d > best.minDistanceKm + 1e-9) best = { phasing: F, minDistanceKm: d };
  }
  return best;
}

/**
 * Inter-plane phasing of a custom shell: plane by plane (the first keeps its phase), the phase offset in
 * [0, 360°/slots) (steps of `stepDeg`) that maximises the smallest distance to the planes already placed.
 * Returns the offsets (deg) to add to each plane's slot phases and the resulting smallest distance (km).
 */
export function optimisePlanePhasing(shell: DesignShell, design: ConstellationDesign, stepDeg = 0.25): { offsetsDeg: number[]; minDistanceKm: number } {
  const sats = bySatellite(design);
  const r = WGS72.aKm + shell.altitudeKm;
  const spacing = 360 / shell.slotsPerPlane;
  const offsets: number[] = [0];
  let overall = Number.POSITIVE_INFINITY;
  for (let q = 1; q < shell.planes.length; q++) {
    const Q = shell.planes[q]!;
    let bestOff = 0;
    let bestMin = -1;
    for (let off = 0; off < spacing - 1e-9; off += stepDeg) {
      let m = Number.POSITIVE_INFINITY;
      for (let p = 0; p < q && m > bestMin; p++) {
        const P = shell.planes[p]!;
        const g = planePairGeometry(P.raanDeg, Q.raanDeg, shell.inclinationDeg);
        for (const a of P.satellites) {
          const ua = sats.get(a)!.argLatDeg + offsets[p]!;
          for (const b of Q.satellites) m = Math.min(m, pairMinDistanceKm(g, ua, sats.get(b)!.argLatDeg + off, r));
        }
      }
      if (m > bestMin + 1e-9) {
        bestMin = m;
        bestOff = off;
      }
    }
    offsets.push(bestOff);
    overall = Math.min(overall, bestMin);
  }
  return { offsetsDeg: offsets, minDistanceKm: overall };
}
