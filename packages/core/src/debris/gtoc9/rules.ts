/**
 * GTOC9 "The Kessler Run" (ESA ACT, 2017): problem constants, debris file, and the solution file format. Sources: the
 * Kelvins problem, equations, constants and submission-format pages (https://kelvins.esa.int/gtoc9-kessler-run/),
 * transcribed in `../shared/data/gtoc9/` (PROVENANCE.md). Inside Skylane, km, km/s and kg; epochs are MJD2000 days
 * as the problem defines them (JD = MJD2000 + 2451544.5), a problem-specific scale kept as a plain number.
 *
 * Solution file (one file may hold several missions): one event per line, whitespace- or comma-separated,
 *   epoch[MJD2000] x y z [m] vx vy vz [m/s] mass[kg] dvx dvy dvz [m/s] id
 * where the state and the mass are those just before the event's impulse ΔV (delivered right after the event) and
 * id is the debris id of an arrival or departure, −1 for a deep-space manoeuvre. Each visited debris has one
 * arrival line then one departure line. A line `# mission <k>` (or the first event) starts a mission; other lines
 * starting with `#` are comments. The order of the 12 columns (mass before the ΔV) is Skylane's reading: the official
 * example files (gtoc9-data.zip) are not public.
 */
import { ParseError, type RecordFailure } from '../../errors/index.ts';

/** The constants table of the Kelvins page, in Skylane units. */
export const GTOC9 = {
  alphaMeurPerKg2: 2.0e-6,
  baseCostMinMeur: 45,
  baseCostMaxMeur: 55,
  /** Δt_R: longest transfer between two debris (departure to arrival), days (Skylane's reading of the symbol). */
  maxTransferDays: 30,
  /** Δt_M: shortest gap between the end of one mission and the start of the next, days. */
  minMissionGapDays: 30,
  /** t_w: shortest stay at a debris while its de-orbit package is delivered and activated, days. */
  minWaitDays: 5,
  /** TOF: length of the campaign, years of 365.25 days, from the campaign start. */
  campaignYears: 8,
  campaignStartMjd2000: 23467,
  deorbitKitKg: 30,
  dryMassKg: 2000,
  maxPropellantKg: 5000,
  minPerigeeRadiusKm: 6600,
  muKm3s2: 398600.4418,
  j2: 1.08262668e-3,
  reqKm: 6378.137,
  ispS: 340,
  g0Kms2: 9.80665e-3,
  epsPositionKm: 0.1,
  epsVelocityKms: 1e-3,
  epsMassKg: 1e-8,
  dayS: 86400,
} as const;

/** Last epoch of the campaign window (MJD2000). */
export const GTOC9_CAMPAIGN_END_MJD2000 = GTOC9.campaignStartMjd2000 + GTOC9.campaignYears * 365.25;

/** One debris of `debris.csv`: osculating elements at its own epoch (km, rad). */
export interface Gtoc9Debris {
  readonly id: number;
  readonly epochMjd2000: number;
  readonly aKm: number;
  readonly e: number;
  readonly iRad: number;
  readonly raanRad: number;
  readonly argpRad: number;
  readonly meanAnomalyRad: number;
}

function num(text: string | undefined, line: number, field: string): number {
  const v = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(v)) {
    throw new ParseError('FIELD_INVALID', `"${(text ?? '').slice(0, 40)}" is not a number.`, { line, field }, text);
  }
  return v;
}

/** Reads the GTOC9 debris file: ESA's `debris.csv` / Skylane's `gtoc9_debris.csv` (header) or the whitespace copy `debris_data.txt`. SI in, km out. */
export function readGtoc9Debris(text: string): Gtoc9Debris[] {
  const out: Gtoc9Debris[] = [];
  const names = ['id', 'epoch_mjd2000', 'a_m', 'e', 'i_rad', 'raan_rad', 'argp_rad', 'mean_anomaly_rad'];
  text.split(/\r?\n/).forEach((raw, k) => {
    const line = k + 1;
    const t = raw.trim();
    if (t === '' || t.startsWith('#') || /^[A-Za-z]/.test(t)) return; // blank, comment, header
    const f = t.split(/[\s,]+/);
    if (f.length < 8) throw new ParseError('PARSE_ERROR', `${f.length} columns where the debris file has 8 (id, epoch, a, e, i, Ω, ω, M).`, { line }, raw);
    const v = names.map((n, j) => num(f[j], line, n));
    const id = v[0]!;
    if (!Number.isInteger(id) || id < 0) throw new ParseError('FIELD_INVALID', `debris id ${id} is not a non-negative integer.`, { line, field: 'id' }, id);
    out.push({ id, epochMjd2000: v[1]!, aKm: v[2]! / 1000, e: v[3]!, iRad: v[4]!, raanRad: v[5]!, argpRad: v[6]!, meanAnomalyRad: v[7]! });
  });
  if (out.length === 0) throw new ParseError('PARSE_ERROR', 'no debris rows: give ../shared/data/gtoc9/gtoc9_debris.csv or debris_data.txt.', { line: 1 });
  return out;
}

