/**
 * NOTAMs and navigational warnings for launch hazard areas: a lenient reader (the Joey0609/notams monthly database
 * format and raw ICAO NOTAM text), and strict writers (GeoJSON per RFC 7946, antimeridian-safe, and NOTAM-style text).
 *
 * Reader. A record gives its polygon (the database's `COORDINATES`, else the E) field of the raw text) and its time
 * window (the database's `TIME` "DD MON HH:MM YYYY UNTIL …", else the B)/C) fields YYMMDDHHMM, UTC) and, when the
 * D) field is a plain daily schedule ("0231-0258,0731-0818", "DAILY 0130-0630"), the activity intervals. Coordinates
 * come as N/Sddmm[ss]E/Wdddmm[ss] (compact), "ddmmssN dddmmssE", "dd mm ssN ddd mm ssE" or "ddmmN dddmmE". A closing
 * vertex equal to the first is dropped. Every record either parses or is returned as a failure with its reason
 * (never dropped).
 *
 * Launch-related only (the database's licence asks that non-rocket NOTAMs are not analysed): a record is kept when
 * its text names aerospace/rocket/launch/debris/space activity, or when it is a danger/restricted area whose upper
 * limit is unlimited (UNL: launch hazard areas are; airspace closures for other activities carry an altitude cap).
 * Other records are returned as `excluded` with the reason, and not analysed further.
 *
 * Writers. GeoJSON: [lon, lat] degrees, exterior rings counter-clockwise (RFC 7946 §3.1.6), closed; a polygon that
 * crosses the antimeridian is split into a MultiPolygon at ±180° (§3.1.9). NOTAM text: Q) line with the centre and
 * radius (NM) of the area, B)/C) YYMMDDHHMM, E) vertices as N/Sddmmss E/Wdddmmss "-" joined, "BACK TO START.", SFC-UNL.
 */
import type { Instant, TimeScales } from '../time/index.ts';
import { DEG_TO_RAD, RAD_TO_DEG } from '../units/index.ts';
import { distanceKm, wrapPi, type LatLon } from './geo.ts';

/** A hazard area: a polygon (open ring, rad) active over [activeFrom, activeTo], optionally in sub-intervals. */
export interface HazardArea {
  readonly id: string;
  readonly polygon: readonly LatLon[];
  readonly activeFrom: Instant;
  readonly activeTo: Instant;
  /** Activity intervals inside the window (the D) schedule); absent when active throughout. */
  readonly intervals?: readonly { readonly from: Instant; readonly to: Instant }[];
  readonly verticalLimits?: string;
  readonly note?: string;
}

/** A parsed NOTAM / navigational warning. */
export interface NotamRecord extends HazardArea {
  readonly code: string;
  readonly qCode?: string;
  readonly fir?: string;
  readonly text: string;
  /** Where the record came from (file and index). */
  readonly source: string;
}

export interface NotamFailure {
  readonly code: string;
  readonly source: string;
  readonly field: 'coordinates' | 'time' | 'record';
  readonly reason: string;
}

export interface NotamExcluded {
  readonly code: string;
  readonly source: string;
  readonly reason: string;
}

