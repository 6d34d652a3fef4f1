/**
 * Space weather in the reentry watch (issue #14, SKYLANE_SPACE_WEATHER_FILE): with the CelesTrak SW file of
 * ../shared/data/propagation (skipped when absent) the watch's precise predictor uses the observed indices up to the
 * prediction time (Shenzhou-11 cut 3 days before its final-TIP reentry: the rule names the last complete day before
 * the newest element set, the truth lies in the window) and, for a history after the file's last observed day
 * (2026-08-21), the file's forecasts (a different answer from the constant F10.7 150 / Ap 15 default).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kozaiMeanMotionRevPerDay, readElementSets, writeOmmJson, type ElementSet } from '@skylane/core';
import { auth, BACKENDS, makeFixture, ts, type Fixture } from './helpers.ts';
import { preciseReentryPredictor } from '../../src/reentry/watch.ts';
import { closeReentryPool } from '../../src/reentry/parallelReentry.ts';

// Space-Track and CelesTrak data: read from ../shared/data, never copied into the repository; skipped without it.
const shared = fileURLToPath(new URL('../../../../../shared/data/', import.meta.url));
const shenzhou11 = `${shared}reentry/lauratrain99_Shenzhou11.txt`;
const swPath = `${shared}propagation/celestrak-space-weather/SW-All.from2000.txt`;
const present = existsSync(shenzhou11) && existsSync(swPath);
if (!present) console.info(`skipped: ${shenzhou11} or ${swPath} is absent (shared data is never copied into the repository)`);
/** Final Space-Track TIP of the Shenzhou-11 orbital module (../shared/data/reentry/reentry_truth.csv). */
const SHENZHOU11_TRUTH = Date.parse('2020-10-06T13:42:00Z');

describe.skipIf(!present)('reentry watch with a CelesTrak space-weather file', () => {
  let f: Fixture;
  let sw = '';
  beforeAll(async () => {
    sw = readFileSync(swPath, 'utf8');
    f = await makeFixture(BACKENDS[0]!, { earlyWarning: { threads: 0, reentrySpaceWeather: sw } });
  });
  afterAll(async () => {
    await f?.close();
    await closeReentryPool();
  });

  it('Shenzhou-11, 3 days out: observed indices up to the day before the newest element set; the truth inside the window', async () => {
    const sets = readElementSets(readFileSync(shenzhou11, 'utf8'), { timeScales: ts, sourceName: 'Shenzhou11' }).elementSets;
    const cut = sets.filter((x) => Date.parse(ts.formatUtcIso(x.epoch, 3)) <= SHENZHOU11_TRUTH - 3 * 86_400_000).slice(-60);
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/uploads?visibility=private&name=sz11.json', headers: { ...auth(f.keys.operatorA), 'content-type': 'application/json' }, payload: writeOmmJson(cut, { timeScales: ts }) });
    expect(r.statusCode, r.body).toBeLessThan(300);
    const h = (await f.app.inject({ url: '/api/v1/reentries/41868', headers: auth(f.keys.viewerA) })).json<{ predictions: { predictedEpoch: string; windowStart: string; windowEnd: string; predictor: string; lastElementEpoch: string; spaceWeatherRule: string | null }[] }>();
    const p = h.predictions[0]!;
    expect(p.predictor).toBe('reentry-predict-nrlmsise00');
    // The last complete UTC day before the newest element set, never a later observed day.
    const lastMs = Date.parse(p.lastElementEpoch);
    const expectedMjd = Math.floor(lastMs / 86_400_000 + 40587) - 1;
    expect(p.spaceWeatherRule).toContain(`observed indices up to MJD ${expectedMjd}`);
    const toGoH = (SHENZHOU11_TRUTH - lastMs) / 3_600_000;
    const errH = (Date.parse(p.predictedEpoch) - SHENZHOU11_TRUTH) / 3_600_000;
    console.info(`watch + SW file, Shenzhou-11 ${toGoH.toFixed(1)} h out: predicted ${p.predictedEpoch} (error ${errH.toFixed(1)} h = ${((100 * Math.abs(errH)) / toGoH).toFixed(0)} % of the time to go), window ${p.windowStart} .. ${p.windowEnd}`);
    expect(Math.abs(errH)).toBeLessThan(0.25 * toGoH);
    expect(Date.parse(p.windowStart)).toBeLessThanOrEqual(SHENZHOU11_TRUTH);
    expect(Date.parse(p.windowEnd)).toBeGreaterThanOrEqual(SHENZHOU11_TRUTH);
  }, 120_000);

  it("a history after the file's last observed day uses the file's forecasts (not the constant default)", async () => {
    const epoch0 = ts.fromUtc(2026, 9, 1, 0, 0, 0);
    // A synthetic decay from 190 km, faster each day: the lifetime screen puts it within 45 days, so the precise predictor runs.
    const heights = [190, 187.5, 184.7, 181.5, 178];
    const history: ElementSet[] = heights.map((hKm, day) => ({
      catalogNumber: 99201,
      classification: 'U',
      epoch: epoch0.plusSeconds(day * 86400),
      meanMotionRevPerDay: kozaiMeanMotionRevPerDay(6378.137 + hKm, 0.0005, 51.6),
      eccentricity: 0.0005,
      inclinationDeg: 51.6,
      raanDeg: 10,
      argOfPericenterDeg: 0,
      meanAnomalyDeg: 0,
      bstarPerEarthRadii: 5e-4,
      meanMotionDotRevPerDay2: 5e-3,
      meanMotionDdotRevPerDay3: 0,
      ephemerisType: 0,
      elementSetNo: 1,
      revAtEpoch: 0,
    }));
    const asOf = history[history.length - 1]!.epoch;
    const withFile = await preciseReentryPredictor(ts, undefined, sw).predict(history, asOf);
    const constant = await preciseReentryPredictor(ts).predict(history, asOf);
    expect(withFile?.predictor).toBe('reentry-predict-nrlmsise00');
    expect(constant?.predictor).toBe('reentry-predict-nrlmsise00');
    expect(withFile!.spaceWeatherRule).toMatch(/forecast/);
    expect(constant!.spaceWeatherRule).toMatch(/constant F10\.7 = 150/);
    const diffH = Math.abs(withFile!.predictedEpoch.secondsSince(constant!.predictedEpoch)) / 3600;
    console.info(`2026-09 synthetic decay: file forecast vs constant indices differ by ${diffH.toFixed(2)} h`);
    expect(diffH).toBeGreaterThan(0.01);
  }, 120_000);
});
