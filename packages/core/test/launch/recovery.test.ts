/**
 * Oracle: hand computation. ETAs are ready time + great-circle distance / speed (distance from the haversine formula
 * written here independently); the search radius follows √(r₀² + (v t)²); an asset whose round trip exceeds its
 * endurance is not assigned; assets serve one zone each, earliest arrival first.
 */
import { describe, expect, it } from 'vitest';
import { assignRecovery, searchRadiusKm, type RecoveryAsset, type RecoveryZone } from '../../src/launch/index.ts';

const D = Math.PI / 180;
const hav = (lat1: number, lon1: number, lat2: number, lon2: number): number => {
  const a = Math.sin(((lat2 - lat1) * D) / 2) ** 2 + Math.cos(lat1 * D) * Math.cos(lat2 * D) * Math.sin(((lon2 - lon1) * D) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
};

describe('recovery assignment (ships and helicopters)', () => {
  const zones: RecoveryZone[] = [
    { id: 'landing', center: { latRad: 19.4 * D, lonRad: 113.2 * D }, eventS: 600, dispersion3SigmaKm: 0.05 },
    { id: 'fairing', center: { latRad: 17.0 * D, lonRad: 112.0 * D }, eventS: 900, dispersion3SigmaKm: 20 },
  ];
  const assets: RecoveryAsset[] = [
    { id: 'ship-qinglan', kind: 'ship', base: { latRad: 19.55 * D, lonRad: 110.82 * D }, speedKmS: 0.00926, enduranceS: 30 * 86400, readyS: 0 },
    { id: 'heli-wenchang', kind: 'helicopter', base: { latRad: 19.6 * D, lonRad: 110.9 * D }, speedKmS: 0.07, enduranceS: 3 * 3600, readyS: 600 },
  ];
  it('ETAs, one zone per asset, endurance respected, growing search area', () => {
    const out = assignRecovery(zones, assets);
    // Landing first (earlier event): the helicopter arrives first if it can return within 3 h with 1 h on station.
    const dHeli = hav(19.6, 110.9, 19.4, 113.2);
    expect(2 * (dHeli / 0.07) + 3600).toBeLessThan(3 * 3600);
    expect(out[0]!.asset).toBe('heli-wenchang');
    expect(out[0]!.arrivalS!).toBeCloseTo(600 + dHeli / 0.07, 6);
    const dShip = hav(19.55, 110.82, 17.0, 112.0);
    expect(out[1]!.asset).toBe('ship-qinglan');
    expect(out[1]!.arrivalS!).toBeCloseTo(dShip / 0.00926, 6);
    expect(out[1]!.searchRadiusKm!).toBeCloseTo(Math.sqrt(20 ** 2 + (0.0005 * (dShip / 0.00926 - 900)) ** 2), 9);
  });
  it('no asset within endurance: reported with the reason', () => {
    const out = assignRecovery([zones[1]!], [{ ...assets[1]!, enduranceS: 1800 }]);
    expect(out[0]!.asset).toBeNull();
    expect(out[0]!.reason).toMatch(/endurance/);
  });
  it('search radius grows in quadrature', () => {
    expect(searchRadiusKm(3, 0.0005, 8000)).toBeCloseTo(5, 12);
  });
});
