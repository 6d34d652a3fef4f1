/**
 * Coverage and revisit statistics of a constellation over a latitude/longitude grid and a time span.
 *
 * Grid: cell centres at geodetic latitude −90° + (k + ½)·Δφ and longitude −180° + (j + ½)·Δλ on the WGS-84
 * ellipsoid (height 0). Each cell is weighted by the cosine of its latitude (its area share) in global figures.
 * Times: t_m = start + m·Δt, m = 0 … M−1 (UTC clock, the axis SGP4 is counted on); satellites by SGP4 (TEME) turned
 * into ITRF by the pass-prediction track (events/track.ts: GMST 1982 of UT1, polar motion at the window start).
 *
 * Visibility is the topocentric elevation test of events/topocentric.ts, solved exactly per grid row. For a
 * satellite S and a row of latitude φ (point P(λ) with up vector û(λ)), with ρ = √(S_x² + S_y²) and
 * x = cos(λ − λ_S):  (S − P)·û = A x + B  and  |S − P|² = C − D x, where
 *   A = ρ cos φ,  B = S_z sin φ − (P_xy cos φ + P_z sin φ),  C = |S|² + P_xy² + P_z² − 2 P_z S_z,  D = 2 P_xy ρ
 * (P_xy = N cos φ, P_z = N(1 − e²) sin φ, N the prime-vertical radius). The elevation is at least ε exactly when
 * A x + B ≥ sin ε · √(C − D x); the left side grows and the right side shrinks with x, so the covered longitudes are
 * |λ − λ_S| ≤ acos x*, x* the larger root of A²x² + (2AB + D sin²ε) x + B² − C sin²ε = 0. Each satellite therefore
 * marks one longitude interval per row in a difference array; a prefix sum gives the number in view of every cell.
 * Cost per step: O(satellites × rows in a footprint + cells), not O(satellites × cells).
 *
 * Revisit gaps: a gap is a run of consecutive samples with no satellite in view; it lasts (its samples) × Δt.
 * Runs touching the start or the end of the span count as gaps (clipped by the span). A cell never covered has one
 * gap of the whole span. Rows are independent, so a request can be split by rows (worker threads) and merged in
 * row order with results identical whatever the split.
 */
import { ArgumentError } from '../errors/index.ts';
import { EarthFixedTrack } from '../events/track.ts';
import { Sgp4Satellite, type Sgp4Input } from '../propagation/sgp4/index.ts';
import type { TimeScales } from '../time/index.ts';
import { DEG_TO_RAD, RAD_TO_DEG, WGS84 } from '../units/index.ts';

/** A coverage run (plain, structured-clone-safe data: what a worker thread receives). */
export interface CoverageRequest {
  readonly inputs: readonly Sgp4Input[];
  /** Start, ISO-8601 UTC. */
  readonly startIso: string;
  /** Span (s). */
  readonly durationS: number;
  /** Sample step (s). */
  readonly stepS: number;
  /** Minimum elevation (deg, 0 … 89). */
  readonly minElevationDeg: number;
  /** Grid spacing in latitude (deg; 180 must be a multiple of it). */
  readonly latStepDeg: number;
  /** Grid spacing in longitude (deg; 360 must be a multiple of it). */
  readonly lonStepDeg: number;
  /** Rows [firstRow, endRow) to compute (default: all); rows count from the south. */
  readonly firstRow?: number;
  readonly endRow?: number;
  /** Keep per-cell results (default false). */
  readonly cells?: boolean;
}

/** Per-row sums (mergeable). */
export interface CoverageRow {
  readonly row: number;
  readonly latDeg: number;
  /** Cells in the row. */
  readonly cells: number;
  /** Fraction of (cell, sample) pairs with at least one satellite in view. */
  readonly coverageFraction: number;
  readonly meanSatellitesInView: number;
  readonly minSatellitesInView: number;
  readonly maxSatellitesInView: number;
  /** Longest gap of any cell of the row (s). */
  readonly maxRevisitGapS: number;
  /** Mean duration of the row's gaps (s); 0 when there is none. */
  readonly meanRevisitGapS: number;
  /** Number of gaps in the row. */
  readonly gaps: number;
  /** Cells of the row covered at every sample. */
  readonly cellsAlwaysCovered: number;
}

