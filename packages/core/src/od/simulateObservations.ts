/**
 * Simulated station measurements for simulate-then-recover tests and demos: the measurement model of this folder
 * (light time, the station's media corrections and biases) applied to a truth trajectory, plus Gaussian noise of the
 * requested σ, at a fixed cadence while the satellite is above the station's elevation mask.
 */
import { ArgumentError } from '../errors/index.ts';
import { SeededNormal } from '../propagation/numerical/covariance.ts';
import type { Instant } from '../time/instant.ts';
import type { TimeScales } from '../time/scales.ts';
import { MeasurementModel } from './measurementModel.ts';
import type { Observation, ObservationType, StationSpec } from './observation.ts';
import { OdStation, StationFrames } from './stationModel.ts';

export interface SimulatedSensor {
  readonly station: StationSpec;
  /** Measurement types and their noise σ (km, km/s, rad). */
  readonly measurements: readonly { readonly type: ObservationType; readonly sigma: number; readonly twoWay?: boolean }[];
  /** Minimum elevation (rad), default 10°. */
  readonly elevationMaskRad?: number;
}

export interface SimulationOptions {
  readonly timeScales: TimeScales;
  readonly epoch: Instant;
  /** Sample times (TAI s from `epoch`), increasing. */
  readonly timesS: ArrayLike<number>;
  /** Truth GCRF states at those times (6 per time, km, km/s). */
  readonly states: ArrayLike<number>;
  readonly sensors: readonly SimulatedSensor[];
  readonly seed?: number;
  /** Default true; false gives the noiseless model values. */
  readonly noise?: boolean;
}

/** Observations of every sensor at every sample time the satellite is above its mask, sorted by time. */
export function simulateObservations(o: SimulationOptions): Observation[] {
  if (o.states.length !== o.timesS.length * 6) throw new ArgumentError(`simulateObservations needs 6 state values per time: ${o.timesS.length} times, ${o.states.length} values.`);
  const frames = new StationFrames(o.epoch, o.timeScales);
  const model = new MeasurementModel(frames);
  const rng = new SeededNormal(o.seed ?? 1);
  const noise = o.noise !== false;
  const out: Observation[] = [];
  const sensors = o.sensors.map((s) => ({ s, st: new OdStation(s.station), mask: s.elevationMaskRad ?? (10 * Math.PI) / 180 }));
  const state = new Float64Array(6);
  for (let k = 0; k < o.timesS.length; k++) {
    const t = o.timesS[k]!;
    for (let i = 0; i < 6; i++) state[i] = o.states[k * 6 + i]!;
    for (const { s, st, mask } of sensors) {
      if (model.elevation(st, t, state) < mask) continue;
      const epoch = o.epoch.plusSeconds(t);
      for (const m of s.measurements) {
        const proto: Observation = { epoch, station: s.station.name, type: m.type, value: 0, sigma: m.sigma, ...(m.twoWay !== undefined ? { twoWay: m.twoWay } : {}) };
        let v = model.value(proto, st, t, state) + (noise ? m.sigma * rng.normal() : 0);
        if (m.type === 'azimuth' || m.type === 'rightAscension') v = ((v % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
        out.push({ ...proto, value: v });
      }
    }
  }
  return out;
}
