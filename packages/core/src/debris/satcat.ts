/**
 * CelesTrak SATCAT CSV reader (https://celestrak.org/satcat/satcat-format.php, CSV form at
 * `https://celestrak.org/pub/satcat.csv`): OBJECT_NAME, OBJECT_ID, NORAD_CAT_ID, OBJECT_TYPE (PAY, R/B, DEB, UNK),
 * OPS_STATUS_CODE, OWNER, LAUNCH_DATE, LAUNCH_SITE, DECAY_DATE, PERIOD [min], INCLINATION [deg], APOGEE [km],
 * PERIGEE [km], RCS [m²], DATA_STATUS_CODE, ORBIT_CENTER, ORBIT_TYPE. Columns are found by header name; every
 * rejected row comes back as a typed RecordFailure (lenient reader: blank optional fields are left out).
 */
import { ParseError, type RecordFailure } from '../errors/index.ts';
import { splitCsvLine } from '../catalog/csv.ts';
import { checkCatalogNumber, clip, collectRecord, parseDecimal, parseInteger } from '../catalog/gpRecord.ts';
import { objectTypeFromText, type ObjectType } from '../catalog/model.ts';

/** One SATCAT row. Dates stay ISO text (YYYY-MM-DD): they are calendar days, not instants. */
export interface SatcatRecord {
  readonly catalogNumber: number;
  readonly objectName: string;
  readonly objectId?: string;
  readonly objectType: ObjectType;
  /** CelesTrak operational status code: '+' operational, '-' nonoperational, 'P' partially, 'B' backup, 'S' spare, 'X' extended, 'D' decayed, '?' unknown. */
  readonly opsStatusCode?: string;
  readonly owner?: string;
  readonly launchDate?: string;
  readonly launchSite?: string;
  readonly decayDate?: string;
  readonly periodMin?: number;
  readonly inclinationDeg?: number;
  readonly apogeeKm?: number;
  readonly perigeeKm?: number;
  /** Radar cross-section, m² (CelesTrak publishes the value where it is public). */
  readonly rcsM2?: number;
  readonly orbitCenter?: string;
  readonly orbitType?: string;
}

export interface ReadSatcatResult {
  readonly records: SatcatRecord[];
  readonly failures: RecordFailure[];
}

/** CelesTrak operational-status codes that mean the object is working (and so can manoeuvre or be kept). */
export const SATCAT_ACTIVE_STATUS = new Set(['+', 'P', 'B', 'S', 'X']);

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads a CelesTrak SATCAT CSV (header row first). One bad row is reported and never sinks the file. */
export function readSatcatCsv(text: string): ReadSatcatResult {
  const records: SatcatRecord[] = [];
  const failures: RecordFailure[] = [];
  const lines = text.split(/\r?\n/);
  let header: string[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = i + 1;
    if (raw.trim() === '') continue;
    if (!header) {
      header = raw.split(',').map((h) => h.trim().replace(/^"|"$/g, '').toUpperCase());
      for (const need of ['NORAD_CAT_ID', 'OBJECT_TYPE']) {
        if (!header.includes(need)) {
          failures.push({ line, field: need, code: 'FIELD_MISSING', reason: `line ${line}: the SATCAT header has no ${need} column; expected CelesTrak's satcat.csv columns.`, raw: clip(raw, 200) });
          return { records, failures };
        }
      }
      continue;
    }
    const h = header;
    const rec = collectRecord(
      () => {
        const values = splitCsvLine(raw, line);
        if (values.length !== h.length) throw new ParseError('PARSE_ERROR', `${values.length} fields where the header has ${h.length}.`, { line }, raw);
        const get = (k: string): string | undefined => {
          const j = h.indexOf(k);
          const v = j < 0 ? undefined : values[j]!.trim();
          return v === undefined || v === '' ? undefined : v;
        };
        const num = (k: string): number | undefined => {
          const v = get(k);
          return v === undefined ? undefined : parseDecimal(v, k, line);
        };
        const date = (k: string): string | undefined => {
          const v = get(k);
          if (v === undefined) return undefined;
          if (!DATE_RE.test(v)) throw new ParseError('FIELD_INVALID', `"${clip(v)}" is not a date YYYY-MM-DD.`, { line, field: k }, v);
          return v;
        };
        const idText = get('NORAD_CAT_ID');
        if (idText === undefined) throw new ParseError('FIELD_MISSING', 'NORAD_CAT_ID is empty.', { line, field: 'NORAD_CAT_ID' });
        const catalogNumber = checkCatalogNumber(parseInteger(idText, 'NORAD_CAT_ID', line), 'NORAD_CAT_ID', line);
        const typeText = get('OBJECT_TYPE');
        const objectType = typeText === undefined ? 'UNKNOWN' : objectTypeFromText(typeText);
        if (objectType === undefined) {
          throw new ParseError('FIELD_INVALID', `OBJECT_TYPE "${clip(typeText ?? '')}" is not one of PAY, R/B, DEB, UNK.`, { line, field: 'OBJECT_TYPE' }, typeText);
        }
        const opt = <K extends keyof SatcatRecord>(key: K, v: SatcatRecord[K] | undefined): Partial<SatcatRecord> => (v === undefined ? {} : ({ [key]: v } as Partial<SatcatRecord>));
        const r: SatcatRecord = {
          catalogNumber,
          objectName: get('OBJECT_NAME') ?? '',
          objectType,
          ...opt('objectId', get('OBJECT_ID')),
          ...opt('opsStatusCode', get('OPS_STATUS_CODE')),
          ...opt('owner', get('OWNER')),
          ...opt('launchDate', date('LAUNCH_DATE')),
          ...opt('launchSite', get('LAUNCH_SITE')),
          ...opt('decayDate', date('DECAY_DATE')),
          ...opt('periodMin', num('PERIOD')),
          ...opt('inclinationDeg', num('INCLINATION')),
          ...opt('apogeeKm', num('APOGEE')),
          ...opt('perigeeKm', num('PERIGEE')),
          ...opt('rcsM2', num('RCS')),
          ...opt('orbitCenter', get('ORBIT_CENTER')),
          ...opt('orbitType', get('ORBIT_TYPE')),
        };
        return r;
      },
      line,
      raw,
      failures,
    );
    if (rec) records.push(rec);
  }
  return { records, failures };
}
