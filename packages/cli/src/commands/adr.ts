/** `skylane adr`: active debris removal. `rank` (criticality index of catalog objects), `plan` and `check` (GTOC9 campaigns). */
import type { Command } from 'commander';
import {
  checkGtoc9Solution,
  criticalityOf,
  filterCriticality,
  operationsTimeline,
  targetFromElementSet,
  latestElementSets,
  objectTypeFromText,
  parseCaraHbrTable,
  planGtoc9,
  missionFromSolution,
  screenServicer,
  rankCriticality,
  readGtoc9Debris,
  readGtoc9Solution,
  readSatcatCsv,
  writeGtoc9Solution,
  type CriticalityEntry,
  type CriticalityFilter,
  type PlanResult,
  type Gtoc9Debris,
} from '@skylane/core';
import { loadCatalog } from '../catalogInput.ts';
import { log, openOutput, readTextFile, writeFileAtomically } from '../io.ts';
import { parseFiniteNumber, parseIdList, parsePositive, UsageError } from '../usage.ts';
import { cliTimeScales } from '../context.ts';
import { BUNDLED_HBR_TABLE } from '../screeningCdms.ts';

interface RankOptions {
  catalog: string[];
  masses?: string;
  satcat?: string;
  active?: string;
  top?: string;
  object?: string;
  owner?: string;
  type?: string;
  minAltKm?: string;
  maxAltKm?: string;
  minIncDeg?: string;
  maxIncDeg?: string;
  requireMass?: boolean;
  json?: boolean;
}

function parseNumber(text: string | undefined, flag: string): number | undefined {
  return text === undefined ? undefined : parseFiniteNumber(text, flag);
}

function rankJson(e: CriticalityEntry): Record<string, unknown> {
  return { rank: e.rank, object: e.object, name: e.name, type: e.type, massKg: e.massKg, score: e.score, factors: { ...e.factors, typeSource: e.typeSource, ...(e.owner !== undefined ? { owner: e.owner } : {}) } };
}

