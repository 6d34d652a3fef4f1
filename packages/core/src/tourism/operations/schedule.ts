/**
 * Flight scheduling under vehicle turnaround and site cadence, and the check of an existing schedule.
 *
 * Rules: two flights of the same vehicle are at least its `turnaroundS` apart (launch to launch: the turnaround
 * counts from one launch to the next, the flight itself being minutes long); two launches from the same site (pad)
 * are at least the site's `minIntervalS` apart; a flight carries at most the vehicle's `seats` passengers.
 *
 * Scheduling (greedy, deterministic): requests in order of their earliest date (then id); for each, every vehicle
 * with enough seats (or only the requested one) gets the earliest launch time t ≥ earliest that satisfies both rules
 * against the flights already placed (existing ones included): start at `earliest` and, while t conflicts with a
 * flight f, move t to the end of f's exclusion (f + turnaround, or f + cadence); t only grows, so it ends. The vehicle
 * with the earliest t wins (ties: vehicle id). A request whose t passes its `latest`, or that no vehicle can seat,
 * is reported as a conflict with the reason, not dropped.
 */
import { ArgumentError } from '../../errors/index.ts';
import type { Instant } from '../../time/index.ts';

export interface TourismScheduleVehicle {
  readonly id: string;
  readonly seats: number;
  readonly turnaroundS: number;
}

export interface TourismScheduleSite {
  readonly id: string;
  /** Least interval between two launches from this site (s). */
  readonly minIntervalS: number;
}

/** A flight already on the schedule. */
export interface TourismScheduledFlight {
  readonly id: string;
  readonly vehicle: string;
  readonly site: string;
  readonly launch: Instant;
  readonly passengers: number;
}

export interface TourismFlightRequest {
  readonly id: string;
  readonly site: string;
  readonly earliest: Instant;
  readonly latest?: Instant;
  readonly passengers: number;
  /** Only this vehicle. */
  readonly vehicle?: string;
}

export interface TourismScheduleConflict {
  /** The request or flight concerned. */
  readonly id: string;
  readonly kind: 'turnaround' | 'cadence' | 'seats' | 'window' | 'unknown-vehicle' | 'unknown-site';
  /** The other flight, for turnaround and cadence conflicts. */
  readonly with?: string;
  /** Measured value and limit (s or seats). */
  readonly value?: number;
  readonly limit?: number;
  readonly detail: string;
}

export interface TourismScheduleResult {
  readonly assigned: TourismScheduledFlight[];
  readonly conflicts: TourismScheduleConflict[];
}

function checkInputs(vehicles: readonly TourismScheduleVehicle[], sites: readonly TourismScheduleSite[]): void {
  for (const v of vehicles) if (!(Number.isInteger(v.seats) && v.seats >= 0 && v.turnaroundS >= 0)) throw new ArgumentError(`Vehicle ${v.id}: seats must be an integer ≥ 0 and turnaround ≥ 0 s.`, v.id);
  for (const s of sites) if (!(s.minIntervalS >= 0)) throw new ArgumentError(`Site ${s.id}: minimum interval must be ≥ 0 s.`, s.id);
}

/** Every rule broken by a set of flights (each pair reported once, the later flight named first). */
export function checkTourismSchedule(flights: readonly TourismScheduledFlight[], vehicles: readonly TourismScheduleVehicle[], sites: readonly TourismScheduleSite[]): TourismScheduleConflict[] {
  checkInputs(vehicles, sites);
  const veh = new Map(vehicles.map((v) => [v.id, v]));
  const site = new Map(sites.map((s) => [s.id, s]));
  const out: TourismScheduleConflict[] = [];
  const sorted = [...flights].sort((a, b) => a.launch.compare(b.launch) || (a.id < b.id ? -1 : 1));
  for (let i = 0; i < sorted.length; i++) {
    const f = sorted[i]!;
    const v = veh.get(f.vehicle);
    if (v === undefined) out.push({ id: f.id, kind: 'unknown-vehicle', detail: `vehicle ${f.vehicle} is not in the fleet` });
    else if (f.passengers > v.seats) out.push({ id: f.id, kind: 'seats', value: f.passengers, limit: v.seats, detail: `${f.passengers} passengers on ${v.id} with ${v.seats} seats` });
    const s = site.get(f.site);
    if (s === undefined) out.push({ id: f.id, kind: 'unknown-site', detail: `site ${f.site} has no cadence limit defined` });
    for (let j = 0; j < i; j++) {
      const g = sorted[j]!;
      const dt = f.launch.secondsSince(g.launch);
      if (v !== undefined && g.vehicle === f.vehicle && dt < v.turnaroundS) out.push({ id: f.id, kind: 'turnaround', with: g.id, value: dt, limit: v.turnaroundS, detail: `${f.id} flies ${v.id} ${(dt / 86400).toFixed(2)} d after ${g.id}; turnaround ${(v.turnaroundS / 86400).toFixed(2)} d` });
      if (s !== undefined && g.site === f.site && dt < s.minIntervalS) out.push({ id: f.id, kind: 'cadence', with: g.id, value: dt, limit: s.minIntervalS, detail: `${f.id} launches from ${s.id} ${(dt / 3600).toFixed(2)} h after ${g.id}; site interval ${(s.minIntervalS / 3600).toFixed(2)} h` });
    }
  }
  return out;
}