/** One event of a solution file (Skylane units: km, km/s, kg). */
export interface Gtoc9Event {
  readonly line: number;
  readonly epochMjd2000: number;
  readonly rKm: readonly [number, number, number];
  readonly vKms: readonly [number, number, number];
  readonly massKg: number;
  readonly dvKms: readonly [number, number, number];
  /** Debris id, or −1 for a deep-space manoeuvre. */
  readonly id: number;
}

export interface Gtoc9Mission {
  readonly events: Gtoc9Event[];
}

export interface ReadSolutionResult {
  readonly missions: Gtoc9Mission[];
  /** Malformed lines, typed (PARSE_ERROR, FIELD_INVALID), with their line number. */
  readonly failures: RecordFailure[];
}

const FIELDS = ['epoch', 'x', 'y', 'z', 'vx', 'vy', 'vz', 'mass', 'dvx', 'dvy', 'dvz', 'id'];

/** Reads a solution file; malformed lines become typed failures (never silently dropped). */
export function readGtoc9Solution(text: string): ReadSolutionResult {
  const missions: Gtoc9Mission[] = [];
  const failures: RecordFailure[] = [];
  let current: Gtoc9Event[] | undefined;
  text.split(/\r?\n/).forEach((raw, k) => {
    const line = k + 1;
    const t = raw.trim();
    if (t === '') return;
    if (t.startsWith('#')) {
      if (/^#\s*mission\b/i.test(t)) {
        current = [];
        missions.push({ events: current });
      }
      return;
    }
    try {
      const f = t.split(/[\s,]+/);
      if (f.length !== 12) throw new ParseError('PARSE_ERROR', `${f.length} columns where an event line has 12 (epoch x y z vx vy vz mass dvx dvy dvz id).`, { line }, raw);
      const v = FIELDS.map((n, j) => num(f[j], line, n));
      const id = v[11]!;
      if (!Number.isInteger(id) || id < -1) throw new ParseError('FIELD_INVALID', `event id ${id} must be a debris id (integer ≥ 0) or −1 for a deep-space manoeuvre.`, { line, field: 'id' }, id);
      if (!(v[7]! > 0)) throw new ParseError('FIELD_INVALID', `mass ${v[7]} kg must be positive.`, { line, field: 'mass' }, v[7]);
      const ev: Gtoc9Event = {
        line,
        epochMjd2000: v[0]!,
        rKm: [v[1]! / 1000, v[2]! / 1000, v[3]! / 1000],
        vKms: [v[4]! / 1000, v[5]! / 1000, v[6]! / 1000],
        massKg: v[7]!,
        dvKms: [v[8]! / 1000, v[9]! / 1000, v[10]! / 1000],
        id,
      };
      if (!current) {
        current = [];
        missions.push({ events: current });
      }
      current.push(ev);
    } catch (e) {
      if (e instanceof ParseError) failures.push({ line, code: e.code, reason: e.message, raw: raw.slice(0, 200), ...(e.field !== undefined ? { field: e.field } : {}) });
      else throw e;
    }
  });
  return { missions: missions.filter((m) => m.events.length > 0), failures };
}

/** Writes missions in the solution format above (SI units, full double precision). */
export function writeGtoc9Solution(missions: readonly Gtoc9Mission[]): string {
  const out: string[] = ['# GTOC9 solution written by Skylane: epoch[MJD2000] x y z[m] vx vy vz[m/s] mass[kg] dvx dvy dvz[m/s] id'];
  missions.forEach((m, k) => {
    out.push(`# mission ${k + 1}`);
    for (const e of m.events) {
      const s = (x: number): string => String(x * 1000);
      out.push([String(e.epochMjd2000), ...e.rKm.map(s), ...e.vKms.map(s), String(e.massKg), ...e.dvKms.map(s), String(e.id)].join(' '));
    }
  });
  return out.join('\n') + '\n';
}

/** Mission cost c + α (m0 − m_dry)² in MEUR, with the base cost c (45 MEUR at the start of the competition, 55 at its end: it depended on the submission time). */
export function gtoc9MissionCostMeur(m0Kg: number, baseCostMeur: number = GTOC9.baseCostMinMeur): number {
  return baseCostMeur + GTOC9.alphaMeurPerKg2 * (m0Kg - GTOC9.dryMassKg) ** 2;
}
