/**
 * Reader for the IERS Rapid Service/Prediction Centre `finals` files (readme.finals2000A, USNO): `finals2000A.all`,
 * `finals2000A.data`, `finals.all (IAU2000)` and their IAU-1980 twins (`finals.all`, `finals.data`), which share the
 * fixed columns and differ only in the nutation pair (dX/dY w.r.t. IAU 2000A, or dψ/dε w.r.t. IAU 1980), and an
 * EopProvider over them with the IERS-recommended 4-point Lagrange interpolation.
 *
 * Columns (1-based): MJD 8–15; flag for PM 17 (I = IERS/Bulletin A, P = prediction); PM-x 19–27 and PM-y 38–46
 * (arcsec); UT1 flag 58; UT1−UTC 59–68 (s); LOD 80–86 (ms, not always filled); nutation flag 96; dX or dψ 98–106 and
 * dY or dε 117–125 (mas); Bulletin B PM-x 135–144, PM-y 145–154 (arcsec), UT1−UTC 155–165 (s), dX/dψ 166–175,
 * dY/dε 176–185 (mas), where available. Rows after the last predicted value carry only the date and are skipped.
 *
 * Nutation and Skylane's IAU-76/FK5 chain: the chain applies δΔψ, δΔε w.r.t. IAU 1980 (`EopValues.dPsiArcsec`,
 * `dEpsArcsec`). Those are the columns of the IAU-1980 files (`nutation: 'dpsi-deps'`). The IAU-2000 files give dX, dY
 * w.r.t. IAU 2000A instead, which cannot stand in for them (the IAU 1980 offsets are ~50–100 mas, the 2000A ones
 * < 1 mas): with `nutation: 'dx-dy'` (the default, for finals2000A) dψ, dε are set to zero, as GMAT does with its FK5
 * model, and dX, dY are kept in the rows for a CIO-based chain. The missing offsets rotate GCRF by ≤ ~0.1″ (≤ 3.5 m
 * at 7,000 km).
 *
 * Interpolation: Lagrange over the 4 daily values around the epoch, as the IERS `interp.f` (Bizouard & Gambis;
 * IERS Gazette 13) does for PM and UT1 — without its diurnal/sub-diurnal tidal terms (< 1 mas, < 0.1 ms) — applied to
 * every quantity; UT1−UTC jumps at leap seconds are removed first (interpolating a continuous UT1−UTC + leap count)
 * and restored for the epoch's UTC day. Two-point (linear) interpolation is used at the first and last interval.
 */
import { ParseError, TimeError, type SkylaneErrorCode, type SourceLocation } from '../errors/index.ts';
import { calendarFromMjd } from './calendar.ts';
import type { EopProvider, EopRow, EopValues } from './eop.ts';

/** One daily row of a finals file. Angles in arcsec, times in s (LOD converted from ms). */
export interface FinalsEopRow extends EopRow {
  /** Polar motion was a prediction (flag P) in this row. */
  readonly pmPredicted: boolean;
  /** UT1−UTC was a prediction. */
  readonly ut1Predicted: boolean;
  /** dX/dY (IAU 2000A, arcsec) when the file is a finals2000A file; NaN otherwise. */
  readonly dXArcsec: number;
  readonly dYArcsec: number;
  /** Which bulletin the values came from (B only where requested and present). */
  readonly bulletin: 'A' | 'B';
}

export interface FinalsReadOptions {
  /** What columns 98–125 hold: `dx-dy` (finals2000A, IAU 2000A; default) or `dpsi-deps` (IAU-1980 finals). */
  readonly nutation?: 'dx-dy' | 'dpsi-deps';
  /** Use the Bulletin B values (cols 135–185) where the row has them; default false (Bulletin A throughout). */
  readonly preferBulletinB?: boolean;
  /** Keep predicted rows (flag P); default true. With false the span ends at the last observed row. */
  readonly predictions?: boolean;
}

/** An error in an EOP file: a ParseError that also names the file, e.g. `finals2000A.all: line 12, field MJD: …`. */
export class EopFileError extends ParseError {
  override readonly name: string = 'EopFileError';
  readonly source: string;
  constructor(source: string, code: SkylaneErrorCode, message: string, where: SourceLocation, value?: unknown) {
    super(code, message, where, value);
    this.source = source;
    this.message = `${source}: ${this.message}`;
  }
}

export interface FinalsEop {
  /** The file name given to the reader. */
  readonly source: string;
  readonly rows: readonly FinalsEopRow[];
  readonly firstMjd: number;
  readonly lastMjd: number;
  /** Last row whose PM and UT1 are observed (flag I), or NaN if none. */
  readonly lastObservedMjd: number;
}

