/**
 * A suborbital flight plan: the nominal profile, its check against the human-tolerance envelope, the Monte Carlo
 * landing dispersion of capsule and booster with 3σ ellipses (launch/dispersion.ts' `impactEllipse`), hazard areas
 * (launch/notam.ts' `HazardArea`) and the ascent abort modes with where the capsule would land.
 *
 * Dispersion (1σ, documented assumptions): thrust ±1 %, Isp ±0.3 %, ascent tilt ±0.2°, tilt heading ±10°, capsule C_D
 * and parachute C_D·A log-normal 5 % and 10 %, booster return β log-normal 15 %, escape-motor thrust ±3 %, and a wind
 * below 20 km of 3 m/s per horizontal axis about the forecast (the request's wind). Samples use the seeded generator of
 * launch/dispersion.ts (`seededNormal`): a seed gives the same result on every machine.
 *
 * Aborts: at every `abortStepS` from liftoff to capsule separation (and at MECO and separation) the booster stops and
 * the capsule fires its escape motor along the vehicle axis, then falls and lands under its parachutes (the main set
 * opens once the capsule descends below its deployment height, at once when the escape apogee is lower). Modes:
 * `pad-escape` (t = 0), `ascent-escape` (powered flight), `coast-escape` (MECO to separation), then `nominal-descent`.
 * An escape is available when the capsule lands under a fully open main canopy (touchdown at most 1.5× the nominal
 * touchdown speed) and without a sustained-acceleration violation; the reason is given otherwise.
 */
import { ArgumentError } from '../errors/index.ts';
import type { Instant, TimeScales } from '../time/index.ts';
import { RAD_TO_DEG } from '../units/index.ts';
import { impactEllipse, seededNormal, type ImpactEllipse } from '../launch/dispersion.ts';
import { distanceKm, type LatLon } from '../launch/geo.ts';
import type { HazardArea } from '../launch/notam.ts';
import type { NetworkSite } from '../launch/sites/index.ts';
import { flySuborbital, type GroundPoint, type SuborbitalFlight, type SuborbitalOptions, type SuborbitalPerturbation } from './suborbitalFlight.ts';
import type { SuborbitalVehicle } from './suborbitalVehicles.ts';
import { checkTolerance, NASA_STD_3001_SUSTAINED, type ToleranceEnvelope, type ToleranceViolation } from './tolerance.ts';

export interface SuborbitalDispersionModel {
  readonly thrustSigma: number;
  readonly ispSigma: number;
  readonly pitchSigmaDeg: number;
  readonly headingSigmaDeg: number;
  readonly lnCapsuleCdSigma: number;
  readonly lnParachuteSigma: number;
  readonly lnBoosterBallisticSigma: number;
  readonly escapeThrustSigma: number;
  readonly windSigmaMps: number;
}

export const DEFAULT_SUBORBITAL_DISPERSION: SuborbitalDispersionModel = {
  thrustSigma: 0.01,
  ispSigma: 0.003,
  pitchSigmaDeg: 0.2,
  headingSigmaDeg: 10,
  lnCapsuleCdSigma: 0.05,
  lnParachuteSigma: 0.1,
  lnBoosterBallisticSigma: 0.15,
  escapeThrustSigma: 0.03,
  windSigmaMps: 3,
};

export interface SuborbitalPlanRequest {
  readonly vehicle: SuborbitalVehicle;
  readonly site: NetworkSite;
  readonly launch: Instant;
  readonly options?: SuborbitalOptions;
  /** Monte Carlo samples of the landing dispersion (default 1000; 0 gives no ellipse). */
  readonly samples?: number;
  readonly seed?: number;
  readonly dispersion?: SuborbitalDispersionModel;
  readonly envelope?: ToleranceEnvelope;
  /** Spacing of the abort times (s, default 20); 0 leaves the aborts out. */
  readonly abortStepS?: number;
  /** Monte Carlo samples per abort time (default 40). */
  readonly abortSamples?: number;
}

