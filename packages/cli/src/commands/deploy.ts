/** `skylane deploy plan`: a deployment campaign (launches, phasing, raising, service dates) for a design catalog. */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { readLaunchSites, readLaunchVehicles, type DeploymentPlan, type SatellitePropulsion } from '@skylane/core';
import { planDeploymentInWorker } from '@skylane/server/constellation';
import { log, readTextFile } from '../io.ts';
import { parseChoice, parsePositive, UsageError } from '../usage.ts';
import { cliTimeScales } from '../context.ts';
import { campaignSvg } from '../constellationSvg.ts';

interface PlanOptions {
  design: string;
  fleet?: string;
  sites?: string;
  start: string;
  json?: boolean;
  satelliteMassKg?: string;
  thrustN?: string;
  ispS?: string;
  propellantKg?: string;
  insertionAltitudeKm?: string;
  perLaunch?: string;
  strategy: string;
  maxDriftDays?: string;
  screen?: boolean;
  catalog?: string;
  alertKm?: string;
  screeningDays?: string;
  gantt?: string;
}

function readJson(path: string, flag: string): unknown {
  try {
    return JSON.parse(readTextFile(path));
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`${flag}: ${path} is not valid JSON (${(err as Error).message}).`);
  }
}

/** The plan as printed: the contract fields first. */
export function planJson(plan: DeploymentPlan): unknown {
  return {
    launches: plan.launches,
    initialServiceEpoch: plan.initialServiceEpoch,
    fullServiceEpoch: plan.fullServiceEpoch,
    totalDvMps: plan.totalDvMps,
    totalPropellantKg: plan.totalPropellantKg,
    launchCount: plan.launchCount,
    launchesPerSite: plan.launchesPerSite,
    shells: plan.shells,
    conjunctionsFlagged: plan.conjunctionsFlagged,
    launchesRephased: plan.launchesRephased,
    timeline: plan.timeline,
  };
}

