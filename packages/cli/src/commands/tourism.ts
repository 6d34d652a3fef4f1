/** `skylane tourism …`: the tourism command group; `go-no-go` evaluates a flight's launch-day checklist from a JSON file. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import {
  evaluateGoNoGo,
  findLaunchSite,
  findSuborbitalVehicle,
  goNoGoInputFromJson,
  parseSuborbitalVehicle,
  SUBORBITAL_VEHICLES,
  suborbitalProfileCheck,
  TOURISM_VEHICLE_CLASSES,
  type SuborbitalVehicle,
} from '@skylane/core';
import { cliTimeScales } from '../context.ts';
import { fileLabel, readTextFile } from '../io.ts';
import { UsageError } from '../usage.ts';

/** Exit status of `tourism go-no-go` for a NO-GO verdict (GO exits 0, usage errors 2). */
export const NO_GO_EXIT_CODE = 3;

/** The `tourism` command group (made once; other modules add their subcommands to it). */
export function tourismGroup(program: Command): Command {
  return program.commands.find((c) => c.name() === 'tourism') ?? program.command('tourism').description('space tourism operations: launch-day go/no-go (and orbital/suborbital planning commands)');
}

const EXAMPLE = `{
  "flight": "TF-1",
  "launchUtc": "2026-07-20T02:00:00Z",
  "vehicleClass": "capsule-sea",
  "vehicle": { "lastLandingUtc": "2026-05-01T00:00:00Z", "openAnomalies": 0 },
  "hazardAreas": [
    { "id": "booster-HA1", "polygonDeg": [[30, 121], [30, 122], [31, 122], [31, 121]],
      "activeFromUtc": "2026-07-20T01:30:00Z", "activeToUtc": "2026-07-20T03:00:00Z" },
    { "id": "capsule", "ellipse": { "centerLatDeg": 30, "centerLonDeg": 120, "semiMajorKm": 20,
      "semiMinorKm": 8, "majorAxisAzimuthDeg": 90 },
      "activeFromUtc": "2026-07-20T01:30:00Z", "activeToUtc": "2026-07-20T03:00:00Z" }
  ],
  "traffic": [{ "id": "MV-ONE", "kind": "vessel", "latDeg": 29.5, "lonDeg": 121.5 }],
  "lcola": { "windowStart": "2026-07-20T01:00:00Z", "windowEnd": "2026-07-20T04:00:00Z",
             "blackouts": [{ "from": "2026-07-20T01:10:00Z", "to": "2026-07-20T01:20:00Z" }] },
  "recovery": { "landingZone": { "latDeg": 30, "lonDeg": 120, "stationRadiusKm": 50 },
                "assets": [{ "id": "ship-1", "kind": "ship", "latDeg": 30.1, "lonDeg": 120.1 }],
                "required": { "ship": 1 } },
  "weather": { "surfaceWindMps": 6, "gustMps": 9, "waveHeightM": 1.0 },
  "passengers": [{ "id": "seat-1", "trainingComplete": true, "medicalCleared": true,
                   "medicalExpiresUtc": "2026-12-31T00:00:00Z" }],
  "profileCheck": { "passed": true }
}`;

/**
 * The flight file's suborbital vehicle (`profileVehicle`, or `suborbitalVehicle`): a bundled id, a JSON file (relative
 * to the flight file) or an inline vehicle object; undefined when the file names none.
 */