export interface CoverageCells {
  /** Per cell of the computed rows, row-major from firstRow: fraction of samples covered. */
  readonly coverageFraction: number[];
  /** Per cell: longest gap (s). */
  readonly maxRevisitGapS: number[];
  /** Per cell: mean satellites in view. */
  readonly meanSatellitesInView: number[];
}

export interface CoveragePart {
  readonly firstRow: number;
  readonly rows: CoverageRow[];
  readonly cells?: CoverageCells;
  /** Satellites that could not be propagated (left out). */
  readonly failures: { readonly catalogNumber: number; readonly message: string }[];
}

export interface CoverageResult {
  readonly minElevationDeg: number;
  readonly latStepDeg: number;
  readonly lonStepDeg: number;
  readonly startIso: string;
  readonly durationS: number;
  readonly stepS: number;
  readonly samples: number;
  readonly satellites: number;
  /** Area-weighted fraction of (cell, sample) pairs with at least one satellite in view. */
  readonly coverageFraction: number;
  /** Area-weighted share of the cells covered at every sample. */
  readonly alwaysCoveredAreaFraction: number;
  readonly meanSatellitesInView: number;
  readonly minSatellitesInView: number;
  readonly maxSatellitesInView: number;
  /** Longest revisit gap of any cell (s). */
  readonly maxRevisitGapS: number;
  /** Area-weighted mean duration of the gaps (s). */
  readonly meanRevisitGapS: number;
  readonly perLatitude: CoverageRow[];
  readonly cells?: CoverageCells;
  readonly failures: { readonly catalogNumber: number; readonly message: string }[];
}

const E2 = WGS84.f * (2 - WGS84.f);
/** Smallest Earth radius (polar), km: a safe lower bound for footprint sizes. */
const POLAR_RADIUS_KM = WGS84.aKm * (1 - WGS84.f);

/** Grid rows and columns of a request (validated). */
export function coverageGridSize(req: Pick<CoverageRequest, 'latStepDeg' | 'lonStepDeg'>): { rows: number; cols: number } {
  const rows = Math.round(180 / req.latStepDeg);
  const cols = Math.round(360 / req.lonStepDeg);
  if (!(req.latStepDeg > 0 && Math.abs(rows * req.latStepDeg - 180) < 1e-9 && req.lonStepDeg > 0 && Math.abs(cols * req.lonStepDeg - 360) < 1e-9)) {
    throw new ArgumentError(`Grid steps must divide 180° (latitude) and 360° (longitude); got ${req.latStepDeg}° × ${req.lonStepDeg}°.`, req);
  }
  return { rows, cols };
}

function checkRequest(req: CoverageRequest): void {
  if (!(req.minElevationDeg >= 0 && req.minElevationDeg < 90)) throw new ArgumentError(`Minimum elevation must be in [0, 90) degrees; got ${req.minElevationDeg}.`, req.minElevationDeg);
  if (!(req.stepS > 0 && req.durationS >= 0 && Number.isFinite(req.durationS))) throw new ArgumentError(`Coverage needs a positive step and a non-negative span; got step ${req.stepS} s, span ${req.durationS} s.`, req);
}

/** Number of samples of a request: floor(span / step) + 1. */
export function coverageSamples(req: Pick<CoverageRequest, 'durationS' | 'stepS'>): number {
  return Math.floor(req.durationS / req.stepS + 1e-9) + 1;
}