function registerRank(adr: Command): void {
  adr
    .command('rank')
    .description('rank catalog objects by an ADR criticality index (expected ≥10-cm fragments over the remaining life), every factor reported')
    .requiredOption('--catalog <files...>', 'catalog file(s): TLE, OMM KVN/XML/JSON, CelesTrak CSV (.gz allowed)')
    .option('--masses <file>', 'NASA CARA HBR/mass table (default: the bundled subset data/catalog/cara-hbr-mass-subset.csv.gz)')
    .option('--satcat <file>', 'CelesTrak SATCAT CSV: object types, owners, operational status')
    .option('--active <file>', 'catalog of active objects (e.g. CelesTrak GROUP=active): they get derelict factor 0')
    .option('--top <n>', 'print only the N highest-ranked objects')
    .option('--object <id>', 'print the entry of one catalog number (NOT_FOUND if absent)')
    .option('--owner <code>', 'filter: SATCAT owner code (needs --satcat)')
    .option('--type <type>', 'filter: PAYLOAD, ROCKET BODY (or R/B), DEBRIS, UNKNOWN')
    .option('--min-alt-km <km>', 'filter: mean altitude at least')
    .option('--max-alt-km <km>', 'filter: mean altitude at most')
    .option('--min-inc-deg <deg>', 'filter: inclination at least')
    .option('--max-inc-deg <deg>', 'filter: inclination at most')
    .option('--require-mass', 'objects without a mass in the table are reported (FIELD_MISSING) and left out instead of taking documented defaults')
    .option('--json', 'print JSON: an array of {rank, object, name, type, massKg, score, factors}')
    .addHelpText(
      'after',
      `
Index (docs/design/active-debris-removal.md): score = P · N · f with P = 1 − exp(−λ T) the probability of a collision
over T = min(lifetime, 200 yr), λ = spatial density × cross-section × mean relative speed (from the catalog itself),
N = 0.1 M^0.75 · 0.1^−1.71 fragments ≥ 10 cm (NASA breakup model), f = 0 for active objects, 1 for derelicts.

Examples:
  $ skylane adr rank --catalog data/catalog/socrates-catalog-gp-2026-03-10.json.gz --top 10 --json
  $ skylane adr rank --catalog cat.json --type "ROCKET BODY" --min-alt-km 700 --max-alt-km 900 --top 20
  $ skylane adr rank --catalog cat.json --object 25400 --json`,
    )
    .action(async (opts: RankOptions) => {
      if (opts.type !== undefined && objectTypeFromText(opts.type) === undefined) throw new UsageError(`--type: "${opts.type}" is not one of PAYLOAD, ROCKET BODY, DEBRIS, UNKNOWN.`);
      const ts = cliTimeScales();
      const sets = latestElementSets(loadCatalog(opts.catalog, 'auto', ts).elementSets);
      if (sets.length === 0) throw new UsageError(`no element sets read from ${opts.catalog.join(', ')}.`);
      const masses = parseCaraHbrTable(readTextFile(opts.masses ?? BUNDLED_HBR_TABLE));
      let satcat;
      if (opts.satcat !== undefined) {
        const r = readSatcatCsv(readTextFile(opts.satcat));
        for (const f of r.failures) log.warn(`${opts.satcat}:${f.line} rejected: ${f.reason}`);
        satcat = new Map(r.records.map((x) => [x.catalogNumber, x]));
      }
      const activeIds = opts.active !== undefined ? new Set(loadCatalog([opts.active], 'auto', ts, { quiet: true }).elementSets.map((s) => s.catalogNumber)) : undefined;
      const result = rankCriticality({ elementSets: sets, masses, ...(satcat ? { satcat } : {}), ...(activeIds ? { activeIds } : {}) }, { massPolicy: opts.requireMass ? 'require' : 'default' });
      for (const f of result.failures.slice(0, 20)) log.warn(`${f.code}: ${f.reason}`);
      if (result.failures.length > 20) log.warn(`… ${result.failures.length - 20} more objects not ranked`);
      let entries: CriticalityEntry[];
      if (opts.object !== undefined) {
        const id = parseIdList(opts.object, '--object')[0]!;
        entries = [criticalityOf(result.entries, id)];
      } else {
        let type;
        if (opts.type !== undefined) {
          type = objectTypeFromText(opts.type);
          if (type === undefined) throw new UsageError(`--type: "${opts.type}" is not one of PAYLOAD, ROCKET BODY, DEBRIS, UNKNOWN.`);
        }
        const filter: CriticalityFilter = {
          ...(opts.owner !== undefined ? { owner: opts.owner } : {}),
          ...(type !== undefined ? { type } : {}),
          ...(opts.minAltKm !== undefined ? { minAltKm: parseNumber(opts.minAltKm, '--min-alt-km')! } : {}),
          ...(opts.maxAltKm !== undefined ? { maxAltKm: parseNumber(opts.maxAltKm, '--max-alt-km')! } : {}),
          ...(opts.minIncDeg !== undefined ? { minInclinationDeg: parseNumber(opts.minIncDeg, '--min-inc-deg')! } : {}),
          ...(opts.maxIncDeg !== undefined ? { maxInclinationDeg: parseNumber(opts.maxIncDeg, '--max-inc-deg')! } : {}),
        };
        entries = filterCriticality(result.entries, filter);
        if (opts.top !== undefined) {
          const n = parsePositive(opts.top, '--top');
          if (!Number.isInteger(n)) throw new UsageError('--top must be an integer.');
          entries = entries.slice(0, n);
        }
      }
      const o = openOutput(undefined);
      if (opts.json) o.write(JSON.stringify(entries.map(rankJson), null, 2) + '\n');
      else {
        o.write('rank  object     type         mass_kg   shell          score      name\n');
        for (const e of entries) {
          o.write(`${String(e.rank).padStart(4)}  ${String(e.object).padEnd(9)}  ${e.type.padEnd(11)}  ${e.massKg.toFixed(0).padStart(8)}  ${e.factors.shellLabel.padEnd(13)}  ${e.score.toExponential(3)}  ${e.name}\n`);
        }
      }
      await o.close();
    });
}

interface PlanOptions {
  gtoc9?: string;
  catalog?: string[];
  out: string;
  timeLimitS: string;
  maxMissions: string;
  spacecraft?: string;
  debris?: string;
  candidates?: string;
  outlierSeeding?: boolean;
  top: string;
  type?: string;
  minAltKm?: string;
  maxAltKm?: string;
  minIncDeg?: string;
  maxIncDeg?: string;
  masses?: string;
  active?: string;
  years: string;
  json?: boolean;
}

