/**
 * Independent schedule validator: checks a plan against the passes and stations it was made from, sharing no
 * code with the schedulers (it reads only the pass list, the compiled stations and the contacts).
 * Checks: every contact lies inside a pass of its satellite over its station; lasts at least the minimum
 * duration; its antenna exists; contacts on one antenna are separated by the station setup time; a satellite
 * is in at most one contact at a time; no contact touches a station unavailable period.
 */
import type { Pass } from '../events/passes.ts';
import type { GroundStation } from '../events/station.ts';
import type { PassWindow } from '../events/track.ts';
import type { TimeScales } from '../time/index.ts';

export interface ContactToValidate {
  readonly catalogNumber: number;
  readonly stationId: string;
  readonly antenna: number;
  readonly startS: number;
  readonly endS: number;
}

export interface ScheduleViolation {
  readonly kind: 'outside-visibility' | 'too-short' | 'unknown-station' | 'bad-antenna' | 'antenna-overlap' | 'satellite-overlap' | 'station-unavailable';
  readonly message: string;
}

/** Returns every violation found (empty for a valid schedule). Times tolerate `toleranceS` (default 1 ms). */
export function validateSchedule(
  contacts: readonly ContactToValidate[],
  passes: readonly Pass[],
  stations: readonly GroundStation[],
  window: PassWindow,
  ts: TimeScales,
  minContactDurationS: number,
  toleranceS = 1e-3,
): ScheduleViolation[] {
  const out: ScheduleViolation[] = [];
  const byId = new Map(stations.map((s) => [s.id, s]));
  // Passes grouped by satellite and station, so that a plan of thousands of contacts over ~200,000 passes checks in linear time.
  const passesOf = new Map<string, Pass[]>();
  for (const p of passes) {
    const key = `${p.catalogNumber}\u0000${p.stationId}`;
    const g = passesOf.get(key);
    if (g) g.push(p);
    else passesOf.set(key, [p]);
  }
  const tag = (c: ContactToValidate): string => `${c.catalogNumber}@${c.stationId}#${c.antenna} [${c.startS.toFixed(3)}, ${c.endS.toFixed(3)}]`;
  for (const c of contacts) {
    const st = byId.get(c.stationId);
    if (st === undefined) {
      out.push({ kind: 'unknown-station', message: `${tag(c)}: no such station` });
      continue;
    }
    if (!Number.isInteger(c.antenna) || c.antenna < 0 || c.antenna >= st.antennaCount) {
      out.push({ kind: 'bad-antenna', message: `${tag(c)}: station has ${st.antennaCount} antenna(s)` });
    }
    if (c.endS - c.startS < minContactDurationS - toleranceS) {
      out.push({ kind: 'too-short', message: `${tag(c)}: shorter than ${minContactDurationS} s` });
    }
    const inside = (passesOf.get(`${c.catalogNumber}\u0000${c.stationId}`) ?? []).some((p) => p.aosS <= c.startS + toleranceS && c.endS <= p.losS + toleranceS);
    if (!inside) out.push({ kind: 'outside-visibility', message: `${tag(c)}: not inside any pass of this satellite over this station` });
    for (const u of st.unavailable) {
      const a = ts.utcClockSecondsBetween(window.start, u.start);
      const b = ts.utcClockSecondsBetween(window.start, u.stop);
      if (c.startS < b - toleranceS && a < c.endS - toleranceS) {
        out.push({ kind: 'station-unavailable', message: `${tag(c)}: overlaps unavailable period [${a}, ${b}]` });
      }
    }
  }
  const groups = new Map<string, ContactToValidate[]>();
  for (const c of contacts) {
    const key = `${c.stationId}\u0000${c.antenna}`;
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }
  for (const g of groups.values()) {
    const setup = byId.get(g[0]!.stationId)?.setupTimeS ?? 0;
    const sorted = [...g].sort((a, b) => a.startS - b.startS);
    for (let k = 1; k < sorted.length; k++) {
      const prev = sorted[k - 1]!;
      const cur = sorted[k]!;
      if (cur.startS < prev.endS + setup - toleranceS) {
        out.push({ kind: 'antenna-overlap', message: `${tag(prev)} then ${tag(cur)}: less than the ${setup} s setup time apart` });
      }
    }
  }
  const bySat = new Map<number, ContactToValidate[]>();
  for (const c of contacts) {
    const g = bySat.get(c.catalogNumber);
    if (g) g.push(c);
    else bySat.set(c.catalogNumber, [c]);
  }
  for (const g of bySat.values()) {
    const sorted = [...g].sort((a, b) => a.startS - b.startS);
    for (let k = 1; k < sorted.length; k++) {
      if (sorted[k]!.startS < sorted[k - 1]!.endS - toleranceS) {
        out.push({ kind: 'satellite-overlap', message: `${tag(sorted[k - 1]!)} and ${tag(sorted[k]!)} overlap` });
      }
    }
  }
  return out;
}
