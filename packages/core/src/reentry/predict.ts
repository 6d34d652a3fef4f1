/**
 * Reentry prediction from an element-set history: fit of the ballistic coefficient B = C_D·A/m to the observed decay
 * of the SGP4 mean semi-major axis (after the last detected manoeuvre), propagation of the orbit-averaged decay
 * (`decay.ts`) to the reentry interface, Monte Carlo window over B (fit uncertainty), density (model error) and
 * F10.7 (forecast error), and the ground track over the window. See docs/design/reentry-prediction.md.
 *
 * Space weather as of the prediction time: only indices observed up to the last complete UTC day before `asOf` are
 * read; after it the persistence rule of `celestrakNrlmsiseInputs` (as-of day's F10.7, trailing 81-day mean, daily Ap)
 * or JB2008's as-of rule applies. Without `asOf`, the prediction time is the last element set's epoch.
 */
import type { ElementSet } from '../catalog/model.ts';
import { ArgumentError } from '../errors/index.ts';
import type { AtmosphereModel } from '../propagation/numerical/forceModel.ts';
import type { Instant, TimeScales } from '../time/index.ts';
import { celestrakNrlmsiseInputs, type CelestrakSpaceWeather, type NrlmsiseSpaceWeatherProvider } from '../atmosphere/spaceWeather/index.ts';
import { Nrlmsise00Atmosphere } from '../atmosphere/nrlmsise00/index.ts';
import { Jb2008Atmosphere, Jb2008SpaceWeather, type DtcData, type SolfsmyData } from '../atmosphere/jb2008/index.ts';
import { DEG_TO_RAD, EARTH_MU_KM3S2, WGS72, WGS84 } from '../units/index.ts';
import { gmst1982 } from '../frames/fk5.ts';
import { historyPoints, ReentryInputError, type HistoryPoint } from './history.ts';
import { detectManeuversInPoints, type DetectedManeuver, type ManeuverKind } from './maneuvers.ts';
import { OrbitAveragedDensity, raanRateRadPerS, runDecay, type DecayDensity, type DecayParameters, type StormEpisode } from './decay.ts';
import { groundTrackGeoJson, type GroundTrackFeatureCollection, type ReentryTrackPoint } from './groundTrack.ts';

