/**
 * Monte Carlo dispersion of impact points and the 3σ hazard ellipses built from it.
 *
 * Each sample flies the nominal open-loop pitch programme and jettisons the fairing at the nominal time (as a
 * vehicle's sequencer does), with random departures (1σ, documented assumptions): thrust ±1 % and Isp ±0.3 % per
 * propulsive element, heading ±0.2°, pitch-over ±0.1°, separation velocity 2 m/s per axis, ballistic coefficient
 * log-normal with σ(ln β) = 0.25 (tumbling attitude unknown), and a horizontal wind below 20 km of 10 m/s per axis.
 * The pitch-over of the nominal ascent is solved once and perturbed. Every unit of a multi-unit element (boosters,
 * fairing halves) falls on its own. Samples use a seeded generator (mulberry32 + Box–Muller): results are
 * reproducible for a given seed.
 *
 * Ellipse: sample mean and covariance of the impacts in the east/north tangent plane at the nominal impact, principal
 * axes from the 2×2 eigen-decomposition, semi-axes 3σ (k = 3 along each axis: 98.9 % of a 2-D normal), at least
 * `minSemiAxisKm` (5 km: the footprint of fragments and the spread of a few samples).
 */
import { ArgumentError } from '../errors/index.ts';
import { fallToImpact, flyAscent, solveKickDeg, type AscentRequest, type AscentResult, type Impact } from './ascent.ts';
import { fromEastNorthKm, toEastNorthKm, type LatLon } from './geo.ts';

/** 1σ dispersion inputs. */
export interface DispersionModel {
  readonly thrustSigma: number;
  readonly ispSigma: number;
  readonly headingSigmaRad: number;
  readonly kickSigmaDeg: number;
  readonly separationDvSigmaKmS: number;
  readonly lnBallisticSigma: number;
  readonly windSigmaKmS: number;
}

export const DEFAULT_DISPERSION: DispersionModel = {
  thrustSigma: 0.01,
  ispSigma: 0.003,
  headingSigmaRad: (0.2 * Math.PI) / 180,
  kickSigmaDeg: 0.1,
  separationDvSigmaKmS: 0.002,
  lnBallisticSigma: 0.25,
  windSigmaKmS: 0.01,
};

/** Seeded uniform generator (mulberry32) with a Box–Muller normal. */
export function seededNormal(seed: number): () => number {
  let a = seed >>> 0;
  const uni = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uni())) * Math.cos(2 * Math.PI * uni());
}

export interface DispersionResult {
  readonly nominal: AscentResult;
  /** Nominal impact of each falling element (one per event; recovered stages fall ballistically here too). */
  readonly nominalImpacts: Impact[];
  /** Impacts of every unit of every sample, by element name. */
  readonly impacts: Map<string, Impact[]>;
  /** Earliest separation time over the samples, by element (s from liftoff). */
  readonly earliestSeparationS: Map<string, number>;
  readonly samples: number;
  readonly kickDeg: number;
}

