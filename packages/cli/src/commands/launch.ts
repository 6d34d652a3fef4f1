/** `skylane launch window|plan`, `skylane notam parse` and `skylane lcola`: launch windows, ascent and drop zones, hazard-area NOTAMs and launch COLA. */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  findLaunchSite,
  hazardAreaToNotamText,
  hazardAreasToGeoJson,
  latestElementSets,
  launchOpportunities,
  launchPlanJson,
  parseNotams,
  planLaunch,
  screenLaunchWindow,
  j2NodalRateRadS,
  WGS84,
  type HazardArea,
  type Instant,
  type LaunchPlan,
  type TimeScales,
} from '@skylane/core';
import { loadCatalog } from '../catalogInput.ts';
import { cliTimeScales } from '../context.ts';
import { fileLabel, log, openOutput, readTextFile } from '../io.ts';
import { parseChoice, parseIdList, parseNumberInRange, parsePositive, UsageError } from '../usage.ts';

const D = Math.PI / 180;

function parseNumber(text: string, flag: string, min: number, max: number): number {
  return parseNumberInRange(text, flag, { min, max, unit: '' });
}

function parseIso(text: string, flag: string, ts: TimeScales): Instant {
  try {
    return ts.parseUtcIso(text);
  } catch {
    throw new UsageError(`${flag}: "${text}" is not an ISO-8601 UTC time such as 2024-08-06T06:42:00Z.`);
  }
}

async function emit(json: unknown, text: string, asJson: boolean | undefined): Promise<void> {
  const o = openOutput(undefined);
  o.write(asJson ? JSON.stringify(json, null, 2) + '\n' : text);
  await o.close();
}

/** GeoJSON of a plan: drop zones, failed-landing area, landing point and the ground track (split at ±180°). */
export function planGeoJson(plan: LaunchPlan, ts: TimeScales): unknown {
  const areas: (HazardArea & { properties?: Record<string, unknown> })[] = plan.dropZones.map((z) => ({
    ...z,
    properties: { kind: 'drop-zone', element: z.element, units: z.units, downrangeKm: Math.round(z.downrangeKm * 10) / 10, vehicle: plan.vehicle.id, site: plan.site.id },
  }));
  if (plan.landing.failureArea) areas.push({ ...plan.landing.failureArea, properties: { kind: 'landing-failure-area', element: plan.landing.element } });
  const fc = hazardAreasToGeoJson(areas, ts);
  const deg = (x: number): number => Math.round((x / D) * 1e6) / 1e6;
  const lines: number[][][] = [[]];
  let prev: number | undefined;
  for (const p of plan.ascent.track) {
    const lon = deg(p.lonRad);
    if (prev !== undefined && Math.abs(lon - prev) > 180) lines.push([]);
    lines[lines.length - 1]!.push([lon, deg(p.latRad)]);
    prev = lon;
  }
  fc.features.push({ type: 'Feature', id: 'ground-track', geometry: { type: 'MultiLineString', coordinates: lines.filter((l) => l.length >= 2) }, properties: { kind: 'ground-track', vehicle: plan.vehicle.id } });
  if (plan.landing.center) {
    fc.features.push({ type: 'Feature', id: 'landing', geometry: { type: 'Point', coordinates: [deg(plan.landing.center.lonRad), deg(plan.landing.center.latRad)] }, properties: { kind: 'landing', mode: plan.landing.mode, dispersion3SigmaKm: plan.landing.dispersion3SigmaKm } });
  }
  fc.features.push({ type: 'Feature', id: 'site', geometry: { type: 'Point', coordinates: [plan.site.lonDeg, plan.site.latDeg] }, properties: { kind: 'launch-site', site: plan.site.id } });
  return fc;
}

interface WindowOpts {
  site: string;
  raanDeg: string;
  inclinationDeg: string;
  date: string;
  altitudeKm: string;
  raanRateDegPerDay?: string;
  j2?: boolean;
  json?: boolean;
}

interface PlanOpts {
  site: string;
  vehicle: string;
  inclinationDeg: string;
  altitudeKm: string;
  launch: string;
  payloadKg?: string;
  samples: string;
  seed: string;
  branch: string;
  corridor: string;
  windowMin: string;
  geojson?: string;
  notamOut?: string;
  json?: boolean;
}

interface LcolaOpts {
  plan: string;
  catalog: string[];
  windowStart: string;
  windowEnd: string;
  launchStepS: string;
  parkingMin: string;
  standOffKm: string;
  crewedStandOffKm: string;
  crewedIds?: string;
  json?: boolean;
}

