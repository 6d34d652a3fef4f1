/** The bundled EGM2008 (data/gravity, NGA public release) reads through the server helper, truncated on request. */
import { describe, expect, it } from 'vitest';
import { SphericalHarmonicGravity } from '@skylane/core';
import { readBundledGravityField } from '../src/gravityData.ts';

describe('bundled gravity field', () => {
  it('egm2008 reads to 120 and to 70 (NGA C̄20 tide-free), and 70×70 gives ~9.8 m/s² at the surface', () => {
    const full = readBundledGravityField('egm2008');
    expect(full.maxDegree).toBe(120);
    const f70 = readBundledGravityField('egm2008', 70);
    expect(f70.maxDegree).toBe(70);
    expect(f70.c[3]).toBe(-0.484165143790815e-3);
    const model = new SphericalHarmonicGravity(f70);
    expect(model.name).toBe('gravity-egm2008-70x70');
    const a = new Float64Array(3);
    model.accelerationItrf(6378.137, 0, 0, a);
    expect(Math.hypot(a[0]!, a[1]!, a[2]!) * 1e3).toBeGreaterThan(9.79);
    expect(Math.hypot(a[0]!, a[1]!, a[2]!) * 1e3).toBeLessThan(9.83);
  });

  it('refuses unknown names and degrees above 120', () => {
    expect(() => readBundledGravityField('jgm3')).toThrow(/bundles egm2008/);
    expect(() => readBundledGravityField('egm2008', 200)).toThrow(/stops at degree 120/);
  });
});
