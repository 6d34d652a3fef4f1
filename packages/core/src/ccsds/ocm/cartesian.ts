/**
 * Cartesian views of an OCM: the states of CARTP/CARTPV/CARTPVA trajectories and the 6×6 covariances of CARTPV
 * (or larger Cartesian) covariance blocks, converted from the block's declared units (TRAJ_UNITS / COV_UNITS, by
 * default the standard's km, km/s, km/s²) to the core's, and a builder of an OCM from Cartesian states, covariances
 * and maneuvers (what the numerical propagator produces).
 */
import { ArgumentError } from '../../errors/index.ts';
import type { Instant } from '../../time/index.ts';
import { ndmUnitFactor, type NdmQuantity } from '../units.ts';
import type { NdmTimeSystem } from '../timeSystems.ts';
import type { Ocm, OcmBlock, OcmCovariance, OcmKeyword, OcmTrajectory } from './model.ts';

const CART_QUANTITIES: readonly NdmQuantity[] = ['length', 'length', 'length', 'velocity', 'velocity', 'velocity', 'acceleration', 'acceleration', 'acceleration'];

/** Units listed in a `[a, b, c]` keyword value (TRAJ_UNITS, COV_UNITS), or undefined when absent. */
function unitList(b: OcmBlock, keyword: string): string[] | undefined {
  const k = b.keywords.find((x) => x.keyword === keyword);
  if (k === undefined) return undefined;
  const text = `${k.value}${k.unit !== undefined ? `[${k.unit}]` : ''}`.replace(/^\s*\[|\]\s*$/g, '');
  return text.split(',').map((s) => s.trim());
}

const keywordOf = (b: OcmBlock, k: string): string | undefined => b.keywords.find((x) => x.keyword === k)?.value;

export interface OcmCartesianState {
  readonly epoch: Instant;
  readonly positionKm: readonly [number, number, number];
  /** Absent for CARTP trajectories. */
  readonly velocityKmPerS?: readonly [number, number, number];
}

/** The Cartesian states of a CARTP, CARTPV or CARTPVA trajectory block, in km and km/s. */
export function ocmCartesianStates(t: OcmTrajectory): OcmCartesianState[] {
  if (!['CARTP', 'CARTPV', 'CARTPVA'].includes(t.type)) throw new ArgumentError(`trajectory type ${t.type} is not Cartesian; Skylane converts CARTP, CARTPV and CARTPVA.`, t.type);
  const units = unitList(t, 'TRAJ_UNITS');
  const factors = t.rows[0]?.values.map((_, i) => {
    const f = ndmUnitFactor(units?.[i], CART_QUANTITIES[i]!);
    if (f === undefined) throw new ArgumentError(`TRAJ_UNITS entry ${i + 1} [${units?.[i]}] is not a unit of ${CART_QUANTITIES[i]}.`, units?.[i]);
    return f;
  }) ?? [];
  return t.rows.map((r) => {
    const v = r.values.map((x, i) => x * factors[i]!);
    return { epoch: r.epoch, positionKm: [v[0]!, v[1]!, v[2]!], ...(v.length >= 6 ? { velocityKmPerS: [v[3]!, v[4]!, v[5]!] as const } : {}) };
  });
}

export interface OcmCartesianCovariance {
  readonly epoch: Instant;
  /** COV_REF_FRAME of the block (RSW, TNW, an inertial frame, …) when given. */
  readonly refFrame?: string;
  /** Lower triangle of the 6×6 position-velocity covariance by rows: 21 values in km², km²/s, km²/s². */
  readonly lowerTriangle: readonly number[];
}

/** The position-velocity covariances of a CARTPV or CARTPVA covariance block (LTM, UTM or FULL ordering). */
export function ocmCartesianCovariances(c: OcmCovariance): OcmCartesianCovariance[] {
  const n = c.type === 'CARTPV' ? 6 : c.type === 'CARTPVA' ? 9 : 0;
  if (n === 0) throw new ArgumentError(`covariance type ${c.type} is not CARTPV or CARTPVA.`, c.type);
  if (!['LTM', 'UTM', 'FULL'].includes(c.ordering)) throw new ArgumentError(`COV_ORDERING ${c.ordering} is not supported for Cartesian covariances (LTM, UTM or FULL).`, c.ordering);
  const units = unitList(c, 'COV_UNITS');
  // COV_UNITS lists the unit of each state element; a term's factor is the product of its row's and column's.
  const elementFactor = Array.from({ length: 6 }, (_, i) => {
    const f = ndmUnitFactor(units?.[i], CART_QUANTITIES[i]!);
    if (f === undefined) throw new ArgumentError(`COV_UNITS entry ${i + 1} [${units?.[i]}] is not a unit of ${CART_QUANTITIES[i]}.`, units?.[i]);
    return f;
  });
  const frame = keywordOf(c, 'COV_REF_FRAME');
  return c.rows.map((r) => {
    const at = (i: number, j: number): number => {
      if (c.ordering === 'FULL') return r.values[i * n + j]!;
      const [a, b] = c.ordering === 'LTM' ? (i >= j ? [i, j] : [j, i]) : i <= j ? [i, j] : [j, i];
      // LTM: rows of the lower triangle; UTM: rows of the upper triangle.
      return c.ordering === 'LTM' ? r.values[(a * (a + 1)) / 2 + b]! : r.values[a * n - (a * (a - 1)) / 2 + (b - a)]!;
    };
    const out: number[] = [];
    for (let i = 0; i < 6; i++) for (let j = 0; j <= i; j++) out.push(at(i, j) * elementFactor[i]! * elementFactor[j]!);
    return { epoch: r.epoch, ...(frame !== undefined ? { refFrame: frame } : {}), lowerTriangle: out };
  });
}

