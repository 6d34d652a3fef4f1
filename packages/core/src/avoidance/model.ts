/**
 * Collision-avoidance inputs, options, the plan (plain JSON: exactly what `skylane maneuver plan --json` and
 * `POST /api/v1/events/{id}/avoidance-plan` return) and the typed error of bad input.
 */
import type { ElementSet } from '../catalog/model.ts';
import { SkylaneError } from '../errors/index.ts';
import type { ForceModel } from '../propagation/numerical/forceModel.ts';
import type { TrajectoryInput } from '../propagation/trajectory.ts';
import type { Instant, TimeScales } from '../time/index.ts';

/** Why a plan could not be made (stable; clients match on it). */
export type AvoidanceReason =
  | 'NO_COVARIANCE'
  | 'STATES_UNUSABLE'
  | 'TARGET_ALREADY_MET'
  | 'WINDOW_EMPTY'
  | 'BLACKOUT_COVERS_WINDOW'
  | 'TARGET_UNREACHABLE'
  | 'OPTION_INVALID';

/** Bad input to the planner: `code` ARGUMENT_INVALID, `reason` says which rule failed, the message teaches the fix. */
export class AvoidanceError extends SkylaneError {
  override readonly name: string = 'AvoidanceError';
  readonly reason: AvoidanceReason;
  constructor(reason: AvoidanceReason, message: string, value?: unknown) {
    super('ARGUMENT_INVALID', message, value);
    this.reason = reason;
  }
}

/** One object of the conjunction at TCA: EME2000 (treated as GCRF) state in km, km/s and its 6x6 RTN covariance (km-based, row-major). */
export interface AvoidanceObject {
  readonly catalogNumber: number;
  readonly name?: string;
  readonly internationalDesignator?: string;
  readonly objectType?: string;
  readonly r: readonly [number, number, number];
  readonly v: readonly [number, number, number];
  readonly covarianceRtn: readonly number[];
}

/** Pc method of the event: Foster (1992) 2D, Chan (1997) series, or Hall (2021) 3D (`3d`). */
export type AvoidancePcMethod = 'foster' | 'chan' | '3d';

/** The conjunction to avoid: the maneuvering object is `primary`. */
export interface AvoidanceInput {
  readonly tca: Instant;
  readonly primary: AvoidanceObject;
  readonly secondary: AvoidanceObject;
  /** Combined hard-body radius (m). */
  readonly hbrM: number;
  /** When the conjunction was known (the CDM's CREATION_DATE, the service clock): the default earliest execution time. */
  readonly knownAt: Instant;
  readonly pcMethod?: AvoidancePcMethod;
  /** Identifier of the source (CDM MESSAGE_ID, event id) for the outputs' comments. */
  readonly sourceId?: string;
}

/** Maneuver directions: along-track (t), radial (r), cross-track (n), or the optimal direction (opt). */
export type AvoidanceDirection = 't' | 'r' | 'n' | 'opt';

export interface AvoidanceOptions {
  readonly timeScales: TimeScales;
  /** Target Pc (default 1e-6); ignored when `targetMissKm` is given. */
  readonly targetPc?: number;
  /** Target miss distance (km) instead of a target Pc. */
  readonly targetMissKm?: number;
  /** Spacecraft mass (kg) and specific impulse (s) for the propellant (rocket equation). */
  readonly massKg?: number;
  readonly ispS?: number;
  /** Earliest execution time (default: `input.knownAt`). */
  readonly earliest?: Instant;
  /** Latest execution time (default and cap: TCA − `minLeadTimeS`). */
  readonly latest?: Instant;
  /** Minimum lead time before TCA (s), default 3,600. */
  readonly minLeadTimeS?: number;
  /** Operator blackout windows: no execution (or burn) inside them. */
  readonly blackouts?: readonly { readonly start: Instant; readonly end: Instant }[];
  /** Directions tried (default t, r, n, opt). */
  readonly directions?: readonly AvoidanceDirection[];
  /** Number of candidate execution times (default 50). */
  readonly executionTimes?: number;
  /** Number of Δv values of the trade-space grid (default 50). */
  readonly dvValues?: number;
  /** Largest Δv searched (m/s), default 10. */
  readonly maxDvMps?: number;
  /** Force models of the STM and of the numerical verification (default: zonal gravity J2–J6, EGM2008). */
  readonly forces?: readonly ForceModel[];
  /** Low-thrust variant: continuous tangential thrust (N) from the execution time on, instead of an impulse. */
  readonly finiteBurn?: { readonly thrustN: number };
  /** Re-screening catalog (element sets); without one, or when its epochs are far from TCA, re-screening is skipped with a warning. */
  readonly catalog?: readonly ElementSet[];
  /** Further objects for the re-screening given as trajectories (operator ephemerides): no element set, so alerts by miss only. */
  readonly rescreenExtra?: readonly TrajectoryInput[];
  /** Re-screening span (days from the execution time), default 7. */
  readonly rescreenDays?: number;
  /** Re-screening sphere (km), default 5. */
  readonly rescreenRadiusKm?: number;
  /** An event alerts when its Pc ≥ alertPc (default 1e-4, the red level) or its miss < alertMissKm (default 0.2 km). */
  readonly alertPc?: number;
  readonly alertMissKm?: number;
  /** Creation date of the outputs (OPM, OEM, CDM); default `input.knownAt`. The core never reads the clock. */
  readonly creationDate?: Instant;
  readonly originator?: string;
}

