/**
 * Launch-day go/no-go of a tourism flight: a checklist evaluated from data (numbers in, no weather service), one
 * verdict (GO only when every item is GO) and every failing item named with its value and limit.
 *
 * Items (stable names, clients match on them):
 * - `hazard-area-clearance`: no vessel or aircraft inside a hazard area (polygon or ellipse, `zones.ts`) active at
 *   the launch time; value = the number of intruders, limit 0.
 * - `lcola`: the launch time is outside every LCOLA blackout (`LcolaResult.blackouts`, closed intervals) and, when
 *   the screened window is given, inside it.
 * - `recovery-assets`: per required asset kind, the number of assets within `stationRadiusKm` of the landing zone
 *   centre (great circle) ≥ the number required.
 * - `surface-wind`, `gusts`, `wave-height`: the landing-zone conditions ≤ the vehicle's limits (m/s, m). A limit of
 *   `null` means the item does not apply (wave height for a land landing).
 * - `vehicle-turnaround`: launch − last landing ≥ the vehicle's turnaround; `vehicle-anomalies`: no open anomaly.
 * - `passenger-training`, `passenger-medical` (one item per passenger, `subject` = the caller's passenger id, never
 *   a name): training complete; medical clearance granted and not expired at the launch time.
 * - `profile-check`: the human-tolerance/profile check result passed in (optional unless `requireProfileCheck`).
 *
 * Missing data never passes: an item whose input is absent is NO-GO with reason `missing`.
 */
import type { Instant, TimeScales } from '../../time/index.ts';
import { distanceKm, type LatLon } from '../../launch/geo.ts';
import { findSuborbitalVehicle, SUBORBITAL_VEHICLES, type SuborbitalVehicle } from '../suborbitalVehicles.ts';
import { pointInZone, zoneActiveAt, type HazardZone } from './zones.ts';

/** Landing-zone weather limits of a vehicle (m/s, m). `maxWaveHeightM: null`: land landing, sea state does not apply. */
export interface LandingWeatherLimits {
  readonly maxSurfaceWindMps: number;
  readonly maxGustMps: number;
  readonly maxWaveHeightM: number | null;
}

/** A tourism vehicle class: seats, turnaround between flights and landing-zone limits (documented assumptions). */
export interface TourismVehicleClass extends LandingWeatherLimits {
  readonly seats: number;
  readonly turnaroundS: number;
  readonly landing: 'land' | 'water';
  readonly note: string;
}

/**
 * Bundled vehicle classes. The numbers are assumptions of the order of public crewed-capsule criteria, not an
 * operator's certified limits (an operator passes its own): a parachute capsule landing on land is limited by
 * ground wind (drift and tip-over at touchdown), a splashdown also by wave height (crew egress and recovery).
 * See docs/design/space-tourism-operations.md.
 */
export const TOURISM_VEHICLE_CLASSES: Readonly<Record<string, TourismVehicleClass>> = {
  capsule: {
    seats: findSuborbitalVehicle('capsule').capsule.seats, // the bundled suborbital `capsule` (which names this class)
    turnaroundS: 30 * 86400,
    landing: 'land',
    maxSurfaceWindMps: 10.3, // 20 kn
    maxGustMps: 12.9, // 25 kn
    maxWaveHeightM: null,
    note: 'crew capsule on a reusable booster, parachute landing on land (assumed limits: 20 kn wind, 25 kn gusts)',
  },
  'capsule-sea': {
    seats: 4,
    turnaroundS: 60 * 86400,
    landing: 'water',
    maxSurfaceWindMps: 12.9, // 25 kn
    maxGustMps: 15.4, // 30 kn
    maxWaveHeightM: 1.8, // 6 ft
    note: 'crew capsule with splashdown (assumed limits: 25 kn wind, 30 kn gusts, 1.8 m significant wave height)',
  },
};

/**
 * The go/no-go class a suborbital vehicle flies under (its `vehicleClass`), or undefined when it names none or an
 * unknown one. The single link between the suborbital model and the launch-day limits: the class holds the limits.
 */
export function vehicleClassOfSuborbital(v: SuborbitalVehicle): TourismVehicleClass | undefined {
  return v.vehicleClass === undefined ? undefined : TOURISM_VEHICLE_CLASSES[v.vehicleClass];
}