export interface NotamParseResult {
  readonly records: NotamRecord[];
  readonly failures: NotamFailure[];
  readonly excluded: NotamExcluded[];
  /** Records seen in the input (records + failures + excluded). */
  readonly total: number;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** Parses one compact coordinate N/Sddmm[ss]E/Wdddmm[ss] (rad), or undefined. */
export function parseCompactCoordinate(tok: string): LatLon | undefined {
  const m = /^([NS])(\d{4}|\d{6})(?:\.\d+)?([EW])(\d{5}|\d{7})(?:\.\d+)?$/.exec(tok.trim());
  if (!m) return undefined;
  const lat = dms(m[2]!, 2);
  const lon = dms(m[4]!, 3);
  if (lat > 90 || lon > 180) return undefined;
  return { latRad: (m[1] === 'S' ? -lat : lat) * DEG_TO_RAD, lonRad: (m[3] === 'W' ? -lon : lon) * DEG_TO_RAD };
}

function dms(s: string, degDigits: number): number {
  const d = Number(s.slice(0, degDigits));
  const m = Number(s.slice(degDigits, degDigits + 2));
  const sec = s.length > degDigits + 2 ? Number(s.slice(degDigits + 2, degDigits + 4)) : 0;
  if (m >= 60 || sec >= 60) return Number.NaN;
  return d + m / 60 + sec / 3600;
}

/** A polygon from a database COORDINATES string ("N..E..-N..E..-…"). Throws a reason string on failure. */
function polygonFromCompactList(list: string): LatLon[] {
  const toks = list.split(/[-\s]+/).filter((t) => t.length > 0);
  const pts: LatLon[] = [];
  for (const t of toks) {
    const p = parseCompactCoordinate(t);
    if (p === undefined || !Number.isFinite(p.latRad) || !Number.isFinite(p.lonRad)) throw new Error(`vertex "${t}" is not N/Sddmm[ss]E/Wdddmm[ss]`);
    pts.push(p);
  }
  return closeAndCheck(pts);
}

/** Vertices found anywhere in free text (E) field): compact and spaced forms. */
function polygonFromText(text: string): LatLon[] {
  const pts: LatLon[] = [];
  const re = /([NS])(\d{4}|\d{6})([EW])(\d{5}|\d{7})|(\d{2})\s?(\d{2})\s?(\d{2})?\s?([NS])\s*-?\s*(\d{3})\s?(\d{2})\s?(\d{2})?\s?([EW])/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[1] !== undefined) {
      const p = parseCompactCoordinate(m[0]);
      if (p) pts.push(p);
    } else {
      const lat = Number(m[5]) + Number(m[6]) / 60 + Number(m[7] ?? 0) / 3600;
      const lon = Number(m[9]) + Number(m[10]) / 60 + Number(m[11] ?? 0) / 3600;
      if (lat <= 90 && lon <= 180) pts.push({ latRad: (m[8] === 'S' ? -lat : lat) * DEG_TO_RAD, lonRad: (m[12] === 'W' ? -lon : lon) * DEG_TO_RAD });
    }
  }
  return closeAndCheck(pts);
}

function closeAndCheck(ptsIn: LatLon[]): LatLon[] {
  const pts = [...ptsIn];
  const same = (a: LatLon, b: LatLon): boolean => Math.abs(a.latRad - b.latRad) < 1e-9 && Math.abs(wrapPi(a.lonRad - b.lonRad)) < 1e-9;
  if (pts.length > 1 && same(pts[0]!, pts[pts.length - 1]!)) pts.pop();
  if (pts.length < 3) throw new Error(`${pts.length} distinct vertices: a polygon needs at least 3`);
  return pts;
}

/** "06 AUG 06:51 2024 UNTIL 06 AUG 07:17 2024" → [from, to]. Throws a reason on failure. */
function parseUntilWindow(s: string, ts: TimeScales): [Instant, Instant] {
  const m = /^\s*(\d{1,2}) ([A-Z]{3}) (\d{2}):(\d{2}) (\d{4}) UNTIL (\d{1,2}) ([A-Z]{3}) (\d{2}):(\d{2}) (\d{4})\s*$/.exec(s);
  if (!m) throw new Error(`time "${s}" is not "DD MON HH:MM YYYY UNTIL DD MON HH:MM YYYY"`);
  const at = (d: string, mon: string, hh: string, mm: string, yyyy: string): Instant => {
    const month = MONTHS.indexOf(mon) + 1;
    if (month === 0) throw new Error(`unknown month "${mon}" in "${s}"`);
    return ts.fromUtc(Number(yyyy), month, Number(d), Number(hh), Number(mm));
  };
  return [at(m[1]!, m[2]!, m[3]!, m[4]!, m[5]!), at(m[6]!, m[7]!, m[8]!, m[9]!, m[10]!)];
}