export type AbortMode = 'pad-escape' | 'ascent-escape' | 'coast-escape';

export interface AbortCase {
  readonly tS: number;
  readonly mode: AbortMode;
  readonly available: boolean;
  readonly reason: string;
  readonly landing: GroundPoint;
  /** 3σ landing ellipse of the abort's dispersion. */
  readonly ellipse: ImpactEllipse;
  readonly apogeeKm: number;
  readonly maxG: number;
  readonly touchdownSpeedMps: number;
  readonly violations: ToleranceViolation[];
  /** Ground distance from the pad (km). */
  readonly rangeKm: number;
}

export interface SuborbitalPlan {
  readonly vehicle: SuborbitalVehicle;
  readonly site: NetworkSite;
  readonly launch: Instant;
  readonly nominal: SuborbitalFlight;
  readonly violations: ToleranceViolation[];
  readonly envelope: ToleranceEnvelope;
  readonly samples: number;
  readonly seed: number;
  /** Landing points of the samples (capsule, booster). */
  readonly capsuleLandings: GroundPoint[];
  readonly boosterLandings: GroundPoint[];
  readonly capsuleEllipse?: ImpactEllipse;
  readonly boosterEllipse?: ImpactEllipse;
  readonly hazardAreas: HazardArea[];
  readonly aborts: AbortCase[];
}

/** A random perturbation drawn from the model. */
export function drawSuborbitalPerturbation(nrm: () => number, m: SuborbitalDispersionModel): SuborbitalPerturbation {
  return {
    thrustScale: 1 + m.thrustSigma * nrm(),
    ispScale: 1 + m.ispSigma * nrm(),
    pitchBiasDeg: m.pitchSigmaDeg * nrm(),
    headingBiasDeg: m.headingSigmaDeg * nrm(),
    capsuleCdScale: Math.exp(m.lnCapsuleCdSigma * nrm()),
    parachuteScale: Math.exp(m.lnParachuteSigma * nrm()),
    boosterBallisticScale: Math.exp(m.lnBoosterBallisticSigma * nrm()),
    escapeThrustScale: 1 + m.escapeThrustSigma * nrm(),
    windEastMps: m.windSigmaMps * nrm(),
    windNorthMps: m.windSigmaMps * nrm(),
  };
}

const ll = (p: GroundPoint): LatLon => ({ latRad: p.latRad, lonRad: p.lonRad });

/** Whether a point lies inside an ellipse (east/north tangent plane at the ellipse centre). */
export function insideEllipse(e: ImpactEllipse, p: LatLon): boolean {
  const d = distanceKm(e.center, p);
  if (d === 0) return true;
  const dLon = p.lonRad - e.center.lonRad;
  const bearing = Math.atan2(Math.sin(dLon) * Math.cos(p.latRad), Math.cos(e.center.latRad) * Math.sin(p.latRad) - Math.sin(e.center.latRad) * Math.cos(p.latRad) * Math.cos(dLon));
  const rel = bearing - e.majorAxisAzimuthRad;
  const u = d * Math.cos(rel);
  const w = d * Math.sin(rel);
  return (u / e.semiMajorKm) ** 2 + (w / e.semiMinorKm) ** 2 <= 1;
}