/** The bundled suborbital vehicle that flies under this go/no-go class (the manifest's vehicle → profile model), if any. */
export function suborbitalVehicleForClass(vehicleClass: string | null | undefined): SuborbitalVehicle | undefined {
  return vehicleClass === null || vehicleClass === undefined ? undefined : SUBORBITAL_VEHICLES.find((v) => v.vehicleClass === vehicleClass);
}

/** A vessel or aircraft position at (or just before) launch time. */
export interface TrafficPosition {
  readonly id: string;
  readonly kind: 'vessel' | 'aircraft';
  readonly position: LatLon;
}

export interface RecoveryOnStationInput {
  readonly landingZone: { readonly center: LatLon; readonly stationRadiusKm: number };
  readonly assets: readonly { readonly id: string; readonly kind: string; readonly position: LatLon }[];
  /** Assets required on station by kind, e.g. `{ ship: 1, helicopter: 1 }`; default one asset of any kind. */
  readonly required?: Readonly<Record<string, number>>;
}

export interface PassengerReadiness {
  /** The caller's id (seat or manifest id), never a name: it appears in the report. */
  readonly id: string;
  readonly trainingComplete?: boolean;
  readonly medicalCleared?: boolean;
  readonly medicalExpires?: Instant | null;
}

export interface GoNoGoInput {
  readonly launch: Instant;
  readonly hazardAreas?: readonly HazardZone[];
  readonly traffic?: readonly TrafficPosition[];
  readonly lcola?: { readonly blackouts: readonly { readonly from: Instant; readonly to: Instant }[]; readonly screenedFrom?: Instant; readonly screenedTo?: Instant };
  readonly recovery?: RecoveryOnStationInput;
  readonly weather?: { readonly surfaceWindMps?: number; readonly gustMps?: number; readonly waveHeightM?: number };
  readonly limits?: LandingWeatherLimits;
  /** `lastLanding: null`: the vehicle's first flight. */
  readonly vehicle?: { readonly turnaroundS?: number; readonly lastLanding?: Instant | null; readonly openAnomalies?: number };
  readonly passengers?: readonly PassengerReadiness[];
  readonly profileCheck?: { readonly passed: boolean; readonly violations?: readonly string[] };
  /** When true, an absent profile check is NO-GO (missing); else it is `not-required`. */
  readonly requireProfileCheck?: boolean;
}

export type GoNoGoItemName =
  | 'hazard-area-clearance'
  | 'lcola'
  | 'recovery-assets'
  | 'surface-wind'
  | 'gusts'
  | 'wave-height'
  | 'vehicle-turnaround'
  | 'vehicle-anomalies'
  | 'passenger-training'
  | 'passenger-medical'
  | 'profile-check';

export interface GoNoGoItem {
  readonly item: GoNoGoItemName;
  /** The passenger id or asset kind the item is about. */
  readonly subject?: string;
  readonly status: 'go' | 'no-go' | 'not-required';
  readonly reason: 'within-limit' | 'limit-exceeded' | 'missing' | 'not-required';
  readonly value?: number | string | boolean;
  readonly limit?: number | string | boolean;
  readonly unit?: string;
  readonly detail: string;
}

export interface GoNoGoReport {
  readonly verdict: 'GO' | 'NO-GO';
  readonly items: GoNoGoItem[];
  /** The NO-GO items (empty for GO). */
  readonly failing: GoNoGoItem[];
}

const missing = (item: GoNoGoItemName, what: string, subject?: string): GoNoGoItem => ({ item, ...(subject !== undefined ? { subject } : {}), status: 'no-go', reason: 'missing', detail: `${what} missing: not evaluated` });

function limitItem(item: GoNoGoItemName, value: number | undefined, limit: number | null | undefined, unit: string, label: string): GoNoGoItem {
  if (limit === null) return { item, status: 'not-required', reason: 'not-required', unit, detail: `${label}: no limit for this vehicle (not applicable)` };
  if (limit === undefined) return missing(item, `${label} limit`);
  if (value === undefined || !Number.isFinite(value)) return missing(item, label);
  const ok = value <= limit;
  return { item, status: ok ? 'go' : 'no-go', reason: ok ? 'within-limit' : 'limit-exceeded', value, limit, unit, detail: `${label} ${value} ${unit} ${ok ? '≤' : '>'} limit ${limit} ${unit}` };
}

