/** `skylane pc`: probability of collision of the conjunction in a CDM (KVN, XML or Space-Track JSON). */
import type { Command } from 'commander';
import {
  assessPcUsage,
  cdmHardBodyRadiusM,
  adjustToTrueTca,
  conjunctionFromCdm,
  pcChan1997,
  pcFoster1992,
  pcHall2021,
  pcMaxAlfano2005,
  pcMonteCarlo,
  readCdm,
} from '@skylane/core';
import { log, openOutput, readTextFile } from '../io.ts';
import { parseChoice, parseNumberInRange, UsageError } from '../usage.ts';
import { cliTimeScales } from '../context.ts';

const METHODS = ['auto', 'foster', 'chan', 'max', 'pc3d', 'mc'] as const;
/** A combined hard-body radius above 1 km is no spacecraft (the ISS's is ~50 m). */
export const HBR_RANGE = { min: 0, max: 1000, minExclusive: true, unit: 'metres' } as const;
/** 1e8 trials take minutes; beyond that Monte Carlo is the wrong tool (use pc3d). */
export const TRIALS_RANGE = { min: 1, max: 1e8, integer: true, unit: 'trials' } as const;
export const SEED_RANGE = { min: 0, max: 4294967295, integer: true, unit: '(uint32 seed)' } as const;

interface PcOptions {
  cdm: string;
  hbrM?: string;
  method: string;
  json?: boolean;
  trials: string;
  seed: string;
}

export function registerPcCommand(program: Command): void {
  program
    .command('pc')
    .description('probability of collision of the conjunction in a CDM (states and RTN covariances at TCA)')
    .requiredOption('--cdm <file>', 'CDM file: KVN, NDM/XML or Space-Track JSON')
    .option('--hbr-m <metres>', "combined hard-body radius in metres (default: the CDM's HBR comment or keyword)")
    .option('--method <method>', `${METHODS.join('|')}: auto follows the usage check (Foster 2D, or Hall 3D when 2D assumptions fail)`, 'auto')
    .option('--trials <n>', 'Monte Carlo trials (method mc)', '1000000')
    .option('--seed <n>', 'Monte Carlo seed (method mc)', '1')
    .option('--json', 'print JSON instead of text')
    .addHelpText(
      'after',
      `
JSON fields: pc, method, hbrM, missDistanceM, relativeSpeedMps, usage {twoDimensionalValid, recommendedMethod, reasons},
plus pcMax (method max), nc (pc3d), hits/trials/ci95 (mc), and cdmCollisionProbability when the CDM states one.

Examples:
  $ skylane pc --cdm conj.cdm --json
  $ skylane pc --cdm conj.xml --hbr-m 20 --method pc3d`,
    )
    .action(async (opts: PcOptions) => {
      const method = parseChoice(opts.method, '--method', METHODS);
      // Every number is checked before the CDM is read or any work starts.
      const hbrFlag = opts.hbrM !== undefined ? parseNumberInRange(opts.hbrM, '--hbr-m', HBR_RANGE) : undefined;
      const trials = parseNumberInRange(opts.trials, '--trials', TRIALS_RANGE);
      const seed = parseNumberInRange(opts.seed, '--seed', SEED_RANGE);
      const ts = cliTimeScales();
      const read = readCdm(readTextFile(opts.cdm), { timeScales: ts });
      for (const w of read.warnings) log.warn(`${opts.cdm}:${w.line}: ${w.message}`);
      const cdm = read.cdms[0];
      if (!cdm) throw new UsageError(`${opts.cdm} holds no full CDM (a cdm_public summary has no states or covariances).`);
      if (read.cdms.length > 1) log.warn(`${opts.cdm} holds ${read.cdms.length} CDMs; using the first.`);
      const hbrM = hbrFlag ?? cdmHardBodyRadiusM(cdm);
      if (hbrM === undefined) throw new UsageError(`${opts.cdm} states no hard-body radius: give --hbr-m (metres).`);
      const hbrKm = hbrM / 1000;
      const atCdmTca = conjunctionFromCdm(cdm);
      const usage = assessPcUsage(atCdmTca, hbrKm);
      // 2D methods need the states at the true TCA (CDM TCAs are rounded to the millisecond), as CARA's Pc2D.
      const adjusted = adjustToTrueTca(atCdmTca);
      const conj = adjusted.conjunction;
      const chosen = method === 'auto' ? (usage.method === 'foster1992' ? 'foster' : 'pc3d') : method;
      const out: { pc: number; method: string } & Record<string, unknown> = { pc: Number.NaN, method: '' };
      switch (chosen) {
        case 'foster': {
          const r = pcFoster1992(conj, hbrKm);
          Object.assign(out, { pc: r.pc, method: 'foster1992', covarianceRemediated: r.covariance.remediated });
          break;
        }
        case 'chan': {
          const r = pcChan1997(conj, hbrKm);
          Object.assign(out, { pc: r.pc, method: 'chan1997', covarianceRemediated: r.covariance.remediated });
          break;
        }
        case 'max': {
          const r = pcMaxAlfano2005(conj, hbrKm);
          Object.assign(out, { pc: r.pcMax, pcMax: r.pcMax, pcActual: r.pcActual, scaleFactor: r.scaleFactor, dilutionRegion: r.dilutionRegion, method: 'alfano2005' });
          break;
        }
        case 'pc3d': {
          const r = pcHall2021(atCdmTca, hbrKm);
          Object.assign(out, { pc: r.pc, nc: r.nc, windowS: r.windowS, method: 'hall2021' });
          break;
        }
        case 'mc': {
          const r = pcMonteCarlo(atCdmTca, hbrKm, { trials, seed });
          Object.assign(out, { pc: r.pc, hits: r.hits, trials: r.trials, ci95: r.ci95, seed: r.seed, method: 'montecarlo' });
          break;
        }
      }
      const result = {
        ...out,
        hbrM,
        missDistanceM: cdm.relative.missDistanceKm * 1000,
        relativeSpeedMps: (cdm.relative.relativeSpeedKmPerS ?? usage.relativeSpeedKmS) * 1000,
        tca: ts.formatUtcIso(cdm.relative.tca, 3),
        tcaAdjustmentS: adjusted.offsetS,
        usage: {
          twoDimensionalValid: usage.twoDimensionalValid,
          recommendedMethod: usage.method,
          reasons: usage.reasons,
          encounterDurationS: usage.encounterDurationS,
          covarianceRemediated: usage.covarianceRemediated,
        },
        methodChoice: method === 'auto' ? `auto: usage check recommends ${usage.method}` : `requested: ${method}`,
        ...(cdm.relative.collisionProbability !== undefined ? { cdmCollisionProbability: cdm.relative.collisionProbability, cdmCollisionProbabilityMethod: cdm.relative.collisionProbabilityMethod } : {}),
      };
      const o = openOutput(undefined);
      if (opts.json) o.write(JSON.stringify(result, null, 2) + '\n');
      else {
        o.write(`Pc ${result.pc.toExponential(6)} (${result.method}), HBR ${hbrM} m, miss ${result.missDistanceM.toFixed(1)} m, v_rel ${result.relativeSpeedMps.toFixed(1)} m/s\n`);
        o.write(`usage: ${usage.twoDimensionalValid ? '2D valid' : '2D assumptions violated'}: ${usage.reasons.join('; ')}\n`);
      }
      await o.close();
    });
}