/** One candidate of the plan: the smallest Δv found at one execution time (best direction). */
export interface AvoidanceCandidate {
  readonly epoch: string;
  readonly leadTimeS: number;
  readonly direction: AvoidanceDirection;
  readonly dvMps: number;
  readonly dvRtnMps: readonly [number, number, number];
  /** Pc and miss predicted by the linear (STM) model. */
  readonly postPc: number;
  readonly postMissKm: number;
  readonly mahalanobis: number;
  readonly propellantKg: number | null;
  /** Finite burn only: burn duration (s). */
  readonly burnDurationS?: number;
}

/** The trade space: Pc (and miss) over execution time × Δv along the chosen direction. */
export interface AvoidanceTradeSpace {
  readonly direction: AvoidanceDirection;
  readonly epochs: readonly string[];
  readonly leadTimesS: readonly number[];
  readonly dvMps: readonly number[];
  /** pc[i][j]: execution time i, Δv j (linear model). */
  readonly pc: readonly (readonly number[])[];
  readonly missKm: readonly (readonly number[])[];
  readonly targetPc: number | null;
  readonly targetMissKm: number | null;
  /** Per execution time: the minimum Δv reaching the target (null where not reached within maxDvMps). */
  readonly minDvMps: readonly (number | null)[];
}

export interface RescreeningEvent {
  readonly objectId: number;
  readonly objectName?: string;
  readonly tca: string;
  readonly missDistanceKm: number;
  readonly pc: number;
  readonly aboveAlert: boolean;
  /** Not an alert of the unmaneuvered trajectory with the same object (the plan creates it). */
  readonly new: boolean;
  /** The original secondary near the original TCA (the event being avoided). */
  readonly avoidedEvent: boolean;
}

export interface AvoidanceRescreening {
  readonly performed: boolean;
  readonly reason?: string;
  readonly windowStart?: string;
  readonly windowDays?: number;
  readonly objectsScreened?: number;
  readonly events: readonly RescreeningEvent[];
  readonly newAlerts: number;
  /** True when the plan creates a new event above the alert level. */
  readonly rejected: boolean;
}

export interface AvoidanceVerification {
  /** Position of the maneuvered primary at the original TCA: numerical minus linear prediction (km). */
  readonly linearVsNumericalKm: number;
  /** Displacement of the primary at TCA predicted by the STM (km). */
  readonly linearShiftKm: number;
  /** TCA of the maneuvered encounter (numerical) and its shift from the original (s). */
  readonly postTca: string;
  readonly tcaShiftS: number;
  /** Pc of the chosen maneuver by the linear model, before the numerical check. */
  readonly linearPostPc: number;
  /** Times Δv was raised by 3 % because the numerical Pc missed the target. */
  readonly corrections: number;
}

/** The plan: exactly the CLI's `--json` and the API's 200 body. */
export interface AvoidancePlan {
  readonly maneuver: {
    readonly epoch: string;
    readonly dvRtnMps: readonly [number, number, number];
    readonly dvMps: number;
    readonly direction: AvoidanceDirection;
    readonly kind: 'impulsive' | 'finite';
    readonly burnDurationS?: number;
    readonly thrustN?: number;
  };
  readonly pcMethod: AvoidancePcMethod;
  readonly prePc: number;
  readonly postPc: number;
  readonly preMissKm: number;
  readonly postMissKm: number;
  readonly preMahalanobis: number;
  readonly postMahalanobis: number;
  readonly leadTimeS: number;
  readonly propellantKg: number | null;
  readonly targetPc: number | null;
  readonly targetMissKm: number | null;
  readonly tca: string;
  readonly primary: number;
  readonly secondary: number;
  readonly hbrM: number;
  readonly verification: AvoidanceVerification;
  readonly candidates: readonly AvoidanceCandidate[];
  readonly tradeSpace: AvoidanceTradeSpace;
  readonly rescreening: AvoidanceRescreening;
  readonly warnings: readonly string[];
}
