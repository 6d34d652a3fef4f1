/**
 * Tracking-data readers on bad input: a wrong keyword, a bad number, a record with no station, times out of order are
 * typed ParseErrors with line and field, and every other measurement is kept. Also the CRD two-way range semantics
 * (c·τ/2), the midnight rollover and IERS Bulletin B units, checked against values read by hand from the files.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { batchLeastSquares, createTimeScales, IERS_LEAP_SECONDS, PointMassGravity, readBulletinB, readCrdNormalPoints, readOrekitMeasurements, SkylaneError } from '../../src/index.ts';

const ts = createTimeScales(IERS_LEAP_SECONDS);
const repo = (p: string): string => fileURLToPath(new URL(`../../../../${p}`, import.meta.url));

describe('Orekit .aer reader on bad input', () => {
  it('keeps the good lines and reports each bad one with its line and field', () => {
    const text = [
      '# comment',
      '2010-11-02T03:00:13.3851   RANGE       Uralla         38014.9488',
      '2010-11-02T03:00:50.5716   AZIMUTH     Kumsan           211.1446   43.4099',
      '2010-11-02T03:02:39.3147   AZ_EL       Uralla           29x.3727   30.5573',
      '2010-13-02T03:03:56.5606   RANGE       Uralla         37949.1425',
      '2010-11-02T03:04:51.5343   AZ_EL       Kumsan           211.8090   43.1923',
    ].join('\n');
    const r = readOrekitMeasurements(text, 'bad.aer', ts);
    expect(r.observations.map((o) => o.source?.line)).toEqual([2, 6, 6]);
    expect(r.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [3, 'type', 'FIELD_INVALID'],
      [4, 'azimuth', 'FIELD_INVALID'],
      [5, 'date', 'TIME_INVALID'],
    ]);
  });

  it('an observation from a station not in the list is a typed error naming the file line', () => {
    const r = readOrekitMeasurements('2010-11-02T03:00:13.3851 RANGE Nowhere 38014.9488\n', 'x.aer', ts);
    expect(() => batchLeastSquares({ timeScales: ts, forces: [new PointMassGravity()], epoch: r.observations[0]!.epoch, initialState: [42164, 0, 0, 0, 3.07, 0], observations: r.observations, stations: [{ name: 'Fucino', latDeg: 42, lonDeg: 13.6, altitudeM: 671 }] })).toThrowError(/x\.aer line 1.*Nowhere/);
    let caught: unknown;
    try {
      batchLeastSquares({ timeScales: ts, forces: [new PointMassGravity()], epoch: r.observations[0]!.epoch, initialState: [42164, 0, 0, 0, 3.07, 0], observations: r.observations, stations: [] });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SkylaneError);
    expect((caught as SkylaneError).code).toBe('ARGUMENT_INVALID');
  });
});

describe('ILRS CRD normal points (lageos2_20160214.npt)', () => {
  const text = readFileSync(repo('validation/orekit-od/lageos2/lageos2_20160214.npt'), 'utf8');
  it('two-way range c·τ/2, transmit-tagged, station from h2', () => {
    const r = readCrdNormalPoints(text, 'npt', ts);
    expect(r.errors).toEqual([]);
    const first = r.observations[0]!;
    // line "11 49382.400562600000 0.039237325685 std 2 ..." of pass 2016-02-13, station 7090
    expect(first.station).toBe('7090');
    expect(first.timeTag).toBe('transmit');
    expect(first.twoWay).toBe(true);
    expect(Math.abs(first.value - (299792.458 * 0.039237325685) / 2)).toBeLessThan(1e-9);
    expect(ts.formatUtcIso(first.epoch, 6)).toBe('2016-02-13T13:43:02.400563Z');
    expect(r.target?.noradId).toBe(22195);
  });
  it('a bad time of flight and a record before any header are reported, the rest kept', () => {
    const lines = text.split('\n');
    const i = lines.findIndex((l) => l.startsWith('11 '));
    lines[i] = lines[i]!.replace('0.039237325685', 'abc');
    const r = readCrdNormalPoints(['11 100.0 0.04 std 2', ...lines].join('\n'), 'npt', ts);
    expect(r.observations).toHaveLength(94);
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([[1, 'header'], [i + 2, '11.timeOfFlight']]);
  });
  it('a pass crossing midnight moves to the next day', () => {
    const r = readCrdNormalPoints(['h2 TEST 1234 1 1 3', 'h4 1 2016 2 13 23 50 0 2016 2 14 0 10 0 0 0 0 0 1 0 2 0', '11 86000.0 0.04 std 2', '11 100.0 0.04 std 2'].join('\n'), 'x', ts);
    expect(r.observations[1]!.epoch.secondsSince(r.observations[0]!.epoch)).toBeCloseTo(500, 9);
  });
});

describe('IERS Bulletin B 337', () => {
  it('section 1 and 2 values in arcsec and seconds', () => {
    const rows = readBulletinB([readFileSync(repo('validation/orekit-od/lageos2/bulletinb-337.txt'), 'utf8')]);
    const r = rows.find((x) => x.mjd === 57431)!;
    // "2016   2  13   57431  -11.877  321.053    7.1359 ..." (mas, mas, ms)
    expect(r.xpArcsec).toBeCloseTo(-0.011877, 9);
    expect(r.ypArcsec).toBeCloseTo(0.321053, 9);
    expect(r.dut1S).toBeCloseTo(0.0071359, 9);
    // section 2 (final dPsi/dEps 1980) covers January: "2016   1   2   57389   -93.897    -9.455"
    const jan = rows.find((x) => x.mjd === 57389)!;
    expect(jan.dPsiArcsec).toBeCloseTo(-0.093897, 9);
    expect(jan.dEpsArcsec).toBeCloseTo(-0.009455, 9);
  });
});