/** YYMMDDHHMM (UTC) → Instant. */
function parseYymmddhhmm(s: string, ts: TimeScales): Instant {
  const m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m) throw new Error(`"${s}" is not YYMMDDHHMM`);
  return ts.fromUtc(2000 + Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
}

function field(raw: string, letter: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${letter}\\)\\s*(.*?)(?=\\s[A-G]\\)|$)`, 's').exec(raw);
  return m?.[1]?.trim();
}

/** Daily activity intervals from a D) field of the simple forms, inside [from, to]; undefined when not simple. */
function scheduleIntervals(d: string | undefined, from: Instant, to: Instant, ts: TimeScales): { from: Instant; to: Instant }[] | undefined {
  if (d === undefined) return undefined;
  const body = d.replace(/^DAILY\s+/, '').trim();
  if (!/^\d{4}-\d{4}(\s*,\s*\d{4}-\d{4})*$/.test(body)) return undefined;
  const spans = body.split(',').map((x) => x.trim().split('-').map((h) => Number(h.slice(0, 2)) * 3600 + Number(h.slice(2)) * 60) as [number, number]);
  const out: { from: Instant; to: Instant }[] = [];
  const day0 = ts.toUtcDaySeconds(from).mjd;
  const lastDay = ts.toUtcDaySeconds(to).mjd;
  for (let mjd = day0; mjd <= lastDay; mjd++) {
    for (const [a, b] of spans) {
      const s = ts.fromUtcDaySeconds(mjd, a);
      const e = ts.fromUtcDaySeconds(mjd, b < a ? b + 86400 : b);
      const s2 = s.isBefore(from) ? from : s;
      const e2 = e.isAfter(to) ? to : e;
      if (s2.isBefore(e2)) out.push({ from: s2, to: e2 });
    }
  }
  return out.length > 0 ? out : undefined;
}

/** Whether a NOTAM text describes launch-related activity (see the module header). */
export function isLaunchRelated(text: string): { related: boolean; reason: string } {
  const t = text.toUpperCase();
  if (/AEROSPACE|ROCKET|LAUNCH|DEBRIS|SPACE ?(FLT|FLIGHT|VEHICLE|CRAFT)|SPLASH|RE-?ENTRY|FALLING/.test(t)) return { related: true, reason: 'names aerospace/rocket activity' };
  const unl = /(?:SFC|GND)\s*-\s*UNL|G\)\s*UNL/.test(t);
  const area = /DANGER AREA|RESTRICTED AREA|HAZARD|WARNING AREA/.test(t);
  if (unl && area) return { related: true, reason: 'danger/restricted area from the surface to unlimited height' };
  return { related: false, reason: unl ? 'not a danger/restricted/hazard area' : 'altitude-capped airspace restriction (not a launch hazard area)' };
}

/** Builds one record from its parts; throws `[field, reason]` on failure. */
function buildRecord(
  parts: { code: string; coordinates?: string; time?: string; raw: string; source: string },
  ts: TimeScales,
): NotamRecord {
  const raw = parts.raw;
  const e = field(raw, 'E') ?? raw;
  let polygon: LatLon[];
  try {
    polygon = parts.coordinates !== undefined && parts.coordinates.trim() !== '' ? polygonFromCompactList(parts.coordinates) : polygonFromText(e);
  } catch (err) {
    // The database's extracted list failed: try the text before giving up.
    try {
      polygon = polygonFromText(e);
    } catch {
      throw Object.assign(new Error((err as Error).message), { field: 'coordinates' });
    }
  }
  let window: [Instant, Instant];
  const b = field(raw, 'B')?.split(/\s/)[0];
  const c = field(raw, 'C')?.split(/\s/)[0];
  try {
    if (parts.time !== undefined && parts.time.trim() !== '') window = parseUntilWindow(parts.time, ts);
    else throw new Error('no TIME field');
  } catch (err) {
    try {
      if (b === undefined || c === undefined) throw new Error('no B)/C) fields');
      window = [parseYymmddhhmm(b, ts), parseYymmddhhmm(c.replace(/(EST|PERM)$/, ''), ts)];
    } catch (err2) {
      throw Object.assign(new Error(`${(err as Error).message}; B)/C): ${(err2 as Error).message}`), { field: 'time' });
    }
  }
  if (!window[0].isBefore(window[1])) throw Object.assign(new Error('window end is not after its start'), { field: 'time' });
  const q = /Q\)\s*([A-Z0-9]{4})\/(Q[A-Z]{4})/.exec(raw);
  const f = field(raw, 'F');
  const g = field(raw, 'G');
  const intervals = scheduleIntervals(field(raw, 'D'), window[0], window[1], ts);
  return {
    id: parts.code,
    code: parts.code,
    polygon,
    activeFrom: window[0],
    activeTo: window[1],
    ...(intervals !== undefined ? { intervals } : {}),
    ...(f !== undefined || g !== undefined ? { verticalLimits: `${f ?? '?'}-${g ?? '?'}` } : {}),
    ...(q ? { fir: q[1]!, qCode: q[2]! } : {}),
    text: raw,
    source: parts.source,
  };
}

function collect(items: { code: string; coordinates?: string; time?: string; raw: string; source: string }[], ts: TimeScales): NotamParseResult {
  const records: NotamRecord[] = [];
  const failures: NotamFailure[] = [];
  const excluded: NotamExcluded[] = [];
  for (const it of items) {
    const rel = isLaunchRelated(it.raw);
    if (!rel.related) {
      excluded.push({ code: it.code, source: it.source, reason: rel.reason });
      continue;
    }
    try {
      records.push(buildRecord(it, ts));
    } catch (err) {
      const e = err as Error & { field?: 'coordinates' | 'time' };
      failures.push({ code: it.code, source: it.source, field: e.field ?? 'record', reason: e.message });
    }
  }
  return { records, failures, excluded, total: items.length };
}

/**
 * Reads one monthly file of the Joey0609/notams database (parallel arrays CODE, COORDINATES, TIME, RAWMESSAGE).
 * A file that is not that shape is one failure (field `record`).
 */
export function parseNotamDatabase(json: unknown, source: string, ts: TimeScales): NotamParseResult {
  const o = json as Record<string, unknown> | null;
  const arr = (k: string): unknown[] | undefined => (o !== null && typeof o === 'object' && Array.isArray(o[k]) ? (o[k] as unknown[]) : undefined);
  const code = arr('CODE');
  const raw = arr('RAWMESSAGE');
  if (code === undefined || raw === undefined) {
    return { records: [], failures: [{ code: '', source, field: 'record', reason: 'not a NOTAM database file: arrays CODE and RAWMESSAGE are missing' }], excluded: [], total: 1 };
  }
  const coords = arr('COORDINATES');
  const time = arr('TIME');
  const items = code.map((c, i) => ({
    code: String(c),
    raw: typeof raw[i] === 'string' ? (raw[i] as string) : '',
    source: `${source}#${i}`,
    ...(typeof coords?.[i] === 'string' ? { coordinates: coords[i] as string } : {}),
    ...(typeof time?.[i] === 'string' ? { time: time[i] as string } : {}),
  }));
  return collect(items, ts);
}

