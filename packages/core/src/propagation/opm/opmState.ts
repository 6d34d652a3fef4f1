/**
 * The initial conditions of a numerical propagation from a CCSDS OPM: the message read in KVN or XML (errors name the
 * file), its state converted from REF_FRAME (GCRF, ICRF, EME2000/J2000, TEME, ITRF*) to GCRF at the epoch, its 6×6
 * covariance (inertial or RTN) converted to GCRF, and the spacecraft parameters (kg, m²; NaN where the OPM leaves one
 * out — the force setup checks only those the enabled forces read).
 */
import { ParseError, SkylaneError, type ReadWarning, type SkylaneErrorCode, type SourceLocation } from '../../errors/index.ts';
import type { Instant, TimeScales } from '../../time/index.ts';
import { isOpmKvn, readOpmKvn } from '../../ccsds/opm/kvn.ts';
import { readOpmXml } from '../../ccsds/opm/xml.ts';
import type { Opm } from '../../ccsds/opm/model.ts';
import { temeToGcrfMatrix, temeToPefMatrix, pefToItrfMatrix } from '../../frames/transforms.ts';
import { transpose3, type Mat3 } from '../../math/mat3.ts';
import { EARTH_ROTATION_RAD_S, SECONDS_PER_DAY } from '../../units/index.ts';
import type { SpacecraftProperties } from '../numerical/forceModel.ts';

/** A problem with an input file of a propagation, naming the file, and the line and field where known. */
export class PropagationInputError extends ParseError {
  override readonly name: string = 'PropagationInputError';
  readonly source: string;
  constructor(source: string, code: SkylaneErrorCode, message: string, where: SourceLocation, value?: unknown) {
    super(code, message, where, value);
    this.source = source;
    this.message = `${source}: ${this.message}`;
  }
}

/** Frames a state can be given or written in (OPM REF_FRAME, `--frame`). */
export type NumericalFrame = 'GCRF' | 'EME2000' | 'TEME' | 'ITRF';

/** REF_FRAME spellings accepted, and the frame they mean (ICRF ≡ GCRF for an Earth-centred state). */
export function opmFrame(refFrame: string): NumericalFrame | undefined {
  const f = refFrame.toUpperCase();
  if (f === 'GCRF' || f === 'ICRF') return 'GCRF';
  if (f === 'EME2000' || f === 'J2000') return 'EME2000';
  if (f === 'TEME') return 'TEME';
  if (/^ITRF/.test(f) || f === 'ITRF') return 'ITRF';
  return undefined;
}

/**
 * The linear map of a 6-state from `frame` to GCRF at instant t, as a row-major 6×6 matrix J (state' = J·state):
 * inertial frames are a block-diagonal rotation; ITRF adds the transport term v_PEF + ω × r_PEF (ω with the EOP
 * length of day). The same J rotates a covariance: P' = J P Jᵀ.
 */
export function frameToGcrfJacobian(frame: NumericalFrame, t: Instant, ts: TimeScales): Float64Array {
  const j = new Float64Array(36);
  const setBlock = (m: Mat3, row: number, col: number): void => {
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) j[(row + a) * 6 + col + b] = m[a * 3 + b]!;
  };
  if (frame === 'GCRF') {
    for (let i = 0; i < 6; i++) j[i * 7] = 1;
    return j;
  }
  const teme2gcrf = temeToGcrfMatrix(t, ts, true);
  if (frame === 'TEME') {
    setBlock(teme2gcrf, 0, 0);
    setBlock(teme2gcrf, 3, 3);
    return j;
  }
  if (frame === 'EME2000') {
    // EME2000 → TEME (no EOP corrections), TEME → GCRF (with them): the frame bias and the EOP δΔψ, δΔε.
    const m = mul(teme2gcrf, transpose3(temeToGcrfMatrix(t, ts, false)));
    setBlock(m, 0, 0);
    setBlock(m, 3, 3);
    return j;
  }
  // ITRF → PEF (Wᵀ), PEF → TEME (Rᵀ), with v_TEME = Rᵀ (v_PEF + ω × r_PEF).
  const wT = transpose3(pefToItrfMatrix(t, ts));
  const rT = transpose3(temeToPefMatrix(t, ts));
  const utc = ts.toUtcDaySeconds(t);
  const omega = EARTH_ROTATION_RAD_S * (1 - ts.eop(utc.mjd + utc.seconds / SECONDS_PER_DAY).lodS / SECONDS_PER_DAY);
  const wx: Mat3 = [0, -omega, 0, omega, 0, 0, 0, 0, 0];
  const rot = mul(teme2gcrf, mul(rT, wT));
  setBlock(rot, 0, 0);
  setBlock(rot, 3, 3);
  setBlock(mul(teme2gcrf, mul(rT, mul(wx, wT))), 3, 0);
  return j;
}

