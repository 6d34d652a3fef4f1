/**
 * Reentry prediction (issue #14 target: one prediction with 1,000 Monte Carlo samples under 20 s on 2 cores): the
 * Shenzhou-11 history (../shared/data, Space-Track, never copied) cut 3 days before the truth, NRLMSISE-00 with the
 * CelesTrak file. The peer, in the same run, is the same prediction with 1 sample (fit + nominal decay + atmosphere
 * tables): the ratio shows what the Monte Carlo adds. Without the shared data a synthetic 230 km decay is used.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTimeScales, kozaiMeanMotionRevPerDay, parseCelestrakSpaceWeather, predictReentry, readElementSets, type ElementSet } from '../packages/core/src/index.ts';
import { machineDescription, peakRssMiB, timed, type BenchReport } from './common.ts';

export async function runReentryBench(): Promise<BenchReport> {
  const ts = createTimeScales();
  const shared = fileURLToPath(new URL('../../shared/data/', import.meta.url));
  const hist = `${shared}reentry/lauratrain99_Shenzhou11.txt`;
  const swPath = existsSync(`${shared}propagation/celestrak-space-weather/SW-All.from2000.txt`)
    ? `${shared}propagation/celestrak-space-weather/SW-All.from2000.txt`
    : fileURLToPath(new URL('../validation/celestrak-space-weather/SW-window-2026.txt', import.meta.url));
  const sw = parseCelestrakSpaceWeather(readFileSync(swPath, 'utf8'), 'SW');
  let sets: ElementSet[];
  let asOfIso: string;
  let label: string;
  if (existsSync(hist)) {
    sets = readElementSets(readFileSync(hist, 'utf8'), { timeScales: ts }).elementSets;
    asOfIso = '2020-10-03T13:42:00Z';
    label = 'Shenzhou-11 history, as of 3 days before reentry';
  } else {
    const e0 = ts.fromUtc(2026, 7, 1, 0, 0, 0);
    sets = Array.from({ length: 12 }, (_, k) => ({
      catalogNumber: 99002,
      classification: 'U',
      epoch: e0.plusSeconds(k * 43200),
      meanMotionRevPerDay: kozaiMeanMotionRevPerDay(6378.137 + 230 - 2 * k * 0.5 - 0.1 * k * k, 0.0005, 51.6),
      eccentricity: 0.0005,
      inclinationDeg: 51.6,
      raanDeg: 0,
      argOfPericenterDeg: 0,
      meanAnomalyDeg: 0,
      bstarPerEarthRadii: 1e-4,
      meanMotionDotRevPerDay2: 1e-3,
      meanMotionDdotRevPerDay3: 0,
      ephemerisType: 0,
      elementSetNo: k,
      revAtEpoch: 0,
    }));
    asOfIso = '2026-07-06T12:00:00Z';
    label = 'synthetic 230 km decay (shared data absent)';
  }
  const asOf = ts.parseUtcIso(asOfIso);
  const peer = await timed(() => predictReentry(sets, { timeScales: ts, asOf, spaceWeather: sw, samples: 1 }));
  const full = await timed(() => predictReentry(sets, { timeScales: ts, asOf, spaceWeather: sw, samples: 1000 }));
  return {
    name: 'Reentry prediction',
    lines: [
      `${label}; ${machineDescription()}`,
      `peer: 1 sample (fit, atmosphere tables, nominal decay, ground track): ${(peer.ms / 1000).toFixed(2)} s`,
      `1,000 Monte Carlo samples: ${(full.ms / 1000).toFixed(2)} s (${(full.ms / peer.ms).toFixed(2)}× the peer; target < 20 s)`,
      `predicted ${full.value.predictedEpoch}, window ${full.value.windowStart} .. ${full.value.windowEnd} (${full.value.confidence * 100} %), ${full.value.samplesReentered}/1000 samples reentered`,
      `peak RSS ${peakRssMiB().toFixed(0)} MiB`,
    ],
  };
}