/** Reads raw NOTAM text holding one or more NOTAMs (each starting "X1234/24 NOTAMN|R|C"). */
export function parseNotamText(text: string, source: string, ts: TimeScales): NotamParseResult {
  const starts = [...text.matchAll(/(?:^|\n)\s*([A-Z]\d{4}\/\d{2})\s+NOTAM[NRC]/g)];
  if (starts.length === 0) {
    return { records: [], failures: [{ code: '', source, field: 'record', reason: 'no NOTAM found (expected lines starting like "A2241/24 NOTAMN")' }], excluded: [], total: 1 };
  }
  const items = starts.map((m, k) => {
    const from = m.index;
    const to = k + 1 < starts.length ? starts[k + 1]!.index : text.length;
    return { code: m[1]!, raw: text.slice(from, to).trim(), source: `${source}#${k}` };
  });
  return collect(items, ts);
}

/** Reads either format: JSON (the database) or NOTAM text. */
export function parseNotams(content: string, source: string, ts: TimeScales): NotamParseResult {
  const t = content.trimStart();
  if (t.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(t);
    } catch (err) {
      return { records: [], failures: [{ code: '', source, field: 'record', reason: `invalid JSON: ${(err as Error).message}` }], excluded: [], total: 1 };
    }
    return parseNotamDatabase(json, source, ts);
  }
  return parseNotamText(content, source, ts);
}

