/**
 * Earth gravity-field coefficients: the in-memory model shared by the ICGEM and EGM readers and the
 * spherical-harmonic force, with tide-system conversion and time-variable (EIGEN-6S style) terms.
 *
 * Units: GM in km³/s² and the reference radius in km (the files give m³/s² and m; the readers convert once).
 * Coefficients are fully normalised (geodesy convention, no Condon–Shortley phase):
 *   C̄nm = Cnm / N̄nm,  N̄nm = sqrt((2 − δ0m)(2n + 1)(n − m)! / (n + m)!)   (Heiskanen & Moritz 1967, eq. 1-73;
 *   Montenbruck & Gill 2000, eq. 3.14),
 * stored as triangles indexed n(n + 1)/2 + m.
 */
import { ParseError, SkylaneError, type SkylaneErrorCode, type SourceLocation } from '../../errors/index.ts';

/** Permanent-tide convention of C̄20 (IERS Conventions 2010, §1.1 and §6.2.2). */
export type TideSystem = 'tide-free' | 'zero-tide' | 'mean-tide' | 'unknown';

/** One periodic or trend term of a time-variable coefficient (ICGEM 2.0 `trnd`, `asin`, `acos`). */
export interface TimeVariableTerm {
  readonly n: number;
  readonly m: number;
  readonly kind: 'trend' | 'sin' | 'cos';
  /** Amplitude (per year for `trend`), fully normalised. */
  readonly c: number;
  readonly s: number;
  /** Period in years for `sin`/`cos`; NaN for `trend`. */
  readonly periodYears: number;
  /** Reference epoch t0 of the coefficient as a UTC-ish MJD (ICGEM writes yyyymmdd[.hhmm]; the sub-day scale is moot at 1e-11/yr). */
  readonly t0Mjd: number;
}

export interface GravityField {
  /** Model name (ICGEM `modelname`, or the caller's label). */
  readonly name: string;
  /** Earth gravitational parameter, km³/s². */
  readonly gmKm3PerS2: number;
  /** Reference radius of the coefficients, km. */
  readonly radiusKm: number;
  /** Highest degree present (after any truncation). */
  readonly maxDegree: number;
  readonly tideSystem: TideSystem;
  /** Fully normalised C̄nm at index n(n+1)/2 + m, n ≤ maxDegree. */
  readonly c: Float64Array;
  /** Fully normalised S̄nm at index n(n+1)/2 + m. */
  readonly s: Float64Array;
  /** Time-variable terms (empty for static fields); `c`/`s` then hold the `gfct` values at each term's t0. */
  readonly timeVariable: readonly TimeVariableTerm[];
}

/** Index of (n, m) in the triangular coefficient arrays. */
export function coefficientIndex(n: number, m: number): number {
  return (n * (n + 1)) / 2 + m;
}

/** Number of (n, m) pairs for degrees 0..maxDegree. */
export function triangleSize(maxDegree: number): number {
  return ((maxDegree + 1) * (maxDegree + 2)) / 2;
}

/**
 * An error in a gravity-coefficient file: a ParseError that also names the file (`source`, passed in by the
 * caller since the core reads no files), e.g. `JGM3.gfc: line 42, field C: …`.
 */
export class GravityFileError extends ParseError {
  override readonly name: string = 'GravityFileError';
  readonly source: string;
  constructor(source: string, code: SkylaneErrorCode, message: string, where: SourceLocation, value?: unknown) {
    super(code, message, where, value);
    this.source = source;
    this.message = `${source}: ${this.message}`;
  }
}

/** Fortran-style number (`1.0d0`, `0.4E-03`, `-26e10-12` is refused). Returns NaN when not a number. */
export function parseFortranNumber(text: string): number {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eEdD][+-]?\d+)?$/.test(text)) return Number.NaN;
  return Number(text.replace(/[dD]/, 'e'));
}

/**
 * The permanent-tide part of C̄20 that a zero-tide model contains and a tide-free model does not:
 * ⟨ΔC̄20⟩ = A0·H0·k20 with A0 = 4.4228e-8 m⁻¹, H0 = −0.31460 m (IERS Conventions 2010, TN36 §6.2.2, eq. 6.14)
 * and k20 = 0.30190 (anelastic Re k20, TN36 Table 6.3): −4.2007e-9. C̄20(zero-tide) = C̄20(tide-free) + ⟨ΔC̄20⟩.
 * EGM2008's own documentation used k20 = 0.3 (−4.1736e-9); pass `k20` to reproduce a producer's value.
 * The mean-tide system adds the tide-raising potential itself, A0·H0 = −1.3914e-8 (TN36 §1.1, Fig. 1.2).
 */
export function permanentTideC20(k20 = 0.3019): number {
  return 4.4228e-8 * -0.3146 * k20;
}

/** Offset of C̄20 in each tide system relative to tide-free (see `permanentTideC20`). */
function c20OffsetFromTideFree(system: TideSystem, k20: number): number {
  switch (system) {
    case 'tide-free':
      return 0;
    case 'zero-tide':
      return permanentTideC20(k20);
    case 'mean-tide':
      return permanentTideC20(k20) + 4.4228e-8 * -0.3146;
    default:
      throw new SkylaneError('UNSUPPORTED', `Cannot convert a field whose tide system is unknown: say which system the file uses (tide-free, zero-tide, mean-tide).`, system);
  }
}