/** Computes the rows [firstRow, endRow) of a coverage request in the calling thread. */
export function computeCoveragePart(req: CoverageRequest, ts: TimeScales): CoveragePart {
  checkRequest(req);
  const { rows: nRows, cols: nCols } = coverageGridSize(req);
  const r0 = req.firstRow ?? 0;
  const r1 = Math.min(req.endRow ?? nRows, nRows);
  const nBand = Math.max(0, r1 - r0);
  const samples = coverageSamples(req);
  const start = ts.parseUtcIso(req.startIso);
  const window = { start, stop: ts.plusUtcClockSeconds(start, req.durationS) };
  const failures: { catalogNumber: number; message: string }[] = [];
  const tracks: EarthFixedTrack[] = [];
  for (const input of req.inputs) {
    try {
      tracks.push(EarthFixedTrack.create(Sgp4Satellite.create(input), window, ts));
    } catch (e) {
      failures.push({ catalogNumber: input.catalogNumber, message: e instanceof Error ? e.message : String(e) });
    }
  }
  // Row constants.
  const latDeg = new Float64Array(nBand);
  const sinPhi = new Float64Array(nBand);
  const cosPhi = new Float64Array(nBand);
  const pxy = new Float64Array(nBand);
  const pz = new Float64Array(nBand);
  const pu = new Float64Array(nBand);
  const pp = new Float64Array(nBand);
  for (let k = 0; k < nBand; k++) {
    const lat = -90 + (r0 + k + 0.5) * req.latStepDeg;
    latDeg[k] = lat;
    const s = Math.sin(lat * DEG_TO_RAD);
    const c = Math.cos(lat * DEG_TO_RAD);
    const n = WGS84.aKm / Math.sqrt(1 - E2 * s * s);
    sinPhi[k] = s;
    cosPhi[k] = c;
    pxy[k] = n * c;
    pz[k] = n * (1 - E2) * s;
    pu[k] = pxy[k]! * c + pz[k]! * s;
    pp[k] = pxy[k]! * pxy[k]! + pz[k]! * pz[k]!;
  }
  const bandLat0 = -90 + (r0 + 0.5) * req.latStepDeg;
  const bandLat1 = -90 + (r1 - 0.5) * req.latStepDeg;
  const sinEl = Math.sin(req.minElevationDeg * DEG_TO_RAD);
  const cosEl = Math.cos(req.minElevationDeg * DEG_TO_RAD);
  const s2 = sinEl * sinEl;
  const lonStepRad = req.lonStepDeg * DEG_TO_RAD;
  const lon0 = -Math.PI + lonStepRad / 2;
  const nCells = nBand * nCols;
  const stride = nCols + 1;
  const diff = new Int32Array(nBand * stride);
  const covered = new Uint32Array(nCells);
  const countSum = new Float64Array(nCells);
  const minCount = new Uint16Array(nCells).fill(65535);
  const maxCount = new Uint16Array(nCells);
  const gapStart = new Int32Array(nCells).fill(0); // sample where the current gap began; −1 while covered
  const maxGap = new Int32Array(nCells);
  const gapSum = new Float64Array(nCells);
  const gapCount = new Int32Array(nCells);
  const state = new Float64Array(6);
  const touched = new Uint8Array(nBand);
  for (let m = 0; m < samples; m++) {
    const tS = m * req.stepS;
    touched.fill(0);
    for (const track of tracks) {
      if (track.itrfInto(tS, state, 0) !== 0) continue;
      const sx = state[0]!;
      const sy = state[1]!;
      const sz = state[2]!;
      const rho = Math.hypot(sx, sy);
      const r2 = sx * sx + sy * sy + sz * sz;
      const r = Math.sqrt(r2);
      // Footprint half-angle bound on a sphere of the polar radius, plus 1° for geodetic vs geocentric latitude.
      const ratio = (POLAR_RADIUS_KM * cosEl) / r;
      if (ratio >= 1) continue;
      const lam = (Math.acos(ratio) - req.minElevationDeg * DEG_TO_RAD) * RAD_TO_DEG + 1;
      const latS = Math.asin(sz / r) * RAD_TO_DEG;
      const lo = Math.max(latS - lam, bandLat0 - 1e-9);
      const hi = Math.min(latS + lam, bandLat1 + 1e-9);
      if (lo > hi) continue;
      const kLo = Math.max(0, Math.ceil((lo + 90) / req.latStepDeg - 0.5 - r0 - 1e-9));
      const kHi = Math.min(nBand - 1, Math.floor((hi + 90) / req.latStepDeg - 0.5 - r0 + 1e-9));
      const lonS = Math.atan2(sy, sx);
      for (let k = kLo; k <= kHi; k++) {
        const A = rho * cosPhi[k]!;
        const B = sz * sinPhi[k]! - pu[k]!;
        const C = r2 + pp[k]! - 2 * pz[k]! * sz;
        const D = 2 * pxy[k]! * rho;
        // f(1): the sub-satellite meridian.
        if (A + B < sinEl * Math.sqrt(Math.max(0, C - D))) continue;
        let xStar: number;
        const qa = A * A;
        const qb = 2 * A * B + s2 * D;
        const qc = B * B - s2 * C;
        const disc = qb * qb - 4 * qa * qc;
        if (qa === 0) xStar = -1;
        else if (disc < 0) xStar = -1;
        else xStar = (-qb + Math.sqrt(disc)) / (2 * qa);
        const base = k * stride;
        touched[k] = 1;
        if (xStar <= -1) {
          diff[base]! += 1;
          diff[base + nCols]! -= 1;
          continue;
        }
        if (xStar > 1) continue;
        const half = Math.acos(xStar);
        const jLo = Math.ceil((lonS - half - lon0) / lonStepRad - 1e-12);
        const jHi = Math.floor((lonS + half - lon0) / lonStepRad + 1e-12);
        if (jHi < jLo) continue;
        if (jHi - jLo + 1 >= nCols) {
          diff[base]! += 1;
          diff[base + nCols]! -= 1;
          continue;
        }
        const a = ((jLo % nCols) + nCols) % nCols;
        const b = ((jHi % nCols) + nCols) % nCols;
        if (a <= b) {
          diff[base + a]! += 1;
          diff[base + b + 1]! -= 1;
        } else {
          diff[base + a]! += 1;
          diff[base + nCols]! -= 1;
          diff[base]! += 1;
          diff[base + b + 1]! -= 1;
        }
      }
    }
    for (let k = 0; k < nBand; k++) {
      const base = k * stride;
      let run = 0;
      const cellBase = k * nCols;
      const any = touched[k] === 1;
      for (let j = 0; j < nCols; j++) {
        if (any) {
          run += diff[base + j]!;
          diff[base + j] = 0;
        }
        const c = cellBase + j;
        const n = run;
        if (n < minCount[c]!) minCount[c] = n;
        if (n > maxCount[c]!) maxCount[c] = n;
        if (n > 0) {
          covered[c]! += 1;
          countSum[c]! += n;
          const g = gapStart[c]!;
          if (g >= 0) {
            const len = m - g;
            if (len > 0) {
              if (len > maxGap[c]!) maxGap[c] = len;
              gapSum[c]! += len;
              gapCount[c]! += 1;
            }
            gapStart[c] = -1;
          }
        } else if (gapStart[c]! < 0) gapStart[c] = m;
      }
      if (any) diff[base + nCols] = 0;
    }
  }
  // Close the gaps still open at the end.
  for (let c = 0; c < nCells; c++) {
    const g = gapStart[c]!;
    if (g >= 0) {
      const len = samples - g;
      if (len > maxGap[c]!) maxGap[c] = len;
      gapSum[c]! += len;
      gapCount[c]! += 1;
    }
  }
  const rowsOut: CoverageRow[] = [];
  for (let k = 0; k < nBand; k++) {
    let cov = 0;
    let cnt = 0;
    let mn = 65535;
    let mx = 0;
    let mg = 0;
    let gs = 0;
    let gc = 0;
    let always = 0;
    for (let j = 0; j < nCols; j++) {
      const c = k * nCols + j;
      cov += covered[c]!;
      cnt += countSum[c]!;
      mn = Math.min(mn, minCount[c]!);
      mx = Math.max(mx, maxCount[c]!);
      mg = Math.max(mg, maxGap[c]!);
      gs += gapSum[c]!;
      gc += gapCount[c]!;
      if (covered[c] === samples) always++;
    }
    rowsOut.push({
      row: r0 + k,
      latDeg: latDeg[k]!,
      cells: nCols,
      coverageFraction: cov / (nCols * samples),
      meanSatellitesInView: cnt / (nCols * samples),
      minSatellitesInView: mn,
      maxSatellitesInView: mx,
      maxRevisitGapS: mg * req.stepS,
      meanRevisitGapS: gc === 0 ? 0 : (gs / gc) * req.stepS,
      gaps: gc,
      cellsAlwaysCovered: always,
    });
  }
  const part: CoveragePart = { firstRow: r0, rows: rowsOut, failures };
  if (req.cells === true) {
    const cf: number[] = new Array<number>(nCells);
    const mgs: number[] = new Array<number>(nCells);
    const ms: number[] = new Array<number>(nCells);
    for (let c = 0; c < nCells; c++) {
      cf[c] = covered[c]! / samples;
      mgs[c] = maxGap[c]! * req.stepS;
      ms[c] = countSum[c]! / samples;
    }
    return { ...part, cells: { coverageFraction: cf, maxRevisitGapS: mgs, meanSatellitesInView: ms } };
  }
  return part;
}

