/** `skylane tourism rendezvous` and `skylane tourism return`: orbital tourism (rendezvous phasing with a station, crewed screening, stay and return to a landing site). */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import {
  CREWED_LANDING_SITES,
  crewedScreeningJson,
  findLandingSite,
  insertionFromLaunch,
  initialStateFromSgp4,
  opmInitialState,
  planRendezvous,
  planReturn,
  rendezvousPhases,
  rendezvousPlanJson,
  returnPhases,
  rendezvousSvg,
  returnPlanJson,
  screenCrewedMission,
  sgp4InputFrom,
  type ElementSet,
  type LandingSite,
  type OrbitState,
  type RendezvousProfile,
  type TimeScales,
} from '@skylane/core';
import { loadCatalog } from '../catalogInput.ts';
import { cliTimeScales } from '../context.ts';
import { checkOutputFile, log, readTextFile, writeFileAtomically } from '../io.ts';
import { tourismGroup } from './tourism.ts';
import { parseChoice, parseIdList, parseNumberInRange, UsageError } from '../usage.ts';

/**
 * A state from a flag: an OPM file (KVN or XML; any supported frame, converted to GCRF), an inline
 * `ISO,x,y,z,vx,vy,vz` (GCRF km, km/s), or, with a catalog, a NORAD id (SGP4 state at the element epoch).
 */
function readState(text: string, flag: string, ts: TimeScales, catalog: readonly ElementSet[] | undefined): { state: OrbitState; catalogNumber?: number } {
  const t = text.trim();
  if (/^\d{1,9}$/.test(t) && !existsSync(t)) {
    if (catalog === undefined) throw new UsageError(`${flag} ${t}: a NORAD id needs --catalog with its element set.`);
    const id = Number(t);
    const el = catalog.find((e) => e.catalogNumber === id);
    if (el === undefined) throw new UsageError(`${flag} ${t}: no element set with that NORAD id in --catalog.`);
    const s = initialStateFromSgp4(sgp4InputFrom(el, ts), ts);
    return { state: { epoch: s.epoch, stateGcrf: Array.from(s.state) }, catalogNumber: id };
  }
  const parts = t.split(',');
  if (parts.length === 7 && /^\d{4}-\d\d-\d\dT/.test(parts[0]!)) {
    const nums = parts.slice(1).map((x) => Number(x));
    if (!nums.every(Number.isFinite)) throw new UsageError(`${flag}: "${t}" must be ISO,x,y,z,vx,vy,vz (GCRF km, km/s).`);
    return { state: { epoch: ts.parseUtcIso(parts[0]!), stateGcrf: nums } };
  }
  const opm = opmInitialState(readTextFile(t), t, ts);
  return { state: { epoch: opm.epoch, stateGcrf: Array.from(opm.stateGcrf) } };
}

function readSite(text: string): LandingSite {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (m !== null) {
    const lat = Number(m[1]), lon = Number(m[2]);
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) throw new UsageError(`--site ${text}: latitude must be within ±90° and longitude within ±180°.`);
    return { id: 'custom', name: `custom site ${lat}, ${lon}`, latDeg: lat, lonDeg: lon, source: 'given on the command line' };
  }
  if (!CREWED_LANDING_SITES.some((s) => s.id === text)) throw new UsageError(`--site ${text}: use ${CREWED_LANDING_SITES.map((s) => s.id).join(', ')} or lat,lon in degrees.`);
  return findLandingSite(text);
}

interface RendezvousOptions {
  station: string;
  insertion?: string;
  launchSite?: string;
  vehicle?: string;
  launchAfter?: string;
  insertionApogeeKm: string;
  catalog?: string[];
  profile: string;
  terminalAngleDeg: string;
  json?: boolean;
  plot?: string;
}

interface ReturnOptions {
  state: string;
  site: string;
  stayDays: string;
  searchDays: string;
  maxCrossRangeKm: string;
  perigeeKm: string;
  maxOpportunities: string;
  catalog?: string[];
  exclude?: string;
  json?: boolean;
}

