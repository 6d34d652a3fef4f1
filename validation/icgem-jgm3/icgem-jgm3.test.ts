/**
 * ICGEM calculation service (GFZ Potsdam), JGM-3 degree 70, functional `gravitation_ell` (|∇V|, no centrifugal term)
 * on the WGS-84 ellipsoid (h = 0), 10° grid with both poles: Skylane's spherical-harmonic field from JGM3.gfc must
 * reproduce all 703 points within 1e-8 m/s² (1e-3 mGal).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { geodeticToItrf, readIcgemGravityField, SphericalHarmonicGravity, type Vec3 } from '@skylane/core';

const here = (name: string): string => fileURLToPath(new URL(name, import.meta.url));

function readGrid(text: string): { lonDeg: number; latDeg: number; mGal: number }[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith('end_of_head')) + 1;
  return lines
    .slice(start)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [lon, lat, v] = l.trim().split(/\s+/).map(Number);
      return { lonDeg: lon!, latDeg: lat!, mGal: v! };
    });
}

describe('ICGEM JGM-3 gravitation_ell grid (703 points, degree 70, poles included)', () => {
  const field = readIcgemGravityField(readFileSync(here('JGM3.gfc'), 'utf8'), 'JGM3.gfc', { tideSystem: 'zero-tide' });
  const grid = readGrid(readFileSync(here('JGM3_gravitation.gdf'), 'utf8'));

  it('reads the header with units converted (GM km³/s², R km)', () => {
    expect(field.gmKm3PerS2).toBeCloseTo(398600.4415, 9);
    expect(field.radiusKm).toBeCloseTo(6378.1363, 9);
    expect(field.maxDegree).toBe(70);
    expect(grid.length).toBe(703);
  });

  it('|a| matches every grid point within 1e-8 m/s²', () => {
    const model = new SphericalHarmonicGravity(field);
    const a = new Float64Array(3);
    let worst = 0;
    let worstAt = '';
    for (const p of grid) {
      const r = geodeticToItrf({ latRad: (p.latDeg * Math.PI) / 180, lonRad: (p.lonDeg * Math.PI) / 180, heightKm: 0 }) as Vec3<'ITRF'>;
      model.accelerationItrf(r[0], r[1], r[2], a);
      const gMps2 = Math.hypot(a[0]!, a[1]!, a[2]!) * 1e3;
      const err = Math.abs(gMps2 - p.mGal * 1e-5);
      if (err > worst) {
        worst = err;
        worstAt = `lon ${p.lonDeg} lat ${p.latDeg}`;
      }
    }
    console.info(`JGM-3 ICGEM grid: worst |Δg| = ${worst.toExponential(3)} m/s² at ${worstAt}`);
    expect(worst, `worst at ${worstAt}`).toBeLessThan(1e-8);
  });
});
