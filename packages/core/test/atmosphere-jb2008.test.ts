// JB2008 readers (SOLFSMY, DTCFILE), index conventions (lags, persistence, as-of) and model properties.
import { describe, expect, it } from 'vitest';
import {
  ArgumentError,
  createTimeScales,
  geodeticToItrf,
  Jb2008Atmosphere,
  Jb2008SpaceWeather,
  jb2008,
  mjdFromDayOfYear,
  ParseError,
  readDtcFile,
  readSolfsmy,
  TimeError,
  type Jb2008Input,
} from '../src/index.ts';

const HEADER = '# JB2008 test header\n# YYYY DDD   JulianDay  F10   F81c  S10   S81c  M10   M81c  Y10   Y81c  Ssrc\n';
/** A SOLFSMY line for 2004 DOY `doy` with F10 = 100 + doy (others offset), so each day is recognisable. */
function solLine(doy: number, f10 = 100 + doy): string {
  const jd = mjdFromDayOfYear(2004, doy) + 2400001;
  const v = [f10, 120, 110 + doy, 115, 90 + doy, 95, 80 + doy, 85].map((x) => x.toFixed(1).padStart(6));
  return `  2004 ${String(doy).padStart(3)}   ${jd.toFixed(1)}${v.join('')}  1B11`;
}
/** A DTC line for 2004 DOY `doy`, hour h → 10·doy + h (K). */
function dtcLine(doy: number, f: (h: number) => number = (h) => 10 * doy + h): string {
  return `DTC 2004 ${String(doy).padStart(3)} ` + Array.from({ length: 24 }, (_, h) => String(f(h)).padStart(4)).join('');
}
const sol = (days: number[]): string => HEADER + days.map((d) => solLine(d)).join('\n') + '\n';
const dtc = (days: number[]): string => days.map((d) => dtcLine(d)).join('\n') + '\n';
const mjd = (doy: number, hours = 0): number => mjdFromDayOfYear(2004, doy) + hours / 24;

