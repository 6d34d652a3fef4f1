// OEM KVN reader: the CCSDS 502.0-B-3 Annex G examples (G-11 two segments, G-13 covariance) read field by field,
// the writer's output reads back exactly, and broken segments are per-segment failures while good ones are kept.
import { describe, expect, it } from 'vitest';
import { isOemKvn, readOemKvn, writeOemKvn, ParseError } from '../src/index.ts';
import { readText, ts, validation } from './catalog-helpers.ts';

describe('OEM KVN reader', () => {
  it('reads Blue Book figure G-11: two segments, metadata, rows, comments', () => {
    const r = readOemKvn(readText(validation('ccsds-bluebook-oem', 'oem_g11.kvn')), { timeScales: ts });
    expect(r.failures).toEqual([]);
    expect(r.header.version).toBe('3.0');
    expect(r.header.originator).toBe('NASA/JPL');
    expect(ts.formatUtcIso(r.header.creationDate, 0)).toBe('1996-11-04T17:22:31Z');
    expect(r.segments.length).toBe(2);
    const [a, b] = r.segments;
    expect(a!.metadata).toMatchObject({ objectName: 'MARS GLOBAL SURVEYOR', objectId: '1996-062A', centerName: 'MARS BARYCENTER', refFrame: 'EME2000', interpolation: 'HERMITE', interpolationDegree: 7 });
    expect(ts.formatUtcIso(a!.metadata.useableStartTime!, 3)).toBe('2019-12-18T12:10:00.331Z');
    expect(a!.dataComments[0]).toContain('M.R. Pigs');
    expect(a!.states.length).toBe(4);
    expect(a!.states[0]!.state).toEqual([2789.619, -280.045, -1746.755, 4.73372, -2.49586, -1.04195]);
    expect(ts.formatUtcIso(a!.states[3]!.epoch, 3)).toBe('2019-12-28T21:28:00.331Z');
    expect(b!.states[0]!.state[1]).toBe(-63.042); // "-063.042" in the figure
    expect(b!.dataComments[0]).toContain('TCM-3');
  });

  it('reads Blue Book figure G-13: MESSAGE_ID header and two 6x6 covariances', () => {
    const r = readOemKvn(readText(validation('ccsds-bluebook-oem', 'oem_g13.kvn')), { timeScales: ts });
    expect(r.failures).toEqual([]);
    const c = r.segments[0]!.covariances;
    expect(c.length).toBe(2);
    expect(c[0]!.refFrame).toBe('EME2000');
    expect(c[0]!.lowerTriangle.length).toBe(21);
    expect(c[0]!.lowerTriangle[0]).toBe(3.3313494e-4);
    expect(c[1]!.lowerTriangle[20]).toBe(6.2244443e-10);
    expect(ts.formatUtcIso(c[1]!.epoch, 0)).toBe('2019-12-29T21:00:00Z');
  });

  it('reads back what the writer writes (states exact)', () => {
    const t0 = ts.parseUtcIso('2026-03-10T00:00:00Z');
    const states = [0, 60, 120].map((s) => ({ epoch: t0.plusSeconds(s), state: [7000.123456789 + s, -1.5e-3, 12.25, 0.001, 7.546 - s * 1e-6, -0.0123] as const }));
    const text = writeOemKvn({ creationDate: t0, originator: 'SKYLANE' }, [{ objectName: 'SAT A', objectId: '2026-001A', frame: 'GCRF', states }], ts);
    expect(isOemKvn(text)).toBe(true);
    const r = readOemKvn(text, { timeScales: ts });
    expect(r.segments[0]!.metadata.refFrame).toBe('GCRF');
    for (let i = 0; i < 3; i++) {
      expect(r.segments[0]!.states[i]!.state).toEqual(states[i]!.state);
      expect(Math.abs(r.segments[0]!.states[i]!.epoch.secondsSince(states[i]!.epoch))).toBeLessThan(1e-6);
    }
  });

  it('reports a broken segment with its line and keeps the good one; a non-OEM throws', () => {
    const good = readText(validation('ccsds-bluebook-oem', 'oem_g11.kvn'));
    const broken = good.replace('2019-12-28T22:00:02.267 -2458.079', '2019-12-28T22:00:02.267 abc');
    const r = readOemKvn(broken, { timeScales: ts });
    expect(r.segments.length).toBe(1);
    expect(r.failures.length).toBe(1);
    expect(r.failures[0]).toMatchObject({ line: 39, field: 'X', code: 'FIELD_INVALID' });
    const tai = good.replace(/TIME_SYSTEM = UTC/, 'TIME_SYSTEM = TAI');
    expect(readOemKvn(tai, { timeScales: ts }).failures[0]).toMatchObject({ code: 'UNSUPPORTED', field: 'TIME_SYSTEM' });
    expect(() => readOemKvn('CCSDS_OMM_VERS = 2.0\n', { timeScales: ts })).toThrow(ParseError);
  });
});
