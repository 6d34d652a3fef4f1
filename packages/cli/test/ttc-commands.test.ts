/** `skylane passes` and `skylane schedule` in-process, through their register functions (main.ts wires them in). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerPassesCommand } from '../src/commands/passes.ts';
import { registerScheduleCommand } from '../src/commands/schedule.ts';

const ref = JSON.parse(readFileSync(new URL('../../../validation/skyfield-passes/skyfield-passes.json', import.meta.url), 'utf8')) as {
  passes: { object: number; station: string; aosS: number; tcaS: number; losS: number; maxElevationDeg: number }[];
};
const ELEMENTS = new URL('../../../validation/skyfield-passes/elements.json', import.meta.url).pathname;
const NETWORK = new URL('../../core/src/events/stations/sample-network.json', import.meta.url).pathname;

let stdout = '';
beforeEach(() => {
  stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

async function run(args: string[]): Promise<void> {
  const program = new Command().exitOverride();
  registerPassesCommand(program);
  registerScheduleCommand(program);
  for (const c of program.commands) c.exitOverride();
  await program.parseAsync(args, { from: 'user' });
}

describe('skylane passes', () => {
  it('JSON for ISS over Wallops (one station flag) matches the Skyfield reference to the millisecond', async () => {
    await run(['passes', '--catalog', ELEMENTS, '--ids', '25544', '--station', '37.9249,-75.4765,0', '--min-el', '10', '--start', '2026-03-10T00:00:00Z', '--stop', '2026-03-11T00:00:00Z']);
    const passes = JSON.parse(stdout) as { object: number; aos: string; tca: string; los: string; maxElevationDeg: number; aosClipped: boolean; losClipped: boolean }[];
    const expected = ref.passes.filter((p) => p.object === 25544 && p.station === 'WALLOPS');
    expect(passes.filter((p) => !p.aosClipped && !p.losClipped)).toHaveLength(expected.length);
    const t0 = Date.parse('2026-03-10T00:00:00Z');
    for (const e of expected) {
      const p = passes.find((q) => Math.abs(Date.parse(q.tca) - t0 - e.tcaS * 1000) < 60_000)!;
      expect(Math.abs(Date.parse(p.aos) - t0 - e.aosS * 1000)).toBeLessThanOrEqual(2);
      expect(Math.abs(Date.parse(p.los) - t0 - e.losS * 1000)).toBeLessThanOrEqual(2);
      expect(Math.abs(p.maxElevationDeg - e.maxElevationDeg)).toBeLessThan(1e-3);
    }
  });

  it('CSV over the sample network has a header and one row per pass', async () => {
    await run(['passes', '--catalog', ELEMENTS, '--stations', NETWORK, '--start', '2026-03-10T00:00:00Z', '--stop', '2026-03-10T06:00:00Z', '--format', 'csv']);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('object,objectName,station,aos,tca,los,durationS,maxElevationDeg,aosAzimuthDeg,tcaAzimuthDeg,losAzimuthDeg,tcaRangeKm,illumination,aosClipped,losClipped');
    expect(lines.length).toBeGreaterThan(20);
  });
});

describe('skylane schedule', () => {
  it('prints a plan with metrics and explicit unmet requirements', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skylane-schedule-'));
    const req = join(dir, 'req.json');
    writeFileSync(req, JSON.stringify({ default: { minContactsPerDay: 3 }, satellites: [{ catalogNumber: 25544, minContactsPerDay: 40 }] }));
    const stations = join(dir, 'stations.json');
    writeFileSync(stations, JSON.stringify([{ id: 'WALLOPS', latDeg: 37.9249, lonDeg: -75.4765, altM: 0, minElevationDeg: 10, antennas: { count: 1, setupTimeS: 120 } }, { id: 'AWARUA', latDeg: -46.529, lonDeg: 168.381, altM: 10, minElevationDeg: 5, antennas: { count: 1, setupTimeS: 120 } }]));
    await run(['schedule', '--catalog', ELEMENTS, '--stations', stations, '--start', '2026-03-10T00:00:00Z', '--stop', '2026-03-11T00:00:00Z', '--requirements', req]);
    const plan = JSON.parse(stdout) as {
      method: string;
      status: string;
      metrics: { contacts: number; satellitesWithUnmetRequirements: number; stations: { station: string; utilisation: number }[] };
      unmet: { object: number; missingContacts: number }[];
      contacts: { object: number; station: string; antenna: number; start: string; stop: string }[];
    };
    expect(plan.method).toBe('milp');
    expect(plan.status).toBe('optimal');
    expect(plan.metrics.contacts).toBe(plan.contacts.length);
    expect(plan.unmet.find((u) => u.object === 25544)?.missingContacts).toBeGreaterThan(25);
    expect(plan.metrics.stations.map((s) => s.station)).toEqual(['WALLOPS', 'AWARUA']);
    // No two contacts on one antenna closer than the 120 s setup time.
    for (const st of ['WALLOPS', 'AWARUA']) {
      const cs = plan.contacts.filter((c) => c.station === st).sort((a, b) => a.start.localeCompare(b.start));
      for (let k = 1; k < cs.length; k++) expect(Date.parse(cs[k]!.start) - Date.parse(cs[k - 1]!.stop)).toBeGreaterThanOrEqual(120_000 - 1);
    }
  });
});