/** A copy of `field` with C̄20 converted to another permanent-tide system (IERS 2010 §6.2.2). */
export function convertTideSystem(field: GravityField, target: TideSystem, k20 = 0.3019): GravityField {
  if (target === field.tideSystem) return field;
  const c = Float64Array.from(field.c);
  if (field.maxDegree >= 2) {
    c[coefficientIndex(2, 0)] = c[coefficientIndex(2, 0)]! - c20OffsetFromTideFree(field.tideSystem, k20) + c20OffsetFromTideFree(target, k20);
  }
  return { ...field, c, tideSystem: target };
}

/** A copy of `field` keeping degrees ≤ maxDegree and orders ≤ maxOrder (coefficients above are zeroed). */
export function truncateField(field: GravityField, maxDegree: number, maxOrder = maxDegree): GravityField {
  if (!Number.isInteger(maxDegree) || maxDegree < 0 || maxDegree > field.maxDegree) {
    throw new SkylaneError('ARGUMENT_INVALID', `Degree ${maxDegree} is not available in ${field.name} (0..${field.maxDegree}).`, maxDegree);
  }
  if (!Number.isInteger(maxOrder) || maxOrder < 0 || maxOrder > maxDegree) {
    throw new SkylaneError('ARGUMENT_INVALID', `Order ${maxOrder} must be an integer between 0 and the degree ${maxDegree}.`, maxOrder);
  }
  const size = triangleSize(maxDegree);
  const c = field.c.slice(0, size);
  const s = field.s.slice(0, size);
  for (let n = 0; n <= maxDegree; n++) {
    for (let m = maxOrder + 1; m <= n; m++) {
      c[coefficientIndex(n, m)] = 0;
      s[coefficientIndex(n, m)] = 0;
    }
  }
  return { ...field, maxDegree, c, s, timeVariable: field.timeVariable.filter((t) => t.n <= maxDegree && t.m <= maxOrder) };
}

const DAYS_PER_YEAR = 365.25;

/**
 * The static field at a date: each coefficient with time-variable terms becomes
 *   G(t) = gfct + trnd·Δt + Σ_k [asin_k sin(2π Δt / p_k) + acos_k cos(2π Δt / p_k)],  Δt = (t − t0) in years of 365.25 d
 * (ICGEM format 2.0 specification, "gfct/trnd/asin/acos"). `mjd` is any MJD (UTC or TT: the 69 s difference moves
 * a 1e-11/yr trend by 2e-17). Over one day the periodic terms change C̄20 by ~2e-13: freezing the field at the
 * propagation epoch is the intended use.
 */
export function fieldAtEpoch(field: GravityField, mjd: number): GravityField {
  if (field.timeVariable.length === 0) return field;
  const c = Float64Array.from(field.c);
  const s = Float64Array.from(field.s);
  for (const t of field.timeVariable) {
    const dt = (mjd - t.t0Mjd) / DAYS_PER_YEAR;
    const f = t.kind === 'trend' ? dt : t.kind === 'sin' ? Math.sin((2 * Math.PI * dt) / t.periodYears) : Math.cos((2 * Math.PI * dt) / t.periodYears);
    const i = coefficientIndex(t.n, t.m);
    c[i] = c[i]! + t.c * f;
    s[i] = s[i]! + t.s * f;
  }
  return { ...field, c, s, timeVariable: [] };
}

/**
 * Refuses a field with a hole: every (n, m) with 2 ≤ n ≤ maxDegree must have been read (degree 1 and C̄00 may be
 * absent: a geocentric field has no degree 1, and C̄00 defaults to 1). A missing record would silently become zero.
 */
export function checkComplete(seen: Uint8Array, maxDegree: number, source: string, lastLine: number, allowMissing: boolean): void {
  if (allowMissing) return;
  for (let n = 2; n <= maxDegree; n++) {
    for (let m = 0; m <= n; m++) {
      if (seen[coefficientIndex(n, m)] === 0) {
        throw new GravityFileError(
          source,
          'FIELD_MISSING',
          `no coefficient for degree ${n} order ${m} (the file should list every L M up to its max_degree ${maxDegree}); pass allowMissingCoefficients to treat holes as zero.`,
          { line: lastLine, field: 'L M' },
          { n, m },
        );
      }
    }
  }
}

/** log((n+m)!/(n−m)!) by summation, for the normalisation factor. */
function logFactorialRatio(n: number, m: number): number {
  let sum = 0;
  for (let k = n - m + 1; k <= n + m; k++) sum += Math.log(k);
  return sum;
}

/** The normalisation factor N̄nm with C_unnormalised = N̄nm · C̄nm (Montenbruck & Gill eq. 3.14). */
export function normalisationFactor(n: number, m: number): number {
  const k = m === 0 ? 1 : 2;
  return Math.sqrt(k * (2 * n + 1) * Math.exp(-logFactorialRatio(n, m)));
}