/** Merges row parts (any order) of one request into the global result: sums in row order, so the split does not matter. */
export function mergeCoverageParts(req: CoverageRequest, parts: readonly CoveragePart[]): CoverageResult {
  const sorted = [...parts].sort((a, b) => a.firstRow - b.firstRow);
  const rows = sorted.flatMap((p) => p.rows);
  let w = 0;
  let cov = 0;
  let cnt = 0;
  let always = 0;
  let gapW = 0;
  let gapN = 0;
  let mn = Number.POSITIVE_INFINITY;
  let mx = 0;
  let mg = 0;
  for (const r of rows) {
    const wr = Math.cos(r.latDeg * DEG_TO_RAD) * r.cells;
    w += wr;
    cov += wr * r.coverageFraction;
    cnt += wr * r.meanSatellitesInView;
    always += (wr * r.cellsAlwaysCovered) / r.cells;
    gapW += Math.cos(r.latDeg * DEG_TO_RAD) * r.meanRevisitGapS * r.gaps;
    gapN += Math.cos(r.latDeg * DEG_TO_RAD) * r.gaps;
    mn = Math.min(mn, r.minSatellitesInView);
    mx = Math.max(mx, r.maxSatellitesInView);
    mg = Math.max(mg, r.maxRevisitGapS);
  }
  const failures = sorted[0]?.failures ?? [];
  const result: CoverageResult = {
    minElevationDeg: req.minElevationDeg,
    latStepDeg: req.latStepDeg,
    lonStepDeg: req.lonStepDeg,
    startIso: req.startIso,
    durationS: req.durationS,
    stepS: req.stepS,
    samples: coverageSamples(req),
    satellites: req.inputs.length - failures.length,
    coverageFraction: w === 0 ? 0 : cov / w,
    alwaysCoveredAreaFraction: w === 0 ? 0 : always / w,
    meanSatellitesInView: w === 0 ? 0 : cnt / w,
    minSatellitesInView: rows.length === 0 ? 0 : mn,
    maxSatellitesInView: mx,
    maxRevisitGapS: mg,
    meanRevisitGapS: gapN === 0 ? 0 : gapW / gapN,
    perLatitude: rows,
    failures,
  };
  if (sorted.every((p) => p.cells !== undefined) && sorted.length > 0) {
    return {
      ...result,
      cells: {
        coverageFraction: sorted.flatMap((p) => p.cells!.coverageFraction),
        maxRevisitGapS: sorted.flatMap((p) => p.cells!.maxRevisitGapS),
        meanSatellitesInView: sorted.flatMap((p) => p.cells!.meanSatellitesInView),
      },
    };
  }
  return result;
}

/** Coverage of a whole request in the calling thread (use @skylane/server's computeCoverageParallel for threads). */
export function computeCoverage(req: CoverageRequest, ts: TimeScales): CoverageResult {
  return mergeCoverageParts(req, [computeCoveragePart(req, ts)]);
}

/** Splits a request into `parts` row bands of nearly equal size (in row order). */
export function splitCoverageRequest(req: CoverageRequest, parts: number): CoverageRequest[] {
  const { rows } = coverageGridSize(req);
  const n = Math.max(1, Math.min(parts, rows));
  const out: CoverageRequest[] = [];
  for (let p = 0; p < n; p++) out.push({ ...req, firstRow: Math.floor((p * rows) / n), endRow: Math.floor(((p + 1) * rows) / n) });
  return out;
}