function profileVehicleOf(o: Record<string, unknown>, flightFile: string): SuborbitalVehicle | undefined {
  const key = o['profileVehicle'] !== undefined ? 'profileVehicle' : 'suborbitalVehicle';
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return parseSuborbitalVehicle(v);
  if (typeof v !== 'string' || v.length === 0) throw new UsageError(`--flight: $.${key} must be a bundled suborbital vehicle id (${SUBORBITAL_VEHICLES.map((x) => x.id).join(', ')}), a vehicle JSON file or a vehicle object.`);
  if (SUBORBITAL_VEHICLES.some((x) => x.id === v.trim().toLowerCase())) return findSuborbitalVehicle(v);
  const file = path.resolve(path.dirname(flightFile), v);
  if (!existsSync(file)) throw new UsageError(`--flight: $.${key} "${v}" is neither a bundled suborbital vehicle (${SUBORBITAL_VEHICLES.map((x) => x.id).join(', ')}) nor a file.`);
  let json: unknown;
  try {
    json = JSON.parse(readTextFile(file, 1 << 20));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--flight: $.${key} ${fileLabel(file)} is not JSON: ${(e as Error).message}`);
  }
  return parseSuborbitalVehicle(json);
}

export function registerTourismCommands(program: Command): void {
  const tourism = tourismGroup(program);
  tourism
    .command('go-no-go')
    .description("evaluate a tourism flight's launch-day go/no-go checklist from a JSON file of the day's inputs")
    .requiredOption('--flight <file>', "JSON file: the flight's launch time, vehicle class/limits and readiness, hazard areas, traffic, LCOLA, recovery assets, landing-zone weather, passengers")
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      `
Checklist items: hazard-area-clearance (vessels/aircraft inside a hazard polygon or ellipse active at launch), lcola
(launch inside a blackout of \`skylane launch lcola --json\` output, which "lcola" accepts as is), recovery-assets (on
station within stationRadiusKm of the landing zone, per required kind), surface-wind, gusts, wave-height (limits of
the vehicleClass: ${Object.keys(TOURISM_VEHICLE_CLASSES).join(', ')}; or "limits": {maxSurfaceWindMps, maxGustMps,
maxWaveHeightM|null}), vehicle-turnaround, vehicle-anomalies, passenger-training, passenger-medical (cleared and
valid at launch), profile-check (optional unless "requireProfileCheck": true). Absent data is NO-GO "missing".

Profile check from the suborbital model: give "profileVehicle" (or "suborbitalVehicle": a bundled id
(${SUBORBITAL_VEHICLES.map((v) => v.id).join(', ')}), a vehicle JSON file relative to the flight file, or an inline
vehicle object as for \`skylane suborbital profile --vehicle\`) and "site" (launch site id, e.g. jiuquan): the nominal
profile is flown at launchUtc and checked against the NASA-STD-3001 sustained-acceleration envelope; every violation
makes profile-check NO-GO, naming axis, value, limit and time (a "profileCheck" in the file is then ignored). Without
"vehicleClass"/"limits", the weather limits are those of the class the vehicle names (capsule → capsule).
Units are in every field name (Deg, Km, Mps, M, S, Utc). Use passenger ids, not names: they appear in the report.

JSON output: {flight, launchUtc, verdict: GO|NO-GO, items[{item, subject?, status, reason, value?, limit?, unit?,
detail}], failing[...]}.
Exit status: 0 GO, ${NO_GO_EXIT_CODE} NO-GO (the report is printed either way), 2 a bad file or field (named by its JSON path).

Example file:
${EXAMPLE}

Examples:
  $ skylane tourism go-no-go --flight tf-1-day.json --json
  $ skylane tourism go-no-go --flight tf-1-day.json && echo "GO for launch"`,
    )
    .action((opts: { flight: string; json?: boolean }) => {
      const ts = cliTimeScales();
      const text = readTextFile(opts.flight);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw new UsageError(`--flight: ${fileLabel(opts.flight)} is not JSON: ${(e as Error).message}`);
      }
      const o = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
      const vehicle = profileVehicleOf(o, opts.flight);
      if (vehicle !== undefined && o['vehicleClass'] === undefined && o['limits'] === undefined && vehicle.vehicleClass !== undefined) json = { ...o, vehicleClass: vehicle.vehicleClass };
      let input = goNoGoInputFromJson(json, ts);
      if (vehicle !== undefined) {
        if (typeof o['site'] !== 'string') throw new UsageError('--flight: $.site (a launch site id) is required with a profile vehicle.');
        input = { ...input, profileCheck: suborbitalProfileCheck(vehicle, findLaunchSite(o['site']), input.launch) };
      }
      const report = evaluateGoNoGo(input, ts);
      const flight = typeof (json as Record<string, unknown>)['flight'] === 'string' ? ((json as Record<string, unknown>)['flight'] as string) : null;
      if (opts.json === true) process.stdout.write(`${JSON.stringify({ flight, launchUtc: ts.formatUtcIso(input.launch, 0), ...report }, null, 2)}\n`);
      else {
        const lines = [`${flight ?? 'flight'} at ${ts.formatUtcIso(input.launch, 0)}: ${report.verdict}`];
        for (const i of report.items) lines.push(`  ${i.status === 'go' ? 'GO   ' : i.status === 'no-go' ? 'NO-GO' : '  -  '} ${i.item}${i.subject !== undefined ? ` [${i.subject}]` : ''}: ${i.reason === 'missing' ? 'MISSING, ' : ''}${i.detail}`);
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      if (report.verdict === 'NO-GO') process.exitCode = NO_GO_EXIT_CODE;
    });
}
