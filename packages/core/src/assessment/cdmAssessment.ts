/**
 * Risk figures of a received CDM (e.g. one an operator uploads), as an event update needs them: TCA and miss distance
 * as the CDM states them; relative speed and the miss in object 1's RTN from the CDM's relative data, else from its
 * states; the Pc as the CDM states it (COLLISION_PROBABILITY and its METHOD: the originator's assessment, made with
 * its own covariances, is kept rather than replaced), else recomputed here the way screenings do it (Foster 1992 at
 * the true TCA, `adjustToTrueTca`, from the CDM's states and covariances). The hard-body radius is the CDM's
 * `COMMENT HBR`, else the sum of both objects' CARA-table or fallback radii. Alfano's (2005) maximum Pc is computed
 * from the CDM's states when they allow it (0 otherwise). Nothing here throws for a readable CDM: a Pc that cannot be
 * computed is 0 with method NONE and a reason.
 */
import { cdmHardBodyRadiusM } from '../ccsds/cdm/hbr.ts';
import { conjunctionFromCdm, lookupHbrM, type CaraHbrRow } from '../ccsds/cdm/fromScreening.ts';
import type { Cdm } from '../ccsds/cdm/model.ts';
import { toRtn } from '../frames/rtn.ts';
import { norm, sub } from '../math/vec3.ts';
import { pcMaxAlfano2005 } from '../risk/alfano2005.ts';
import { pcFoster1992 } from '../risk/foster1992.ts';
import { adjustToTrueTca } from '../risk/tcaAdjustment.ts';

export interface CdmAssessment {
  readonly missDistanceKm: number;
  /** |v2 − v1| (km/s): RELATIVE_SPEED, else from the states. */
  readonly relativeSpeedKmPerS: number;
  /** r2 − r1 in object 1's RTN (km): RELATIVE_POSITION_R/T/N, else from the states (NaN when neither is usable). */
  readonly missRtnKm: readonly [number, number, number];
  readonly pc: number;
  /** The CDM's COLLISION_PROBABILITY_METHOD (or "CDM" when it names none), 'FOSTER-1992' when recomputed, 'NONE'. */
  readonly pcMethod: string;
  /** Whether `pc` is the CDM's own value. */
  readonly pcFromCdm: boolean;
  readonly maxPc: number;
  readonly hbrM: number;
  /** Why a figure could not be computed, when one could not. */
  readonly notes: readonly string[];
}

/**
 * Assesses a received CDM (see the module header). With `swapObjects`, the miss in RTN is r1 − r2 in object 2's RTN
 * (from the states): for callers whose convention puts the CDM's OBJECT2 first.
 */
export function assessCdm(cdm: Cdm, hbrTable?: ReadonlyMap<number, CaraHbrRow>, swapObjects = false): CdmAssessment {
  const notes: string[] = [];
  const rel = cdm.relative;
  const hbrOf = (o: Cdm['object1']): number => lookupHbrM(Number(o.metadata.objectDesignator), o.metadata.objectType, hbrTable).hbrM;
  const hbrM = cdmHardBodyRadiusM(cdm) ?? hbrOf(cdm.object1) + hbrOf(cdm.object2);
  let conj: ReturnType<typeof conjunctionFromCdm> | undefined;
  try {
    conj = conjunctionFromCdm(cdm);
  } catch (e) {
    notes.push(`states not usable: ${e instanceof Error ? e.message : String(e)}`);
  }
  const p = conj?.primary;
  const s = conj?.secondary;
  const relativeSpeedKmPerS = rel.relativeSpeedKmPerS ?? (p && s ? norm(sub(s.v, p.v)) : Number.NaN);
  const missRtn = swapObjects
    ? p && s
      ? toRtn({ r: s.r, v: s.v }, sub(p.r, s.r))
      : [Number.NaN, Number.NaN, Number.NaN]
    : (rel.relativePositionRtnKm ?? (p && s ? toRtn({ r: p.r, v: p.v }, sub(s.r, p.r)) : [Number.NaN, Number.NaN, Number.NaN]));
  let pc = 0;
  let pcMethod = 'NONE';
  let maxPc = 0;
  let adjusted: ReturnType<typeof adjustToTrueTca>['conjunction'] | undefined;
  try {
    if (conj) adjusted = adjustToTrueTca(conj).conjunction;
  } catch (e) {
    notes.push(`TCA adjustment failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (rel.collisionProbability !== undefined) {
    pc = rel.collisionProbability;
    pcMethod = rel.collisionProbabilityMethod ?? 'CDM';
  } else if (adjusted) {
    try {
      pc = pcFoster1992(adjusted, hbrM / 1000).pc;
      pcMethod = 'FOSTER-1992';
    } catch (e) {
      notes.push(`Pc not computed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (adjusted) {
    try {
      maxPc = pcMaxAlfano2005(adjusted, hbrM / 1000).pcMax;
    } catch (e) {
      notes.push(`maximum Pc not computed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return {
    missDistanceKm: rel.missDistanceKm,
    relativeSpeedKmPerS,
    missRtnKm: [missRtn[0], missRtn[1], missRtn[2]],
    pc,
    pcMethod,
    pcFromCdm: rel.collisionProbability !== undefined,
    maxPc: Math.max(maxPc, pc),
    hbrM,
    notes,
  };
}
