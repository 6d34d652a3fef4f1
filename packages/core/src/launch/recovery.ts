/**
 * Recovery assignment: recovery ships and helicopters (home ports/bases, speed, endurance) assigned to landing and
 * splashdown zones, with transit ETAs and the search area that grows with time.
 *
 * Model (documented assumptions): an asset leaves its base `readyS` after the event is called and transits the great
 * circle at its cruise speed (sea routes around land are not modelled); it can serve a zone when the round trip plus
 * `onStationS` fits its endurance. Search area: a circle around the predicted point whose radius grows from the 3σ
 * dispersion r₀ with drift: r(t) = √(r₀² + (v_drift·t)²) (surface drift of a floating stage or capsule at v_drift,
 * default 0.5 m/s ≈ 1 kn, added in quadrature as an independent random walk-like error). Assignment: zones in order of
 * their event time, each gets the available asset with the earliest arrival (greedy; an asset serves one zone).
 */
import { ArgumentError } from '../errors/index.ts';
import { distanceKm, type LatLon } from './geo.ts';
import { SITE_NETWORK } from './sites/index.ts';

/**
 * Default recovery assets of the network (assumptions): one recovery ship per port (18 kn = 9.26 m/s, 20 days'
 * endurance, leaving when called) and one helicopter per helicopter base (250 km/h, 3 h endurance, 10 min to launch).
 */
export function networkRecoveryAssets(): RecoveryAsset[] {
  const D = Math.PI / 180;
  return SITE_NETWORK.filter((s) => s.kind === 'port' || s.kind === 'helicopter-base').map((s) =>
    s.kind === 'port'
      ? { id: `ship-${s.id.replace(/^port-/, '')}`, kind: 'ship' as const, base: { latRad: s.latDeg * D, lonRad: s.lonDeg * D }, speedKmS: 0.00926, enduranceS: 20 * 86400, readyS: 0 }
      : { id: s.id, kind: 'helicopter' as const, base: { latRad: s.latDeg * D, lonRad: s.lonDeg * D }, speedKmS: 250 / 3600, enduranceS: 3 * 3600, readyS: 600 },
  );
}

export interface RecoveryAsset {
  readonly id: string;
  readonly kind: 'ship' | 'helicopter';
  readonly base: LatLon;
  readonly speedKmS: number;
  /** Endurance from leaving the base to returning (s). */
  readonly enduranceS: number;
  /** Time from the call to leaving the base (s). */
  readonly readyS: number;
}

export interface RecoveryZone {
  readonly id: string;
  readonly center: LatLon;
  /** Seconds from the reference time (e.g. liftoff) at which the object is down. */
  readonly eventS: number;
  /** 3σ position uncertainty at the event (km). */
  readonly dispersion3SigmaKm: number;
  /** Time the asset must stay on station (s); default 3600. */
  readonly onStationS?: number;
}

export interface RecoveryAssignment {
  readonly zone: string;
  readonly asset: string | null;
  /** Seconds from the reference time of arrival on station (the asset is called at time 0, i.e. pre-positioned departure). */
  readonly arrivalS: number | null;
  readonly transitKm: number | null;
  /** Search radius when the asset arrives (km). */
  readonly searchRadiusKm: number | null;
  readonly reason?: string;
}

/** Search radius (km) at `t` seconds after the event: √(r₀² + (v·t)²). */
export function searchRadiusKm(r0Km: number, driftKmS: number, tS: number): number {
  return Math.sqrt(r0Km * r0Km + (driftKmS * Math.max(0, tS)) ** 2);
}

/** Greedy assignment (see the module header). `driftKmS` default 0.0005 (0.5 m/s). */
export function assignRecovery(zones: readonly RecoveryZone[], assets: readonly RecoveryAsset[], driftKmS = 0.0005): RecoveryAssignment[] {
  for (const a of assets) {
    if (!(a.speedKmS > 0 && a.enduranceS > 0 && a.readyS >= 0)) throw new ArgumentError(`Asset ${a.id}: speed and endurance must be > 0 and ready time ≥ 0.`, a.id);
  }
  const used = new Set<string>();
  const out: RecoveryAssignment[] = [];
  for (const z of [...zones].sort((x, y) => x.eventS - y.eventS)) {
    const onStation = z.onStationS ?? 3600;
    let best: { a: RecoveryAsset; arrival: number; d: number } | undefined;
    for (const a of assets) {
      if (used.has(a.id)) continue;
      const d = distanceKm(a.base, z.center);
      const transit = d / a.speedKmS;
      if (2 * transit + onStation > a.enduranceS) continue;
      const arrival = a.readyS + transit;
      if (best === undefined || arrival < best.arrival) best = { a, arrival, d };
    }
    if (best === undefined) {
      out.push({ zone: z.id, asset: null, arrivalS: null, transitKm: null, searchRadiusKm: null, reason: 'no free asset can reach the zone and return within its endurance' });
      continue;
    }
    used.add(best.a.id);
    out.push({ zone: z.id, asset: best.a.id, arrivalS: best.arrival, transitKm: best.d, searchRadiusKm: searchRadiusKm(z.dispersion3SigmaKm, driftKmS, best.arrival - z.eventS) });
  }
  return out;
}