function field(line: string, from: number, to: number): string {
  return line.slice(from - 1, to).trim();
}

/** Reads a finals/finals2000A file. Throws `EopFileError` naming `source`, the line and the field. */
export function readFinalsEop(text: string, source: string, options: FinalsReadOptions = {}): FinalsEop {
  const dxdy = (options.nutation ?? 'dx-dy') === 'dx-dy';
  const keepPredictions = options.predictions ?? true;
  const rows: FinalsEopRow[] = [];
  const lines = text.split(/\r?\n/);
  let lastObserved = Number.NaN;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const where = (f: string, column: number): SourceLocation => ({ line: i + 1, column, field: f });
    const num = (name: string, from: number, to: number, required: boolean): number => {
      const t = field(line, from, to);
      if (t === '') {
        if (required) throw new EopFileError(source, 'FIELD_MISSING', `${name} (columns ${from}-${to}) is empty.`, where(name, from));
        return Number.NaN;
      }
      const v = Number(t);
      if (!Number.isFinite(v) || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) {
        throw new EopFileError(source, 'FIELD_INVALID', `${name} (columns ${from}-${to}) is not a number: "${t}".`, where(name, from), t);
      }
      return v;
    };
    const mjd = num('MJD', 8, 15, true);
    if (!Number.isInteger(mjd)) throw new EopFileError(source, 'FIELD_INVALID', `MJD must be a whole day (0h UTC), got ${mjd}.`, where('MJD', 8), mjd);
    const pmFlag = line.charAt(16);
    if (pmFlag === ' ' || pmFlag === '') continue; // a date-only row after the predictions end
    if (pmFlag !== 'I' && pmFlag !== 'P') throw new EopFileError(source, 'FIELD_INVALID', `PM flag (column 17) must be I or P, got "${pmFlag}".`, where('PM flag', 17), pmFlag);
    const utFlag = line.charAt(57);
    if (utFlag !== 'I' && utFlag !== 'P') throw new EopFileError(source, 'FIELD_INVALID', `UT1 flag (column 58) must be I or P, got "${utFlag}".`, where('UT1 flag', 58), utFlag);
    const predicted = pmFlag === 'P' || utFlag === 'P';
    if (predicted && !keepPredictions) break;
    let xp = num('PM-x', 19, 27, true);
    let yp = num('PM-y', 38, 46, true);
    let dut1 = num('UT1-UTC', 59, 68, true);
    const lodMs = num('LOD', 80, 86, false);
    let n1 = num(dxdy ? 'dX' : 'dPsi', 98, 106, false);
    let n2 = num(dxdy ? 'dY' : 'dEps', 117, 125, false);
    let bulletin: 'A' | 'B' = 'A';
    if (options.preferBulletinB === true && field(line, 135, 165) !== '') {
      xp = num('B PM-x', 135, 144, true);
      yp = num('B PM-y', 145, 154, true);
      dut1 = num('B UT1-UTC', 155, 165, true);
      const b1 = num(dxdy ? 'B dX' : 'B dPsi', 166, 175, false);
      const b2 = num(dxdy ? 'B dY' : 'B dEps', 176, 185, false);
      if (Number.isFinite(b1) && Number.isFinite(b2)) {
        n1 = b1;
        n2 = b2;
      }
      bulletin = 'B';
    }
    const prev = rows[rows.length - 1];
    if (prev !== undefined && mjd !== prev.mjd + 1) {
      throw new EopFileError(
        source,
        'FIELD_INVALID',
        `MJD ${mjd} does not follow ${prev.mjd}: the file must hold consecutive days (a gap inside the record cannot be interpolated across).`,
        where('MJD', 8),
        mjd,
      );
    }
    const nut1 = Number.isFinite(n1) ? n1 / 1000 : 0;
    const nut2 = Number.isFinite(n2) ? n2 / 1000 : 0;
    rows.push({
      mjd,
      xpArcsec: xp,
      ypArcsec: yp,
      dut1S: dut1,
      lodS: Number.isFinite(lodMs) ? lodMs / 1000 : 0,
      dPsiArcsec: dxdy ? 0 : nut1,
      dEpsArcsec: dxdy ? 0 : nut2,
      dXArcsec: dxdy ? nut1 : Number.NaN,
      dYArcsec: dxdy ? nut2 : Number.NaN,
      pmPredicted: pmFlag === 'P',
      ut1Predicted: utFlag === 'P',
      bulletin,
    });
    if (!predicted) lastObserved = mjd;
  }
  if (rows.length < 2) throw new EopFileError(source, 'FORMAT_UNKNOWN', 'fewer than two rows with values: this is not an IERS finals file.', { line: lines.length });
  return { source, rows, firstMjd: rows[0]!.mjd, lastMjd: rows[rows.length - 1]!.mjd, lastObservedMjd: lastObserved };
}