/** GCRF → frame: the inverse of `frameToGcrfJacobian` (transpose of the rotation, sign of the transport term). */
export function gcrfToFrameJacobian(frame: NumericalFrame, t: Instant, ts: TimeScales): Float64Array {
  const j = frameToGcrfJacobian(frame, t, ts);
  // J = [[R, 0], [S, R]] → J⁻¹ = [[Rᵀ, 0], [−Rᵀ S Rᵀ, Rᵀ]].
  const r: Mat3 = [j[0]!, j[1]!, j[2]!, j[6]!, j[7]!, j[8]!, j[12]!, j[13]!, j[14]!];
  const s: Mat3 = [j[18]!, j[19]!, j[20]!, j[24]!, j[25]!, j[26]!, j[30]!, j[31]!, j[32]!];
  const rt = transpose3(r);
  const lower = mul(rt, mul(s, rt));
  const inv = new Float64Array(36);
  for (let a = 0; a < 3; a++) {
    for (let b = 0; b < 3; b++) {
      inv[a * 6 + b] = rt[a * 3 + b]!;
      inv[(a + 3) * 6 + b + 3] = rt[a * 3 + b]!;
      inv[(a + 3) * 6 + b] = -lower[a * 3 + b]!;
    }
  }
  return inv;
}

function mul(a: Mat3, b: Mat3): Mat3 {
  const o = new Array<number>(9);
  for (let i = 0; i < 3; i++) for (let k = 0; k < 3; k++) o[i * 3 + k] = a[i * 3]! * b[k]! + a[i * 3 + 1]! * b[3 + k]! + a[i * 3 + 2]! * b[6 + k]!;
  return o as unknown as Mat3;
}

/** y = J x for a 6-vector. */
export function apply6(j: ArrayLike<number>, x: ArrayLike<number>, out = new Float64Array(6), xOffset = 0, outOffset = 0): Float64Array {
  for (let i = 0; i < 6; i++) {
    let s = 0;
    for (let k = 0; k < 6; k++) s += j[i * 6 + k]! * x[xOffset + k]!;
    out[outOffset + i] = s;
  }
  return out;
}

/** J P Jᵀ for 6×6 row-major matrices. */
export function transformCovariance6(j: ArrayLike<number>, p: ArrayLike<number>, pOffset = 0): Float64Array {
  const jp = new Float64Array(36);
  for (let i = 0; i < 6; i++) for (let k = 0; k < 6; k++) {
    let s = 0;
    for (let m = 0; m < 6; m++) s += j[i * 6 + m]! * p[pOffset + m * 6 + k]!;
    jp[i * 6 + k] = s;
  }
  const out = new Float64Array(36);
  for (let i = 0; i < 6; i++) for (let k = 0; k < 6; k++) {
    let s = 0;
    for (let m = 0; m < 6; m++) s += jp[i * 6 + m]! * j[k * 6 + m]!;
    out[i * 6 + k] = s;
  }
  // Exactly symmetric.
  for (let i = 0; i < 6; i++) for (let k = 0; k < i; k++) out[i * 6 + k] = out[k * 6 + i] = 0.5 * (out[i * 6 + k]! + out[k * 6 + i]!);
  return out;
}