function parseError(f: () => unknown): ParseError {
  try {
    f();
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error('expected a ParseError');
}

describe('SOLFSMY reader', () => {
  it('reads days, indices and lines', () => {
    const d = readSolfsmy(sol([10, 11, 12]), 'test.txt');
    expect(d.firstMjd).toBe(mjd(10));
    expect(d.records).toHaveLength(3);
    expect(d.records[1]).toMatchObject({ mjd: mjd(11), f10: 111, f81c: 120, s10: 121, m10: 101, y10: 91, y81c: 85, line: 4 });
  });
  it('a gap inside the record is an error naming file, line and field', () => {
    const e = parseError(() => readSolfsmy(sol([10, 11, 13]), 'gap.txt'));
    expect(e.code).toBe('FIELD_INVALID');
    expect(e.line).toBe(5);
    expect(e.field).toBe('DDD');
    expect(e.message).toMatch(/gap\.txt.*gap in the record.*2004 013 follows 2004 011/);
  });
  it('repeated or reversed days are errors', () => {
    expect(parseError(() => readSolfsmy(sol([10, 11, 11]))).line).toBe(5);
    expect(parseError(() => readSolfsmy(sol([10, 9]))).message).toMatch(/out of order or repeated/);
  });
  it('a bad number, a missing-data value (< 40 sfu) and a wrong Julian day name their field', () => {
    const bad = HEADER + solLine(10) + '\n' + solLine(11).replace(' 121.0', ' 12x.0');
    expect(parseError(() => readSolfsmy(bad, 'b.txt'))).toMatchObject({ line: 4, field: 'S10' });
    const low = HEADER + solLine(10, 0);
    expect(parseError(() => readSolfsmy(low))).toMatchObject({ line: 3, field: 'F10' });
    const jd = HEADER + solLine(10).replace('2453015.0', '2453016.0');
    expect(parseError(() => readSolfsmy(jd))).toMatchObject({ line: 3, field: 'JulianDay' });
    expect(parseError(() => readSolfsmy(HEADER + solLine(10).replace('2004  10', '2004 367')))).toMatchObject({ field: 'DDD' });
  });
  it('a file without data is FIELD_MISSING', () => {
    expect(parseError(() => readSolfsmy(HEADER)).code).toBe('FIELD_MISSING');
  });
});

describe('DTCFILE reader', () => {
  it('reads hourly values in order', () => {
    const d = readDtcFile(dtc([10, 11]), 'd.txt');
    expect(d.firstMjd).toBe(mjd(10));
    expect(d.valuesK).toHaveLength(48);
    expect(d.valuesK[25]).toBe(111);
    expect(d.dayLines).toEqual([1, 2]);
    // Fixed columns keep a 4-digit value that touches its neighbour; other spacing is read by whitespace.
    expect(readDtcFile(dtcLine(10, (h) => (h === 3 ? 1999 : 5))).valuesK[3]).toBe(1999);
    expect(readDtcFile('DTC 2004 10 ' + Array.from({ length: 24 }, (_, h) => h).join(' ')).valuesK[23]).toBe(23);
  });
  it('gap, short line, non-integer and missing-data marker are errors with line and field', () => {
    expect(parseError(() => readDtcFile(dtc([10, 12]), 'g.TXT'))).toMatchObject({ line: 2, field: 'DDD' });
    expect(parseError(() => readDtcFile(dtcLine(10).slice(0, -4)))).toMatchObject({ line: 1, field: 'H00-H23' });
    expect(parseError(() => readDtcFile(dtcLine(10, (h) => (h === 5 ? 2500 : 20))))).toMatchObject({ field: 'H05' });
    expect(parseError(() => readDtcFile(dtcLine(10).replace(' 107', ' 1.5')))).toMatchObject({ field: 'H07' });
    expect(parseError(() => readDtcFile('XYZ 2004  10' + ' 1'.repeat(24)))).toMatchObject({ field: 'DTC' });
  });
});

describe('JB2008 index look-up', () => {
  const data = (): [ReturnType<typeof readSolfsmy>, ReturnType<typeof readDtcFile>] => [
    readSolfsmy(sol([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 'sol.txt'),
    readDtcFile(dtc([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 'dtc.txt'),
  ];

  it('driver convention: F10/S10 1 day, M10 2 days, Y10 5 days before, held over the UTC day; ΔTc interpolated and rounded', () => {
    const sw = new Jb2008SpaceWeather(...data());
    const r = sw.at(mjd(8, 18.5)); // 2004 DOY 8, 18:30 UTC
    expect(r.indices.f10).toBe(107); // DOY 7
    expect(r.indices.s10).toBe(117);
    expect(r.indices.m10).toBe(96); // DOY 6
    expect(r.indices.y10).toBe(83); // DOY 3
    expect(r.indices.f10b).toBe(120);
    // 18:30 between 98 (18:00) and 99 (19:00) = 98.5, the driver rounds to 99.
    expect(r.dstDtcK).toBe(99);
    expect(r.persisted).toBe(false);
    expect(sw.at(mjd(8, 0)).indices.f10).toBe(107);
    expect(sw.at(mjd(8, 23.999)).indices.f10).toBe(107);
    expect(sw.at(mjd(9, 0)).indices.f10).toBe(108);
  });

  it('Orekit convention: records at 12 UT, linear interpolation; ΔTc linear, unrounded; equal to the driver at 12:00', () => {
    const [s, d] = data();
    const o = new Jb2008SpaceWeather(s, d, { convention: 'orekit' });
    const drv = new Jb2008SpaceWeather(s, d);
    expect(o.at(mjd(8, 18)).indices.f10).toBeCloseTo(107.25, 6);
    expect(o.at(mjd(8, 18.5)).dstDtcK).toBeCloseTo(98.5, 6);
    expect(o.at(mjd(8, 12))).toEqual(drv.at(mjd(8, 12)));
  });

  it('before the first record: TIME_OUT_OF_RANGE naming the file', () => {
    const sw = new Jb2008SpaceWeather(...data());
    expect(() => sw.at(mjd(5, 12))).toThrow(TimeError); // Y10 needs DOY 0
    expect(() => sw.at(mjd(5, 12))).toThrow(/sol\.txt.*Y10 \(5-day lag\)/);
    expect(sw.at(mjd(6, 0)).indices.y10).toBe(81);
  });

  it('persistence after the last day: the last record, flagged', () => {
    const sw = new Jb2008SpaceWeather(...data());
    const last = sw.at(mjd(11, 6)); // F10 needs DOY 10 (the last), ΔTc needs DOY 11 06:00 → persisted
    expect(last.indices.f10).toBe(110);
    expect(last.dstDtcK).toBe(123); // DOY 10 23:00
    expect(last.persisted).toBe(true);
    const far = sw.at(mjd(40, 3));
    expect(far.indices).toEqual({ f10: 110, f10b: 120, s10: 120, s10b: 115, m10: 100, m10b: 95, y10: 90, y10b: 85 });
    expect(far.persisted).toBe(true);
    expect(sw.at(mjd(10, 12)).persisted).toBe(false);
  });

  it('as of a time: later records are never read (changing them changes nothing)', () => {
    const asOf = mjd(7, 10.25); // 2004 DOY 7 10:15 UTC
    const [s, d] = data();
    const solAltered = HEADER + [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((k) => solLine(k, k >= 7 ? 300 : 100 + k)).join('\n');
    const dtcAltered = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((k) => dtcLine(k, (h) => (k > 7 || (k === 7 && h >= 10) ? 999 : 10 * k + h))).join('\n');
    const a = new Jb2008SpaceWeather(s, d, { asOfUtcMjd: asOf });
    const b = new Jb2008SpaceWeather(readSolfsmy(solAltered), readDtcFile(dtcAltered), { asOfUtcMjd: asOf });
    expect(a.lastKnownSolfsmyMjd).toBe(mjd(6));
    expect(a.lastKnownDtcMjd).toBeCloseTo(mjd(7, 9), 9); // the hour 09:00-10:00 has ended at 10:15, 10:00-11:00 has not
    for (const t of [mjd(7, 0), mjd(7, 10.25), mjd(8, 12), mjd(12, 0)]) {
      expect(b.at(t)).toEqual(a.at(t));
    }
    // Up to the as-of time the solar indices equal those of the full record (the 1-day lag never looks ahead).
    const full = new Jb2008SpaceWeather(s, d);
    expect(a.at(mjd(7, 10)).indices).toEqual(full.at(mjd(7, 10)).indices);
    // After it, persistence of the last known day.
    expect(a.at(mjd(9, 12)).indices.f10).toBe(106);
    expect(a.at(mjd(9, 12)).persisted).toBe(true);
  });
});

describe('JB2008 model properties', () => {
  const base: Jb2008Input = {
    mjdUtc: 58000.5,
    sunRaRad: 2.9,
    sunDecRad: 0.05,
    pointRaRad: 1.2,
    latRad: 0.4,
    heightKm: 400,
    indices: { f10: 150, f10b: 140, s10: 130, s10b: 128, m10: 140, m10b: 135, y10: 145, y10b: 140 },
    dstDtcK: 60,
  };
  const rho = (h: number): number => jb2008({ ...base, heightKm: h }).densityKgPerM3;

  it('refuses heights below 90 km', () => {
    expect(() => rho(89.9)).toThrow(ArgumentError);
    expect(rho(90)).toBeCloseTo(3.46e-6, 7);
  });

  it('density decreases with height and is continuous across the model bands (105, 120, 500, 1000, 1500 km)', () => {
    let prev = Infinity;
    for (let h = 90; h <= 3000; h += 7) {
      const r = rho(h);
      expect(r).toBeLessThan(prev);
      prev = r;
    }
    for (const h of [105, 120, 200, 240, 300, 500, 600, 800, 1000, 1500]) {
      const jump = Math.abs(rho(h + 1e-6) / rho(h - 1e-6) - 1);
      expect(jump, `band edge ${h} km`).toBeLessThan(1e-4);
    }
  });

  it('responds to storms and solar flux in the right direction', () => {
    expect(jb2008({ ...base, dstDtcK: 200 }).densityKgPerM3).toBeGreaterThan(rho(400));
    const up = Object.fromEntries(Object.entries(base.indices).map(([k, v]) => [k, v + 50])) as unknown as Jb2008Input['indices'];
    expect(jb2008({ ...base, indices: up }).densityKgPerM3).toBeGreaterThan(1.5 * rho(400));
  });
});

describe('Jb2008Atmosphere', () => {
  const ts = createTimeScales();
  const fixed = new Jb2008Atmosphere({
    at: () => ({ indices: { f10: 150, f10b: 140, s10: 130, s10b: 128, m10: 140, m10b: 135, y10: 145, y10b: 140 }, dstDtcK: 60 }),
  });
  it('density peaks in the afternoon (diurnal bulge near 14 h local solar time)', () => {
    const t = ts.parseUtcIso('2017-03-20T12:00:00Z'); // equinox: Sun near the Greenwich meridian at noon
    const byLon = Array.from({ length: 24 }, (_, k) => {
      const lon = ((k * 15 - 180) * Math.PI) / 180;
      return { lstH: (k * 15) / 15, rho: fixed.densityKgPerM3(t, ts, geodeticToItrf({ latRad: 0, lonRad: lon, heightKm: 400 })) };
    });
    const max = byLon.reduce((a, b) => (b.rho > a.rho ? b : a));
    const min = byLon.reduce((a, b) => (b.rho < a.rho ? b : a));
    expect(max.lstH).toBeGreaterThanOrEqual(12);
    expect(max.lstH).toBeLessThanOrEqual(16);
    expect(min.lstH).toBeLessThanOrEqual(6);
  });
  it('geodetic and geocentric latitude options differ only off the equator', () => {
    const geoc = new Jb2008Atmosphere(fixed.indices, { latitude: 'geocentric' });
    const t = ts.parseUtcIso('2017-03-20T12:00:00Z');
    const eq = geodeticToItrf({ latRad: 0, lonRad: 0.3, heightKm: 400 });
    expect(geoc.densityKgPerM3(t, ts, eq)).toBe(fixed.densityKgPerM3(t, ts, eq));
    const mid = geodeticToItrf({ latRad: 0.8, lonRad: 0.3, heightKm: 400 });
    expect(geoc.inputs(t, ts, mid).latRad).toBeLessThan(fixed.inputs(t, ts, mid).latRad);
  });
});
