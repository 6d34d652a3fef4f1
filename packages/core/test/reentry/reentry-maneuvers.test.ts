/**
 * Manoeuvres in Space-Track histories (read from ../shared/data, skipped when absent):
 * - Tiangong-2 (41765), deorbited under control on 2019-07-19: its July 2019 lowering burns are flagged and it is not
 *   predicted to decay naturally on 2019-07-19.
 * - Tianhe (48274), reboosted: the expected reboost days come from an independent simple rule on the raw TLE mean
 *   motion (a drop of more than 0.01 rev/day between consecutive sets, i.e. a rise of ≳ 2.4 km), not from the detector;
 *   each must be matched by a detected raise within a day.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectManeuvers, predictReentry } from '../../src/index.ts';
import { history, REENTRY_DIR, sharedDataPresent, spaceWeather, ts } from './helpers.ts';

describe('reentry: manoeuvre detection (Space-Track histories)', () => {
  it.skipIf(!sharedDataPresent('lauratrain99_Tiangong2.txt'))('Tiangong-2: deorbit burns flagged, no natural reentry predicted on 2019-07-19', () => {
    const sets = history('lauratrain99_Tiangong2.txt');
    const p = predictReentry(sets, { timeScales: ts, spaceWeather: spaceWeather(), samples: 20 });
    const july = p.maneuvers.filter((m) => m.kind !== 'raise' && m.beforeEpoch.startsWith('2019-07'));
    console.info(`Tiangong-2: ${p.maneuvers.length} manoeuvres; July 2019: ${JSON.stringify(july)}; natural-decay epoch ${p.predictedEpoch}; status ${p.decayStatus}`);
    expect(p.maneuversDetected).toBe(true);
    expect(july.length).toBeGreaterThanOrEqual(1);
    expect(july[0]!.deltaAKm).toBeLessThan(-50);
    expect(p.controlledReentrySuspected).toBe(true);
    expect(p.decayStatus).toBe('maneuvering');
    // Natural decay from 187 x 376 km takes weeks: nothing on the day of the controlled reentry.
    const controlled = ts.parseUtcIso('2019-07-19T14:00:00Z');
    if (p.predictedEpoch !== null) expect(ts.parseUtcIso(p.predictedEpoch).secondsSince(controlled) / 86400).toBeGreaterThan(5);
  }, 300_000);

  it.skipIf(!sharedDataPresent('lauratrain99_Tianhe.txt'))('Tianhe: every reboost seen in the raw mean motion is found on its day', () => {
    const sets = history('lauratrain99_Tianhe.txt');
    // Independent rule on the raw file: mean motion (line 2 columns 53-63) dropping by > 0.01 rev/day.
    const lines = readFileSync(`${REENTRY_DIR}lauratrain99_Tianhe.txt`, 'utf8').split('\n').filter((l) => l.startsWith('2 '));
    const epochs = readFileSync(`${REENTRY_DIR}lauratrain99_Tianhe.txt`, 'utf8').split('\n').filter((l) => l.startsWith('1 ')).map((l) => Number(l.slice(18, 32)));
    const expected: number[] = [];
    for (let k = 1; k < lines.length; k++) {
      const n0 = Number(lines[k - 1]!.slice(52, 63));
      const n1 = Number(lines[k]!.slice(52, 63));
      if (n0 - n1 > 0.01) expected.push(epochs[k]!);
    }
    const found = detectManeuvers(sets, { timeScales: ts }).filter((m) => m.kind === 'raise');
    const yyddd = (iso: string): number => {
      const t = ts.parseUtcIso(iso);
      const jan1 = ts.parseUtcIso(`${iso.slice(0, 4)}-01-01T00:00:00Z`);
      return (Number(iso.slice(2, 4)) * 1000) + 1 + t.secondsSince(jan1) / 86400;
    };
    const missed = expected.filter((e) => !found.some((m) => yyddd(ts.formatUtcIso(m.after, 3)) - 1 <= e && e <= yyddd(ts.formatUtcIso(m.before, 3)) + 1));
    console.info(`Tianhe: ${expected.length} reboost days by the raw-mean-motion rule (${expected.map((e) => e.toFixed(2)).join(', ')}), ${found.length} raises detected, missed: ${missed.length}`);
    expect(expected.length).toBeGreaterThanOrEqual(5);
    expect(missed, `reboosts not detected: ${missed.join(', ')}`).toEqual([]);
  }, 120_000);
});
