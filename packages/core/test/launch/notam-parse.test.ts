/**
 * Oracle: the Joey0609/notams database (MIT, validation/notam-drop-zones): 1,345 records in 66 monthly files, and the
 * pairing table's polygon centroids (vertex means) of A2241–A2243/24. Every record parses or is reported with its
 * reason. GeoJSON output follows RFC 7946 (closed CCW rings, [lon, lat], antimeridian split); NOTAM text written by
 * Skylane reads back to the same polygon within 1 arcsecond (the text's resolution).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTimeScales } from '../../src/index.ts';
import { hazardAreaToNotamText, hazardAreasToGeoJson, parseNotamDatabase, parseNotamText, polygonCentroid, polygonGeometry, type NotamParseResult } from '../../src/launch/index.ts';

const ts = createTimeScales();
const D = Math.PI / 180;
const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, '../../../../validation/notam-drop-zones');
const bundle = JSON.parse(gunzipSync(readFileSync(path.join(dir, 'notam_db.json.gz'))).toString('utf8')) as Record<string, string>;

describe('Joey0609/notams database: every NOTAM parses or is reported with the reason', () => {
  const results: NotamParseResult[] = Object.entries(bundle).map(([name, text]) => parseNotamDatabase(JSON.parse(text), name, ts));
  it('66 files, 1,345 records, each accounted for', () => {
    expect(Object.keys(bundle).length).toBe(66);
    const total = results.reduce((s, r) => s + r.total, 0);
    const parsed = results.reduce((s, r) => s + r.records.length, 0);
    const failed = results.flatMap((r) => r.failures);
    const excluded = results.flatMap((r) => r.excluded);
    console.info(`NOTAM database: ${total} records, ${parsed} launch-related parsed, ${failed.length} failed, ${excluded.length} excluded as not launch-related`);
    for (const f of failed) console.info(`  failed ${f.code} (${f.source}) ${f.field}: ${f.reason}`);
    expect(total).toBe(1345);
    expect(parsed + failed.length + excluded.length).toBe(1345);
    for (const f of failed) expect(f.reason.length).toBeGreaterThan(10);
    for (const e of excluded) expect(e.reason.length).toBeGreaterThan(10);
    // The database holds far more launch areas than anything else; a reader that loses many is broken.
    expect(parsed).toBeGreaterThan(1200);
    expect(failed.length).toBeLessThan(10);
  });

  it('the recurring summer prohibited area near 39.8N 119.5E is excluded as not launch-related', () => {
    const ex = results.flatMap((r) => r.excluded);
    expect(ex.length).toBeGreaterThan(0);
    const all = results.flatMap((r) => r.records);
    const near = all.filter((r) => {
      const c = polygonCentroid(r.polygon);
      return Math.abs(c.latRad / D - 39.8) < 0.5 && Math.abs(c.lonRad / D - 119.5) < 0.7 && /PROHIBITED/.test(r.text) && !/AEROSPACE|ROCKET/.test(r.text);
    });
    expect(near.length).toBe(0);
  });

  it('A2241–A2243/24: polygons, centroids and windows as in the pairing table', () => {
    const pairs = readFileSync(path.join(dir, 'launch_dropzone_pairs.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const recs = results.flatMap((r) => r.records);
    for (const p of pairs) {
      const rec = recs.find((r) => r.code === p[4]);
      expect(rec, p[4]).toBeDefined();
      // Vertex-mean centroid in degrees, as the table computes it.
      const lat = rec!.polygon.reduce((s, q) => s + q.latRad / D, 0) / rec!.polygon.length;
      const lon = rec!.polygon.reduce((s, q) => s + q.lonRad / D, 0) / rec!.polygon.length;
      expect(Math.abs(lat - Number(p[9]))).toBeLessThan(1e-4);
      expect(Math.abs(lon - Number(p[10]))).toBeLessThan(1e-4);
      expect(ts.formatUtcIso(rec!.activeFrom, 0)).toBe(p[5]);
      expect(ts.formatUtcIso(rec!.activeTo, 0)).toBe(p[6]);
    }
  });
});

describe('raw NOTAM text, GeoJSON (RFC 7946) and NOTAM-text writers', () => {
  const raw = `A4416/20 NOTAMN
Q) ZLHW/QRTCA/IV/BO/W/000/999/3943N10456E012
A) ZLHW B) 2012300231 C) 2012300818
D) 0231-0258,0731-0818
E) A TEMPORARY RESTRICTED AREA ESTABLISHED BOUNDED BY:
N395041E1044338-N395139E1050809-N393528E1050910-N393430E1044445
BACK TO START. ALL ACFT SHALL BE FORBIDDEN TO FLY INTO THE
RESTRICTED AREA.
VERTICAL LIMITS:GND-UNL.
F) GND G) UNL

B1126/21 NOTAMN
Q) RPHI/QRALW/IV/NBO/W /000/999/1245N11913E029
A) RPHI B) 2104290325 C) 2104290806
E) AEROSPACE FLT ACT WILL TAKE PLACE WI:
12 39 14N 119 41 06E -
12 19 10N 119 22 37E -
12 51 35N 118 45 33E -
13 11 41N 119 04 01E -
12 39 14N 119 41 06E
F) SFC G) UNL`;
  it('reads raw text: compact and spaced coordinates, B)/C) and the D) schedule', () => {
    const r = parseNotamText(raw, 'inline', ts);
    expect(r.failures).toEqual([]);
    expect(r.records.map((x) => x.code)).toEqual(['A4416/20', 'B1126/21']);
    const a = r.records[0]!;
    expect(a.polygon.length).toBe(4);
    expect(a.polygon[0]!.latRad / D).toBeCloseTo(39 + 50 / 60 + 41 / 3600, 9);
    expect(a.intervals?.length).toBe(2);
    expect(ts.formatUtcIso(a.intervals![1]!.from, 0)).toBe('2020-12-30T07:31:00Z');
    const b = r.records[1]!;
    expect(b.polygon.length).toBe(4); // closing vertex dropped
    expect(b.polygon[2]!.lonRad / D).toBeCloseTo(118 + 45 / 60 + 33 / 3600, 9);
  });

  it('an unreadable record is reported with its reason, not dropped', () => {
    const bad = raw.replace('N395139E1050809', 'N395199E1050809').replace('C) 2012300818', 'C) 20123008');
    const r = parseNotamDatabase({ CODE: ['X1/20', 'X2/20'], COORDINATES: ['N3950E10443-N3951E10508', ''], TIME: ['bad', ''], RAWMESSAGE: ['AEROSPACE ACTIVITY', bad] }, 'inline', ts);
    expect(r.records.length).toBe(0);
    expect(r.failures.length).toBe(2);
    expect(r.failures[0]!.field).toBe('coordinates');
    expect(r.failures[0]!.reason).toMatch(/at least 3/);
  });

  it('GeoJSON: closed counter-clockwise rings, and a polygon across the antimeridian split into a MultiPolygon', () => {
    const sq = [
      { latRad: 10 * D, lonRad: 179 * D },
      { latRad: 10 * D, lonRad: -179 * D },
      { latRad: 12 * D, lonRad: -179 * D },
      { latRad: 12 * D, lonRad: 179 * D },
    ];
    const g = polygonGeometry(sq);
    expect(g.type).toBe('MultiPolygon');
    const parts = (g as { coordinates: number[][][][] }).coordinates;
    expect(parts.length).toBe(2);
    for (const part of parts) {
      const ring = part[0]!;
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      let area = 0;
      for (let k = 0; k + 1 < ring.length; k++) area += ring[k]![0]! * ring[k + 1]![1]! - ring[k + 1]![0]! * ring[k]![1]!;
      expect(area).toBeGreaterThan(0);
      for (const [lon] of ring) expect(Math.abs(lon!)).toBeLessThanOrEqual(180);
      // Each half spans exactly 1° of longitude, on its own side of the antimeridian.
      const lons = ring.map((p) => p[0]!);
      expect(Math.max(...lons) - Math.min(...lons)).toBeCloseTo(1, 9);
    }
    const plain = polygonGeometry([...sq].reverse().map((p) => ({ ...p, lonRad: p.lonRad > 0 ? 100 * D : 102 * D })));
    expect(plain.type).toBe('Polygon');
  });

  it('NOTAM text written by Skylane reads back to the same polygon and window', () => {
    const r = parseNotamText(raw, 'inline', ts).records[0]!;
    const text = hazardAreaToNotamText(r, ts, { series: 'X0001/26', fir: 'ZBPE' });
    const back = parseNotamText(text, 'roundtrip', ts);
    expect(back.failures).toEqual([]);
    const b = back.records[0]!;
    expect(b.polygon.length).toBe(r.polygon.length);
    for (let k = 0; k < r.polygon.length; k++) {
      expect(Math.abs(b.polygon[k]!.latRad - r.polygon[k]!.latRad) / D).toBeLessThan(1 / 3600);
      expect(Math.abs(b.polygon[k]!.lonRad - r.polygon[k]!.lonRad) / D).toBeLessThan(1 / 3600);
    }
    expect(b.activeFrom.equals(r.activeFrom)).toBe(true);
    expect(b.activeTo.equals(r.activeTo)).toBe(true);
    const fc = hazardAreasToGeoJson([r], ts);
    expect(fc.features.length).toBe(1);
    expect(JSON.stringify(fc)).toContain('"activeFrom":"2020-12-30T02:31:00Z"');
  });
});
