/** `skylane suborbital profile`: a suborbital tourism flight (capsule on a reusable booster): profile, g-limits, aborts, landing dispersion. */
import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { findLaunchSite, findSuborbitalVehicle, parseSuborbitalVehicle, planSuborbitalFlight, SUBORBITAL_VEHICLES, suborbitalPlanJson, type SuborbitalVehicle } from '@skylane/core';
import { cliTimeScales } from '../context.ts';
import { checkOutputFile, openOutput, readTextFile } from '../io.ts';
import { parseNumberInRange, UsageError } from '../usage.ts';
import { suborbitalProfileSvg } from '../suborbitalSvg.ts';

interface ProfileOpts {
  vehicle: string;
  site: string;
  launch: string;
  samples: string;
  seed: string;
  abortStepS: string;
  abortSamples: string;
  microgravityG: string;
  windEastMps: string;
  windNorthMps: string;
  plot?: string;
  json?: boolean;
}

/** A bundled vehicle id, else a JSON file describing one. */
function loadVehicle(nameOrFile: string): SuborbitalVehicle {
  if (SUBORBITAL_VEHICLES.some((v) => v.id === nameOrFile.trim().toLowerCase())) return findSuborbitalVehicle(nameOrFile);
  if (!existsSync(nameOrFile)) throw new UsageError(`--vehicle: "${nameOrFile}" is neither a bundled vehicle (${SUBORBITAL_VEHICLES.map((v) => v.id).join(', ')}) nor a file.`);
  let json: unknown;
  try {
    json = JSON.parse(readTextFile(nameOrFile, 1 << 20));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--vehicle: ${nameOrFile} is not valid JSON (${(e as Error).message}).`);
  }
  return parseSuborbitalVehicle(json);
}

export function registerSuborbitalCommand(program: Command): void {
  const sub = program.command('suborbital').description('suborbital tourism flights: profile, human-tolerance check, aborts and landing dispersion');
  sub
    .command('profile')
    .description('fly a suborbital profile from a launch site: apogee, time above 100 km and in microgravity, peak g, g-limit violations, abort modes, landing ellipse and hazard areas')
    .requiredOption('--vehicle <name|file>', `bundled vehicle (${SUBORBITAL_VEHICLES.map((v) => v.id).join(', ')}) or a JSON file of the same shape`)
    .requiredOption('--site <id>', 'launch site id (jiuquan, taiyuan, xichang, wenchang, hainan-commercial, haiyang-sea)')
    .requiredOption('--launch <ISO>', 'liftoff time (UTC), e.g. 2026-12-07T03:00:00Z')
    .option('--samples <n>', 'Monte Carlo samples of the landing dispersion (0 = none)', '1000')
    .option('--seed <n>', 'Monte Carlo seed (same seed, same result)', '20211207')
    .option('--abort-step-s <s>', 'spacing of the ascent abort times (0 = no abort analysis)', '20')
    .option('--abort-samples <n>', 'Monte Carlo samples per abort time', '40')
    .option('--microgravity-g <g>', 'residual acceleration below which the flight counts as microgravity (g)', '0.01')
    .option('--wind-east-mps <m/s>', 'forecast wind below 20 km towards the east (m/s)', '0')
    .option('--wind-north-mps <m/s>', 'forecast wind below 20 km towards the north (m/s)', '0')
    .option('--plot <file.svg>', 'also write an SVG of altitude and sensed g over time')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
JSON fields: apogeeKm, timeAboveKarmanS, microgravityS (below --microgravity-g), maxAscentG, maxReentryG (apogee to
drogue), maxParachuteG, landing {lat, lon (degrees), tS, time, touchdownSpeedMps, ellipse {centerLatDeg, centerLonDeg,
semiMajorKm, semiMinorKm, majorAxisAzimuthDeg, sigma: 3, polygonLonLatDeg}}, booster {lat, lon, tS, ellipse},
violations [{axis (+Gx|-Gx|+Gz|-Gz|Gy), tS, startS, durationS, valueG, limitG, allowedDurationS}] against the
NASA-STD-3001 Vol. 2 sustained-acceleration envelope, aborts [{tS, mode, available, reason, landing, ellipse,
rangeKm}], hazardAreas [{id, activeFrom, activeTo, polygonLonLatDeg}], events, meco, series [{tS, altKm, speedKmS,
gx, gy, gz}] every 2 s.

Examples:
  $ skylane suborbital profile --vehicle capsule --site jiuquan --launch 2026-12-07T03:00:00Z --json
  $ skylane suborbital profile --vehicle capsule --site jiuquan --launch 2026-12-07T03:00:00Z --plot profile.svg
  $ skylane suborbital profile --vehicle my-capsule.json --site wenchang --launch 2026-12-07T03:00:00Z \\
      --samples 200 --wind-east-mps 8 --json > profile.json`,
    )
    .action(async (o: ProfileOpts) => {
      const ts = cliTimeScales();
      const vehicle = loadVehicle(o.vehicle);
      const site = findLaunchSite(o.site);
      let launch;
      try {
        launch = ts.parseUtcIso(o.launch);
      } catch {
        throw new UsageError(`--launch: "${o.launch}" is not an ISO-8601 UTC time such as 2026-12-07T03:00:00Z.`);
      }
      const samples = parseNumberInRange(o.samples, '--samples', { min: 0, max: 20000, unit: '', integer: true });
      const seed = parseNumberInRange(o.seed, '--seed', { min: 0, max: 2 ** 32 - 1, unit: '', integer: true });
      const abortStepS = parseNumberInRange(o.abortStepS, '--abort-step-s', { min: 0, max: 600, unit: 's' });
      if (abortStepS > 0 && abortStepS < 1) throw new UsageError('--abort-step-s must be 0 (no aborts) or at least 1 s.');
      const abortSamples = parseNumberInRange(o.abortSamples, '--abort-samples', { min: 0, max: 2000, unit: '', integer: true });
      const thr = parseNumberInRange(o.microgravityG, '--microgravity-g', { min: 0, max: 0.5, unit: 'g', minExclusive: true });
      const windEastMps = parseNumberInRange(o.windEastMps, '--wind-east-mps', { min: -100, max: 100, unit: 'm/s' });
      const windNorthMps = parseNumberInRange(o.windNorthMps, '--wind-north-mps', { min: -100, max: 100, unit: 'm/s' });
      checkOutputFile(o.plot, '--plot');
      const plan = planSuborbitalFlight({ vehicle, site, launch, samples, seed, abortStepS, abortSamples, options: { microgravityThresholdG: thr, windEastMps, windNorthMps } });
      const json = suborbitalPlanJson(plan, ts);
      if (o.plot !== undefined) writeFileSync(o.plot, suborbitalProfileSvg(plan.nominal, `${vehicle.id} from ${site.id}, ${ts.formatUtcIso(launch, 0)}`));
      const n = plan.nominal;
      const D = 180 / Math.PI;
      const text =
        `${vehicle.id} from ${site.id} at ${ts.formatUtcIso(launch, 0)}\n` +
        `  apogee ${n.apogeeKm.toFixed(2)} km at T+${n.apogeeTS.toFixed(0)} s; above 100 km ${n.timeAboveKarmanS.toFixed(0)} s; microgravity ${n.microgravityS.toFixed(0)} s (< ${n.microgravityThresholdG} g)\n` +
        `  max g: ascent ${n.maxAscentG.toFixed(2)}, reentry ${n.maxReentryG.toFixed(2)}, parachutes ${n.maxParachuteG.toFixed(2)}; touchdown T+${n.landing.tS.toFixed(0)} s at ${n.touchdownSpeedMps.toFixed(1)} m/s\n` +
        `  landing ${(n.landing.latRad * D).toFixed(5)}, ${(n.landing.lonRad * D).toFixed(5)}` +
        (plan.capsuleEllipse ? `; 3σ ellipse ${plan.capsuleEllipse.semiMajorKm.toFixed(2)} × ${plan.capsuleEllipse.semiMinorKm.toFixed(2)} km (${samples} samples)` : '') +
        '\n' +
        (n.booster ? `  booster return ${(n.booster.latRad * D).toFixed(5)}, ${(n.booster.lonRad * D).toFixed(5)} at T+${n.booster.tS.toFixed(0)} s\n` : '') +
        `  tolerance: ${plan.violations.length === 0 ? 'within the NASA-STD-3001 sustained envelope' : plan.violations.map((v) => `${v.axis} ${v.peakG.toFixed(1)} g > ${v.limitG} g at T+${v.tS.toFixed(1)} s`).join('; ')}\n` +
        plan.aborts.map((a) => `  abort T+${a.tS.toFixed(0).padStart(3)} s ${a.mode.padEnd(13)} ${a.available ? 'available  ' : 'UNAVAILABLE'} lands ${a.rangeKm.toFixed(1)} km from the pad, 3σ ${a.ellipse.semiMajorKm.toFixed(1)} km: ${a.reason}`).join('\n') +
        (plan.aborts.length > 0 ? '\n' : '');
      const out = openOutput(undefined);
      out.write(o.json ? JSON.stringify(json, null, 2) + '\n' : text);
      await out.close();
    });
}