/** Targets from Skylane's own ranking: the top N (after filters) of the catalog, as planner orbits; the window starts at their latest epoch. */
function catalogTargets(opts: PlanOptions): { list: Gtoc9Debris[]; windowStart: number } {
  const ts = cliTimeScales();
  const sets = latestElementSets(loadCatalog(opts.catalog!, 'auto', ts).elementSets);
  const masses = parseCaraHbrTable(readTextFile(opts.masses ?? BUNDLED_HBR_TABLE));
  const activeIds = opts.active !== undefined ? new Set(loadCatalog([opts.active], 'auto', ts, { quiet: true }).elementSets.map((x) => x.catalogNumber)) : undefined;
  const ranked = rankCriticality({ elementSets: sets, masses, ...(activeIds ? { activeIds } : {}) });
  let type;
  if (opts.type !== undefined) {
    type = objectTypeFromText(opts.type);
    if (type === undefined) throw new UsageError(`--type: "${opts.type}" is not one of PAYLOAD, ROCKET BODY, DEBRIS, UNKNOWN.`);
  }
  const top = parsePositive(opts.top, '--top');
  const chosen = filterCriticality(ranked.entries, {
    ...(type !== undefined ? { type } : {}),
    ...(opts.minAltKm !== undefined ? { minAltKm: parseNumber(opts.minAltKm, '--min-alt-km')! } : {}),
    ...(opts.maxAltKm !== undefined ? { maxAltKm: parseNumber(opts.maxAltKm, '--max-alt-km')! } : {}),
    ...(opts.minIncDeg !== undefined ? { minInclinationDeg: parseNumber(opts.minIncDeg, '--min-inc-deg')! } : {}),
    ...(opts.maxIncDeg !== undefined ? { maxInclinationDeg: parseNumber(opts.maxIncDeg, '--max-inc-deg')! } : {}),
  }).slice(0, top);
  if (chosen.length === 0) throw new UsageError('no catalog object passes the filters: widen the band or the type.');
  const byId = new Map(sets.map((x) => [x.catalogNumber, x]));
  const mjd2000 = (id: number): number => {
    const u = ts.toUtcDaySeconds(byId.get(id)!.epoch);
    return u.mjd - 51544 + u.seconds / 86400;
  };
  const list = chosen.map((e) => targetFromElementSet(byId.get(e.object)!, mjd2000(e.object)));
  return { list, windowStart: Math.ceil(Math.max(...list.map((d) => d.epochMjd2000))) };
}

