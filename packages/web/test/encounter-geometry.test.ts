/**
 * The dashboard's encounter-plane picture against Alfano (2009) test cases as CCSDS CDMs (Orekit's fixtures,
 * validation/orekit-cdm) with NASA CARA's published PcCircle values: the Pc integrated over the hard-body circle at
 * the plotted miss point, with the plotted principal sigmas, must reproduce CARA's number, and the plotted miss must be
 * the CDM's MISS_DISTANCE. The picture is then the geometry the Pc comes from, not a look-alike.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTimeScales, IERS_LEAP_SECONDS, pcFoster1992Principal } from '@skylane/core';
import { encounterPictureFromCdmKvn } from '../src/event/encounterGeometry.ts';
import { alfanoConjunction, relErr } from '../../core/test/helpers/pcCases.ts';

const ts = createTimeScales(IERS_LEAP_SECONDS);
const FIXTURES = path.resolve(import.meta.dirname, '..', '..', '..', 'validation', 'orekit-cdm');

describe('encounter picture of Alfano 2009 CDMs (CARA PcCircle)', () => {
  for (const n of [3, 4, 8]) {
    it(`Alfano 2009 case ${n}`, () => {
      const kvn = fs.readFileSync(path.join(FIXTURES, `AlfanoTestCase${String(n).padStart(2, '0')}.cdm`), 'utf8');
      const pic = encounterPictureFromCdmKvn(kvn, ts);
      const missM = Number(/MISS_DISTANCE\s*=\s*([\d.eE+-]+)/.exec(kvn)![1]);
      const hbrM = Number(/HBR\s*=\s*([\d.eE+-]+)/.exec(kvn)![1]);
      expect(pic.sigmaM[0]).toBeGreaterThanOrEqual(pic.sigmaM[1]);
      expect(Math.abs(pic.missDistanceM - missM)).toBeLessThan(0.01 * missM + 0.01);
      const pc = pcFoster1992Principal({ xmKm: pic.missM[0] / 1000, ymKm: pic.missM[1] / 1000, sigmaXKm: pic.sigmaM[0] / 1000, sigmaYKm: pic.sigmaM[1] / 1000 }, hbrM / 1000);
      const ref = alfanoConjunction(n).expected['cara_Pc2D_PcCircle'] as number;
      console.log(`Alfano case ${n}: picture Pc ${pc.toExponential(6)} vs CARA ${ref.toExponential(6)}, miss ${pic.missDistanceM.toFixed(3)} m vs CDM ${missM} m`);
      expect(relErr(pc, ref)).toBeLessThan(1e-3);
    });
  }
});