export interface PredictReentryOptions {
  readonly timeScales: TimeScales;
  /** Prediction time: only element sets with epoch ≤ asOf and space weather known then are used. */
  readonly asOf?: Instant;
  /** CelesTrak space-weather file (NRLMSISE-00 inputs). */
  readonly spaceWeather?: CelestrakSpaceWeather;
  /** SOLFSMY and DTCFILE indices (JB2008). */
  readonly jb2008Indices?: { readonly solfsmy: SolfsmyData; readonly dtc: DtcData };
  readonly atmosphere?: 'nrlmsise00' | 'jb2008';
  /** Monte Carlo samples (default 200). */
  readonly samples?: number;
  /** Seed of the sampling (default 1): same seed, same answer. */
  readonly seed?: number;
  /** Reentry interface height above the WGS-84 ellipsoid, km (default 80). */
  readonly interfaceAltitudeKm?: number;
  /** Central probability of the window (default 0.9). */
  readonly confidence?: number;
  /** Fit window: the last this-many days of element sets after the last manoeuvre (default 10). */
  readonly fitWindowDays?: number;
  /** 1σ of the log-density model error over the prediction (default 0.15). */
  readonly densitySigma?: number;
  /** 1σ of the relative F10.7 forecast error (default 0.10). */
  readonly fluxSigma?: number;
  /**
   * Geomagnetic storm episodes sampled in the Monte Carlo after the prediction time, per day (default
   * `STORM_RATE_PER_DAY`: episodes with Kp ≥ 7, NOAA G3 or stronger; 0 turns storms off). Each lasts
   * `STORM_DURATION_S` and multiplies the density by a log-uniform factor in `STORM_DENSITY_FACTOR` (see
   * docs/design/reentry-prediction.md, "Storms"). The nominal run has none.
   */
  readonly stormRatePerDay?: number;
  /** Longest prediction, days (default 60). */
  readonly maxHorizonDays?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ManeuverJson {
  readonly kind: ManeuverKind;
  readonly afterEpoch: string;
  readonly beforeEpoch: string;
  readonly deltaAKm: number;
  readonly perigeeHeightAfterKm: number;
}

/** The prediction in its JSON form (the CLI's `--json` output). */
export interface ReentryPrediction {
  readonly object: { readonly catalogNumber: number; readonly objectName?: string; readonly objectId?: string };
  readonly asOf: string;
  readonly lastElementEpoch: string;
  readonly elementSetsUsed: number;
  /** Nominal reentry epoch (UTC ISO), or null when the nominal run stays up for the whole horizon. */
  readonly predictedEpoch: string | null;
  readonly windowStart: string | null;
  readonly windowEnd: string | null;
  /** Probability that the reentry falls inside the window under the sampled uncertainties. */
  readonly confidence: number;
  readonly timeToGoHours: number | null;
  readonly interfaceAltitudeKm: number;
  readonly ballisticCoefficient: {
    /** C_D·A/m, m²/kg (fitted; includes the atmosphere model's bias over the fit window). */
    readonly valueM2PerKg: number;
    readonly sigmaM2PerKg: number;
    readonly fitStart: string;
    readonly fitEnd: string;
    readonly fitSets: number;
    readonly fitRmsKm: number;
  };
  readonly maneuversDetected: boolean;
  readonly maneuvers: readonly ManeuverJson[];
  /** A lowering or deorbit burn in the last days: the object is (or was) controlled; a natural-decay answer does not apply. */
  readonly controlledReentrySuspected: boolean;
  readonly decayStatus: 'natural' | 'maneuvering' | 'not-within-horizon';
  readonly notes: readonly string[];
  readonly atmosphere: 'nrlmsise00' | 'jb2008' | 'constant';
  readonly spaceWeatherRule: string;
  readonly samples: number;
  /** Geomagnetic storm episodes per day sampled after the prediction time (0: none). */
  readonly stormRatePerDay: number;
  readonly samplesReentered: number;
  readonly seed: number;
  readonly horizonDays: number;
  /** Sub-point of the nominal trajectory at the predicted epoch (degrees). */
  readonly nominalReentryPoint: { readonly latDeg: number; readonly lonDeg: number } | null;
  readonly groundTrack: GroundTrackFeatureCollection;
}

const DAY_S = 86400;

/** Episodes of Kp ≥ 7 (NOAA G3+: about 200 G3, 100 G4 and 4 G5 per 11-year cycle, NOAA Space Weather Scales) per day. */
export const STORM_RATE_PER_DAY = 304 / (11 * 365.25);
/** Duration of one storm episode's density enhancement (the thermosphere recovers within about a day). */
export const STORM_DURATION_S = DAY_S;
/** Range of the density factor of one episode at reentry heights (log-uniform). */
export const STORM_DENSITY_FACTOR: readonly [number, number] = [1.2, 2];

/**
 * Storm episodes of one Monte Carlo sample after `fromS` up to `toS`: a Poisson process of rate `ratePerDay` built
 * from unit-exponential gaps scaled by 1/rate (a sample's own generator, so that a higher rate moves the same
 * sample's storms earlier and adds new ones), each with a log-uniform density factor.
 */
export function sampleStorms(seed: number, sample: number, ratePerDay: number, fromS: number, toS: number): StormEpisode[] {
  if (!(ratePerDay > 0)) return [];
  const u = rng((Math.imul(seed + 0x9e3779b9, 0x85ebca6b) ^ Math.imul(sample + 1, 0xc2b2ae35)) >>> 0);
  const out: StormEpisode[] = [];
  const [lo, hi] = STORM_DENSITY_FACTOR;
  let gaps = 0;
  for (;;) {
    gaps += -Math.log(Math.max(u(), 1e-300));
    const start = fromS + (gaps / ratePerDay) * DAY_S;
    const factor = Math.exp(Math.log(lo) + u() * (Math.log(hi) - Math.log(lo)));
    if (start >= toS || out.length >= 1000) return out;
    out.push({ startS: start, endS: start + STORM_DURATION_S, densityFactor: factor });
  }
}

/** Deterministic uniform generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(u: () => number): () => number {
  return () => {
    const u1 = Math.max(u(), 1e-300);
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u());
  };
}

function quantile(sorted: readonly number[], q: number): number {
  const x = q * (sorted.length - 1);
  const i = Math.floor(x);
  const j = Math.min(sorted.length - 1, i + 1);
  return sorted[i]! + (x - i) * (sorted[j]! - sorted[i]!);
}

/** A space-weather provider raising F10.7 (daily and mean) by a factor after a UTC MJD. */
function raisedFlux(base: NrlmsiseSpaceWeatherProvider, factor: number, afterMjd: number): NrlmsiseSpaceWeatherProvider {
  return {
    name: `${base.name}×${factor}`,
    nrlmsiseInputs(utc) {
      const w = base.nrlmsiseInputs(utc);
      if (utc.mjd + utc.seconds / DAY_S <= afterMjd) return w;
      return { ...w, f107Daily: w.f107Daily * factor, f107Average: w.f107Average * factor };
    },
  };
}

/** NRLMSISE-00 inputs held constant (F10.7 = 150 sfu, Ap = 15) when no space weather is given. */
const CONSTANT_SPACE_WEATHER: NrlmsiseSpaceWeatherProvider = {
  name: 'constant F10.7 150 sfu, Ap 15',
  nrlmsiseInputs: () => ({ f107Daily: 150, f107Average: 150, apDaily: 15, apHistory: [15, 15, 15, 15, 15, 15, 15] }),
};

interface Models {
  readonly nominal: AtmosphereModel;
  readonly raised: AtmosphereModel | undefined;
  readonly kind: 'nrlmsise00' | 'jb2008' | 'constant';
  readonly rule: string;
}

function buildModels(o: PredictReentryOptions, asOfUtcMjd: number): Models {
  const kind = o.atmosphere ?? 'nrlmsise00';
  if (kind === 'jb2008') {
    if (o.jb2008Indices === undefined) {
      throw new ReentryInputError('NO_SPACE_WEATHER', 'ARGUMENT_INVALID', 'JB2008 needs its SOLFSMY and DTCFILE indices: give them, or use NRLMSISE-00 with a CelesTrak space-weather file.');
    }
    const sw = new Jb2008SpaceWeather(o.jb2008Indices.solfsmy, o.jb2008Indices.dtc, { asOfUtcMjd });
    return { nominal: new Jb2008Atmosphere(sw), raised: undefined, kind, rule: `JB2008 indices known at MJD ${asOfUtcMjd.toFixed(3)} (days ended before it), persistence after; flux uncertainty folded into the density error` };
  }
  if (o.spaceWeather === undefined) {
    return {
      nominal: new Nrlmsise00Atmosphere({ spaceWeather: CONSTANT_SPACE_WEATHER }),
      raised: new Nrlmsise00Atmosphere({ spaceWeather: raisedFlux(CONSTANT_SPACE_WEATHER, 1.1, asOfUtcMjd) }),
      kind: 'constant',
      rule: 'no space-weather file: NRLMSISE-00 with constant F10.7 = 150 sfu and Ap = 15',
    };
  }
  const sw = o.spaceWeather;
  // The last complete observed UTC day before the prediction time.
  const lastDay = Math.floor(asOfUtcMjd) - 1;
  let provider: NrlmsiseSpaceWeatherProvider;
  let rule: string;
  if (lastDay < sw.firstMjd) {
    throw new ReentryInputError('NO_SPACE_WEATHER', 'ARGUMENT_INVALID', `The space-weather file ${sw.source} starts after the prediction time: give a file that covers the element-set history.`);
  } else if (lastDay <= sw.lastObservedMjd) {
    provider = celestrakNrlmsiseInputs(sw, { asOfMjd: lastDay });
    rule = `observed indices up to MJD ${lastDay} (the last complete UTC day before the prediction), then persistence: that day's F10.7, its trailing 81-day mean and its daily Ap`;
  } else {
    provider = celestrakNrlmsiseInputs(sw);
    rule = `observed indices to the end of ${sw.source} (MJD ${sw.lastObservedMjd}), then the file's daily and monthly forecasts`;
  }
  return {
    nominal: new Nrlmsise00Atmosphere({ spaceWeather: provider }),
    raised: new Nrlmsise00Atmosphere({ spaceWeather: raisedFlux(provider, 1.1, asOfUtcMjd) }),
    kind: 'nrlmsise00',
    rule,
  };
}

/** Fits (a₀, ln B) to the mean semi-major axes of `fit` by Gauss–Newton; returns B, σ(ln B), the model a at the last point, rms. */
function fitBallistic(
  density: DecayDensity,
  fit: readonly HistoryPoint[],
  inclinationRad: number,
  stopHeightKm: number,
): { b: number; sigmaLnB: number; aEndKm: number; eEnd: number; rmsKm: number } {
  const t0 = fit[0]!.tS;
  const times = fit.map((p) => p.tS);
  const tEnd = times[times.length - 1]!;
  const model = (a0: number, lnB: number): { a: Float64Array; eEnd: number } => {
    const r = runDecay(density, { ballisticCoefficientM2PerKg: Math.exp(lnB) }, { tS: t0, aKm: a0, e: fit[0]!.eccentricity }, {
      inclinationRad,
      stopPerigeeHeightKm: stopHeightKm,
      maxTS: tEnd,
      recordAtS: times,
    });
    return { a: r.recordedAKm, eEnd: r.final.e };
  };
  // Initial B from the mean decay rate over the window.
  const first = fit[0]!;
  const last = fit[fit.length - 1]!;
  const rate = (last.aKm - first.aKm) / Math.max(1, last.tS - first.tS);
  const aMid = 0.5 * (first.aKm + last.aKm);
  const rhoMid = Math.exp(density.lnDensity(0.5 * (first.tS + last.tS), aMid - WGS84.aKm));
  const guess = -rate / (rhoMid * 1000 * Math.sqrt(EARTH_MU_KM3S2 * aMid));
  let lnB = Math.log(Number.isFinite(guess) ? Math.min(1, Math.max(1e-4, guess)) : 0.01);
  let a0 = first.aKm;
  const obs = fit.map((p) => p.aKm);
  let jtj = [0, 0, 0];
  let ssr = 0;
  for (let it = 0; it < 12; it++) {
    const base = model(a0, lnB).a;
    const pa = model(a0 + 0.01, lnB).a;
    const pb = model(a0, lnB + 0.01).a;
    let g0 = 0;
    let g1 = 0;
    jtj = [0, 0, 0];
    ssr = 0;
    for (let k = 0; k < obs.length; k++) {
      const r = obs[k]! - base[k]!;
      const j0 = (pa[k]! - base[k]!) / 0.01;
      const j1 = (pb[k]! - base[k]!) / 0.01;
      jtj[0]! += j0 * j0;
      jtj[1]! += j0 * j1;
      jtj[2]! += j1 * j1;
      g0 += j0 * r;
      g1 += j1 * r;
      ssr += r * r;
    }
    const det = jtj[0]! * jtj[2]! - jtj[1]! * jtj[1]!;
    if (!(det > 0)) break;
    let d0 = (jtj[2]! * g0 - jtj[1]! * g1) / det;
    let d1 = (jtj[0]! * g1 - jtj[1]! * g0) / det;
    if (Math.abs(d1) > 0.7) {
      d0 *= 0.7 / Math.abs(d1);
      d1 = Math.sign(d1) * 0.7;
    }
    a0 += d0;
    // B between 1e-5 and 10 m²/kg: beyond, the decay is not drag (noise, or a manoeuvre missed).
    lnB = Math.min(Math.log(10), Math.max(Math.log(1e-5), lnB + d1));
    if (Math.abs(d1) < 1e-5 && Math.abs(d0) < 1e-4) break;
  }
  const final = model(a0, lnB);
  ssr = 0;
  for (let k = 0; k < obs.length; k++) ssr += (obs[k]! - final.a[k]!) ** 2;
  const m = obs.length;
  const s2 = m > 2 ? ssr / (m - 2) : ssr;
  const det = jtj[0]! * jtj[2]! - jtj[1]! * jtj[1]!;
  const sigmaLnB = det > 0 ? Math.sqrt((s2 * jtj[0]!) / det) : 0.5;
  return { b: Math.exp(lnB), sigmaLnB, aEndKm: final.a[m - 1]!, eEnd: final.eEnd, rmsKm: Math.sqrt(ssr / m) };
}

/** Predicts the reentry of one object from its element-set history (oldest first). */
export function predictReentry(history: readonly ElementSet[], options: PredictReentryOptions): ReentryPrediction {
  const ts = options.timeScales;
  const interfaceKm = options.interfaceAltitudeKm ?? 80;
  const samples = options.samples ?? 200;
  const seed = options.seed ?? 1;
  const confidence = options.confidence ?? 0.9;
  if (!Number.isInteger(samples) || samples < 1 || samples > 100_000) throw new ArgumentError(`samples must be an integer from 1 to 100000, not ${samples}.`, samples);
  if (!(confidence > 0 && confidence < 1)) throw new ArgumentError(`confidence must be between 0 and 1 exclusive, not ${confidence}.`, confidence);
  if (!(interfaceKm >= 0 && interfaceKm <= 200)) throw new ArgumentError(`The reentry interface must be 0-200 km, not ${interfaceKm} km.`, interfaceKm);
  const points = historyPoints(history, { timeScales: ts, ...(options.asOf !== undefined ? { asOf: options.asOf } : {}), interfaceAltitudeKm: interfaceKm });
  const lastPoint = points[points.length - 1]!;
  const ref = points[0]!.set.epoch;
  const asOf = options.asOf ?? lastPoint.set.epoch;
  const asOfS = asOf.secondsSince(ref);
  const asOfUtc = ts.toUtcDaySeconds(asOf);
  const asOfMjd = asOfUtc.mjd + asOfUtc.seconds / DAY_S;
  const notes: string[] = [];

  // Manoeuvres, and the fit segment after the last one.
  const maneuvers: DetectedManeuver[] = detectManeuversInPoints(points);
  let segStart = 0;
  if (maneuvers.length > 0) segStart = maneuvers[maneuvers.length - 1]!.indexAfter;
  let segment = points.slice(segStart);
  const fitDays = options.fitWindowDays ?? 10;
  const lastMan = maneuvers[maneuvers.length - 1];
  const recentLowering = lastMan !== undefined && lastMan.kind !== 'raise' && lastPoint.tS - points[lastMan.indexAfter]!.tS < 7 * DAY_S;
  let fitFromEarlierSegment = false;
  if (segment.length < 3 || segment[segment.length - 1]!.tS - segment[0]!.tS < 0.5 * DAY_S) {
    // Too little since the last manoeuvre: fit B on the previous segment (B is a property of the object), start from the last set.
    const prevEnd = segStart;
    const prevStart = maneuvers.length >= 2 ? maneuvers[maneuvers.length - 2]!.indexAfter : 0;
    segment = points.slice(prevStart, prevEnd);
    fitFromEarlierSegment = true;
    notes.push('Too few element sets after the last manoeuvre: the ballistic coefficient is fitted on the segment before it and the decay starts from the last element set.');
  }
  const segEndT = segment[segment.length - 1]?.tS ?? 0;
  const fit = segment.filter((p) => p.tS >= segEndT - fitDays * DAY_S);
  if (fit.length < 3) {
    throw new ReentryInputError(
      'TOO_FEW_ELEMENT_SETS',
      'ARGUMENT_INVALID',
      `Only ${fit.length} element set(s) of ${lastPoint.set.catalogNumber} lie in a decay segment free of manoeuvres: a ballistic-coefficient fit needs at least 3 over more than half a day.`,
      fit.length,
    );
  }
  if (maneuvers.length > 0) notes.push(`${maneuvers.length} manoeuvre(s) detected in the history; the decay is fitted after the last one and not across it.`);
  if (recentLowering) notes.push(`A ${lastMan!.kind} burn was detected on ${ts.formatUtcIso(lastMan!.before, 0)}: the object is under control; a natural-decay prediction does not describe a controlled reentry.`);

  const inc = lastPoint.set.inclinationDeg * DEG_TO_RAD;
  // Interface in radial height above R_eq: the ellipsoid under an inclined orbit is on average lower by f·R·sin²i/2.
  const ellipsoidDrop = WGS84.aKm * WGS84.f * 0.5 * Math.sin(inc) ** 2;
  const stopHeightKm = interfaceKm - ellipsoidDrop;
  const maxApogee = Math.max(...fit.map((p) => p.apogeeHeightKm), lastPoint.apogeeHeightKm);
  const plane = { inclinationRad: inc, raanRad: fit[0]!.set.raanDeg * DEG_TO_RAD, raanRateRadPerS: raanRateRadPerS(fit[0]!.aKm, fit[0]!.eccentricity, inc) };
  // Node at the reference instant (t = 0) from the first fit set.
  const planeAtRef = { ...plane, raanRad: plane.raanRad - plane.raanRateRadPerS * fit[0]!.tS };
  const models = buildModels(options, asOfMjd);
  const minH = stopHeightKm - 10;
  const maxH = maxApogee + 15;
  const density: DecayDensity = new OrbitAveragedDensity(
    models.nominal,
    ts,
    ref,
    planeAtRef,
    minH,
    maxH,
    models.raised !== undefined ? { raisedAtmosphere: models.raised, step: 0.1, fromS: asOfS } : undefined,
    models.kind === 'jb2008' ? 90.5 : -Infinity,
  );

  const fitted = fitBallistic(density, fit, inc, stopHeightKm);
  const start = fitFromEarlierSegment ? { tS: lastPoint.tS, aKm: lastPoint.aKm, e: lastPoint.eccentricity } : { tS: lastPoint.tS, aKm: fitted.aEndKm, e: fitted.eEnd };
  const horizonDays = options.maxHorizonDays ?? 60;
  const maxTS = lastPoint.tS + horizonDays * DAY_S;
  const runOpts = { inclinationRad: inc, stopPerigeeHeightKm: stopHeightKm, maxTS };
  const nominal = runDecay(density, { ballisticCoefficientM2PerKg: fitted.b }, start, runOpts);

  const normal = gaussian(rng(seed));
  const densitySigma = options.densitySigma ?? 0.15;
  const fluxSigma = options.fluxSigma ?? (models.raised === undefined ? 0 : 0.1);
  const bSigma = Math.max(fitted.sigmaLnB, 0.01);
  const stormRate = options.stormRatePerDay ?? STORM_RATE_PER_DAY;
  if (!(stormRate >= 0 && stormRate <= 10)) throw new ArgumentError(`stormRatePerDay must be from 0 to 10, not ${stormRate}.`, stormRate);
  const times: number[] = [];
  let reentered = 0;
  for (let j = 0; j < samples; j++) {
    const p: DecayParameters = {
      ballisticCoefficientM2PerKg: fitted.b * Math.exp(bSigma * normal()),
      densityFactor: Math.exp(densitySigma * normal()),
      fluxRelative: fluxSigma * normal(),
      storms: sampleStorms(seed, j, stormRate, Math.max(asOfS, start.tS), maxTS),
    };
    const r = runDecay(density, p, start, runOpts);
    if (r.reentryTS !== undefined) {
      reentered++;
      times.push(r.reentryTS);
    } else times.push(Infinity);
    options.onProgress?.(j + 1, samples);
  }
  times.sort((a, b) => a - b);
  const qLo = quantile(times, (1 - confidence) / 2);
  const qHi = quantile(times, (1 + confidence) / 2);
  const iso = (tS: number): string => ts.formatUtcIso(ref.plusSeconds(tS), 0).replace(/\.\d*Z$/, 'Z');
  const predictedS = nominal.reentryTS;
  let decayStatus: ReentryPrediction['decayStatus'] = recentLowering ? 'maneuvering' : 'natural';
  if (predictedS === undefined) {
    decayStatus = recentLowering ? 'maneuvering' : 'not-within-horizon';
    notes.push(`The nominal decay does not reach ${interfaceKm} km within ${horizonDays} days of the last element set.`);
  }

  // Ground track over the window (nominal orbit, phase from the last set's mean argument of latitude).
  const trackFrom = Number.isFinite(qLo) ? qLo : (predictedS ?? lastPoint.tS);
  const trackTo = Number.isFinite(qHi) ? qHi : (predictedS ?? lastPoint.tS);
  const track = trackPoints(density, fitted.b, start, lastPoint, inc, plane, ref, ts, trackFrom, trackTo, predictedS, stopHeightKm);
  const gj = groundTrackGeoJson(track.window, track.nominal, {
    catalogNumber: lastPoint.set.catalogNumber,
    windowStart: Number.isFinite(qLo) ? iso(qLo) : null,
    windowEnd: Number.isFinite(qHi) ? iso(qHi) : null,
    predictedEpoch: predictedS !== undefined ? iso(predictedS) : null,
    confidence,
  });
  const name = lastPoint.set.objectName ?? history.find((s) => s.objectName !== undefined)?.objectName;
  const cospar = lastPoint.set.objectId ?? history.find((s) => s.objectId !== undefined)?.objectId;
  return {
    object: { catalogNumber: lastPoint.set.catalogNumber, ...(name !== undefined ? { objectName: name } : {}), ...(cospar !== undefined ? { objectId: cospar } : {}) },
    asOf: ts.formatUtcIso(asOf, 3),
    lastElementEpoch: ts.formatUtcIso(lastPoint.set.epoch, 3),
    elementSetsUsed: points.length,
    predictedEpoch: predictedS !== undefined ? iso(predictedS) : null,
    windowStart: Number.isFinite(qLo) ? iso(qLo) : null,
    windowEnd: Number.isFinite(qHi) ? iso(qHi) : null,
    confidence,
    timeToGoHours: predictedS !== undefined ? (predictedS - asOfS) / 3600 : null,
    interfaceAltitudeKm: interfaceKm,
    ballisticCoefficient: {
      valueM2PerKg: fitted.b,
      sigmaM2PerKg: fitted.b * fitted.sigmaLnB,
      fitStart: ts.formatUtcIso(fit[0]!.set.epoch, 3),
      fitEnd: ts.formatUtcIso(fit[fit.length - 1]!.set.epoch, 3),
      fitSets: fit.length,
      fitRmsKm: fitted.rmsKm,
    },
    maneuversDetected: maneuvers.length > 0,
    maneuvers: maneuvers.map((m) => ({
      kind: m.kind,
      afterEpoch: ts.formatUtcIso(m.after, 3),
      beforeEpoch: ts.formatUtcIso(m.before, 3),
      deltaAKm: m.deltaAKm,
      perigeeHeightAfterKm: m.perigeeHeightAfterKm,
    })),
    controlledReentrySuspected: recentLowering,
    decayStatus,
    notes,
    atmosphere: models.kind,
    spaceWeatherRule: models.rule,
    samples,
    stormRatePerDay: stormRate,
    samplesReentered: reentered,
    seed,
    horizonDays,
    nominalReentryPoint: track.nominal !== undefined ? { latDeg: track.nominal.latDeg, lonDeg: track.nominal.lonDeg } : null,
    groundTrack: gj,
  };
}

/** Sub-points of the nominal orbit over [from, to] (≤ 2000 points) and at the nominal reentry. */
function trackPoints(
  density: DecayDensity,
  b: number,
  start: { tS: number; aKm: number; e: number },
  last: HistoryPoint,
  inc: number,
  plane: { raanRad: number; raanRateRadPerS: number },
  ref: Instant,
  ts: TimeScales,
  fromS: number,
  toS: number,
  nominalS: number | undefined,
  stopHeightKm: number,
): { window: ReentryTrackPoint[]; nominal: ReentryTrackPoint | undefined } {
  const t0 = start.tS;
  const span = Math.max(60, toS - fromS);
  const stepWin = Math.max(20, span / 2000);
  // Phase integration grid: coarse from the last set to the window start, fine over the window.
  const grid: number[] = [];
  const coarse = 120;
  for (let t = t0; t < fromS; t += coarse) grid.push(t);
  for (let t = Math.max(fromS, t0); t <= toS + 1e-6; t += stepWin) grid.push(t);
  if (nominalS !== undefined && nominalS > t0) grid.push(nominalS);
  grid.sort((x, y) => x - y);
  const r = runDecay(density, { ballisticCoefficientM2PerKg: b }, start, { inclinationRad: inc, stopPerigeeHeightKm: stopHeightKm, maxTS: grid[grid.length - 1]! + 1, recordAtS: grid });
  const a = r.recordedAKm;
  const finalA = r.final.aKm;
  const e = last.eccentricity;
  const ci = Math.cos(inc);
  const si = Math.sin(inc);
  const s2 = si * si;
  const rateU = (aKm: number): number => {
    const n = Math.sqrt(EARTH_MU_KM3S2 / (aKm * aKm * aKm));
    const p = aKm * (1 - e * e);
    const k = 1.5 * WGS72.j2 * (WGS84.aKm / p) ** 2;
    return n * (1 + k * (Math.sqrt(1 - e * e) * (1 - 1.5 * s2) + (2 - 2.5 * s2)));
  };
  let u = (last.set.argOfPericenterDeg + last.set.meanAnomalyDeg) * DEG_TO_RAD;
  const window: ReentryTrackPoint[] = [];
  let nominal: ReentryTrackPoint | undefined;
  let prevT = t0;
  let prevRate = rateU(start.aKm);
  for (let k = 0; k < grid.length; k++) {
    const t = grid[k]!;
    const ak = a[k]! > 0 ? a[k]! : finalA;
    const rk = rateU(ak);
    u += 0.5 * (prevRate + rk) * (t - prevT);
    prevT = t;
    prevRate = rk;
    if (t < fromS - 1e-6 && t !== nominalS) continue;
    const raan = plane.raanRad + plane.raanRateRadPerS * (t - last.tS);
    const cu = Math.cos(u);
    const su = Math.sin(u);
    const co = Math.cos(raan);
    const so = Math.sin(raan);
    const x = co * cu - so * su * ci;
    const y = so * cu + co * su * ci;
    const z = su * si;
    const instant = ref.plusSeconds(t);
    const ut1 = ts.ut1JulianDate(instant);
    const g = gmst1982(ut1.jd1, ut1.jd2);
    const xe = Math.cos(g) * x + Math.sin(g) * y;
    const ye = -Math.sin(g) * x + Math.cos(g) * y;
    const latGc = Math.atan2(z, Math.hypot(xe, ye));
    // Geodetic latitude on the ellipsoid surface: tan φ = tan ψ / (1 − f)².
    const lat = Math.atan(Math.tan(latGc) / (1 - WGS84.f) ** 2);
    const pt: ReentryTrackPoint = { tS: t, iso: ts.formatUtcIso(instant, 0), latDeg: lat / DEG_TO_RAD, lonDeg: Math.atan2(ye, xe) / DEG_TO_RAD };
    if (nominalS !== undefined && Math.abs(t - nominalS) < 1e-6) nominal = pt;
    if (t >= fromS - 1e-6 && t <= toS + 1e-6) window.push(pt);
  }
  return { window, nominal };
}