/** Earliest t ≥ start clear of `placed` for this vehicle and site. */
function earliestSlot(start: Instant, vehicle: TourismScheduleVehicle, site: TourismScheduleSite, placed: readonly TourismScheduledFlight[]): Instant {
  let t = start;
  for (let guard = 0; guard <= placed.length * 2 + 1; guard++) {
    let moved = false;
    for (const f of placed) {
      const dt = t.secondsSince(f.launch);
      if (f.vehicle === vehicle.id && Math.abs(dt) < vehicle.turnaroundS) {
        t = f.launch.plusSeconds(vehicle.turnaroundS);
        moved = true;
      }
      const dt2 = t.secondsSince(f.launch);
      if (f.site === site.id && Math.abs(dt2) < site.minIntervalS) {
        t = f.launch.plusSeconds(site.minIntervalS);
        moved = true;
      }
    }
    if (!moved) return t;
  }
  return t;
}

/** Assigns vehicle and launch time to each request (see the module header). */
export function scheduleTourismFlights(requests: readonly TourismFlightRequest[], vehicles: readonly TourismScheduleVehicle[], sites: readonly TourismScheduleSite[], existing: readonly TourismScheduledFlight[] = []): TourismScheduleResult {
  checkInputs(vehicles, sites);
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const placed: TourismScheduledFlight[] = [...existing];
  const assigned: TourismScheduledFlight[] = [];
  const conflicts: TourismScheduleConflict[] = [];
  const order = [...requests].sort((a, b) => a.earliest.compare(b.earliest) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const fleet = [...vehicles].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const r of order) {
    const site = siteById.get(r.site);
    if (site === undefined) {
      conflicts.push({ id: r.id, kind: 'unknown-site', detail: `site ${r.site} has no cadence limit defined` });
      continue;
    }
    const candidates = fleet.filter((v) => r.vehicle === undefined || v.id === r.vehicle);
    if (candidates.length === 0) {
      conflicts.push({ id: r.id, kind: 'unknown-vehicle', detail: `vehicle ${r.vehicle ?? ''} is not in the fleet` });
      continue;
    }
    const seated = candidates.filter((v) => v.seats >= r.passengers);
    if (seated.length === 0) {
      const most = Math.max(...candidates.map((v) => v.seats));
      conflicts.push({ id: r.id, kind: 'seats', value: r.passengers, limit: most, detail: `${r.passengers} passengers: no ${r.vehicle ?? 'vehicle'} has that many seats (at most ${most})` });
      continue;
    }
    let best: { v: TourismScheduleVehicle; t: Instant } | undefined;
    for (const v of seated) {
      const t = earliestSlot(r.earliest, v, site, placed);
      if (best === undefined || t.isBefore(best.t)) best = { v, t };
    }
    if (r.latest !== undefined && best!.t.isAfter(r.latest)) {
      conflicts.push({ id: r.id, kind: 'window', value: best!.t.secondsSince(r.earliest), limit: r.latest.secondsSince(r.earliest), detail: `the earliest slot clear of turnaround and site cadence is ${(best!.t.secondsSince(r.latest) / 86400).toFixed(2)} d after the request's latest date` });
      continue;
    }
    const f: TourismScheduledFlight = { id: r.id, vehicle: best!.v.id, site: r.site, launch: best!.t, passengers: r.passengers };
    placed.push(f);
    assigned.push(f);
  }
  return { assigned, conflicts };
}