export function registerLaunchCommands(program: Command): void {
  const launch = program.command('launch').description('launch windows to an orbit plane, and launch plans (ascent, drop zones, booster landing)');

  launch
    .command('window')
    .description('instantaneous launch times in a UTC day from a site to an orbit plane (RAAN, inclination), with azimuths and dog-leg cost')
    .requiredOption('--site <id>', 'launch site: jiuquan, taiyuan, xichang, wenchang, hainan-commercial, haiyang-sea')
    .requiredOption('--raan-deg <deg>', 'RAAN of the plane at 00:00 UTC of the date (TEME of date, degrees)')
    .requiredOption('--inclination-deg <deg>', 'inclination of the plane (degrees)')
    .requiredOption('--date <YYYY-MM-DD>', 'UTC day searched')
    .option('--altitude-km <km>', 'insertion altitude for the azimuth and the plane-change Δv', '500')
    .option('--raan-rate-deg-per-day <deg>', 'nodal drift of the plane over the day (default 0)')
    .option('--j2', 'drift the plane at the J2 nodal rate of a circular orbit at --altitude-km')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
JSON fields: site, date, raanDeg, inclinationDeg, altitudeKm, opportunities [{time, branch (ascending|descending|
dogleg-ascending|dogleg-descending), azimuthDeg (Earth-relative), inertialAzimuthDeg, inSector, insertionInclinationDeg,
planeChangeDeg, planeChangeDeltaVMps}].

Examples:
  $ skylane launch window --site taiyuan --raan-deg 269.92 --inclination-deg 89 --date 2024-08-06 --json
  $ skylane launch window --site wenchang --raan-deg 120 --inclination-deg 41.47 --date 2026-03-10 --altitude-km 390 --j2`,
    )
    .action(async (o: WindowOpts) => {
      const ts = cliTimeScales();
      const site = findLaunchSite(o.site);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(o.date)) throw new UsageError(`--date: "${o.date}" must be YYYY-MM-DD.`);
      const start = parseIso(`${o.date}T00:00:00Z`, '--date', ts);
      const raan = parseNumber(o.raanDeg, '--raan-deg', -360, 360);
      const inc = parseNumber(o.inclinationDeg, '--inclination-deg', 0, 180);
      const alt = parseNumber(o.altitudeKm, '--altitude-km', 100, 50000);
      if (o.j2 && o.raanRateDegPerDay !== undefined) throw new UsageError('Give either --j2 or --raan-rate-deg-per-day, not both.');
      const rate = o.j2 ? j2NodalRateRadS(WGS84.aKm + alt, inc * D) : o.raanRateDegPerDay !== undefined ? (parseNumber(o.raanRateDegPerDay, '--raan-rate-deg-per-day', -360, 360) * D) / 86400 : 0;
      const ops = launchOpportunities(site, { raanRad: raan * D, inclinationRad: inc * D, epoch: start, raanRateRadS: rate }, { start, altitudeKm: alt }, ts);
      const r = (x: number, k = 1e4): number => Math.round(x * k) / k;
      const json = {
        site: site.id,
        date: o.date,
        raanDeg: raan,
        inclinationDeg: inc,
        altitudeKm: alt,
        raanRateDegPerDay: r((rate / D) * 86400, 1e6),
        opportunities: ops.map((p) => ({
          time: ts.formatUtcIso(p.time, 3),
          branch: p.branch,
          azimuthDeg: r(p.azimuthRad / D),
          inertialAzimuthDeg: r(p.inertialAzimuthRad / D),
          inSector: p.inSector,
          insertionInclinationDeg: r(p.insertionInclinationRad / D),
          planeChangeDeg: r(p.planeChangeRad / D),
          planeChangeDeltaVMps: r(p.planeChangeDeltaVKmS * 1000, 10),
        })),
      };
      const text =
        ops.length === 0
          ? `No opportunity from ${site.id} on ${o.date}.\n`
          : ops.map((p) => `${ts.formatUtcIso(p.time, 3)}  ${p.branch.padEnd(17)} azimuth ${(p.azimuthRad / D).toFixed(2).padStart(7)}°${p.inSector ? '' : ' (outside sectors)'}${p.planeChangeRad > 0 ? `  plane change ${(p.planeChangeRad / D).toFixed(2)}° = ${(p.planeChangeDeltaVKmS * 1000).toFixed(0)} m/s` : ''}`).join('\n') + '\n';
      await emit(json, text, o.json);
    });

  launch
    .command('plan')
    .description('plan a launch: ascent, drop zones (Monte Carlo 3σ hazard areas with activation times), booster landing')
    .requiredOption('--site <id>', 'launch site id (taiyuan, hainan-commercial, …)')
    .requiredOption('--vehicle <id>', 'vehicle: cz-2c, cz-2d, cz-5, cz-5b, cz-6a, cz-7, cz-8, cz-10-class, reusable-20t, heavy-100t')
    .requiredOption('--inclination-deg <deg>', 'target inclination (degrees)')
    .requiredOption('--altitude-km <km>', 'target orbit altitude (km)')
    .requiredOption('--launch <ISO>', 'liftoff time (UTC)')
    .option('--payload-kg <kg>', "payload mass (default: the vehicle's reference payload)")
    .option('--samples <n>', 'Monte Carlo samples for the hazard areas', '200')
    .option('--seed <n>', 'Monte Carlo seed', '20240806')
    .option('--branch <b>', 'auto|ascending|descending', 'auto')
    .option('--corridor <id>', "the site's corridor id, none (direct) or auto", 'auto')
    .option('--window-min <min>', 'launch-window length: hazard areas stay active over it', '0')
    .option('--geojson <file>', 'also write the drop zones, landing and ground track as GeoJSON (RFC 7946)')
    .option('--notam-out <file>', 'also write NOTAM-style text of every drop zone (a draft, FIR ZZZZ)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
JSON fields: site, vehicle, launch, inclinationDeg, altitudeKm, payloadKg, branch, corridor, azimuthDeg (liftoff heading),
directAzimuthDeg, dropZones [{element, units, centerLat, centerLon, downrangeKm, semiMajorKm, semiMinorKm,
polygon [[lon, lat]…], activeFrom, activeTo}], landing {mode, …}, cutoff {time, perigeeAltKm, apogeeAltKm,
inclinationDeg, reachedOrbit}, recovery [{zone, asset, arrivalTime, transitKm, searchRadiusKm}], groundTrack.

Examples:
  $ skylane launch plan --site taiyuan --vehicle cz-6a --inclination-deg 89 --altitude-km 800 --launch 2024-08-06T06:42:00Z --json
  $ skylane launch plan --site hainan-commercial --vehicle cz-10-class --inclination-deg 41.5 --altitude-km 400 \\
      --launch 2026-07-10T04:15:00Z --geojson plan.geojson --notam-out plan.notam --json > plan.json`,
    )
    .action(async (o: PlanOpts) => {
      const ts = cliTimeScales();
      const samples = parseNumber(o.samples, '--samples', 0, 100000);
      if (!Number.isInteger(samples)) throw new UsageError('--samples must be an integer.');
      const seed = Number(o.seed);
      if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer.');
      const inc = parseNumber(o.inclinationDeg, '--inclination-deg', 0, 180);
      const alt = parseNumber(o.altitudeKm, '--altitude-km', 150, 2000);
      const plan = planLaunch(
        {
          siteId: o.site,
          vehicleId: o.vehicle,
          inclinationRad: inc * D,
          altitudeKm: alt,
          launch: parseIso(o.launch, '--launch', ts),
          ...(o.payloadKg !== undefined ? { payloadKg: parseNumber(o.payloadKg, '--payload-kg', 0, 200000) } : {}),
          samples,
          seed,
          branch: parseChoice(o.branch, '--branch', ['auto', 'ascending', 'descending'] as const),
          corridorId: o.corridor,
          windowLengthS: parseNumber(o.windowMin, '--window-min', 0, 1440) * 60,
        },
        ts,
      );
      const json = { inclinationDeg: inc, altitudeKm: alt, ...launchPlanJson(plan, ts) };
      if (o.geojson !== undefined) writeFileSync(o.geojson, JSON.stringify(planGeoJson(plan, ts)) + '\n');
      if (o.notamOut !== undefined) {
        writeFileSync(o.notamOut, plan.dropZones.map((z, k) => hazardAreaToNotamText(z, ts, { series: `X${String(k + 1).padStart(4, '0')}/${ts.formatUtcIso(plan.launch).slice(2, 4)}`, purpose: `${plan.vehicle.id} ${z.element} drop zone` })).join('\n\n') + '\n');
      }
      const text =
        `${plan.vehicle.id} from ${plan.site.id} at ${ts.formatUtcIso(plan.launch, 0)}: ${plan.branch}, heading ${(plan.azimuthRad / D).toFixed(1)}° (direct ${(plan.directAzimuthRad / D).toFixed(1)}°), corridor ${plan.corridor?.id ?? 'direct'}\n` +
        plan.dropZones.map((z) => `  ${z.element.padEnd(13)} ${(z.center.latRad / D).toFixed(3)}N ${(z.center.lonRad / D).toFixed(3)}E  ${z.downrangeKm.toFixed(0).padStart(5)} km  3σ ${z.semiMajorKm.toFixed(0)}×${z.semiMinorKm.toFixed(0)} km  ${ts.formatUtcIso(z.activeFrom, 0)} – ${ts.formatUtcIso(z.activeTo, 0)}`).join('\n') +
        `\n  landing: ${plan.landing.mode}${plan.landing.center ? ` at ${(plan.landing.center.latRad / D).toFixed(3)}, ${(plan.landing.center.lonRad / D).toFixed(3)} (${plan.landing.downrangeKm!.toFixed(0)} km)` : ''}\n`;
      await emit(json, text, o.json);
    });

  const notam = program.command('notam').description('NOTAMs and navigational warnings for launch hazard areas');
  notam
    .command('parse')
    .description('parse NOTAMs (raw ICAO text, or a Joey0609/notams monthly JSON file) into polygons and time windows')
    .argument('<file>', 'NOTAM text or database JSON (.gz allowed)')
    .option('--geojson', 'print a GeoJSON FeatureCollection (RFC 7946) of the launch-related areas')
    .option('--json', 'print JSON: records (polygons in degrees, windows), failures and excluded records with reasons')
    .addHelpText(
      'after',
      `
Only launch-related records are analysed (the database's licence asks so); others are listed as excluded, with the reason.
Every record that cannot be read is reported with its reason (stderr, and in --json).

Examples:
  $ skylane notam parse ../shared/data/operations/notam-drop-zones/notam_db/2024-08.json --geojson > areas.geojson
  $ skylane notam parse notams.txt --json`,
    )
    .action(async (file: string, o: { geojson?: boolean; json?: boolean }) => {
      const ts = cliTimeScales();
      const r = parseNotams(readTextFile(file), fileLabel(file), ts);
      for (const f of r.failures) log.warn(`${f.source} ${f.code} rejected (${f.field}): ${f.reason}`);
      log.info(`${fileLabel(file)}: ${r.total} records, ${r.records.length} launch-related parsed, ${r.failures.length} rejected, ${r.excluded.length} excluded as not launch-related`);
      const o2 = openOutput(undefined);
      if (o.geojson) {
        o2.write(JSON.stringify(hazardAreasToGeoJson(r.records.map((x) => ({ ...x, properties: { code: x.code, ...(x.qCode ? { qCode: x.qCode } : {}), ...(x.fir ? { fir: x.fir } : {}) } })), ts)) + '\n');
      } else if (o.json) {
        const deg = (v: number): number => Math.round((v / D) * 1e6) / 1e6;
        o2.write(
          JSON.stringify(
            {
              total: r.total,
              records: r.records.map((x) => ({ code: x.code, activeFrom: ts.formatUtcIso(x.activeFrom, 0), activeTo: ts.formatUtcIso(x.activeTo, 0), polygon: x.polygon.map((p) => [deg(p.lonRad), deg(p.latRad)]), ...(x.verticalLimits ? { verticalLimits: x.verticalLimits } : {}), source: x.source })),
              failures: r.failures,
              excluded: r.excluded,
            },
            null,
            2,
          ) + '\n',
        );
      } else {
        for (const x of r.records) o2.write(`${x.code}  ${ts.formatUtcIso(x.activeFrom, 0)} – ${ts.formatUtcIso(x.activeTo, 0)}  ${x.polygon.length} vertices\n`);
      }
      await o2.close();
    });

  program
    .command('lcola')
    .description('launch collision avoidance: screen the ascent and parking orbit of a plan against a catalog over a launch window; blackout intervals')
    .requiredOption('--plan <file>', "a plan written by 'skylane launch plan --json'")
    .requiredOption('--catalog <files...>', 'catalog files (TLE, OMM KVN/XML/JSON/CSV)')
    .requiredOption('--window-start <ISO>', 'first candidate launch time (UTC)')
    .requiredOption('--window-end <ISO>', 'last candidate launch time (UTC)')
    .option('--launch-step-s <s>', 'spacing of candidate launch times', '60')
    .option('--parking-min <min>', 'screened time in the parking orbit after cut-off', '180')
    .option('--stand-off-km <km>', 'stand-off from uncrewed objects', '25')
    .option('--crewed-stand-off-km <km>', 'stand-off from crewed objects (ISS, CSS, crew vehicles: recognised by name)', '200')
    .option('--crewed-ids <ids>', 'extra catalog numbers to treat as crewed')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