export interface BuildOcmInput {
  readonly creationDate: Instant;
  readonly originator: string;
  readonly objectName: string;
  /** International designator (COSPAR) when known. */
  readonly internationalDesignator?: string;
  readonly timeSystem?: NdmTimeSystem;
  readonly centerName?: string;
  /** TRAJ_REF_FRAME and COV_REF_FRAME of inertial data, e.g. GCRF or EME2000. */
  readonly refFrame: string;
  readonly states: readonly { readonly epoch: Instant; readonly state: readonly number[] }[];
  readonly covariances?: readonly { readonly epoch: Instant; readonly refFrame?: string; readonly lowerTriangle: readonly number[] }[];
  /** Impulsive maneuvers: Δv in km/s in `refFrame` of each (RSW/TNW or inertial). */
  readonly maneuvers?: readonly { readonly epoch: Instant; readonly refFrame: string; readonly deltaVKmPerS: readonly [number, number, number]; readonly id?: string }[];
  readonly comments?: readonly string[];
}

/** Builds an OCM of one Cartesian trajectory (CARTPV), its covariances (CARTPV, LTM) and impulsive maneuvers. */
export function buildCartesianOcm(input: BuildOcmInput): Ocm {
  const first = input.states[0];
  if (first === undefined) throw new ArgumentError('an OCM trajectory needs at least one state.', 0);
  const kw = (keyword: string, value: string, unit?: string): OcmKeyword => ({ keyword, value, ...(unit !== undefined ? { unit } : {}) });
  const covariances: OcmCovariance[] = [];
  const byFrame = new Map<string, { epoch: Instant; values: readonly number[] }[]>();
  for (const c of input.covariances ?? []) {
    const f = c.refFrame ?? input.refFrame;
    byFrame.set(f, [...(byFrame.get(f) ?? []), { epoch: c.epoch, values: c.lowerTriangle }]);
  }
  for (const [frame, rows] of byFrame) {
    covariances.push({ comments: [], keywords: [kw('COV_REF_FRAME', frame), kw('COV_UNITS', '[km, km, km, km/s, km/s, km/s]')], type: 'CARTPV', ordering: 'LTM', rows });
  }
  const trajectory: OcmTrajectory = {
    comments: input.comments ?? [],
    keywords: [kw('CENTER_NAME', input.centerName ?? 'EARTH'), kw('TRAJ_REF_FRAME', input.refFrame), kw('TRAJ_UNITS', '[km, km, km, km/s, km/s, km/s]')],
    type: 'CARTPV',
    rows: input.states.map((s) => ({ epoch: s.epoch, values: s.state.slice(0, 6) })),
  };
  return {
    version: '3.0',
    header: { comments: [], creationDate: input.creationDate, originator: input.originator },
    metadata: {
      comments: [],
      keywords: [kw('OBJECT_NAME', input.objectName), ...(input.internationalDesignator !== undefined ? [kw('INTERNATIONAL_DESIGNATOR', input.internationalDesignator)] : [])],
      timeSystem: input.timeSystem ?? 'UTC',
      epochTzero: first.epoch,
    },
    trajectories: [trajectory],
    covariances,
    maneuvers: (input.maneuvers ?? []).map((m, i) => ({
      comments: [],
      keywords: [kw('MAN_ID', m.id ?? `MAN_${i + 1}`), kw('MAN_DEVICE_ID', 'ALL'), kw('MAN_REF_FRAME', m.refFrame), kw('MAN_UNITS', '[km/s, km/s, km/s]')],
      composition: ['TIME_ABSOLUTE', 'DV_X', 'DV_Y', 'DV_Z'],
      rows: [{ epoch: m.epoch, fields: m.deltaVKmPerS.map((v) => String(v)) }],
    })),
  };
}