/** Flies the nominal ascent and `samples` dispersed ones; the elements that reach orbit are left out. */
export function disperse(req: AscentRequest, samples: number, seed = 20240806, model: DispersionModel = DEFAULT_DISPERSION): DispersionResult {
  if (!(Number.isInteger(samples) && samples >= 0 && samples <= 100000)) throw new ArgumentError(`Samples must be an integer in [0, 100000]; got ${samples}.`, samples);
  const kickDeg = req.kickDeg ?? solveKickDeg(req);
  const nominal = flyAscent({ ...req, kickDeg });
  const nominalImpacts = nominal.events.map((e) => fallToImpact(e));
  const impacts = new Map<string, Impact[]>();
  const earliest = new Map<string, number>();
  for (const e of nominal.events) {
    impacts.set(e.element, []);
    earliest.set(e.element, e.tS);
  }
  const nrm = seededNormal(seed);
  const nEl = (req.vehicle.boosters ? 1 : 0) + req.vehicle.stages.length;
  for (let s = 0; s < samples; s++) {
    const thrustScale = Array.from({ length: nEl }, () => 1 + model.thrustSigma * nrm());
    const ispScale = Array.from({ length: nEl }, () => 1 + model.ispSigma * nrm());
    const res = flyAscent({
      ...req,
      kickDeg,
      pitchProgramme: nominal.pitchProgramme,
      ...(nominal.fairingJettisonS >= 0 ? { fairingJettisonS: nominal.fairingJettisonS } : {}),
      trackStepS: 1e9,
      stepS: Math.max(req.stepS ?? 0.5, 1),
      perturbation: { thrustScale, ispScale, headingBiasRad: model.headingSigmaRad * nrm(), kickBiasDeg: model.kickSigmaDeg * nrm() },
    });
    const windE = model.windSigmaKmS * nrm();
    const windN = model.windSigmaKmS * nrm();
    for (const ev of res.events) {
      const list = impacts.get(ev.element);
      if (list === undefined) continue;
      earliest.set(ev.element, Math.min(earliest.get(ev.element)!, ev.tS));
      for (let u = 0; u < ev.count; u++) {
        const dv: [number, number, number] = [model.separationDvSigmaKmS * nrm(), model.separationDvSigmaKmS * nrm(), model.separationDvSigmaKmS * nrm()];
        list.push(fallToImpact(ev, { dv, bcScale: Math.exp(model.lnBallisticSigma * nrm()), windEastKmS: windE, windNorthKmS: windN }));
      }
    }
  }
  return { nominal, nominalImpacts, impacts, earliestSeparationS: earliest, samples, kickDeg };
}

/** A dispersion ellipse on the ground. */
export interface ImpactEllipse {
  readonly center: LatLon;
  /** Semi-axes (km) and the azimuth of the major axis (rad from north). */
  readonly semiMajorKm: number;
  readonly semiMinorKm: number;
  readonly majorAxisAzimuthRad: number;
  /** The ellipse as a polygon (open ring, `vertices` points). */
  readonly polygon: LatLon[];
}

/** The k-σ ellipse of a set of impacts (k = 3 by default), centred on their mean. */
export function impactEllipse(points: readonly LatLon[], origin: LatLon, k = 3, minSemiAxisKm = 5, vertices = 24): ImpactEllipse {
  const en = points.map((p) => toEastNorthKm(origin, p));
  const n = Math.max(1, en.length);
  const me = en.reduce((s, p) => s + p.eastKm, 0) / n;
  const mn = en.reduce((s, p) => s + p.northKm, 0) / n;
  let cee = 0;
  let cnn = 0;
  let cen = 0;
  for (const p of en) {
    cee += (p.eastKm - me) ** 2;
    cnn += (p.northKm - mn) ** 2;
    cen += (p.eastKm - me) * (p.northKm - mn);
  }
  const d = Math.max(1, en.length - 1);
  cee /= d;
  cnn /= d;
  cen /= d;
  const tr = (cee + cnn) / 2;
  const disc = Math.sqrt(((cee - cnn) / 2) ** 2 + cen * cen);
  const l1 = tr + disc;
  const l2 = Math.max(0, tr - disc);
  // Major-axis direction (east, north) components.
  const theta = 0.5 * Math.atan2(2 * cen, cee - cnn); // angle from east
  const a = Math.max(minSemiAxisKm, k * Math.sqrt(l1));
  const b = Math.max(minSemiAxisKm, k * Math.sqrt(l2));
  const polygon: LatLon[] = [];
  for (let i = 0; i < vertices; i++) {
    const t = (2 * Math.PI * i) / vertices;
    const x = a * Math.cos(t);
    const y = b * Math.sin(t);
    const e = me + x * Math.cos(theta) - y * Math.sin(theta);
    const nn = mn + x * Math.sin(theta) + y * Math.cos(theta);
    polygon.push(fromEastNorthKm(origin, e, nn));
  }
  const az = Math.PI / 2 - theta;
  return { center: fromEastNorthKm(origin, me, mn), semiMajorKm: a, semiMinorKm: b, majorAxisAzimuthRad: ((az % Math.PI) + Math.PI) % Math.PI, polygon };
}
