/**
 * Harness of the OSTk cross-validation scenarios: reads a scenario YAML (initial GCRF state, UTC epoch, spacecraft
 * mass / drag area / C_D) and a GMAT or Orekit reference CSV, propagates with the given forces at the reference's
 * output times, and returns the worst position and velocity differences. Force-agnostic: the drag (003) and
 * third-body (004) scenarios use it with their force lists once those modules exist.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTimeScales, NumericalPropagator, type ForceModel, type IntegratorMethod, type SpacecraftProperties } from '@skylane/core';

export const OSTK_DIR = fileURLToPath(new URL('.', import.meta.url));
export const ts = createTimeScales();

export interface Scenario {
  readonly epochIso: string;
  readonly stateKm: number[];
  readonly spacecraft: SpacecraftProperties;
}

/** Reads the initial state (m, m/s → km, km/s), epoch and spacecraft of an OSTk scenario YAML. */
export function readScenario(name: string): Scenario {
  const text = readFileSync(`${OSTK_DIR}scenarios/${name}.yaml`, 'utf8');
  const num = (key: string): number => {
    const m = new RegExp(`^\\s+${key}: (\\S+)$`, 'm').exec(text);
    if (m === null) throw new Error(`${name}: no ${key}`);
    return Number(m[1]);
  };
  const epoch = /value: "([^"]+)"/.exec(text)![1]!;
  const area = num('drag-cross-section');
  return {
    epochIso: `${epoch}Z`,
    stateKm: ['x', 'y', 'z', 'vx', 'vy', 'vz'].map((k) => num(k) / 1000),
    spacecraft: { massKg: num('mass'), dragAreaM2: area, dragCoefficient: num('drag-coefficient'), srpAreaM2: area, reflectivityCoefficient: 1 },
  };
}

/** Rows of elapsed seconds and GCRF state (km, km/s) of a reference CSV (GMAT: km; Orekit: m). */
export function readReference(path: string, metres: boolean): { t: number[]; s: number[][] } {
  const lines = readFileSync(path, 'utf8').trim().split('\n').slice(1);
  const k = metres ? 1e-3 : 1;
  const t: number[] = [];
  const s: number[][] = [];
  for (const line of lines) {
    const v = line.split(',').map(Number);
    t.push(v[0]!);
    s.push(v.slice(1, 7).map((x) => x * k));
  }
  return { t, s };
}

export interface ScenarioComparison {
  /** Worst |dr| (m) and |dv| (m/s) over all reference rows, and where. */
  readonly drM: number;
  readonly dvMps: number;
  readonly atS: number;
  readonly rows: number;
}

/** Propagates scenario `name` with `forces` and compares against `tool`'s output at every row. */
export function compareScenario(
  name: string,
  tool: 'gmat' | 'orekit',
  forces: readonly ForceModel[],
  integrator: { method?: IntegratorMethod; rtol?: number; atol?: number } = {},
): ScenarioComparison {
  const sc = readScenario(name);
  const ref = readReference(`${OSTK_DIR}${tool}/${name}.csv`, tool === 'orekit');
  const prop = new NumericalPropagator({ timeScales: ts, forces, spacecraft: sc.spacecraft, integrator: integrator.method ?? 'dp853', rtol: integrator.rtol ?? 1e-13, atol: integrator.atol ?? 1e-12 });
  const res = prop.propagate({ epoch: ts.parseUtcIso(sc.epochIso), state: sc.stateKm, stop: ref.t[ref.t.length - 1]!, outputTimesS: ref.t });
  let dr = 0;
  let dv = 0;
  let atS = 0;
  for (let i = 0; i < ref.t.length; i++) {
    const o = res.outputStates;
    const r = ref.s[i]!;
    const d = Math.hypot(o[6 * i]! - r[0]!, o[6 * i + 1]! - r[1]!, o[6 * i + 2]! - r[2]!);
    if (d > dr) {
      dr = d;
      atS = ref.t[i]!;
    }
    dv = Math.max(dv, Math.hypot(o[6 * i + 3]! - r[3]!, o[6 * i + 4]! - r[4]!, o[6 * i + 5]! - r[5]!));
  }
  return { drM: dr * 1e3, dvMps: dv * 1e3, atS, rows: ref.t.length };
}