export function registerDeployCommand(program: Command): void {
  const cmd = program.command('deploy').description('plan constellation deployment campaigns');
  cmd
    .command('plan')
    .description('plan the launches that fill a design: site, vehicle, epoch (RAAN-matched), insertion, phasing or J2 drift, raising, service dates')
    .requiredOption('--design <file>', 'the design as a catalog (e.g. from `skylane constellation design`; any GP format)')
    .option('--fleet <file>', 'vehicle library JSON (default: the bundled library, docs/design/constellation-deployment.md)')
    .option('--sites <file>', 'launch-site network JSON with allowed azimuths (default: the bundled Chinese site network)')
    .requiredOption('--start <iso>', 'campaign start, ISO-8601 UTC')
    .option('--json', 'print the plan as JSON on stdout (default: a text summary)')
    .option('--satellite-mass-kg <kg>', 'satellite wet mass (default 230)')
    .option('--thrust-n <n>', 'satellite thrust (default 0.04)')
    .option('--isp-s <s>', 'satellite specific impulse (default 1500)')
    .option('--propellant-kg <kg>', 'propellant on board (default 20)')
    .option('--insertion-altitude-km <km>', 'insertion (parking) altitude (default 0.75 × shell altitude, rounded to 50 km)')
    .option('--per-launch <n>', 'most satellites per launch (dispenser limit; default: vehicle capacity)')
    .option('--strategy <s>', 'auto|launch-timing|j2-drift', 'auto')
    .option('--max-drift-days <d>', 'longest J2 drift accepted by auto (default 180)')
    .option('--screen', 'screen every batch (drift and raise) against the constellation and --catalog, and move launches with an alert')
    .option('--catalog <file>', 'catalog to screen against (implies --screen)')
    .option('--alert-km <km>', 'miss distance that moves a launch (default 1)')
    .option('--screening-days <d>', 'longest screened span per phase (default 1)')
    .option('--gantt <file>', 'write a Gantt-like campaign chart as SVG')
    .addHelpText(
      'after',
      `
JSON: {launches: [{epoch, site, vehicle, plane, raanDeg, insertionAltitudeKm, satellites, driftDays, raiseDays, dvMps,
shell, launchIndex, strategy, slots, targetRaanDeg, nodalDriftDeg, arrivalEpoch, conjunctions, ...}], initialServiceEpoch,
fullServiceEpoch, totalDvMps, totalPropellantKg, launchesPerSite, shells: [{strategy, reason, ...}], timeline}.
A launch carrying batches for several planes (J2 drift) appears once per batch with the same launchIndex. dvMps is
per satellite; totalDvMps sums over satellites. Constraint failures exit 2 with the constraint named
(SITE_AZIMUTH, SITE_LATITUDE, VEHICLE_ALTITUDE, VEHICLE_CAPACITY, SATELLITE_PROPULSION, NO_LAUNCH_OPTION).

Examples:
  $ skylane deploy plan --design qianfan-shell.json --start 2026-01-01T00:00:00Z --per-launch 18 --json
  $ skylane deploy plan --design shell53.json --fleet fleet.json --sites sites.json --start 2026-01-01T00:00:00Z \\
      --screen --catalog catalog.json.gz --gantt campaign.svg`,
    )
    .action(async (opts: PlanOptions) => {
      const ts = cliTimeScales();
      try {
        ts.parseUtcIso(opts.start);
      } catch (err) {
        throw new UsageError(`--start: ${(err as Error).message}`);
      }
      const strategy = parseChoice(opts.strategy, '--strategy', ['auto', 'launch-timing', 'j2-drift'] as const);
      const vehicles = opts.fleet !== undefined ? readLaunchVehicles(readJson(opts.fleet, '--fleet')) : undefined;
      const sites = opts.sites !== undefined ? readLaunchSites(readJson(opts.sites, '--sites')) : undefined;
      const satellite: SatellitePropulsion = {
        massKg: opts.satelliteMassKg !== undefined ? parsePositive(opts.satelliteMassKg, '--satellite-mass-kg') : 230,
        thrustN: opts.thrustN !== undefined ? parsePositive(opts.thrustN, '--thrust-n') : 0.04,
        ispS: opts.ispS !== undefined ? parsePositive(opts.ispS, '--isp-s') : 1500,
        propellantKg: opts.propellantKg !== undefined ? parsePositive(opts.propellantKg, '--propellant-kg') : 20,
      };
      const perLaunch = opts.perLaunch !== undefined ? parsePositive(opts.perLaunch, '--per-launch') : undefined;
      if (perLaunch !== undefined && !Number.isInteger(perLaunch)) throw new UsageError(`--per-launch: "${opts.perLaunch}" must be a whole number.`);
      const screen = opts.screen === true || opts.catalog !== undefined;
      const plan = await planDeploymentInWorker(
        {
          designText: readTextFile(opts.design),
          startIso: opts.start,
          ...(vehicles !== undefined ? { vehicles } : {}),
          ...(sites !== undefined ? { sites } : {}),
          satellite,
          ...(opts.insertionAltitudeKm !== undefined ? { insertionAltitudeKm: parsePositive(opts.insertionAltitudeKm, '--insertion-altitude-km') } : {}),
          ...(perLaunch !== undefined ? { satellitesPerLaunch: perLaunch } : {}),
          strategy,
          ...(opts.maxDriftDays !== undefined ? { maxDriftDays: parsePositive(opts.maxDriftDays, '--max-drift-days') } : {}),
          ...(screen
            ? {
                safety: {
                  ...(opts.alertKm !== undefined ? { alertDistanceKm: parsePositive(opts.alertKm, '--alert-km') } : {}),
                  ...(opts.screeningDays !== undefined ? { screeningDays: parsePositive(opts.screeningDays, '--screening-days') } : {}),
                  ...(opts.catalog !== undefined ? { catalogText: readTextFile(opts.catalog) } : {}),
                },
              }
            : {}),
        },
        { threads: 0 },
      );
      if (opts.gantt !== undefined) {
        writeFileSync(opts.gantt, campaignSvg(plan));
        log.info(`campaign chart written to ${opts.gantt}`);
      }
      if (opts.json === true) process.stdout.write(JSON.stringify(planJson(plan), null, 1) + '\n');
      else {
        const lines = [
          `${plan.launchCount} launches (${Object.entries(plan.launchesPerSite).map(([s, n]) => `${s} ${n}`).join(', ')})`,
          ...plan.shells.map((s) => `shell ${s.shell + 1}: ${s.strategy} — ${s.reason}`),
          `initial service ${plan.initialServiceEpoch}, full service ${plan.fullServiceEpoch}`,
          `total raise Δv ${plan.totalDvMps.toFixed(0)} m/s over all satellites, propellant ${plan.totalPropellantKg.toFixed(1)} kg`,
          ...(screen ? [`deployment screening: ${plan.conjunctionsFlagged} alert(s), ${plan.launchesRephased} launch(es) moved`] : []),
        ];
        process.stdout.write(lines.join('\n') + '\n');
      }
    });
}