/** The 21-value lower triangle (by rows) of a 6×6 row-major matrix, and back. */
export function lowerTriangle6(p: ArrayLike<number>, offset = 0): number[] {
  const out: number[] = [];
  for (let i = 0; i < 6; i++) for (let k = 0; k <= i; k++) out.push(p[offset + i * 6 + k]!);
  return out;
}
export function fromLowerTriangle6(lt: readonly number[]): Float64Array {
  const p = new Float64Array(36);
  let n = 0;
  for (let i = 0; i < 6; i++) for (let k = 0; k <= i; k++) p[i * 6 + k] = p[k * 6 + i] = lt[n++]!;
  return p;
}

export interface OpmInitialState {
  readonly opm: Opm;
  readonly warnings: readonly ReadWarning[];
  readonly epoch: Instant;
  readonly inputFrame: NumericalFrame;
  /** GCRF position (km) and velocity (km/s) at the epoch. */
  readonly stateGcrf: Float64Array;
  /** GCRF 6×6 covariance (km², km²/s, km²/s²), row-major, when the OPM has one. */
  readonly covarianceGcrf?: Float64Array;
  /** The OPM's spacecraft parameters; NaN for each one it leaves out. */
  readonly spacecraft: SpacecraftProperties;
  /** 1-based line of each spacecraft keyword (KVN or XML) when present, and `END`: the file's last line (for messages). */
  readonly keywordLines: Readonly<Record<string, number>>;
}

/** Reads an OPM (KVN or XML, detected) and rethrows its ParseError naming `source`. */
export function readOpmText(text: string, source: string, ts: TimeScales): { opm: Opm; warnings: ReadWarning[] } {
  try {
    const xml = /^\s*(<\?xml|<)/.test(text) && !isOpmKvn(text);
    return xml ? readOpmXml(text, { timeScales: ts }) : readOpmKvn(text, { timeScales: ts });
  } catch (e) {
    if (e instanceof ParseError) {
      const err = new PropagationInputError(source, e.code, e.message.replace(/^line \d+(, column \d+)?(, field [^:]+)?: /, ''), { line: e.line, ...(e.field !== undefined ? { field: e.field } : {}), ...(e.column !== undefined ? { column: e.column } : {}) }, e.value);
      throw err;
    }
    if (e instanceof SkylaneError) throw new PropagationInputError(source, e.code, e.message, { line: 1 }, e.value);
    throw e;
  }
}