/** One abort time: the nominal abort flight, its dispersion ellipse from `samples` perturbed aborts, availability. */
export function analyseAbort(q: {
  readonly site: NetworkSite;
  readonly vehicle: SuborbitalVehicle;
  readonly options?: SuborbitalOptions;
  readonly abortAtS: number;
  readonly samples: number;
  readonly seed: number;
  readonly dispersion?: SuborbitalDispersionModel;
  readonly envelope?: ToleranceEnvelope;
  /** The nominal (no-abort) flight, for its MECO time and touchdown speed; flown when absent. */
  readonly nominal?: SuborbitalFlight;
}): AbortCase {
  const base = { site: q.site, vehicle: q.vehicle, ...(q.options !== undefined ? { options: q.options } : {}) };
  const nominal = q.nominal ?? flySuborbital({ ...base, record: false });
  const model = q.dispersion ?? DEFAULT_SUBORBITAL_DISPERSION;
  const env = q.envelope ?? NASA_STD_3001_SUSTAINED;
  const t = q.abortAtS;
  const f = flySuborbital({ ...base, abortAtS: t });
  const nrm = seededNormal(q.seed);
  const pts: LatLon[] = [];
  for (let s = 0; s < q.samples; s++) pts.push(ll(flySuborbital({ ...base, abortAtS: t, perturbation: drawSuborbitalPerturbation(nrm, model), record: false }).landing));
  const ellipse = impactEllipse(pts.length > 1 ? pts : [ll(f.landing)], ll(f.landing), 3, 0.5);
  const v = checkTolerance(f.series, env);
  const mode: AbortMode = t === 0 ? 'pad-escape' : t <= nominal.mecoTS + 1e-9 ? 'ascent-escape' : 'coast-escape';
  const slowEnough = f.touchdownSpeedMps <= 1.5 * nominal.touchdownSpeedMps;
  const reason = !slowEnough
    ? `touchdown at ${f.touchdownSpeedMps.toFixed(1)} m/s: the main parachutes are not fully open`
    : v.length > 0
      ? `${v.length} sustained-acceleration violation(s), first ${v[0]!.axis} ${v[0]!.peakG.toFixed(1)} g > ${v[0]!.limitG} g for more than ${v[0]!.allowedDurationS} s`
      : 'lands under a full main canopy within the tolerance envelope';
  const pad = { latRad: (q.site.latDeg * Math.PI) / 180, lonRad: (q.site.lonDeg * Math.PI) / 180 };
  return {
    tS: t,
    mode,
    available: slowEnough && v.length === 0,
    reason,
    landing: f.landing,
    ellipse,
    apogeeKm: f.apogeeKm,
    maxG: Math.max(f.maxAscentG, f.maxReentryG, f.maxParachuteG),
    touchdownSpeedMps: f.touchdownSpeedMps,
    violations: v,
    rangeKm: distanceKm(pad, ll(f.landing)),
  };
}