function registerPlan(adr: Command): void {
  adr
    .command('plan')
    .description('plan a multi-target removal campaign (GTOC9 problem or the top of Skylane\'s own ranking); the best solution so far is written as it improves')
    .option('--gtoc9 <file>', 'GTOC9 debris file (gtoc9_debris.csv or debris_data.txt)')
    .option('--catalog <files...>', "instead of --gtoc9: plan for the top of Skylane's ranking of these catalog files")
    .requiredOption('--out <file>', 'solution file (GTOC9 event lines, all missions; ids are catalog numbers with --catalog)')
    .option('--time-limit-s <s>', 'planning budget in seconds (the first campaign is always completed)', '1500')
    .option('--max-missions <n>', 'most missions', '14')
    .option('--spacecraft <k>', 'with --catalog: number of servicers (missions), default 3')
    .option('--debris <ids>', 'with --gtoc9: plan for these debris ids only (comma-separated)')
    .option('--candidates <n>', 'beam width: sequences kept per depth by the mission beam search (default varies by restart, 24-64)')
    .option('--outlier-seeding', 'restarts with outlier seeding, campaign look-ahead and wide exact legs (off by default: see docs/design/active-debris-removal.md)')
    .option('--top <n>', 'with --catalog: how many of the highest-ranked objects to target', '10')
    .option('--type <type>', 'with --catalog: filter PAYLOAD, ROCKET BODY, DEBRIS, UNKNOWN')
    .option('--min-alt-km <km>', 'with --catalog: band, mean altitude at least')
    .option('--max-alt-km <km>', 'with --catalog: band, mean altitude at most')
    .option('--min-inc-deg <deg>', 'with --catalog: band, inclination at least')
    .option('--max-inc-deg <deg>', 'with --catalog: band, inclination at most')
    .option('--masses <file>', 'with --catalog: CARA HBR/mass table (default: the bundled subset)')
    .option('--active <file>', 'with --catalog: catalog of active objects (excluded from the top)')
    .option('--years <y>', 'with --catalog: campaign length from the latest element-set epoch, years', '2')
    .option('--json', 'print JSON {missions, debrisRemoved, costMEUR, valid}')
    .addHelpText(
      'after',
      `
Progress goes to stderr. valid is the verdict of the independent checker (skylane adr check) on the final solution.
With --catalog the servicer is GTOC9's (2,000 kg dry, 5,000 kg propellant, Isp 340 s, 30-kg kits, 5-day stays) and
SGP4 mean elements stand in for osculating ones (docs/design/active-debris-removal.md).

Examples:
  $ skylane adr plan --gtoc9 ../shared/data/gtoc9/gtoc9_debris.csv --time-limit-s 1500 --out gtoc9.txt --json
  $ skylane adr plan --gtoc9 debris_data.txt --debris 0,115,19 --max-missions 1 --out small.txt
  $ skylane adr plan --catalog data/catalog/socrates-catalog-gp-2026-03-10.json.gz --type "ROCKET BODY" \\
      --min-alt-km 750 --max-alt-km 900 --top 8 --spacecraft 2 --out rb.txt --json`,
    )
    .action(async (opts: PlanOptions) => {
      if ((opts.gtoc9 === undefined) === (opts.catalog === undefined)) throw new UsageError('give exactly one of --gtoc9 FILE or --catalog FILE.');
      const timeLimitS = parsePositive(opts.timeLimitS, '--time-limit-s');
      let maxMissions = parsePositive(opts.spacecraft ?? (opts.catalog !== undefined ? '3' : opts.maxMissions), opts.spacecraft !== undefined ? '--spacecraft' : '--max-missions');
      if (!Number.isInteger(maxMissions)) throw new UsageError('--max-missions / --spacecraft must be an integer.');
      let all: Gtoc9Debris[];
      let list: Gtoc9Debris[];
      let window: { startMjd2000: number; endMjd2000: number } | undefined;
      if (opts.gtoc9 !== undefined) {
        all = readGtoc9Debris(readTextFile(opts.gtoc9));
        list = all;
        if (opts.debris !== undefined) {
          const ids = opts.debris.split(/[\s,]+/).filter((x) => x !== '').map((x) => {
            const n = Number(x);
            if (!Number.isInteger(n) || !all.some((d) => d.id === n)) throw new UsageError(`--debris: "${x}" is not a debris id of ${opts.gtoc9}.`);
            return n;
          });
          list = ids.map((id) => all.find((d) => d.id === id)!);
        }
      } else {
        const t = catalogTargets(opts);
        all = t.list;
        list = t.list;
        const years = parsePositive(opts.years, '--years');
        window = { startMjd2000: t.windowStart, endMjd2000: t.windowStart + years * 365.25 };
        maxMissions = Math.min(maxMissions, list.length);
      }
      const candidates = opts.candidates !== undefined ? parsePositive(opts.candidates, '--candidates') : undefined;
      const plan: PlanResult = planGtoc9(list, {
        timeLimitS,
        maxMissions,
        ...(candidates !== undefined ? { candidates } : {}),
        ...(opts.outlierSeeding === true ? { outlierSeeding: true } : {}),
        ...(window !== undefined ? { windowStartMjd2000: window.startMjd2000, windowEndMjd2000: window.endMjd2000 } : {}),
        clockMs: () => Date.now(),
        onProgress: (m) => log.info(m),
        onImproved: (p) => writeFileAtomically(opts.out, writeGtoc9Solution(p.solution)),
      });
      writeFileAtomically(opts.out, writeGtoc9Solution(plan.solution));
      const check = checkGtoc9Solution(readGtoc9Solution(writeGtoc9Solution(plan.solution)), all, window);
      for (const v of check.violations.slice(0, 10)) log.warn(`mission ${v.mission} leg ${v.leg}: ${v.kind}: ${v.message}`);
      const result = {
        missions: plan.missions.length,
        debrisRemoved: check.debrisRemoved,
        costMEUR: check.costMeur,
        valid: check.valid,
        debrisTotal: list.length,
        solution: opts.out,
        ...(opts.catalog !== undefined ? { targets: list.map((d) => d.id), missionTargets: plan.missions.map((m) => m.debris), windowMjd2000: window } : {}),
      };
      const o = openOutput(undefined);
      if (opts.json) o.write(JSON.stringify(result, null, 2) + '\n');
      else o.write(`${result.debrisRemoved}/${list.length} targets in ${result.missions} missions, J ${result.costMEUR.toFixed(3)} MEUR, ${result.valid ? 'valid' : 'INVALID'}; solution in ${opts.out}\n`);
      await o.close();
    });
}

