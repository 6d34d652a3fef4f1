/**
 * The measurement model: the value a station would measure for a satellite GCRF state, with light time.
 *
 * The satellite state is given at one reference time t (TAI seconds from the estimation epoch); states at t ± τ
 * (light time τ ≤ 0.3 s) come from a second-order Taylor step with two-body acceleration, r(t+δ) = r + v δ − ½ μ r/|r|³
 * δ² (error ~ |J2 accel| δ²/2 < 1e-7 km for δ < 0.3 s).
 * - receive-tagged one-way (PATH 2,1): signal leaves the satellite at t − τ, τ = |r_sat(t − τ) − r_sta(t)|/c, iterated;
 * - receive-tagged two-way: downleg τd as above, upleg τu = |r_sat(t − τd) − r_sta(t − τd − τu)|/c, value c(τu+τd)/2;
 * - transmit-tagged: the same with the signal leaving at t (one-way: the satellite at t; two-way: the station at t).
 * Angles: az/el from the ITRF line of sight M(t_rx)·r_sat(t_emit) − r_sta in the station's east-north-up frame (azimuth
 * from north through east, elevation above the WGS-84 horizon); RA/Dec from the GCRF line of sight r_sat(t_emit) −
 * r_sta(t_rx), optionally with diurnal aberration (station velocity / c, first order). Range rate: projection of the
 * relative velocity on the line of sight, mean of both legs for two-way.
 * Media corrections (media.ts) are added only when the station asks for them; biases are added last.
 */
import { EARTH_MU_KM3S2 } from '../units/index.ts';
import { ituP834RefractionRad, mariniMurrayDelayKm, refractionRad, saastamoinenDelayKm, siteWeather } from './media.ts';
import type { Observation } from './observation.ts';
import type { OdStation, StationFrames } from './stationModel.ts';

/** Speed of light in vacuum, km/s. */
export const SPEED_OF_LIGHT_KM_S = 299792.458;

function satAt(s: ArrayLike<number>, dt: number, out: Float64Array): Float64Array {
  const r = Math.hypot(s[0]!, s[1]!, s[2]!);
  const k = -EARTH_MU_KM3S2 / (r * r * r);
  for (let i = 0; i < 3; i++) {
    const a = k * s[i]!;
    out[i] = s[i]! + s[3 + i]! * dt + 0.5 * a * dt * dt;
    out[3 + i] = s[3 + i]! + a * dt;
  }
  return out;
}

const dist = (a: Float64Array, b: Float64Array): number => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
function rangeRate(sat: Float64Array, sta: Float64Array): number {
  const dx = sat[0]! - sta[0]!, dy = sat[1]! - sta[1]!, dz = sat[2]! - sta[2]!;
  const d = Math.hypot(dx, dy, dz);
  return (dx * (sat[3]! - sta[3]!) + dy * (sat[4]! - sta[4]!) + dz * (sat[5]! - sta[5]!)) / d;
}

/** Scratch space so that the model allocates nothing per call. */
export class MeasurementModel {
  private readonly sat = new Float64Array(6);
  private readonly sat2 = new Float64Array(6);
  private readonly staRx = new Float64Array(6);
  private readonly staTx = new Float64Array(6);
  readonly frames: StationFrames;

  constructor(frames: StationFrames) {
    this.frames = frames;
  }