/** Evaluates the checklist (see the module header). `ts` formats times in the details. */
export function evaluateGoNoGo(input: GoNoGoInput, ts: TimeScales): GoNoGoReport {
  const t = input.launch;
  const iso = (x: Instant): string => ts.formatUtcIso(x, 0);
  const items: GoNoGoItem[] = [];

  // Hazard-area clearance.
  if (input.hazardAreas === undefined) items.push(missing('hazard-area-clearance', 'hazard areas'));
  else if (input.traffic === undefined) items.push(missing('hazard-area-clearance', 'vessel and aircraft positions'));
  else {
    const active = input.hazardAreas.filter((z) => zoneActiveAt(z, t));
    const intruders: string[] = [];
    for (const v of input.traffic) for (const z of active) if (pointInZone(v.position, z)) intruders.push(`${v.kind} ${v.id} in ${z.id}`);
    const ok = intruders.length === 0;
    items.push({
      item: 'hazard-area-clearance',
      status: ok ? 'go' : 'no-go',
      reason: ok ? 'within-limit' : 'limit-exceeded',
      value: intruders.length,
      limit: 0,
      unit: 'intruders',
      detail: ok ? `${input.traffic.length} vessels/aircraft clear of ${active.length} hazard areas active at launch` : `inside an active hazard area: ${intruders.join('; ')}`,
    });
  }

  // LCOLA.
  if (input.lcola === undefined) items.push(missing('lcola', 'LCOLA result'));
  else {
    const l = input.lcola;
    const outside = (l.screenedFrom !== undefined && t.isBefore(l.screenedFrom)) || (l.screenedTo !== undefined && t.isAfter(l.screenedTo));
    const hit = l.blackouts.find((b) => !t.isBefore(b.from) && !t.isAfter(b.to));
    if (outside) items.push({ item: 'lcola', status: 'no-go', reason: 'missing', detail: `the LCOLA screening does not cover the launch time ${iso(t)}: screen the window that contains it` });
    else if (hit !== undefined) items.push({ item: 'lcola', status: 'no-go', reason: 'limit-exceeded', value: 'closed', limit: 'open', detail: `launch ${iso(t)} falls in the LCOLA blackout ${iso(hit.from)} – ${iso(hit.to)}` });
    else items.push({ item: 'lcola', status: 'go', reason: 'within-limit', value: 'open', limit: 'open', detail: `launch ${iso(t)} is outside all ${l.blackouts.length} LCOLA blackouts` });
  }

  // Recovery assets on station.
  if (input.recovery === undefined) items.push(missing('recovery-assets', 'recovery assets and landing zone'));
  else {
    const r = input.recovery;
    const required = r.required ?? { any: 1 };
    const on = r.assets.filter((a) => distanceKm(a.position, r.landingZone.center) <= r.landingZone.stationRadiusKm);
    for (const [kind, n] of Object.entries(required)) {
      const have = on.filter((a) => kind === 'any' || a.kind === kind);
      const ok = have.length >= n;
      items.push({
        item: 'recovery-assets',
        subject: kind,
        status: ok ? 'go' : 'no-go',
        reason: ok ? 'within-limit' : 'limit-exceeded',
        value: have.length,
        limit: n,
        unit: 'assets on station',
        detail: `${have.length} ${kind === 'any' ? 'asset(s)' : kind + '(s)'} within ${r.landingZone.stationRadiusKm} km of the landing zone${have.length > 0 ? ` (${have.map((a) => a.id).join(', ')})` : ''}; ${n} required`,
      });
    }
  }

  // Landing-zone weather.
  const w = input.weather;
  const lim = input.limits;
  items.push(limitItem('surface-wind', w?.surfaceWindMps, lim?.maxSurfaceWindMps, 'm/s', 'surface wind at the landing zone'));
  items.push(limitItem('gusts', w?.gustMps, lim?.maxGustMps, 'm/s', 'gusts at the landing zone'));
  items.push(limitItem('wave-height', w?.waveHeightM, lim === undefined ? undefined : lim.maxWaveHeightM, 'm', 'wave height at the landing zone'));

  // Vehicle readiness.
  const v = input.vehicle;
  if (v?.turnaroundS === undefined || v.lastLanding === undefined) items.push(missing('vehicle-turnaround', v?.turnaroundS === undefined ? 'vehicle turnaround time' : 'vehicle last landing time'));
  else if (v.lastLanding === null) items.push({ item: 'vehicle-turnaround', status: 'go', reason: 'within-limit', limit: v.turnaroundS, unit: 's', detail: 'first flight of the vehicle' });
  else {
    const elapsed = t.secondsSince(v.lastLanding);
    const ok = elapsed >= v.turnaroundS;
    items.push({ item: 'vehicle-turnaround', status: ok ? 'go' : 'no-go', reason: ok ? 'within-limit' : 'limit-exceeded', value: elapsed, limit: v.turnaroundS, unit: 's', detail: `${(elapsed / 86400).toFixed(2)} d since the last landing ${iso(v.lastLanding)}; turnaround ${(v.turnaroundS / 86400).toFixed(2)} d` });
  }
  if (v?.openAnomalies === undefined) items.push(missing('vehicle-anomalies', 'open anomaly count'));
  else {
    const ok = v.openAnomalies === 0;
    items.push({ item: 'vehicle-anomalies', status: ok ? 'go' : 'no-go', reason: ok ? 'within-limit' : 'limit-exceeded', value: v.openAnomalies, limit: 0, unit: 'open anomalies', detail: `${v.openAnomalies} open anomalies` });
  }

  // Passenger readiness.
  if (input.passengers === undefined) {
    items.push(missing('passenger-training', 'passenger list'));
    items.push(missing('passenger-medical', 'passenger list'));
  }
  for (const p of input.passengers ?? []) {
    if (p.trainingComplete === undefined) items.push(missing('passenger-training', 'training status', p.id));
    else items.push({ item: 'passenger-training', subject: p.id, status: p.trainingComplete ? 'go' : 'no-go', reason: p.trainingComplete ? 'within-limit' : 'limit-exceeded', value: p.trainingComplete, limit: true, detail: p.trainingComplete ? 'training complete' : 'training not complete' });
    if (p.medicalCleared === undefined || p.medicalExpires === undefined || p.medicalExpires === null) items.push(missing('passenger-medical', p.medicalCleared === undefined ? 'medical status' : 'medical clearance expiry', p.id));
    else if (!p.medicalCleared) items.push({ item: 'passenger-medical', subject: p.id, status: 'no-go', reason: 'limit-exceeded', value: false, limit: true, detail: 'no medical clearance' });
    else {
      const ok = !p.medicalExpires.isBefore(t);
      items.push({ item: 'passenger-medical', subject: p.id, status: ok ? 'go' : 'no-go', reason: ok ? 'within-limit' : 'limit-exceeded', value: iso(p.medicalExpires), limit: iso(t), detail: ok ? `medical clearance valid until ${iso(p.medicalExpires)}` : `medical clearance expired ${iso(p.medicalExpires)}, before the launch ${iso(t)}` });
    }
  }

  // Profile / human-tolerance check.
  const pc = input.profileCheck;
  if (pc === undefined) items.push(input.requireProfileCheck === true ? missing('profile-check', 'profile/human-tolerance check') : { item: 'profile-check', status: 'not-required', reason: 'not-required', detail: 'no profile check supplied (not required)' });
  else {
    const n = pc.violations?.length ?? 0;
    items.push({ item: 'profile-check', status: pc.passed ? 'go' : 'no-go', reason: pc.passed ? 'within-limit' : 'limit-exceeded', value: n, limit: 0, unit: 'violations', detail: pc.passed ? 'profile within the human-tolerance envelope' : `profile check failed: ${(pc.violations ?? ['(no detail)']).join('; ')}` });
  }

  const failing = items.filter((i) => i.status === 'no-go');
  return { verdict: failing.length === 0 ? 'GO' : 'NO-GO', items, failing };
}