/** Reads an OPM and converts its state and covariance to GCRF at its epoch. CENTER_NAME must be EARTH. */
export function opmInitialState(text: string, source: string, ts: TimeScales): OpmInitialState {
  const { opm, warnings } = readOpmText(text, source, ts);
  const lineOfOrUndefined = (keyword: string): number | undefined => {
    const m = new RegExp(`^\\s*<?${keyword}\\b`, 'm').exec(text);
    return m === null ? undefined : text.slice(0, m.index).split('\n').length;
  };
  const lineOf = (keyword: string): number => lineOfOrUndefined(keyword) ?? 1;
  if (opm.metadata.centerName.toUpperCase() !== 'EARTH') {
    throw new PropagationInputError(source, 'UNSUPPORTED', `CENTER_NAME ${opm.metadata.centerName} is not supported: Skylane propagates Earth-centred states (CENTER_NAME = EARTH).`, { line: lineOf('CENTER_NAME'), field: 'CENTER_NAME' }, opm.metadata.centerName);
  }
  const frame = opmFrame(opm.metadata.refFrame);
  if (frame === undefined) {
    throw new PropagationInputError(source, 'UNSUPPORTED', `REF_FRAME ${opm.metadata.refFrame} is not supported: use GCRF, ICRF, EME2000, TEME or ITRF.`, { line: lineOf('REF_FRAME'), field: 'REF_FRAME' }, opm.metadata.refFrame);
  }
  const epoch = opm.stateVector.epoch;
  const j = frameToGcrfJacobian(frame, epoch, ts);
  const s = opm.stateVector;
  const stateGcrf = apply6(j, [...s.positionKm, ...s.velocityKmPerS]);
  let covarianceGcrf: Float64Array | undefined;
  if (opm.covariance !== undefined) {
    const covFrameName = (opm.covariance.refFrame ?? opm.metadata.refFrame).toUpperCase();
    let p = fromLowerTriangle6(opm.covariance.lowerTriangle);
    if (covFrameName === 'RTN' || covFrameName === 'RSW' || covFrameName === 'RIC') {
      // Columns R̂, T̂, N̂ of the OPM state (in REF_FRAME): P_ref = B P_rtn Bᵀ, B = diag(Q, Q).
      const r = s.positionKm;
      const v = s.velocityKmPerS;
      const rn = Math.hypot(r[0], r[1], r[2]);
      const R = [r[0] / rn, r[1] / rn, r[2] / rn];
      const h = [r[1] * v[2] - r[2] * v[1], r[2] * v[0] - r[0] * v[2], r[0] * v[1] - r[1] * v[0]];
      const hn = Math.hypot(h[0]!, h[1]!, h[2]!);
      const N = [h[0]! / hn, h[1]! / hn, h[2]! / hn];
      const T = [N[1]! * R[2]! - N[2]! * R[1]!, N[2]! * R[0]! - N[0]! * R[2]!, N[0]! * R[1]! - N[1]! * R[0]!];
      const b = new Float64Array(36);
      for (let a = 0; a < 3; a++) {
        b[a * 6] = b[(a + 3) * 6 + 3] = R[a]!;
        b[a * 6 + 1] = b[(a + 3) * 6 + 4] = T[a]!;
        b[a * 6 + 2] = b[(a + 3) * 6 + 5] = N[a]!;
      }
      p = transformCovariance6(b, p);
      covarianceGcrf = transformCovariance6(j, p);
    } else {
      const covFrame = opmFrame(covFrameName);
      if (covFrame === undefined) {
        throw new PropagationInputError(source, 'UNSUPPORTED', `COV_REF_FRAME ${covFrameName} is not supported: use RTN or an inertial/Earth-fixed frame (GCRF, EME2000, TEME, ITRF).`, { line: lineOf('COV_REF_FRAME'), field: 'COV_REF_FRAME' }, covFrameName);
      }
      covarianceGcrf = transformCovariance6(frameToGcrfJacobian(covFrame, epoch, ts), p);
    }
  }
  const sc = opm.spacecraft;
  const spacecraft: SpacecraftProperties = {
    massKg: sc?.massKg ?? Number.NaN,
    dragAreaM2: sc?.dragAreaM2 ?? Number.NaN,
    dragCoefficient: sc?.dragCoeff ?? Number.NaN,
    srpAreaM2: sc?.solarRadAreaM2 ?? Number.NaN,
    reflectivityCoefficient: sc?.solarRadCoeff ?? Number.NaN,
  };
  const keywordLines: Record<string, number> = {};
  for (const k of ['MASS', 'DRAG_AREA', 'DRAG_COEFF', 'SOLAR_RAD_AREA', 'SOLAR_RAD_COEFF']) {
    const l = lineOfOrUndefined(k);
    if (l !== undefined) keywordLines[k] = l;
  }
  keywordLines['END'] = text.trimEnd().split('\n').length;
  return { opm, warnings, epoch, inputFrame: frame, stateGcrf, ...(covarianceGcrf !== undefined ? { covarianceGcrf } : {}), spacecraft, keywordLines };
}
