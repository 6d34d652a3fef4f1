import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { readCdm, readCdmJson, validateNdmXml, writeCdmJson, writeCdmKvn, writeCdmXml, type SchemaFile } from '../src/index.ts';
import { readText, ts } from './catalog-helpers.ts';
import { withoutAlternateCovariance, foldComments, loadSchemas, orekitCdmDir, orekitFixtures, stripComments } from './cdm-helpers.ts';

const { good } = orekitFixtures();
const schemas: SchemaFile[] = loadSchemas();

describe('Orekit CDM fixtures round-trip (validation/orekit-cdm)', () => {
  it('has the fixtures', () => {
    expect(good.length).toBeGreaterThanOrEqual(30);

    expect(schemas.length).toBe(12);
  });

  for (const f of good) {
    it(`${f}: read → KVN → read, read → XML → read, read → JSON → read`, async () => {
      const text = readText(path.join(orekitCdmDir, f));
      const first = readCdm(text, { timeScales: ts });
      expect(first.cdms).toHaveLength(1);
      const cdm = first.cdms[0]!;
      const kvn = writeCdmKvn(cdm, ts);
      const fromKvn = readCdm(kvn, { timeScales: ts });
      expect(fromKvn.format).toBe('kvn');
      expect(fromKvn.warnings.filter((w) => w.code !== 'CDM_VERSION')).toEqual([]);
      if (first.format === 'kvn') expect(fromKvn.cdms[0]).toEqual(cdm);
      else expect(foldComments(fromKvn.cdms[0]!)).toEqual(foldComments(cdm));
      // KVN written twice is identical text (a fixed point).
      expect(writeCdmKvn(fromKvn.cdms[0]!, ts)).toBe(kvn);

      const xml = writeCdmXml(cdm, ts);
      const fromXml = readCdm(xml, { timeScales: ts });
      expect(fromXml.format).toBe('xml');
      expect(fromXml.cdms[0]).toEqual(cdm);

      const json = writeCdmJson(cdm, ts);
      const fromJson = readCdmJson(json, { timeScales: ts });
      expect(fromJson.warnings.filter((w) => w.code !== 'CDM_VERSION')).toEqual([]);
      expect(stripComments(fromJson.cdms[0]!)).toEqual(stripComments(withoutAlternateCovariance(cdm)));

      // XML output validates against the CCSDS NDM/XML 2.0.0 schemas (CDM 1.0 only: 2.0 drafts have no schema).
      const isDraft = cdm.version !== '1.0' || cdm.object1.extensions.length + cdm.object2.extensions.length + cdm.relativeExtensions.length + cdm.headerExtensions.length > 0;
      const v = await validateNdmXml(xml, schemas);
      if (isDraft) expect(v.valid).toBe(false);
      else {
        expect(v.errors).toEqual([]);
        expect(v.valid).toBe(true);
        expect(v.namespaceAdded).toBe(false);
      }
    });
  }
});

describe('CDM values against Orekit CdmParserTest (CDMExample1)', () => {
  it('reads CDMExample1.txt in km-based units', () => {
    const cdm = readCdm(readText(path.join(orekitCdmDir, 'CDMExample1.txt')), { timeScales: ts }).cdms[0]!;
    expect(cdm.header.originator).toBe('JSPOC');
    expect(cdm.header.messageId).toBe('201113719185');
    expect(ts.formatUtcIso(cdm.relative.tca, 3)).toBe('2010-03-13T22:37:52.618Z');
    expect(cdm.relative.missDistanceKm).toBeCloseTo(0.715, 15);
    expect(cdm.object1.metadata.internationalDesignator).toBe('1997−030E');
    expect(cdm.object1.metadata.maneuverable).toBe('YES');
    expect(cdm.object1.stateVector.positionKm).toEqual([2570.097065, 2244.654904, 6281.497978]);
    expect(cdm.object1.stateVector.velocityKmPerS[2]).toBe(-3.526774282);
    const c = cdm.object1.covariance.rtnLowerTriangle;
    expect(c).toHaveLength(21);
    expect(c[0]).toBeCloseTo(4.142e1 * 1e-6, 18); // CR_R m² → km²
    expect(c[6]).toBeCloseTo(2.52e-3 * 1e-6, 20); // CRDOT_R m²/s → km²/s
    expect(c[20]).toBeCloseTo(5.178e-5 * 1e-6 * (5.529 / 5.178), 20); // CNDOT_NDOT of OBJECT1 = 5.529e-5 m²/s²
    expect(cdm.object2.metadata.objectName).toBe('FENGYUN 1C DEB');
    expect(cdm.object2.covariance.rtnLowerTriangle[2]).toBeCloseTo(2.492e6 * 1e-6, 12);
  });

  it('reads the drag/SRP rows of CDMExample2 and the CDM 2.0 draft keywords of issue 940', () => {
    const cdm2 = readCdm(readText(path.join(orekitCdmDir, 'CDMExample2.txt')), { timeScales: ts }).cdms[0]!;
    expect(cdm2.object1.covariance.drag?.[6]).toBeCloseTo(3.483e-6 * 1e-12, 25);
    expect(cdm2.object1.covariance.srp?.[7]).toBeCloseTo(1.593e-2 * 1e-12, 22);
    expect(cdm2.object1.additionalParameters?.massKg).toBe(251.6);
    expect(cdm2.relative.relativeVelocityRtnKmPerS).toEqual([-7.2e-3, -14.692, -1.4372]);
    const v2 = readCdm(readText(path.join(orekitCdmDir, 'CDMExample_issue_940.txt')), { timeScales: ts });
    const ext = v2.cdms[0]!.object1.extensions;
    expect(ext.find((e) => e.keyword === 'HBR')).toEqual({ keyword: 'HBR', value: '2.5', unit: 'm', section: 'additional' });
    expect(ext.filter((e) => e.section === 'covXyz')).toHaveLength(21 + 7 + 8 + 9);
    expect(v2.cdms[0]!.relativeExtensions.map((e) => e.keyword)).toContain('CONJUNCTION_ID');
  });
});