export interface FinalsProviderOptions {
  /** `lagrange4` (default, IERS interp.f) or `linear`. */
  readonly interpolation?: 'lagrange4' | 'linear';
  /** `error` (default): an epoch outside the rows throws TIME_OUT_OF_RANGE naming the file; `hold`: end values. */
  readonly outside?: 'error' | 'hold';
}

function isoDate(mjd: number): string {
  const day = Math.floor(mjd);
  const c = calendarFromMjd(day);
  const secs = (mjd - day) * 86400;
  const hh = Math.floor(secs / 3600);
  const mm = Math.floor((secs - hh * 3600) / 60);
  const ss = secs - hh * 3600 - mm * 60;
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${c.year}-${p(c.month)}-${p(c.day)}T${p(hh)}:${p(mm)}:${ss.toFixed(3).padStart(6, '0')}Z`;
}

/** An EopProvider (UTC MJD → EOP values) over the rows of a finals file. */
export function finalsEopProvider(eop: FinalsEop, options: FinalsProviderOptions = {}): EopProvider {
  const rows = eop.rows;
  const n = rows.length;
  const lagrange = (options.interpolation ?? 'lagrange4') === 'lagrange4';
  const hold = options.outside === 'hold';
  // UT1−UTC made continuous: subtract the leap seconds counted from the first row (a jump of ~1 s between days).
  const leaps = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const step = rows[i]!.dut1S - rows[i - 1]!.dut1S;
    leaps[i] = leaps[i - 1]! + (Math.abs(step) > 0.5 ? Math.round(step) : 0);
  }
  const series: Float64Array[] = [
    Float64Array.from(rows, (r) => r.xpArcsec),
    Float64Array.from(rows, (r) => r.ypArcsec),
    Float64Array.from(rows, (r, i) => r.dut1S - leaps[i]!),
    Float64Array.from(rows, (r) => r.lodS),
    Float64Array.from(rows, (r) => r.dPsiArcsec),
    Float64Array.from(rows, (r) => r.dEpsArcsec),
  ];
  const first = eop.firstMjd;
  const last = eop.lastMjd;
  const out = new Float64Array(6);
  return (mjd: number): EopValues => {
    if (!(mjd >= first && mjd <= last)) {
      if (!hold || !Number.isFinite(mjd)) {
        throw new TimeError(
          'TIME_OUT_OF_RANGE',
          `${eop.source}: epoch ${Number.isFinite(mjd) ? isoDate(mjd) : String(mjd)} (UTC MJD ${mjd}) is outside the EOP file's span ${isoDate(first)} .. ${isoDate(last)}: use a newer finals file (or outside: 'hold').`,
          mjd,
        );
      }
      const r = mjd < first ? rows[0]! : rows[n - 1]!;
      return { xpArcsec: r.xpArcsec, ypArcsec: r.ypArcsec, dut1S: r.dut1S, lodS: r.lodS, dPsiArcsec: r.dPsiArcsec, dEpsArcsec: r.dEpsArcsec };
    }
    const i = Math.min(Math.floor(mjd - first), n - 2); // interval [i, i+1]
    const x = mjd - rows[i]!.mjd;
    if (lagrange && i >= 1 && i + 2 < n) {
      // Nodes at −1, 0, 1, 2 (days from row i).
      const w0 = (-x * (x - 1) * (x - 2)) / 6;
      const w1 = ((x + 1) * (x - 1) * (x - 2)) / 2;
      const w2 = (-(x + 1) * x * (x - 2)) / 2;
      const w3 = ((x + 1) * x * (x - 1)) / 6;
      for (let k = 0; k < 6; k++) {
        const s = series[k]!;
        out[k] = w0 * s[i - 1]! + w1 * s[i]! + w2 * s[i + 1]! + w3 * s[i + 2]!;
      }
    } else {
      for (let k = 0; k < 6; k++) {
        const s = series[k]!;
        out[k] = s[i]! + (s[i + 1]! - s[i]!) * x;
      }
    }
    // Restore the leap-second count of the epoch's UTC day.
    const day = Math.min(Math.floor(mjd - first), n - 1);
    return { xpArcsec: out[0]!, ypArcsec: out[1]!, dut1S: out[2]! + leaps[day]!, lodS: out[3]!, dPsiArcsec: out[4]!, dEpsArcsec: out[5]! };
  };
}
