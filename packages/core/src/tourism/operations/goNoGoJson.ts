/**
 * The JSON form of a go/no-go input (the CLI's `--flight` file and the API's request body): degrees, UTC ISO-8601
 * strings and units in every name, converted here once to the core's radians and `Instant`s. The `lcola` member
 * accepts the output of `skylane launch lcola --json` as is (`windowStart`, `windowEnd`, `blackouts[{from, to}]`).
 * Every bad field throws an `ArgumentError` naming its JSON path. Format: docs/design/space-tourism-operations.md.
 */
import { ArgumentError } from '../../errors/index.ts';
import type { Instant, TimeScales } from '../../time/index.ts';
import { DEG_TO_RAD } from '../../units/index.ts';
import type { LatLon } from '../../launch/geo.ts';
import type { HazardZone } from './zones.ts';
import { TOURISM_VEHICLE_CLASSES, type GoNoGoInput, type LandingWeatherLimits, type PassengerReadiness } from './goNoGo.ts';

type Obj = Record<string, unknown>;

const fail = (path: string, want: string, got: unknown): never => {
  throw new ArgumentError(`go/no-go input: ${path} must be ${want}; got ${JSON.stringify(got) ?? String(got)}.`, path);
};
const obj = (v: unknown, path: string): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : fail(path, 'an object', v));
const arr = (v: unknown, path: string): unknown[] => (Array.isArray(v) ? v : fail(path, 'an array', v));
const num = (v: unknown, path: string, min = -Infinity, max = Infinity): number => (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : fail(path, `a number in [${min}, ${max}]`, v));
const str = (v: unknown, path: string): string => (typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : fail(path, 'a non-empty string (≤ 200 characters)', v));
const bool = (v: unknown, path: string): boolean => (typeof v === 'boolean' ? v : fail(path, 'true or false', v));
const opt = <T>(o: Obj, k: string, f: (v: unknown, path: string) => T, path: string): T | undefined => (o[k] === undefined ? undefined : f(o[k], `${path}.${k}`));

function time(v: unknown, path: string, ts: TimeScales): Instant {
  const s = str(v, path);
  try {
    return ts.parseUtcIso(s);
  } catch {
    return fail(path, 'an ISO-8601 UTC time (YYYY-MM-DDThh:mm:ssZ)', v);
  }
}

function latLon(o: Obj, path: string, latKey = 'latDeg', lonKey = 'lonDeg'): LatLon {
  return { latRad: num(o[latKey], `${path}.${latKey}`, -90, 90) * DEG_TO_RAD, lonRad: num(o[lonKey], `${path}.${lonKey}`, -180, 360) * DEG_TO_RAD };
}

function hazardArea(v: unknown, path: string, ts: TimeScales): HazardZone {
  const o = obj(v, path);
  const id = str(o['id'], `${path}.id`);
  const activeFrom = time(o['activeFromUtc'], `${path}.activeFromUtc`, ts);
  const activeTo = time(o['activeToUtc'], `${path}.activeToUtc`, ts);
  if (o['ellipse'] !== undefined) {
    const e = obj(o['ellipse'], `${path}.ellipse`);
    const semiMajorKm = num(e['semiMajorKm'], `${path}.ellipse.semiMajorKm`, 1e-6, 20000);
    const semiMinorKm = num(e['semiMinorKm'], `${path}.ellipse.semiMinorKm`, 1e-6, semiMajorKm);
    return { id, activeFrom, activeTo, ellipse: { center: latLon(e, `${path}.ellipse`, 'centerLatDeg', 'centerLonDeg'), semiMajorKm, semiMinorKm, majorAxisAzimuthRad: num(e['majorAxisAzimuthDeg'], `${path}.ellipse.majorAxisAzimuthDeg`, -360, 360) * DEG_TO_RAD } };
  }
  const ring = arr(o['polygonDeg'], `${path}.polygonDeg`).map((p, i) => {
    const pair = arr(p, `${path}.polygonDeg[${i}]`);
    if (pair.length !== 2) fail(`${path}.polygonDeg[${i}]`, '[latDeg, lonDeg]', p);
    return { latRad: num(pair[0], `${path}.polygonDeg[${i}][0]`, -90, 90) * DEG_TO_RAD, lonRad: num(pair[1], `${path}.polygonDeg[${i}][1]`, -180, 360) * DEG_TO_RAD };
  });
  if (ring.length < 3) fail(`${path}.polygonDeg`, 'at least 3 vertices', ring.length);
  return { id, polygon: ring, activeFrom, activeTo };
}

