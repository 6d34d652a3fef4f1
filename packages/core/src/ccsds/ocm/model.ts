/**
 * The CCSDS Orbit Comprehensive Message (ODM, CCSDS 502.0-B-3 §6) as data: header, metadata, and the logical blocks
 * trajectory (TRAJ), physical properties (PHYS), covariance (COV), maneuver (MAN), perturbations (PERT), orbit
 * determination (OD) and user-defined (USER). Trajectory, covariance and maneuver rows are read into typed rows
 * (epoch + values); every block also keeps its keywords in file order, so that nothing a message says is dropped
 * and a written OCM says it again. Values keep the units the message declares (TRAJ_UNITS, COV_UNITS,
 * MAN_UNITS; the standard's defaults are km, km/s, km/s²); `ocmCartesianStates` and `ocmCartesianCovariances` give
 * Cartesian rows in the core's units.
 */
import type { Instant } from '../../time/index.ts';
import type { NdmTimeSystem } from '../timeSystems.ts';

/** A keyword line of a block, in file order (value as written, unit from brackets when given). */
export interface OcmKeyword {
  readonly keyword: string;
  readonly value: string;
  readonly unit?: string;
}

export interface OcmBlock {
  readonly comments: readonly string[];
  /** The block's keyword lines in file order (for TRAJ, COV and MAN: the block's own metadata). */
  readonly keywords: readonly OcmKeyword[];
}

export interface OcmHeader {
  readonly comments: readonly string[];
  readonly classification?: string;
  readonly creationDate: Instant;
  readonly originator: string;
  readonly messageId?: string;
}

export interface OcmMetadata extends OcmBlock {
  readonly timeSystem: NdmTimeSystem;
  /** EPOCH_TZERO: the origin of relative times in the message's rows. */
  readonly epochTzero: Instant;
}

/** A row of numbers at an epoch (trajectory state or covariance terms). */
export interface OcmRow {
  readonly epoch: Instant;
  readonly values: readonly number[];
}

export interface OcmTrajectory extends OcmBlock {
  /** TRAJ_TYPE (CARTP, CARTPV, CARTPVA, KEPLERIAN, EQUINOCTIAL, …); CARTPV when the block does not say. */
  readonly type: string;
  readonly rows: readonly OcmRow[];
}

export interface OcmCovariance extends OcmBlock {
  /** COV_TYPE (CARTP, CARTPV, CARTPVA, KEPLERIAN, …); CARTPV when the block does not say. */
  readonly type: string;
  /** COV_ORDERING: LTM (lower triangle, default), UTM, FULL, LTMWCC, UTMWCC. */
  readonly ordering: string;
  readonly rows: readonly OcmRow[];
}

export interface OcmManeuverRow {
  readonly epoch: Instant;
  /** The fields after the time column, as written (numbers and words such as ON/OFF or deployment ids). */
  readonly fields: readonly string[];
}

export interface OcmManeuver extends OcmBlock {
  /** MAN_COMPOSITION: the column names, the first being TIME_ABSOLUTE or TIME_RELATIVE. */
  readonly composition: readonly string[];
  readonly rows: readonly OcmManeuverRow[];
}

export interface Ocm {
  /** CCSDS_OCM_VERS as read (the writer emits 3.0). */
  readonly version: string;
  readonly header: OcmHeader;
  readonly metadata: OcmMetadata;
  readonly trajectories: readonly OcmTrajectory[];
  readonly physical?: OcmBlock;
  readonly covariances: readonly OcmCovariance[];
  readonly maneuvers: readonly OcmManeuver[];
  readonly perturbations?: OcmBlock;
  readonly orbitDetermination?: OcmBlock;
  readonly userDefined?: OcmBlock;
}