/** Plans a suborbital flight: nominal profile, tolerance check, dispersion, hazard areas and aborts. */
export function planSuborbitalFlight(req: SuborbitalPlanRequest): SuborbitalPlan {
  const samples = req.samples ?? 1000;
  if (!(Number.isInteger(samples) && samples >= 0 && samples <= 20000)) throw new ArgumentError(`Samples must be an integer in [0, 20000]; got ${samples}.`, samples);
  const abortStep = req.abortStepS ?? 20;
  if (!(abortStep === 0 || (abortStep >= 1 && abortStep <= 600))) throw new ArgumentError(`The abort step must be 0 (no aborts) or in [1, 600] s; got ${abortStep}.`, abortStep);
  const abortSamples = req.abortSamples ?? 40;
  if (!(Number.isInteger(abortSamples) && abortSamples >= 0 && abortSamples <= 2000)) throw new ArgumentError(`Abort samples must be an integer in [0, 2000]; got ${abortSamples}.`, abortSamples);
  const seed = req.seed ?? 20211207;
  const model = req.dispersion ?? DEFAULT_SUBORBITAL_DISPERSION;
  const env = req.envelope ?? NASA_STD_3001_SUSTAINED;
  const base = { site: req.site, vehicle: req.vehicle, ...(req.options !== undefined ? { options: req.options } : {}) };
  const nominal = flySuborbital(base);
  const violations = checkTolerance(nominal.series, env);

  const nrm = seededNormal(seed);
  const capsuleLandings: GroundPoint[] = [];
  const boosterLandings: GroundPoint[] = [];
  let latestCapsule = nominal.landing.tS;
  let latestBooster = nominal.booster?.tS ?? 0;
  for (let s = 0; s < samples; s++) {
    const f = flySuborbital({ ...base, perturbation: drawSuborbitalPerturbation(nrm, model), record: false });
    capsuleLandings.push(f.landing);
    latestCapsule = Math.max(latestCapsule, f.landing.tS);
    if (f.booster) {
      boosterLandings.push(f.booster);
      latestBooster = Math.max(latestBooster, f.booster.tS);
    }
  }
  const capsuleEllipse = samples > 1 ? impactEllipse(capsuleLandings.map(ll), ll(nominal.landing), 3, 0.5) : undefined;
  const boosterEllipse = nominal.booster !== undefined && boosterLandings.length > 1 ? impactEllipse(boosterLandings.map(ll), ll(nominal.booster), 3, 0.5) : undefined;
  const hazardAreas: HazardArea[] = [];
  const sep = nominal.events.find((e) => e.name === 'separation')?.tS ?? nominal.mecoTS;
  if (capsuleEllipse) {
    hazardAreas.push({ id: 'capsule-landing', polygon: capsuleEllipse.polygon, activeFrom: req.launch, activeTo: req.launch.plusSeconds(latestCapsule + 300), verticalLimits: 'SFC-UNL', note: `3σ capsule landing ellipse of ${samples} samples (seed ${seed})` });
  }
  if (boosterEllipse) {
    hazardAreas.push({ id: 'booster-landing', polygon: boosterEllipse.polygon, activeFrom: req.launch.plusSeconds(Math.max(0, sep - 60)), activeTo: req.launch.plusSeconds(latestBooster + 300), verticalLimits: 'SFC-UNL', note: `3σ booster return ellipse (ballistic, landing burn not modelled) of ${samples} samples (seed ${seed})` });
  }

  const aborts: AbortCase[] = [];
  if (abortStep > 0) {
    const times: number[] = [];
    for (let t = 0; t < sep - 1e-6; t += abortStep) times.push(t);
    if (!times.some((t) => Math.abs(t - nominal.mecoTS) < 1e-6)) times.push(nominal.mecoTS);
    times.push(sep);
    times.sort((a, b) => a - b);
    for (const t of times) aborts.push(analyseAbort({ site: req.site, vehicle: req.vehicle, ...(req.options !== undefined ? { options: req.options } : {}), abortAtS: t, samples: abortSamples, seed: seed ^ 0x5bd1e995, dispersion: model, envelope: env, nominal }));
  }
  return {
    vehicle: req.vehicle,
    site: req.site,
    launch: req.launch,
    nominal,
    violations,
    envelope: env,
    samples,
    seed,
    capsuleLandings,
    boosterLandings,
    ...(capsuleEllipse ? { capsuleEllipse } : {}),
    ...(boosterEllipse ? { boosterEllipse } : {}),
    hazardAreas,
    aborts,
  };
}

const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;
const r3 = (x: number): number => Math.round(x * 1e3) / 1e3;
const r2 = (x: number): number => Math.round(x * 100) / 100;
const deg = (x: number): number => r6(x * RAD_TO_DEG);

function ellipseJson(e: ImpactEllipse): Record<string, unknown> {
  return {
    centerLatDeg: deg(e.center.latRad),
    centerLonDeg: deg(e.center.lonRad),
    semiMajorKm: r3(e.semiMajorKm),
    semiMinorKm: r3(e.semiMinorKm),
    majorAxisAzimuthDeg: r2(e.majorAxisAzimuthRad * RAD_TO_DEG),
    sigma: 3,
    polygonLonLatDeg: e.polygon.map((p) => [deg(p.lonRad), deg(p.latRad)]),
  };
}

function violationJson(v: ToleranceViolation): Record<string, unknown> {
  return { axis: v.axis, tS: r2(v.tS), startS: r2(v.startS), durationS: r2(v.durationS), valueG: r2(v.peakG), limitG: v.limitG, allowedDurationS: v.allowedDurationS };
}

/**
 * The plan as JSON (the CLI/API contract): `apogeeKm, timeAboveKarmanS, microgravityS, maxAscentG, maxReentryG,
 * landing: {lat, lon, ellipse}` (lat/lon in degrees, also as latDeg/lonDeg) and more; the series is sampled every
 * `seriesStepS` seconds (default 2).
 */