// ---------------------------------------------------------------- writers

/** Vertex-mean centroid (rad) of a polygon, computed on unit vectors (antimeridian-safe). */
export function polygonCentroid(poly: readonly LatLon[]): LatLon {
  let x = 0;
  let y = 0;
  let z = 0;
  for (const p of poly) {
    x += Math.cos(p.latRad) * Math.cos(p.lonRad);
    y += Math.cos(p.latRad) * Math.sin(p.lonRad);
    z += Math.sin(p.latRad);
  }
  return { latRad: Math.atan2(z, Math.hypot(x, y)), lonRad: Math.atan2(y, x) };
}

/** Longitudes (deg) unwrapped to be continuous along the ring, starting in (−180, 180]. */
function unwrappedLonsDeg(poly: readonly LatLon[]): number[] {
  const out: number[] = [];
  for (const p of poly) {
    const l = p.lonRad * RAD_TO_DEG;
    if (out.length === 0) out.push(l);
    else {
      const prev = out[out.length - 1]!;
      out.push(prev + (((((l - prev) % 360) + 540) % 360) - 180));
    }
  }
  return out;
}

const r6 = (v: number): number => Math.round(v * 1e6) / 1e6;

/** Clips a ring (lon, lat, deg) against lon ≥ lo or lon ≤ hi half-planes (Sutherland–Hodgman on one edge). */
function clipRing(ring: [number, number][], keep: (lon: number) => boolean, edge: number): [number, number][] {
  const out: [number, number][] = [];
  for (let k = 0; k < ring.length; k++) {
    const a = ring[k]!;
    const b = ring[(k + 1) % ring.length]!;
    const ina = keep(a[0]);
    const inb = keep(b[0]);
    if (ina) out.push(a);
    if (ina !== inb) {
      const t = (edge - a[0]) / (b[0] - a[0]);
      out.push([edge, a[1] + t * (b[1] - a[1])]);
    }
  }
  return out;
}

function closedCcw(ring: [number, number][]): number[][] {
  let area = 0;
  for (let k = 0; k < ring.length; k++) {
    const a = ring[k]!;
    const b = ring[(k + 1) % ring.length]!;
    area += a[0] * b[1] - b[0] * a[1];
  }
  const r = area < 0 ? [...ring].reverse() : ring;
  const pts = r.map(([lon, lat]) => [r6(lon), r6(lat)]);
  pts.push([...pts[0]!]);
  return pts;
}

/** GeoJSON geometry of a polygon: a Polygon, or a MultiPolygon split at the antimeridian (RFC 7946 §3.1.9). */
export function polygonGeometry(poly: readonly LatLon[]): { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] } {
  const lons = unwrappedLonsDeg(poly);
  const ring: [number, number][] = poly.map((p, k) => [lons[k]!, p.latRad * RAD_TO_DEG]);
  const min = Math.min(...lons);
  const max = Math.max(...lons);
  if (min >= -180 && max <= 180) return { type: 'Polygon', coordinates: [closedCcw(ring)] };
  // Crosses ±180: shift so the part beyond the edge is split off and moved back by 360°.
  const edge = max > 180 ? 180 : -180;
  const inside = clipRing(ring, (l) => (edge === 180 ? l <= 180 : l >= -180), edge);
  const outside = clipRing(ring, (l) => (edge === 180 ? l >= 180 : l <= -180), edge).map(([l, la]) => [l - Math.sign(edge) * 360, la] as [number, number]);
  const parts = [inside, outside].filter((r) => r.length >= 3).map((r) => [closedCcw(r)]);
  return { type: 'MultiPolygon', coordinates: parts };
}

