/**
 * Orbit-averaged atmosphere for the lifetime model: density (kg/m³) as a function of height (km) and the 81-day mean
 * F10.7 only. Two implementations:
 *
 * - `msisMeanAtmosphere()`: NRLMSISE-00 (GTD7D, with anomalous oxygen) averaged over latitude (−50°, 0°, +50°, weights
 *   cos φ), local solar time (0, 6, 12, 18 h) and season (day of year 80 and 172), with Ap = 15 (the long-term mean
 *   daily Ap is 12-15) and daily F10.7 = its 81-day mean, tabulated on 10-km steps from 80 to 1,000 km and 50-km
 *   steps to 2,500 km for F10.7 = 65 … 300 sfu, interpolated linearly in log ρ and in F10.7. Built once on first use
 *   (about 30,000 model calls, ~0.5-1 s). Averaging over local time is what the orbit average of a precessing orbit
 *   sees over weeks; it removes the diurnal bulge that the numerical path resolves pass by pass.
 * - `exponentialLifetimeAtmosphere(rho0, h0, H)`: a single exponential, for closed-form checks (King-Hele).
 *
 * Heights above 2,500 km continue the last scale height; below 80 km the first.
 */
import { nrlmsise00 } from '../atmosphere/nrlmsise00/nrlmsise00.ts';
import { exponentialDensityKgPerM3 } from '../atmosphere/exponential.ts';

/** A time-independent-in-shape density model driven by the 81-day mean F10.7. */
export interface LifetimeAtmosphere {
  readonly name: string;
  /** Density (kg/m³) at height `heightKm` when the 81-day mean F10.7 is `f107Average` (sfu). */
  densityKgPerM3(heightKm: number, f107Average: number): number;
}

const F107_LEVELS = [65, 75, 90, 110, 130, 150, 175, 200, 250, 300] as const;
const LOW_TOP_KM = 1000;
const LOW_STEP_KM = 10;
const HIGH_TOP_KM = 2500;
const HIGH_STEP_KM = 50;
const BOTTOM_KM = 80;
const N_LOW = (LOW_TOP_KM - BOTTOM_KM) / LOW_STEP_KM; // intervals below 1,000 km
const N_HEIGHTS = N_LOW + (HIGH_TOP_KM - LOW_TOP_KM) / HIGH_STEP_KM + 1;

/** The averaging grid of `msisMeanAtmosphere` (documented in the module header). */
export const MSIS_MEAN_GRID = {
  latitudesDeg: [-50, 0, 50],
  localTimesHours: [0, 6, 12, 18],
  daysOfYear: [80, 172],
  apDaily: 15,
} as const;

function heightAt(i: number): number {
  return i <= N_LOW ? BOTTOM_KM + i * LOW_STEP_KM : LOW_TOP_KM + (i - N_LOW) * HIGH_STEP_KM;
}

/** Fractional grid index of a height (clamped to the table). */
function heightIndex(h: number): number {
  if (h <= LOW_TOP_KM) return Math.max(0, (h - BOTTOM_KM) / LOW_STEP_KM);
  return Math.min(N_HEIGHTS - 1, N_LOW + (h - LOW_TOP_KM) / HIGH_STEP_KM);
}

/** Mean NRLMSISE-00 density at one height and flux level (the average of the module header). */
export function msisMeanDensityKgPerM3(heightKm: number, f107Average: number): number {
  const g = MSIS_MEAN_GRID;
  let sum = 0;
  let wsum = 0;
  for (const lat of g.latitudesDeg) {
    const w = Math.cos((lat * Math.PI) / 180);
    for (const lst of g.localTimesHours) {
      for (const doy of g.daysOfYear) {
        const out = nrlmsise00(
          { dayOfYear: doy, utSeconds: lst * 3600, altitudeKm: heightKm, latitudeDeg: lat, longitudeDeg: 0, localSolarTimeHours: lst, f107Average, f107Daily: f107Average, apDaily: g.apDaily },
          { includeAnomalousOxygen: true },
        );
        sum += w * out.totalMassDensityKgPerM3;
        wsum += w;
      }
    }
  }
  return sum / wsum;
}

let msisTable: Float64Array | undefined;

function buildMsisTable(): Float64Array {
  const t = new Float64Array(F107_LEVELS.length * N_HEIGHTS);
  for (let f = 0; f < F107_LEVELS.length; f++) {
    for (let i = 0; i < N_HEIGHTS; i++) t[f * N_HEIGHTS + i] = Math.log(msisMeanDensityKgPerM3(heightAt(i), F107_LEVELS[f]!));
  }
  return t;
}

function logDensityAtLevel(t: Float64Array, f: number, h: number): number {
  const x = heightIndex(h);
  const i = Math.min(N_HEIGHTS - 2, Math.floor(x));
  const base = f * N_HEIGHTS + i;
  const y0 = t[base]!;
  const y1 = t[base + 1]!;
  const h0 = heightAt(i);
  const h1 = heightAt(i + 1);
  // Linear in log ρ: extrapolates with the end scale heights outside the table.
  return y0 + ((y1 - y0) * (h - h0)) / (h1 - h0);
}

/** Highest F10.7 level of the table (sfu): lower bounds of lifetimes use it. */
export const MSIS_MEAN_MAX_F107 = F107_LEVELS[F107_LEVELS.length - 1]!;

/** NRLMSISE-00 averaged atmosphere (see the module header). */
export function msisMeanAtmosphere(): LifetimeAtmosphere {
  return (msisAtmosphere ??= makeMsisAtmosphere());
}

let msisAtmosphere: LifetimeAtmosphere | undefined;

function makeMsisAtmosphere(): LifetimeAtmosphere {
  const t = (msisTable ??= buildMsisTable());
  const nf = F107_LEVELS.length;
  return {
    name: 'nrlmsise00-mean',
    densityKgPerM3(heightKm: number, f107Average: number): number {
      const f = Math.min(F107_LEVELS[nf - 1]!, Math.max(F107_LEVELS[0]!, f107Average));
      let j = 0;
      while (j < nf - 2 && F107_LEVELS[j + 1]! < f) j++;
      const f0 = F107_LEVELS[j]!;
      const f1 = F107_LEVELS[j + 1]!;
      const u = (f - f0) / (f1 - f0);
      const y = (1 - u) * logDensityAtLevel(t, j, heightKm) + u * logDensityAtLevel(t, j + 1, heightKm);
      return Math.exp(y);
    },
  };
}

/** A single exponential ρ0·exp(−(h − h0)/H), no solar dependence (closed-form checks). */
export function exponentialLifetimeAtmosphere(rho0KgPerM3: number, baseHeightKm: number, scaleHeightKm: number): LifetimeAtmosphere {
  return { name: `exponential-${scaleHeightKm}km`, densityKgPerM3: (h: number) => rho0KgPerM3 * Math.exp(-(h - baseHeightKm) / scaleHeightKm) };
}

/** Vallado's piecewise-exponential table (CIRA-72 mean conditions), no solar dependence. */
export const valladoLifetimeAtmosphere: LifetimeAtmosphere = { name: 'exponential-vallado', densityKgPerM3: (h: number) => exponentialDensityKgPerM3(h) };
