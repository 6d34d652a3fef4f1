// Alfano (2005) maximum Pc: closed form in the small-HBR limit, dilution-region flag.
import { describe, expect, it } from 'vitest';
import { pcMaxAlfano2005Principal, pcFoster1992Principal } from '../src/index.ts';

describe('Alfano 2005 maximum Pc', () => {
  it('matches the small-HBR closed form R²/(e σx σy v) and the scale factor √(v/2)', () => {
    const enc = { xmKm: 1, ymKm: 0.5, sigmaXKm: 0.2, sigmaYKm: 0.05 };
    const r = pcMaxAlfano2005Principal(enc, 0.001);
    const v = 25 + 100;
    expect(Math.abs(r.pcMax - r.pcMaxClosedForm) / r.pcMaxClosedForm).toBeLessThan(1e-4);
    expect(Math.abs(r.scaleFactor - Math.sqrt(v / 2)) / Math.sqrt(v / 2)).toBeLessThan(1e-3);
    expect(r.dilutionRegion).toBe(false);
    expect(r.pcMax).toBeGreaterThanOrEqual(r.pcActual);
  });
  it('flags the dilution region when the covariance is larger than the max-Pc covariance', () => {
    const enc = { xmKm: 0.1, ymKm: 0, sigmaXKm: 5, sigmaYKm: 2 };
    const r = pcMaxAlfano2005Principal(enc, 0.01);
    expect(r.dilutionRegion).toBe(true);
    expect(r.scaleFactor).toBeLessThan(1);
    expect(r.pcMax).toBeGreaterThan(pcFoster1992Principal(enc, 0.01));
  });
});