function registerCheck(adr: Command): void {
  adr
    .command('check')
    .description('check a GTOC9 solution file: re-propagates every leg with J2 and reports each violation with mission, leg and value (exit 0 valid, 1 invalid)')
    .requiredOption('--gtoc9 <file>', 'GTOC9 debris file (gtoc9_debris.csv or debris_data.txt)')
    .requiredOption('--solution <file>', 'solution file: lines "epoch x y z vx vy vz mass dvx dvy dvz id" (MJD2000, m, m/s, kg), "# mission k" separators')
    .option('--json', 'print JSON {valid, violations[], missions[], debrisRemoved, costMEUR}')
    .addHelpText(
      'after',
      `
Violation kinds: malformed, structure, rendezvous, continuity, wait, transfer-duration, perigee, mass, window,
mission-gap, duplicate-debris, unknown-debris.

Examples:
  $ skylane adr check --gtoc9 ../shared/data/gtoc9/gtoc9_debris.csv --solution gtoc9.txt --json`,
    )
    .action(async (opts: { gtoc9: string; solution: string; json?: boolean }) => {
      const debris = readGtoc9Debris(readTextFile(opts.gtoc9));
      const r = checkGtoc9Solution(readGtoc9Solution(readTextFile(opts.solution)), debris);
      const o = openOutput(undefined);
      if (opts.json) o.write(JSON.stringify({ valid: r.valid, violations: r.violations, missions: r.missions, debrisRemoved: r.debrisRemoved, costMEUR: r.costMeur }, null, 2) + '\n');
      else {
        o.write(`${r.valid ? 'valid' : 'INVALID'}: ${r.debrisRemoved} debris in ${r.missions.length} missions, J ${r.costMeur.toFixed(3)} MEUR\n`);
        for (const v of r.violations) o.write(`mission ${v.mission} leg ${v.leg} line ${v.line}: ${v.kind}: ${v.message}\n`);
      }
      await o.close();
      if (!r.valid) process.exitCode = 1;
    });
}

function registerTimeline(adr: Command): void {
  adr
    .command('timeline')
    .description('operations timeline per target of a GTOC9 solution: phasing, far and close approach, inspection, capture, kit, de-orbit burn')
    .requiredOption('--gtoc9 <file>', 'GTOC9 debris file (gtoc9_debris.csv or debris_data.txt)')
    .requiredOption('--solution <file>', 'solution file (as written by skylane adr plan)')
    .option('--mission <k>', 'only this mission (1-based)')
    .option('--json', 'print JSON: [{mission, target, phases[]}] (epochs in MJD2000 days, Δv in m/s)')
    .addHelpText('after', `
Examples:
  $ skylane adr timeline --gtoc9 ../shared/data/gtoc9/gtoc9_debris.csv --solution gtoc9.txt --mission 1 --json`)
    .action(async (opts: { gtoc9: string; solution: string; mission?: string; json?: boolean }) => {
      const debris = new Map(readGtoc9Debris(readTextFile(opts.gtoc9)).map((d) => [d.id, d]));
      const sol = readGtoc9Solution(readTextFile(opts.solution));
      for (const f of sol.failures) log.warn(`${opts.solution}:${f.line} rejected: ${f.reason}`);
      const only = opts.mission !== undefined ? parsePositive(opts.mission, '--mission') : undefined;
      if (only !== undefined && (!Number.isInteger(only) || only > sol.missions.length)) throw new UsageError(`--mission: ${opts.mission} is not a mission of ${opts.solution} (1..${sol.missions.length}).`);
      const out: { mission: number; target: number; phases: unknown[] }[] = [];
      sol.missions.forEach((m, k) => {
        if (only !== undefined && only !== k + 1) return;
        let departDay = m.events[0]!.epochMjd2000;
        let dvMps = 0;
        m.events.forEach((e, j) => {
          const mag = Math.hypot(...e.dvKms) * 1000;
          const isArrival = e.id >= 0 && !(j > 0 && m.events[j - 1]!.id === e.id);
          if (!isArrival) {
            if (e.id >= 0) departDay = e.epochMjd2000;
            dvMps += mag;
            return;
          }
          dvMps += mag;
          const d = debris.get(e.id);
          const dep = m.events.slice(j + 1).find((x) => x.id === e.id);
          if (!d || !dep) return;
          const tl = operationsTimeline({ departDay: j === 0 ? e.epochMjd2000 - 1 : departDay, captureDay: e.epochMjd2000, transferDeltaVMps: dvMps, targetAKm: d.aKm, targetE: d.e, kitDays: dep.epochMjd2000 - e.epochMjd2000 });
          out.push({ mission: k + 1, target: e.id, phases: tl.phases.filter((p) => j > 0 || p.phase === 'deorbit-kit' || p.phase === 'deorbit-burn') });
          dvMps = 0;
        });
      });
      const o = openOutput(undefined);
      if (opts.json) o.write(JSON.stringify(out, null, 2) + '\n');
      else for (const t of out) for (const p of t.phases as { phase: string; startDay: number; endDay: number; deltaVMps: number }[]) o.write(`mission ${t.mission} target ${t.target} ${p.phase.padEnd(14)} ${p.startDay.toFixed(4)} - ${p.endDay.toFixed(4)} MJD2000  ${p.deltaVMps.toFixed(2)} m/s\n`);
      await o.close();
    });
}