/** A GeoJSON FeatureCollection of hazard areas (properties: id, activeFrom/activeTo ISO UTC, plus extra properties). */
export function hazardAreasToGeoJson(areas: readonly (HazardArea & { properties?: Record<string, unknown> })[], ts: TimeScales): { type: 'FeatureCollection'; features: unknown[] } {
  return {
    type: 'FeatureCollection',
    features: areas.map((a) => ({
      type: 'Feature',
      id: a.id,
      geometry: polygonGeometry(a.polygon),
      properties: {
        id: a.id,
        activeFrom: ts.formatUtcIso(a.activeFrom, 0),
        activeTo: ts.formatUtcIso(a.activeTo, 0),
        ...(a.intervals !== undefined ? { intervals: a.intervals.map((i) => ({ from: ts.formatUtcIso(i.from, 0), to: ts.formatUtcIso(i.to, 0) })) } : {}),
        ...(a.verticalLimits !== undefined ? { verticalLimits: a.verticalLimits } : {}),
        ...(a.note !== undefined ? { note: a.note } : {}),
        ...(a.properties ?? {}),
      },
    })),
  };
}

/** N/Sddmmss E/Wdddmmss of a point (rounded to the second). */
export function formatCompactCoordinate(p: LatLon): string {
  const f = (deg: number, width: number): string => {
    let total = Math.round(Math.abs(deg) * 3600);
    const d = Math.floor(total / 3600);
    total -= d * 3600;
    const m = Math.floor(total / 60);
    const s = total - m * 60;
    return `${String(d).padStart(width, '0')}${String(m).padStart(2, '0')}${String(s).padStart(2, '0')}`;
  };
  const lat = p.latRad * RAD_TO_DEG;
  const lon = wrapPi(p.lonRad) * RAD_TO_DEG;
  return `${lat < 0 ? 'S' : 'N'}${f(lat, 2)}${lon < 0 ? 'W' : 'E'}${f(lon, 3)}`;
}

function yymmddhhmm(t: Instant, ts: TimeScales): string {
  const iso = ts.formatUtcIso(t, 0);
  return `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}`;
}

/**
 * NOTAM-style text of a hazard area (a draft for the authority, not an issued NOTAM). `series` is the NOTAM id
 * (default the area id), `fir` the four-letter FIR (default ZZZZ: to be filled in by the issuing office).
 */
export function hazardAreaToNotamText(area: HazardArea, ts: TimeScales, opts: { series?: string; fir?: string; purpose?: string } = {}): string {
  const c = polygonCentroid(area.polygon);
  const radiusNm = Math.ceil(Math.max(...area.polygon.map((p) => distanceKm(c, p))) / 1.852);
  const q = formatCompactCoordinate(c);
  // Q-line centre is ddmmN/Sdddmm E/W (minutes only).
  const qc = `${q.slice(1, 5)}${q[0]}${q.slice(8, 13)}${q[7]}`;
  const fir = opts.fir ?? 'ZZZZ';
  const b = yymmddhhmm(area.activeFrom, ts);
  const cEnd = yymmddhhmm(area.activeTo, ts);
  return [
    `${opts.series ?? area.id} NOTAMN`,
    `Q) ${fir}/QRDCA/IV/BO/W/000/999/${qc}${String(Math.min(999, radiusNm)).padStart(3, '0')}`,
    `A) ${fir} B) ${b} C) ${cEnd}`,
    `E) A TEMPORARY DANGER AREA ESTABLISHED BOUNDED BY:`,
    area.polygon.map(formatCompactCoordinate).join('-'),
    `BACK TO START.${opts.purpose !== undefined ? ` ${opts.purpose.toUpperCase()}.` : ''}`,
    `VERTICAL LIMITS:SFC-UNL.`,
    `F) SFC G) UNL`,
  ].join('\n');
}
