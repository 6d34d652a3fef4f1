/**
 * Tourism flight scheduling (issue 19 item 5) under vehicle turnaround and site cadence. Oracles: hand-worked
 * schedules (dates derived below from the rules alone) and a brute-force pairwise check written in this test.
 */
import { describe, expect, it } from 'vitest';
import { checkTourismSchedule, createTimeScales, IERS_LEAP_SECONDS, scheduleTourismFlights, type TourismScheduledFlight } from '@skylane/core';

const ts = createTimeScales(IERS_LEAP_SECONDS);
const DAY = 86400;
const t0 = ts.parseUtcIso('2026-08-01T00:00:00Z');
const day = (d: number) => t0.plusSeconds(d * DAY);
const days = (f: TourismScheduledFlight) => f.launch.secondsSince(t0) / DAY;

describe('tourism scheduling (issue 19 item 5)', () => {
  it('one vehicle (10 d turnaround), three requests on day 0: days 0, 10, 20', () => {
    const r = scheduleTourismFlights(
      ['a', 'b', 'c'].map((id) => ({ id, site: 'pad-1', earliest: day(0), passengers: 4 })),
      [{ id: 'V1', seats: 6, turnaroundS: 10 * DAY }],
      [{ id: 'pad-1', minIntervalS: 2 * DAY }],
    );
    expect(r.conflicts).toEqual([]);
    expect(r.assigned.map((f) => [f.id, f.vehicle, days(f)])).toEqual([
      ['a', 'V1', 0],
      ['b', 'V1', 10],
      ['c', 'V1', 20],
    ]);
  });

  it('two vehicles on one pad (2 d cadence): days 0 (V1), 2 (V2), 10 (V1); a seat-limited request waits for the big vehicle', () => {
    const vehicles = [
      { id: 'V1', seats: 6, turnaroundS: 10 * DAY },
      { id: 'V2', seats: 3, turnaroundS: 10 * DAY },
    ];
    const r = scheduleTourismFlights(
      [
        { id: 'a', site: 'pad-1', earliest: day(0), passengers: 6 },
        { id: 'b', site: 'pad-1', earliest: day(0.5), passengers: 2 },
        { id: 'c', site: 'pad-1', earliest: day(1), passengers: 5 },
      ],
      vehicles,
      [{ id: 'pad-1', minIntervalS: 2 * DAY }],
    );
    expect(r.assigned.map((f) => [f.id, f.vehicle, days(f)])).toEqual([
      ['a', 'V1', 0],
      ['b', 'V2', 2],
      ['c', 'V1', 10],
    ]);
  });

  it('existing flights are respected; a request that cannot fit its window, needs too many seats or names an unknown site is a conflict', () => {
    const vehicles = [{ id: 'V1', seats: 6, turnaroundS: 7 * DAY }];
    const sites = [{ id: 'pad-1', minIntervalS: DAY }];
    const existing = [{ id: 'F0', vehicle: 'V1', site: 'pad-1', launch: day(3), passengers: 6 }];
    const r = scheduleTourismFlights(
      [
        { id: 'late', site: 'pad-1', earliest: day(0), latest: day(5), passengers: 2 },
        { id: 'big', site: 'pad-1', earliest: day(0), passengers: 7 },
        { id: 'where', site: 'pad-9', earliest: day(0), passengers: 1 },
        { id: 'ok', site: 'pad-1', earliest: day(0), passengers: 1 },
      ],
      vehicles,
      sites,
      existing,
    );
    // Day 0 is within 7 d before F0 (day 3): the first slot is day 10.
    expect(r.assigned.map((f) => [f.id, days(f)])).toEqual([['ok', 10]]);
    expect(r.conflicts.map((c) => [c.id, c.kind]).sort()).toEqual([
      ['big', 'seats'],
      ['late', 'window'],
      ['where', 'unknown-site'],
    ]);
  });

  it('a larger random case obeys every rule (brute-force pairwise check), and checkTourismSchedule finds planted violations', () => {
    const vehicles = [
      { id: 'V1', seats: 6, turnaroundS: 9 * DAY },
      { id: 'V2', seats: 4, turnaroundS: 5 * DAY },
      { id: 'V3', seats: 2, turnaroundS: 3 * DAY },
    ];
    const sites = [
      { id: 'pad-1', minIntervalS: 1.5 * DAY },
      { id: 'pad-2', minIntervalS: 0.5 * DAY },
    ];
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const reqs = Array.from({ length: 40 }, (_, k) => ({ id: `r${k}`, site: rnd() < 0.5 ? 'pad-1' : 'pad-2', earliest: day(Math.floor(rnd() * 60)), passengers: 1 + Math.floor(rnd() * 6) }));
    const r = scheduleTourismFlights(reqs, vehicles, sites);
    expect(r.conflicts).toEqual([]);
    expect(r.assigned).toHaveLength(40);
    const turn = new Map(vehicles.map((v) => [v.id, v]));
    const cad = new Map(sites.map((s) => [s.id, s.minIntervalS]));
    let worstSlackS = Infinity;
    for (const f of r.assigned) {
      const req = reqs.find((q) => q.id === f.id)!;
      expect(f.launch.isBefore(req.earliest)).toBe(false);
      expect(turn.get(f.vehicle)!.seats).toBeGreaterThanOrEqual(f.passengers);
      for (const g of r.assigned) {
        if (g === f) continue;
        const dt = Math.abs(f.launch.secondsSince(g.launch));
        if (g.vehicle === f.vehicle) worstSlackS = Math.min(worstSlackS, dt - turn.get(f.vehicle)!.turnaroundS);
        if (g.site === f.site) worstSlackS = Math.min(worstSlackS, dt - cad.get(f.site)!);
      }
    }
    expect(checkTourismSchedule(r.assigned, vehicles, sites)).toEqual([]);
    // Worst slack of any turnaround or cadence pair (s): never negative; 0 when the greedy packs flights tightly.
    expect(worstSlackS, `worst slack ${worstSlackS} s`).toBeGreaterThanOrEqual(-1e-6);
    const planted = [...r.assigned, { id: 'x', vehicle: 'V3', site: 'pad-2', launch: r.assigned.find((f) => f.vehicle === 'V3')!.launch.plusSeconds(3600), passengers: 3 }];
    const kinds = checkTourismSchedule(planted, vehicles, sites).filter((c) => c.id === 'x' || c.with === 'x').map((c) => c.kind);
    expect(kinds).toContain('turnaround');
    expect(kinds).toContain('seats');
  });
});