/** Adds `rendezvous` and `return` to the `tourism` command group. */
export function addTourismOrbitalCommands(tourism: Command): void {
  tourism
    .command('rendezvous')
    .description('plan a crewed vehicle\'s rendezvous with a station (phasing burns, terminal transfer, docking), verified on the numerical propagator; screen it against a catalog with crewed thresholds')
    .requiredOption('--station <FILE|NORAD_ID|ISO,x,y,z,vx,vy,vz>', 'the station: an OPM file, a NORAD id in --catalog, or an inline GCRF state (km, km/s)')
    .option('--insertion <FILE|ISO,x,y,z,vx,vy,vz>', 'the vehicle just after orbit insertion: an OPM file or an inline GCRF state (km, km/s)')
    .option('--launch-site <id>', 'instead of --insertion: launch from this network site into the station\'s plane (with --vehicle, --launch-after)')
    .option('--vehicle <id>', 'library vehicle of the launch (e.g. cz-7)')
    .option('--launch-after <iso>', 'first direct in-sector launch opportunity after this UTC time (searched over 48 h)')
    .option('--insertion-apogee-km <km>', 'insertion apogee altitude of the launch', '240')
    .option('--catalog <files...>', 'catalog (TLE, OMM, CSV): the station by NORAD id, and the crewed conjunction screening of the rendezvous')
    .option('--profile <name>', 'fast|4-orbit|2-day', 'fast')
    .option('--terminal-angle-deg <deg>', 'angle of the terminal transfer (deg)', '150')
    .option('--json', 'print the plan as JSON')
    .option('--plot <file.svg>', 'write an SVG: altitude of vehicle and station against time, burns marked')
    .addHelpText(
      'after',
      `
JSON fields: profile, insertionEpoch, dockingEpoch, durationS, burns[{label, epoch, dvRtnMps, dvMps}], totalDeltaVMps,
finalMissKm, finalRelSpeedMps (the burns re-executed from insertion on the numerical propagator, J2), phasing{...},
screening{boxKm, pcThresholds, conjunctions[], skipped[]} with --catalog, launch{launchEpoch, branch, ...} with --launch-site. A phase the profile cannot close exits with 2.

Examples:
  $ skylane tourism rendezvous --station 25544 --catalog stations.tle --insertion soyuz-insertion.opm --profile fast --json
  $ skylane tourism rendezvous --station tiangong.opm --launch-site wenchang --vehicle cz-7 --launch-after 2026-12-10T00:00:00Z --profile 2-day --json
  $ skylane tourism rendezvous --station iss.opm --insertion 2026-12-10T06:00:00Z,5887.359,3399.069,0,-2.376053,4.115444,6.004271 --profile 2-day --plot rdv.svg`,
    )
    .action((opts: RendezvousOptions) => {
      const ts = cliTimeScales();
      const profile = parseChoice(opts.profile, '--profile', ['fast', '4-orbit', '2-day'] as const) as RendezvousProfile;
      const terminalAngleDeg = parseNumberInRange(opts.terminalAngleDeg, '--terminal-angle-deg', { min: 20, max: 170, unit: 'deg' });
      checkOutputFile(opts.plot, '--plot');
      const catalog = opts.catalog !== undefined ? loadCatalog(opts.catalog, 'auto', ts, { quiet: opts.json === true }).elementSets : undefined;
      const st = readState(opts.station, '--station', ts, catalog);
      if ((opts.insertion === undefined) === (opts.launchSite === undefined)) throw new UsageError('Give either --insertion or --launch-site (with --vehicle and --launch-after).');
      let insertion: OrbitState;
      let launchInfo: Record<string, unknown> | undefined;
      if (opts.insertion !== undefined) insertion = readState(opts.insertion, '--insertion', ts, undefined).state;
      else {
        if (opts.vehicle === undefined || opts.launchAfter === undefined) throw new UsageError('--launch-site needs --vehicle and --launch-after.');
        const apogee = parseNumberInRange(opts.insertionApogeeKm, '--insertion-apogee-km', { min: 150, max: 600, unit: 'km' });
        const li = insertionFromLaunch({ siteId: opts.launchSite!, vehicleId: opts.vehicle, station: st.state, start: ts.parseUtcIso(opts.launchAfter), searchHours: 48, apogeeAltitudeKm: apogee }, ts);
        insertion = li.insertion;
        launchInfo = { launchEpoch: ts.formatUtcIso(li.launch, 3), branch: li.branch, cutoffAfterLiftoffS: Number(li.cutoffAfterLiftoffS.toFixed(1)), perigeeAltitudeKm: Number(li.perigeeAltitudeKm.toFixed(2)), apogeeAltitudeKm: Number(li.apogeeAltitudeKm.toFixed(2)), inclinationDeg: Number(li.inclinationDeg.toFixed(4)) };
      }
      const plan = planRendezvous({ station: st.state, insertion, profile, terminalAngleDeg }, ts);
      const out: Record<string, unknown> = rendezvousPlanJson(plan, ts);
      if (launchInfo !== undefined) out.launch = launchInfo;
      if (catalog !== undefined) {
        const res = screenCrewedMission(plan.insertionEpoch, rendezvousPhases(plan), catalog, ts, { excludeIds: st.catalogNumber !== undefined ? [st.catalogNumber] : [] });
        out.screening = crewedScreeningJson(res, ts);
      }
      if (opts.plot !== undefined) writeFileAtomically(opts.plot, rendezvousSvg(plan), '--plot');
      if (opts.json === true) {
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      process.stdout.write(`Rendezvous (${profile}): docking ${String(out.dockingEpoch)} after ${(plan.durationS / 3600).toFixed(2)} h, total Δv ${plan.totalDeltaVMps.toFixed(1)} m/s\n`);
      for (const b of plan.burns) process.stdout.write(`  ${ts.formatUtcIso(b.epoch, 0)}  ${b.label.padEnd(20)} ${b.dvMps.toFixed(2).padStart(8)} m/s  RTN ${b.dvRtnMps.map((x) => x.toFixed(2)).join(', ')}\n`);
      process.stdout.write(`Verified on the numerical propagator: miss ${(plan.finalMissKm * 1000).toFixed(2)} m, relative speed ${plan.finalRelSpeedMps.toFixed(4)} m/s at docking\n`);
      if (out.screening !== undefined) {
        const s = out.screening as { conjunctions: { objectId: number; phase: string; tca: string; missDistanceKm: number }[] };
        process.stdout.write(`Crewed screening (4 × 50 × 50 km box): ${s.conjunctions.length} conjunction(s)\n`);
        for (const c of s.conjunctions) process.stdout.write(`  ${c.tca}  ${c.objectId}  ${c.phase}  ${c.missDistanceKm.toFixed(3)} km\n`);
      }
    });

  tourism
    .command('return')
    .description('free-flying stay and return: landing opportunities at a site, deorbit burn, entry interface (120 km) and ballistic landing point')
    .requiredOption('--state <FILE|NORAD_ID|ISO,x,y,z,vx,vy,vz>', 'the vehicle at the start of the stay (e.g. after undocking): OPM file, NORAD id in --catalog, or inline GCRF state')
    .option('--site <id|lat,lon>', `landing site: ${CREWED_LANDING_SITES.map((s) => s.id).join(', ')}, or lat,lon (deg)`, 'dongfeng')
    .option('--stay-days <days>', 'free-flying stay before the first deorbit', '0')
    .option('--search-days <days>', 'days searched for landing opportunities after the stay', '2')
    .option('--max-cross-range-km <km>', 'largest cross-range of a usable pass', '50')
    .option('--perigee-km <km>', 'perigee altitude after the deorbit burn', '30')
    .option('--max-opportunities <n>', 'opportunities solved (earliest first)', '3')
    .option('--catalog <files...>', 'catalog: a NORAD id in --state, and the crewed screening of the free flight and return (to entry interface) of the first opportunity')
    .option('--exclude <ids>', 'comma-separated NORAD ids left out of the screening (the station just undocked from)')
    .option('--json', 'print the plan as JSON')
    .addHelpText(
      'after',
      `
JSON fields: site, stay{startEpoch, endEpoch, perigeeAltitudeKm, apogeeAltitudeKm}, opportunities[{passEpoch, crossRangeKm,
deorbitEpoch, deorbitDeltaVMps, deorbitRtnMps, entryInterface{epoch, latDeg, lonDeg, speedKmS, flightPathDeg},
landing{epoch, latDeg, lonDeg}, missKm, alongTrackMissKm}], screening{...} with --catalog. No opportunity: an empty list (widen --search-days or
--max-cross-range-km).

Examples:
  $ skylane tourism return --state undock.opm --site dongfeng --stay-days 3 --json
  $ skylane tourism return --state 2026-12-10T06:00:00Z,5887.359,3399.069,0,-2.376053,4.115444,6.004271 --site 47.36,69.59 --search-days 4`,
    )
    .action((opts: ReturnOptions) => {
      const ts = cliTimeScales();
      const stayDays = parseNumberInRange(opts.stayDays, '--stay-days', { min: 0, max: 30, unit: 'days' });
      const searchDays = parseNumberInRange(opts.searchDays, '--search-days', { min: 0, max: 7, minExclusive: true, unit: 'days' });
      const maxCrossRangeKm = parseNumberInRange(opts.maxCrossRangeKm, '--max-cross-range-km', { min: 0, max: 2000, minExclusive: true, unit: 'km' });
      const perigee = parseNumberInRange(opts.perigeeKm, '--perigee-km', { min: -50, max: 80, unit: 'km' });
      const maxOpportunities = parseNumberInRange(opts.maxOpportunities, '--max-opportunities', { min: 1, max: 20, integer: true, unit: '' });
      const site = readSite(opts.site);
      const catalog = opts.catalog !== undefined ? loadCatalog(opts.catalog, 'auto', ts, { quiet: opts.json === true }).elementSets : undefined;
      const start = readState(opts.state, '--state', ts, catalog).state;
      const plan = planReturn({ start, stayDays, searchDays, site, maxCrossRangeKm, deorbitPerigeeAltitudeKm: perigee, maxOpportunities }, ts);
      const out = returnPlanJson(plan, ts);
      const first = plan.opportunities[0];
      if (catalog !== undefined && first !== undefined) {
        const exclude = opts.exclude !== undefined ? parseIdList(opts.exclude, '--exclude') : [];
        out.screening = crewedScreeningJson(screenCrewedMission(start.epoch, returnPhases(plan.trajectory, first.descent), catalog, ts, { excludeIds: exclude }), ts);
      }
      if (opts.json === true) {
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      if (plan.opportunities.length === 0) log.warn(`no pass within ${maxCrossRangeKm} km of ${site.name} in ${searchDays} day(s) after the stay: widen --search-days or --max-cross-range-km`);
      for (const o of plan.opportunities) {
        process.stdout.write(`deorbit ${ts.formatUtcIso(o.deorbitEpoch, 0)}  Δv ${o.deorbitDeltaVMps.toFixed(1)} m/s  EI ${ts.formatUtcIso(o.entryInterface.epoch, 0)} (γ ${o.entryInterface.flightPathDeg.toFixed(2)}°)  landing ${ts.formatUtcIso(o.landing.epoch, 0)} at ${o.landing.latDeg.toFixed(3)}, ${o.landing.lonDeg.toFixed(3)}  ${o.missKm.toFixed(1)} km from ${site.id}\n`);
      }
    });
}

/**
 * Adds the orbital tourism subcommands to the program's `tourism` group (made if missing). The built CLI's fast start
 * (launch.ts) builds `tourism` from this and registerTourismCommands, as main.ts does, without the other commands.
 */
export function registerTourismOrbitalCommands(program: Command): void {
  addTourismOrbitalCommands(tourismGroup(program));
}
