/**
 * IERS finals2000A extracts (USNO Rapid Service): values transcribed from the file lines, Lagrange interpolation,
 * the leap second at the end of 2016, typed errors, and the UT1 effect through the frames (1 s ≈ 0.465 km at the equator).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  createTimeScales,
  EopFileError,
  finalsEopProvider,
  IERS_LEAP_SECONDS,
  itrfToTeme,
  readFinalsEop,
  TimeError,
  vec3,
  type EopProvider,
} from '@skylane/core';

const here = (name: string): string => fileURLToPath(new URL(name, import.meta.url));
const NAME_2026 = 'finals2000A.2026-01-01_2026-09-30.txt';
const NAME_2016 = 'finals2000A.2016-12-15_2017-01-15.txt';
const text2026 = readFileSync(here(NAME_2026), 'utf8');
const text2016 = readFileSync(here(NAME_2016), 'utf8');

describe('IERS finals2000A reader', () => {
  const eop = readFinalsEop(text2026, NAME_2026);

  it('span, observed/predicted flags', () => {
    expect(eop.rows.length).toBe(273);
    expect(eop.firstMjd).toBe(61041);
    expect(eop.lastMjd).toBe(61313);
    expect(eop.lastObservedMjd).toBe(61272);
    expect(eop.rows.find((r) => r.mjd === 61272)!.pmPredicted).toBe(false);
    expect(eop.rows.find((r) => r.mjd === 61273)!.pmPredicted).toBe(true);
    expect(readFinalsEop(text2026, NAME_2026, { predictions: false }).lastMjd).toBe(61272);
  });

  it('2026-03-10 (MJD 61109) Bulletin A and B values, units converted (LOD ms → s, dX mas → arcsec)', () => {
    const r = eop.rows.find((x) => x.mjd === 61109)!;
    expect(r.xpArcsec).toBe(0.102976);
    expect(r.ypArcsec).toBe(0.393848);
    expect(r.dut1S).toBe(0.0627755);
    expect(r.lodS).toBeCloseTo(0.1317e-3, 12);
    expect(r.dXArcsec).toBeCloseTo(0.41e-3, 12);
    expect(r.dYArcsec).toBeCloseTo(-0.043e-3, 12);
    expect(r.dPsiArcsec).toBe(0); // dX/dY are not IAU-1980 offsets: see finals2000a.ts
    const b = readFinalsEop(text2026, NAME_2026, { preferBulletinB: true }).rows.find((x) => x.mjd === 61109)!;
    expect(b.bulletin).toBe('B');
    expect(b.xpArcsec).toBe(0.102928);
    expect(b.dut1S).toBe(0.0627666);
    const asDpsi = readFinalsEop(text2026, NAME_2026, { nutation: 'dpsi-deps' }).rows.find((x) => x.mjd === 61109)!;
    expect(asDpsi.dPsiArcsec).toBeCloseTo(0.41e-3, 12);
  });

  it('4-point Lagrange at 12h: weights (−1, 9, 9, −1)/16 on 2026-03-09..12; exact at the nodes', () => {
    const p = finalsEopProvider(eop);
    const mid = p(61109.5);
    expect(mid.dut1S).toBeCloseTo((-0.0629283 + 9 * 0.0627755 + 9 * 0.0626809 - 0.0626422) / 16, 13);
    expect(mid.xpArcsec).toBeCloseTo((-0.103185 + 9 * 0.102976 + 9 * 0.103135 - 0.103043) / 16, 13);
    expect(p(61110).ypArcsec).toBeCloseTo(0.394324, 13);
    const lin = finalsEopProvider(eop, { interpolation: 'linear' })(61109.5);
    expect(lin.dut1S).toBeCloseTo((0.0627755 + 0.0626809) / 2, 13);
    expect(Math.abs(lin.dut1S - mid.dut1S)).toBeLessThan(1e-4);
  });

  it('UT1−UTC across the 2016-12-31 leap second: continuous within the day, jump restored on 2017-01-01', () => {
    const p = finalsEopProvider(readFinalsEop(text2016, NAME_2016));
    expect(p(57753).dut1S).toBeCloseTo(-0.4077601, 12);
    expect(p(57754).dut1S).toBeCloseTo(0.5912821, 12);
    const late = p(57753.999).dut1S;
    // Linear between −0.4077601 and 0.5912821 − 1 = −0.4087179: −0.4087169 at 23:58:34; Lagrange differs < 0.1 ms.
    expect(Math.abs(late - -0.4087169)).toBeLessThan(1e-4);
  });

  it('an epoch outside the span is a TIME_OUT_OF_RANGE error naming the file and the epoch', () => {
    const p = finalsEopProvider(eop);
    let err: unknown;
    try {
      p(61400.25);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TimeError);
    expect((err as TimeError).code).toBe('TIME_OUT_OF_RANGE');
    expect((err as TimeError).message).toContain(NAME_2026);
    expect((err as TimeError).message).toContain('2026-12-26T06:00:00.000Z');
    expect(() => p(61040.9)).toThrow(/outside the EOP file's span 2026-01-01/);
    expect(finalsEopProvider(eop, { outside: 'hold' })(61400).xpArcsec).toBe(eop.rows[eop.rows.length - 1]!.xpArcsec);
    // Through the time scales: a UT1 conversion outside the file fails the same way.
    const ts = createTimeScales(IERS_LEAP_SECONDS, p);
    expect(() => ts.ut1JulianDate(ts.parseUtcIso('2027-03-01T00:00:00Z'))).toThrow(TimeError);
    const observedOnly = finalsEopProvider(readFinalsEop(text2026, NAME_2026, { predictions: false }));
    expect(() => observedOnly(61280)).toThrow(/outside the EOP file's span/);
  });

  it('corrupt field and a gap give EopFileError with file, line and field', () => {
    const lines = text2026.split('\n');
    const at = lines.findIndex((l) => l.startsWith('26 310'));
    const bad = [...lines];
    bad[at] = bad[at]!.replace(' 0.102976', ' 0.10x976');
    try {
      readFinalsEop(bad.join('\n'), NAME_2026);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EopFileError);
      const f = e as EopFileError;
      expect(f.line).toBe(at + 1);
      expect(f.field).toBe('PM-x');
      expect(f.message.startsWith(`${NAME_2026}: line ${at + 1}`)).toBe(true);
    }
    const gap = lines.filter((_, i) => i !== at);
    expect(() => readFinalsEop(gap.join('\n'), NAME_2026)).toThrow(expect.objectContaining({ field: 'MJD', line: at + 1, code: 'FIELD_INVALID' }));
  });
});

describe('UT1 through the frames', () => {
  it('a 1 s UT1 slip moves an equatorial ground point by ω⊕ R⊕ · 1 s ≈ 0.4651 km in TEME', () => {
    const eop = readFinalsEop(text2026, NAME_2026);
    const p = finalsEopProvider(eop);
    const slipped: EopProvider = (mjd) => ({ ...p(mjd), dut1S: p(mjd).dut1S + 1 });
    const a = createTimeScales(IERS_LEAP_SECONDS, p);
    const b = createTimeScales(IERS_LEAP_SECONDS, slipped);
    const t = a.parseUtcIso('2026-03-10T06:00:00Z');
    const ground = { r: vec3<'ITRF'>(6378.137, 0, 0), v: vec3<'ITRF'>(0, 0, 0) };
    const ra = itrfToTeme(ground, t, a).r;
    const rb = itrfToTeme(ground, t, b).r;
    const d = Math.hypot(ra[0] - rb[0], ra[1] - rb[1], ra[2] - rb[2]);
    // GMST advances 2π·1.00273781191135 rad per UT1 day = 7.292115855e-5 rad per UT1 second.
    const expected = 6378.137 * 7.292115855e-5 * 1.0;
    console.info(`1 s UT1 slip at the equator: ${(d * 1000).toFixed(2)} m (ω R = ${(expected * 1000).toFixed(2)} m)`);
    expect(Math.abs(d - expected)).toBeLessThan(2e-3);
  });
});

describe('the whole shared finals2000A file (2000-01-01 .. 2027-10-17), when present', () => {
  const path = fileURLToPath(new URL('../../../shared/data/propagation/iers-eop/finals.all.iau2000.from2000.txt', import.meta.url));
  let text: string | undefined;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    text = undefined;
  }
  it.skipIf(text === undefined)('reads every row with values (observed to 2026-08-20 = MJD 61272, predicted to MJD 61645), both bulletins', () => {
    const eop = readFinalsEop(text!, 'finals.all.iau2000.from2000.txt');
    expect(eop.firstMjd).toBe(51544);
    expect(eop.lastObservedMjd).toBe(61272);
    expect(eop.lastMjd).toBe(61645);
    expect(eop.rows.length).toBe(eop.lastMjd - eop.firstMjd + 1);
    expect(eop.rows[0]!.xpArcsec).toBe(0.043301);
    expect(eop.rows[0]!.dut1S).toBe(0.3554779);
    const b = readFinalsEop(text!, 'finals.all.iau2000.from2000.txt', { preferBulletinB: true });
    expect(b.rows[0]!.xpArcsec).toBe(0.04319);
    expect(b.rows[0]!.dut1S).toBe(0.355499);
    // Every leap second of the span is a ~1 s step in UT1−UTC that the provider bridges (2005, 2008, 2012, 2015, 2016).
    const jumps = eop.rows.filter((r, i) => i > 0 && Math.abs(r.dut1S - eop.rows[i - 1]!.dut1S) > 0.5).map((r) => r.mjd);
    expect(jumps).toEqual([53736, 54832, 56109, 57204, 57754]);
    const p = finalsEopProvider(eop);
    for (const m of jumps) expect(Math.abs(p(m - 0.5).dut1S - eop.rows[m - 1 - eop.firstMjd]!.dut1S)).toBeLessThan(2e-3);
  });
});