interface ScreenOptions {
  solution: string;
  catalog: string[];
  gtoc9?: string;
  mission: string;
  fromDay?: string;
  days: string;
  start?: string;
  standOffKm: string;
  json?: boolean;
}

function registerScreen(adr: Command): void {
  adr
    .command('screen')
    .description("conjunction screening of a removal servicer's planned trajectory (a solution's legs, J2) against a catalog, conflicts per phase (transfer, proximity operations)")
    .requiredOption('--solution <file>', 'solution file (as written by skylane adr plan)')
    .requiredOption('--catalog <files...>', 'catalog to screen against (element sets)')
    .option('--gtoc9 <file>', 'the solution is a GTOC9 one: its debris file (targets); otherwise the targets are objects of --catalog (a plan made with --catalog)')
    .option('--mission <k>', 'mission to screen (1-based)', '1')
    .option('--from-day <d>', 'window start, plan days (MJD2000); default the mission\'s first departure')
    .option('--days <n>', 'window length, days (at most 14)', '2')
    .option('--start <iso>', "with --gtoc9: the real UTC epoch of the window start (GTOC9 epochs are 2064); default the catalog's latest element-set epoch")
    .option('--stand-off-km <km>', 'sphere stand-off', '10')
    .option('--json', 'print JSON {mission, fromMjd2000, toMjd2000, fromUtc, toUtc, standOffKm, objectsScreened, excludedOwnTarget, skipped, conflicts[]}')
    .addHelpText(
      'after',
      `
The servicer flies with each target between arrival and departure (phase proximity) and coasts under J2 on each
transfer (phase transfer); encounters with its own target during proximity operations (and the first / last 6 h of a
transfer) are excluded. Catalog plans (adr plan --catalog) use TEME and real epochs; GTOC9 plans are mapped to real
epochs by --start (a demonstration: the GTOC9 debris are not catalog objects).

Examples:
  $ skylane adr plan --catalog cat.json.gz --type "ROCKET BODY" --min-alt-km 750 --max-alt-km 900 --top 4 --spacecraft 1 --out rb.txt
  $ skylane adr screen --solution rb.txt --catalog cat.json.gz --days 3 --json
  $ skylane adr screen --gtoc9 ../shared/data/gtoc9/gtoc9_debris.csv --solution gtoc9.txt --catalog cat.json.gz \\
      --mission 2 --start 2026-03-11T00:00:00Z --days 1 --json`,
    )
    .action(async (opts: ScreenOptions) => {
      const ts = cliTimeScales();
      const sol = readGtoc9Solution(readTextFile(opts.solution));
      for (const f of sol.failures) log.warn(`${opts.solution}:${f.line} rejected: ${f.reason}`);
      const k = parsePositive(opts.mission, '--mission');
      if (!Number.isInteger(k) || k > sol.missions.length) throw new UsageError(`--mission: ${opts.mission} is not a mission of ${opts.solution} (1..${sol.missions.length}).`);
      const mission = missionFromSolution(sol.missions[k - 1]!);
      const sets = latestElementSets(loadCatalog(opts.catalog, 'auto', ts).elementSets);
      const days = parsePositive(opts.days, '--days');
      if (days > 14) throw new UsageError(`--days: at most 14; got ${opts.days}.`);
      const from = opts.fromDay !== undefined ? parseNumber(opts.fromDay, '--from-day')! : (mission.legs[0]?.departMjd2000 ?? mission.startMjd2000);
      const standOffKm = parsePositive(opts.standOffKm, '--stand-off-km');
      const utcDay = (t: ReturnType<typeof ts.parseUtcIso>): number => {
        const u = ts.toUtcDaySeconds(t);
        return u.mjd - 51544 + u.seconds / 86400;
      };
      let targets: Gtoc9Debris[];
      let shift = 0;
      if (opts.gtoc9 !== undefined) {
        targets = readGtoc9Debris(readTextFile(opts.gtoc9));
        const startDay = opts.start !== undefined ? utcDay(ts.parseUtcIso(opts.start)) : Math.max(...sets.map((e) => utcDay(e.epoch)));
        shift = from - startDay;
      } else {
        const byNum = new Map(sets.map((e) => [e.catalogNumber, e]));
        targets = mission.debris.map((id) => {
          const e = byNum.get(id);
          if (!e) throw new UsageError(`target ${id} of mission ${k} is not in --catalog (a plan made with --gtoc9 needs --gtoc9 here).`);
          return targetFromElementSet(e, utcDay(e.epoch));
        });
      }
      const epochOf = (d: number): ReturnType<typeof ts.parseUtcIso> => {
        const u = d - shift;
        const day = Math.floor(u);
        return ts.fromUtcDaySeconds(51544 + day, (u - day) * 86400);
      };
      const r = screenServicer(mission, new Map(targets.map((d) => [d.id, d])), sets, {
        epochOf,
        fromMjd2000: from,
        toMjd2000: from + days,
        frame: opts.gtoc9 !== undefined ? 'EME2000' : 'TEME',
        standOffKm,
        // GTOC9 debris ids are not catalog numbers: no catalog object is the servicer's own target.
        ...(opts.gtoc9 !== undefined ? { catalogIdOf: () => undefined } : {}),
      }, ts);
      const json = {
        mission: k,
        fromMjd2000: r.fromMjd2000,
        toMjd2000: r.toMjd2000,
        fromUtc: ts.formatUtcIso(epochOf(r.fromMjd2000), 3),
        toUtc: ts.formatUtcIso(epochOf(r.toMjd2000), 3),
        standOffKm,
        objectsScreened: r.objectsScreened,
        excludedOwnTarget: r.excludedOwnTarget,
        skipped: r.skipped.length,
        conflicts: r.conflicts.map((c) => ({ objectId: c.objectId, ...(c.objectName !== undefined ? { objectName: c.objectName } : {}), tcaUtc: ts.formatUtcIso(c.tca, 3), tcaMjd2000: c.tcaMjd2000, missDistanceKm: c.missDistanceKm, relativeSpeedKmPerS: c.relativeSpeedKms, phase: c.phase, fromTarget: c.fromTarget, ...(c.toTarget !== undefined ? { toTarget: c.toTarget } : {}) })),
      };
      const o = openOutput(undefined);
      if (opts.json) o.write(JSON.stringify(json, null, 2) + '\n');
      else {
        o.write(`mission ${k}, ${json.fromUtc} to ${json.toUtc}: ${json.conflicts.length} conflicts within ${standOffKm} km against ${json.objectsScreened} objects (${json.excludedOwnTarget} own-target encounters excluded)\n`);
        for (const c of json.conflicts) o.write(`${c.tcaUtc}  ${String(c.objectId).padStart(9)} ${(c.objectName ?? '').padEnd(24)} ${c.missDistanceKm.toFixed(3)} km  ${c.phase}\n`);
      }
      await o.close();
    });
}

export function registerAdrCommand(program: Command): void {
  const adr = program.command('adr').description('active debris removal: criticality ranking, GTOC9 campaign planning and checking');
  registerRank(adr);
  registerPlan(adr);
  registerCheck(adr);
  registerTimeline(adr);
  registerScreen(adr);
}