  /**
   * Modelled value (km, km/s, rad) of `obs` for the satellite GCRF state `state` at `tS` (TAI s from the epoch, the
   * observation's time tag), including the station's media corrections and a priori biases plus `extraBias`.
   */
  value(obs: Observation, st: OdStation, tS: number, state: ArrayLike<number>, extraBias = 0): number {
    const c = SPEED_OF_LIGHT_KM_S;
    const f = this.frames;
    const transmit = obs.timeTag === 'transmit';
    const twoWay = obs.twoWay === true;
    let v: number;
    let elForMedia = Number.NaN;
    if (obs.type === 'range' || obs.type === 'rangeRate') {
      if (!transmit) {
        f.stationGcrf(st, tS, this.staRx);
        let td = 0;
        for (let i = 0; i < 4; i++) td = dist(satAt(state, -td, this.sat), this.staRx) / c;
        if (!twoWay) v = obs.type === 'range' ? td * c : rangeRate(this.sat, this.staRx);
        else {
          let tu = td;
          for (let i = 0; i < 4; i++) tu = dist(this.sat, f.stationGcrf(st, tS - td - tu, this.staTx)) / c;
          v = obs.type === 'range' ? (c * (td + tu)) / 2 : (rangeRate(this.sat, this.staRx) + rangeRate(this.sat, this.staTx)) / 2;
        }
      } else if (!twoWay) {
        this.sat.set(Array.from({ length: 6 }, (_, i) => state[i]!));
        let td = 0;
        for (let i = 0; i < 4; i++) td = dist(this.sat, f.stationGcrf(st, tS + td, this.staRx)) / c;
        v = obs.type === 'range' ? td * c : rangeRate(this.sat, this.staRx);
      } else {
        f.stationGcrf(st, tS, this.staTx);
        let tu = 0;
        for (let i = 0; i < 4; i++) tu = dist(satAt(state, tu, this.sat), this.staTx) / c;
        let td = tu;
        for (let i = 0; i < 4; i++) td = dist(this.sat, f.stationGcrf(st, tS + tu + td, this.staRx)) / c;
        v = obs.type === 'range' ? (c * (td + tu)) / 2 : (rangeRate(this.sat, this.staRx) + rangeRate(this.sat, this.staTx)) / 2;
      }
      const corr = st.spec.corrections;
      if (corr?.troposphere !== undefined && corr.troposphere !== 'none' && obs.type === 'range') elForMedia = this.elevation(st, tS, state);
      if (!Number.isNaN(elForMedia) && corr !== undefined) {
        const w = siteWeather(st.spec.altitudeM, corr);
        v += corr.troposphere === 'marini-murray' ? mariniMurrayDelayKm(elForMedia, st.latRad, st.spec.altitudeM, w, corr.wavelengthMicrometres) : saastamoinenDelayKm(elForMedia, st.spec.altitudeM, w);
      }
    } else {
      // Angles: emission time by one-way light time (receive-tagged unless told otherwise).
      f.stationGcrf(st, tS, this.staRx);
      let td = 0;
      if (!transmit) for (let i = 0; i < 4; i++) td = dist(satAt(state, -td, this.sat), this.staRx) / c;
      else this.sat.set(Array.from({ length: 6 }, (_, i) => state[i]!));
      if (obs.type === 'azimuth' || obs.type === 'elevation') {
        const [az, el] = this.azEl(st, tS, this.sat);
        if (obs.type === 'azimuth') v = az;
        else {
          const corr = st.spec.corrections;
          if (corr?.refraction !== true) v = el;
          else v = el + (corr.refractionModel === 'itu-r-p834' ? ituP834RefractionRad(el, st.spec.altitudeM) : refractionRad(el, siteWeather(st.spec.altitudeM, corr)));
        }
      } else {
        let dx = this.sat[0]! - this.staRx[0]!, dy = this.sat[1]! - this.staRx[1]!, dz = this.sat[2]! - this.staRx[2]!;
        if (st.spec.corrections?.aberration === true) {
          const d = Math.hypot(dx, dy, dz);
          dx += (d * this.staRx[3]!) / c;
          dy += (d * this.staRx[4]!) / c;
          dz += (d * this.staRx[5]!) / c;
        }
        if (obs.type === 'rightAscension') {
          const a = Math.atan2(dy, dx);
          v = a < 0 ? a + 2 * Math.PI : a;
        } else v = Math.atan2(dz, Math.hypot(dx, dy));
      }
    }
    return v + (st.spec.biases?.[obs.type] ?? 0) + extraBias;
  }

  /** Geometric azimuth and elevation (rad) of a GCRF satellite position seen from the station at `tS`. */
  azEl(st: OdStation, tS: number, satPos: ArrayLike<number>): [number, number] {
    const m = this.frames.gcrfToItrf(tS);
    const x = satPos[0]!, y = satPos[1]!, z = satPos[2]!;
    const rx = m[0]! * x + m[1]! * y + m[2]! * z - st.itrf[0]!;
    const ry = m[3]! * x + m[4]! * y + m[5]! * z - st.itrf[1]!;
    const rz = m[6]! * x + m[7]! * y + m[8]! * z - st.itrf[2]!;
    const e = rx * st.east[0]! + ry * st.east[1]!;
    const n = rx * st.north[0]! + ry * st.north[1]! + rz * st.north[2]!;
    const u = rx * st.up[0]! + ry * st.up[1]! + rz * st.up[2]!;
    let az = Math.atan2(e, n);
    if (az < 0) az += 2 * Math.PI;
    return [az, Math.atan2(u, Math.hypot(e, n))];
  }

  /** Geometric elevation (rad) of the satellite state at `tS` from the station (no light time: for media corrections). */
  elevation(st: OdStation, tS: number, state: ArrayLike<number>): number {
    return this.azEl(st, tS, state)[1];
  }
}

/** Residual observed − computed, azimuth and right ascension wrapped into (−π, π]. */
export function residual(obs: Observation, computed: number): number {
  let r = obs.value - computed;
  if (obs.type === 'azimuth' || obs.type === 'rightAscension') {
    r = ((((r + Math.PI) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI)) - Math.PI;
  }
  return r;
}