/** Reads the JSON form (parsed) into a `GoNoGoInput`. */
export function goNoGoInputFromJson(json: unknown, ts: TimeScales): GoNoGoInput {
  const o = obj(json, '$');
  const launch = time(o['launchUtc'], '$.launchUtc', ts);
  const cls = opt(o, 'vehicleClass', str, '$');
  const klass = cls === undefined ? undefined : TOURISM_VEHICLE_CLASSES[cls];
  if (cls !== undefined && klass === undefined) fail('$.vehicleClass', `one of ${Object.keys(TOURISM_VEHICLE_CLASSES).join(', ')}`, cls);
  let limits: LandingWeatherLimits | undefined = klass === undefined ? undefined : { maxSurfaceWindMps: klass.maxSurfaceWindMps, maxGustMps: klass.maxGustMps, maxWaveHeightM: klass.maxWaveHeightM };
  if (o['limits'] !== undefined) {
    const l = obj(o['limits'], '$.limits');
    const wave = l['maxWaveHeightM'] === null ? null : opt(l, 'maxWaveHeightM', (v, p) => num(v, p, 0, 100), '$.limits');
    const wind = opt(l, 'maxSurfaceWindMps', (v, p) => num(v, p, 0, 200), '$.limits') ?? limits?.maxSurfaceWindMps;
    const gust = opt(l, 'maxGustMps', (v, p) => num(v, p, 0, 200), '$.limits') ?? limits?.maxGustMps;
    if (wind === undefined || gust === undefined) fail('$.limits', 'maxSurfaceWindMps and maxGustMps (or a vehicleClass)', l);
    limits = { maxSurfaceWindMps: wind!, maxGustMps: gust!, maxWaveHeightM: wave === undefined ? (limits?.maxWaveHeightM ?? fail('$.limits.maxWaveHeightM', 'a number or null (land landing)', undefined)) : wave };
  }
  const out: { -readonly [K in keyof GoNoGoInput]: GoNoGoInput[K] } = { launch };
  if (limits !== undefined) out.limits = limits;
  if (o['hazardAreas'] !== undefined) out.hazardAreas = arr(o['hazardAreas'], '$.hazardAreas').map((h, i) => hazardArea(h, `$.hazardAreas[${i}]`, ts));
  if (o['traffic'] !== undefined) {
    out.traffic = arr(o['traffic'], '$.traffic').map((v, i) => {
      const p = `$.traffic[${i}]`;
      const t = obj(v, p);
      const kind = t['kind'] === 'vessel' || t['kind'] === 'aircraft' ? t['kind'] : fail(`${p}.kind`, '"vessel" or "aircraft"', t['kind']);
      return { id: str(t['id'], `${p}.id`), kind, position: latLon(t, p) };
    });
  }
  if (o['lcola'] !== undefined) {
    const l = obj(o['lcola'], '$.lcola');
    const blackouts = arr(l['blackouts'], '$.lcola.blackouts').map((b, i) => {
      const p = `$.lcola.blackouts[${i}]`;
      const bo = obj(b, p);
      return { from: time(bo['fromUtc'] ?? bo['from'], `${p}.from`, ts), to: time(bo['toUtc'] ?? bo['to'], `${p}.to`, ts) };
    });
    const start = l['windowStartUtc'] ?? l['windowStart'];
    const end = l['windowEndUtc'] ?? l['windowEnd'];
    out.lcola = { blackouts, ...(start !== undefined ? { screenedFrom: time(start, '$.lcola.windowStart', ts) } : {}), ...(end !== undefined ? { screenedTo: time(end, '$.lcola.windowEnd', ts) } : {}) };
  }
  if (o['recovery'] !== undefined) {
    const r = obj(o['recovery'], '$.recovery');
    const lz = obj(r['landingZone'], '$.recovery.landingZone');
    const required: Record<string, number> = {};
    if (r['required'] !== undefined) for (const [k, v] of Object.entries(obj(r['required'], '$.recovery.required'))) required[k] = num(v, `$.recovery.required.${k}`, 0, 100);
    out.recovery = {
      landingZone: { center: latLon(lz, '$.recovery.landingZone'), stationRadiusKm: num(lz['stationRadiusKm'], '$.recovery.landingZone.stationRadiusKm', 0, 5000) },
      assets: arr(r['assets'], '$.recovery.assets').map((a, i) => {
        const p = `$.recovery.assets[${i}]`;
        const ao = obj(a, p);
        return { id: str(ao['id'], `${p}.id`), kind: str(ao['kind'], `${p}.kind`), position: latLon(ao, p) };
      }),
      ...(r['required'] !== undefined ? { required } : {}),
    };
  }
  if (o['weather'] !== undefined) {
    const w = obj(o['weather'], '$.weather');
    const surfaceWindMps = opt(w, 'surfaceWindMps', (v, p) => num(v, p, 0, 200), '$.weather');
    const gustMps = opt(w, 'gustMps', (v, p) => num(v, p, 0, 200), '$.weather');
    const waveHeightM = opt(w, 'waveHeightM', (v, p) => num(v, p, 0, 100), '$.weather');
    out.weather = { ...(surfaceWindMps !== undefined ? { surfaceWindMps } : {}), ...(gustMps !== undefined ? { gustMps } : {}), ...(waveHeightM !== undefined ? { waveHeightM } : {}) };
  }
  if (o['vehicle'] !== undefined || klass !== undefined) {
    const v = o['vehicle'] === undefined ? {} : obj(o['vehicle'], '$.vehicle');
    const turnaroundS = opt(v, 'turnaroundS', (x, p) => num(x, p, 0, 10 * 365 * 86400), '$.vehicle') ?? klass?.turnaroundS;
    const lastLanding = v['lastLandingUtc'] === null ? null : opt(v, 'lastLandingUtc', (x, p) => time(x, p, ts), '$.vehicle');
    const openAnomalies = opt(v, 'openAnomalies', (x, p) => num(x, p, 0, 1e6), '$.vehicle');
    out.vehicle = { ...(turnaroundS !== undefined ? { turnaroundS } : {}), ...(lastLanding !== undefined ? { lastLanding } : {}), ...(openAnomalies !== undefined ? { openAnomalies } : {}) };
  }
  if (o['passengers'] !== undefined) {
    out.passengers = arr(o['passengers'], '$.passengers').map((x, i): PassengerReadiness => {
      const p = `$.passengers[${i}]`;
      const po = obj(x, p);
      const trainingComplete = opt(po, 'trainingComplete', bool, p);
      const medicalCleared = opt(po, 'medicalCleared', bool, p);
      const medicalExpires = po['medicalExpiresUtc'] === null ? null : opt(po, 'medicalExpiresUtc', (y, q) => time(y, q, ts), p);
      return { id: str(po['id'], `${p}.id`), ...(trainingComplete !== undefined ? { trainingComplete } : {}), ...(medicalCleared !== undefined ? { medicalCleared } : {}), ...(medicalExpires !== undefined ? { medicalExpires } : {}) };
    });
  }
  if (o['profileCheck'] !== undefined) {
    const pc = obj(o['profileCheck'], '$.profileCheck');
    const violations = pc['violations'] === undefined ? undefined : arr(pc['violations'], '$.profileCheck.violations').map((s, i) => str(s, `$.profileCheck.violations[${i}]`));
    out.profileCheck = { passed: bool(pc['passed'], '$.profileCheck.passed'), ...(violations !== undefined ? { violations } : {}) };
  }
  if (o['requireProfileCheck'] !== undefined) out.requireProfileCheck = bool(o['requireProfileCheck'], '$.requireProfileCheck');
  return out;
}