export function suborbitalPlanJson(plan: SuborbitalPlan, ts: TimeScales, seriesStepS = 2): Record<string, unknown> {
  const n = plan.nominal;
  const iso = (tS: number): string => ts.formatUtcIso(plan.launch.plusSeconds(tS), 1);
  const s = n.series;
  const series: { tS: number; altKm: number; speedKmS: number; gx: number; gy: number; gz: number }[] = [];
  let next = 0;
  for (let i = 0; i < s.tS.length; i++) {
    if (s.tS[i]! + 1e-9 >= next || i === s.tS.length - 1) {
      series.push({ tS: r2(s.tS[i]!), altKm: r3(s.altKm[i]!), speedKmS: r3(s.speedKmS[i]!), gx: r3(s.gx[i]!), gy: r3(s.gy[i]!), gz: r3(s.gz[i]!) });
      next = s.tS[i]! + seriesStepS;
    }
  }
  const landing = {
    lat: deg(n.landing.latRad),
    lon: deg(n.landing.lonRad),
    latDeg: deg(n.landing.latRad),
    lonDeg: deg(n.landing.lonRad),
    tS: r2(n.landing.tS),
    time: iso(n.landing.tS),
    touchdownSpeedMps: r2(n.touchdownSpeedMps),
    ellipse: plan.capsuleEllipse ? ellipseJson(plan.capsuleEllipse) : null,
  };
  return {
    vehicle: plan.vehicle.id,
    site: plan.site.id,
    launch: ts.formatUtcIso(plan.launch, 1),
    apogeeKm: r3(n.apogeeKm),
    apogeeS: r2(n.apogeeTS),
    timeAboveKarmanS: r2(n.timeAboveKarmanS),
    microgravityS: r2(n.microgravityS),
    microgravityThresholdG: n.microgravityThresholdG,
    maxAscentG: r3(n.maxAscentG),
    maxReentryG: r3(n.maxReentryG),
    maxParachuteG: r3(n.maxParachuteG),
    maxDynamicPressureKpa: r3(n.maxDynamicPressureKpa),
    meco: { tS: r2(n.mecoTS), altKm: r3(n.mecoAltKm), speedKmS: r3(n.mecoSpeedKmS) },
    flightDurationS: r2(n.landing.tS),
    landing,
    booster: n.booster
      ? { lat: deg(n.booster.latRad), lon: deg(n.booster.lonRad), tS: r2(n.booster.tS), model: 'ballistic return with drag (landing burn not modelled)', ellipse: plan.boosterEllipse ? ellipseJson(plan.boosterEllipse) : null }
      : null,
    samples: plan.samples,
    seed: plan.seed,
    envelope: plan.envelope.name,
    violations: plan.violations.map(violationJson),
    events: n.events.map((e) => ({ name: e.name, tS: r2(e.tS), time: iso(e.tS), altKm: r3(e.altKm) })),
    aborts: plan.aborts.map((a) => ({
      tS: r2(a.tS),
      mode: a.mode,
      available: a.available,
      reason: a.reason,
      landing: { lat: deg(a.landing.latRad), lon: deg(a.landing.lonRad), tS: r2(a.landing.tS) },
      ellipse: ellipseJson(a.ellipse),
      rangeKm: r3(a.rangeKm),
      apogeeKm: r3(a.apogeeKm),
      maxG: r3(a.maxG),
      touchdownSpeedMps: r2(a.touchdownSpeedMps),
      violations: a.violations.map(violationJson),
    })),
    hazardAreas: plan.hazardAreas.map((h) => ({ id: h.id, activeFrom: ts.formatUtcIso(h.activeFrom, 0), activeTo: ts.formatUtcIso(h.activeTo, 0), polygonLonLatDeg: h.polygon.map((p) => [deg(p.lonRad), deg(p.latRad)]), note: h.note ?? '' })),
    series,
  };
}