JSON fields: windowStart, windowEnd, launchStepS, standOffKm, crewedStandOffKm, candidates, clearCandidates, objectsScreened,
skippedObjects, blackouts [{from, to, conflicts [{objectId, objectName, crewed, tca, missDistanceKm, phase (ascent|parking)}]}].

Examples:
  $ skylane launch plan --site taiyuan --vehicle cz-6a --inclination-deg 89 --altitude-km 800 --launch 2026-03-10T06:00:00Z --samples 0 --json > plan.json
  $ skylane lcola --plan plan.json --catalog data/catalog/socrates-catalog-gp-2026-03-10.json.gz \\
      --window-start 2026-03-10T06:00:00Z --window-end 2026-03-10T08:00:00Z --json`,
    )
    .action(async (o: LcolaOpts) => {
      const ts = cliTimeScales();
      let planJson: Record<string, unknown>;
      try {
        planJson = JSON.parse(readTextFile(o.plan)) as Record<string, unknown>;
      } catch (err) {
        if (err instanceof UsageError) throw err;
        throw new UsageError(`--plan: ${o.plan} is not JSON (write it with 'skylane launch plan --json > plan.json').`);
      }
      const need = (k: string): unknown => {
        if (planJson[k] === undefined) throw new UsageError(`--plan: ${o.plan} lacks "${k}" (write it with 'skylane launch plan --json').`);
        return planJson[k];
      };
      const plan = planLaunch(
        {
          siteId: String(need('site')),
          vehicleId: String(need('vehicle')),
          inclinationRad: Number(need('inclinationDeg')) * D,
          altitudeKm: Number(need('altitudeKm')),
          launch: parseIso(String(need('launch')), 'plan launch', ts),
          payloadKg: Number(need('payloadKg')),
          branch: String(need('branch')) as 'ascending' | 'descending',
          corridorId: String(need('corridor')) === 'direct' ? 'none' : String(need('corridor')),
          samples: 0,
        },
        ts,
      );
      const cat = loadCatalog(o.catalog, 'auto', ts);
      const sets = latestElementSets(cat.elementSets);
      const res = screenLaunchWindow(
        plan.ascent,
        sets,
        {
          windowStart: parseIso(o.windowStart, '--window-start', ts),
          windowEnd: parseIso(o.windowEnd, '--window-end', ts),
          launchStepS: parsePositive(o.launchStepS, '--launch-step-s'),
          parkingDurationS: parsePositive(o.parkingMin, '--parking-min') * 60,
          standOffKm: parsePositive(o.standOffKm, '--stand-off-km'),
          crewedStandOffKm: parsePositive(o.crewedStandOffKm, '--crewed-stand-off-km'),
          ...(o.crewedIds !== undefined ? { crewedIds: parseIdList(o.crewedIds, '--crewed-ids') } : {}),
        },
        ts,
      );
      for (const s of res.skipped) log.warn(`object ${s.catalogNumber} skipped (${s.code}): ${s.reason}`);
      const iso = (t: Instant): string => ts.formatUtcIso(t, 0);
      const json = {
        windowStart: o.windowStart,
        windowEnd: o.windowEnd,
        launchStepS: Number(o.launchStepS),
        standOffKm: Number(o.standOffKm),
        crewedStandOffKm: Number(o.crewedStandOffKm),
        candidates: res.candidates.length,
        clearCandidates: res.candidates.filter((c) => c.conflicts.length === 0).length,
        objectsScreened: res.objectsScreened,
        skippedObjects: res.skipped.length,
        blackouts: res.blackouts.map((b) => ({
          from: iso(b.from),
          to: iso(b.to),
          conflicts: b.conflicts.map((c) => ({ objectId: c.objectId, ...(c.objectName !== undefined ? { objectName: c.objectName } : {}), crewed: c.crewed, tca: ts.formatUtcIso(c.tca, 3), missDistanceKm: Math.round(c.missDistanceKm * 1000) / 1000, phase: c.phase })),
        })),
      };
      const text =
        `${json.clearCandidates}/${json.candidates} candidate launch times clear against ${json.objectsScreened} objects\n` +
        (res.blackouts.length === 0 ? 'no blackout\n' : res.blackouts.map((b) => `blackout ${iso(b.from)} – ${iso(b.to)}: ${[...new Set(b.conflicts.map((c) => c.objectId))].join(', ')}`).join('\n') + '\n');
      await emit(json, text, o.json);
    });
  for (const c of [...launch.commands, ...notam.commands]) c.exitOverride();
}
