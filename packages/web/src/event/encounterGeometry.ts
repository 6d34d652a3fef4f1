/**
 * The encounter-plane picture of a CDM: the relative position of object 2 at TCA projected on the plane normal to
 * the relative velocity (the B-plane point), and the combined (object 1 + object 2) position covariance projected
 * on that plane, both in the covariance's principal axes so that the 1σ/3σ ellipses are axis-aligned. Built with
 * the risk module's own `conjunctionFromCdm`, `buildEncounterPlane` and `toPrincipalAxes`, so the picture is the
 * geometry the Pc was computed from.
 */
import { buildEncounterPlane, conjunctionFromCdm, readCdmKvn, toPrincipalAxes, type TimeScales } from '@skylane/core';

export interface EncounterPicture {
  /** Miss point in principal axes (m): x along the larger σ. */
  readonly missM: readonly [number, number];
  /** Combined 1σ along the principal axes (m), σx ≥ σy. */
  readonly sigmaM: readonly [number, number];
  readonly missDistanceM: number;
  readonly relativeSpeedMS: number;
  /** True when the projected covariance had eigenvalues clipped (risk module's remediation). */
  readonly covarianceRemediated: boolean;
  readonly object1: string;
  readonly object2: string;
}

export function encounterPictureFromCdmKvn(kvn: string, timeScales: TimeScales): EncounterPicture {
  const { cdms } = readCdmKvn(kvn, { timeScales });
  const cdm = cdms[0];
  if (cdm === undefined) throw new Error('the CDM holds no message');
  const plane = buildEncounterPlane(conjunctionFromCdm(cdm), 'projected');
  const pr = toPrincipalAxes(plane.missKm, plane.cov2Km2);
  return {
    missM: [pr.xmKm * 1000, pr.ymKm * 1000],
    sigmaM: [pr.sigmaXKm * 1000, pr.sigmaYKm * 1000],
    missDistanceM: Math.hypot(plane.missKm[0], plane.missKm[1]) * 1000,
    relativeSpeedMS: plane.relativeSpeedKmS * 1000,
    covarianceRemediated: plane.covariance.remediated,
    object1: cdm.object1.metadata.objectDesignator,
    object2: cdm.object2.metadata.objectDesignator,
  };
}
