/**
 * Risk assessment of one screening event: both objects' SGP4 states at TCA rotated TEME → EME2000, a CDM built by
 * `cdmFromScreening` (TLE default covariance by regime and element-set age, hard-body radii from the CARA table
 * when one is given, else the fallback by object type; combined HBR = sum of the two), then Pc by Foster (1992)
 * after moving both states to the true TCA (`adjustToTrueTca`, as CARA's Pc2D), and Alfano's (2005) maximum Pc.
 * The final CDM carries COLLISION_PROBABILITY / _METHOD = FOSTER-1992 and the maximum Pc as a comment.
 *
 * When the 2D Pc cannot be computed (e.g. zero relative velocity), Pc is 0 with method NONE and the reason is a
 * CDM comment; the alert level then rests on the miss distance alone.
 */
import {
  adjustToTrueTca,
  cdmFromScreening,
  conjunctionFromCdm,
  lookupHbrM,
  pcFoster1992,
  pcMaxAlfano2005,
  Sgp4Satellite,
  sgp4InputFrom,
  temeToEme2000,
  type CaraHbrRow,
  type Cdm,
  type ElementSet,
  type Instant,
  type ScreeningEvent,
  type ScreenedObject,
  type TimeScales,
} from '@skylane/core';

export interface AssessedEvent {
  readonly event: ScreeningEvent;
  readonly cdm: Cdm;
  /** Foster (1992) Pc at the true TCA (0 when it could not be computed: see `pcMethod`). */
  readonly pc: number;
  /** 'FOSTER-1992' or 'NONE'. */
  readonly pcMethod: string;
  /** Alfano (2005) maximum Pc over the covariance scale (0 when not computed). */
  readonly maxPc: number;
  /** Combined hard-body radius (m). */
  readonly hbrM: number;
}

export interface AssessContext {
  readonly timeScales: TimeScales;
  /** Element sets of the screening by catalog number. */
  readonly elementSets: ReadonlyMap<number, ElementSet>;
  readonly hbrTable?: ReadonlyMap<number, CaraHbrRow>;
  readonly creationDate: Instant;
  readonly screenPeriod: readonly [Instant, Instant];
  readonly originator: string;
}

/** Assesses screening events; SGP4 satellites are initialised once per object. */
export function createAssessor(ctx: AssessContext): (event: ScreeningEvent, messageId: string) => AssessedEvent {
  const sats = new Map<number, Sgp4Satellite>();
  const ts = ctx.timeScales;
  const screened = (catalogNumber: number, tca: Instant, ageDays: number): ScreenedObject => {
    const set = ctx.elementSets.get(catalogNumber);
    if (set === undefined) throw new Error(`object ${catalogNumber} of a screening event has no element set in the screening input`);
    let sat = sats.get(catalogNumber);
    if (sat === undefined) {
      sat = Sgp4Satellite.create(sgp4InputFrom(set, ts));
      sats.set(catalogNumber, sat);
    }
    const sv = temeToEme2000(sat.propagateAt(ts.toUtcDaySeconds(tca)), tca, ts);
    return {
      catalogNumber,
      ...(set.objectName !== undefined ? { name: set.objectName } : {}),
      ...(set.objectId !== undefined ? { internationalDesignator: set.objectId } : {}),
      ...(set.objectType !== undefined ? { objectType: set.objectType } : {}),
      r: sv.r,
      v: sv.v,
      elementAgeDays: ageDays,
    };
  };
  return (event, messageId) => {
    const o1 = screened(event.object1, event.tca, event.tcaAgeDays1);
    const o2 = screened(event.object2, event.tca, event.tcaAgeDays2);
    const hbrM = lookupHbrM(o1.catalogNumber, o1.objectType, ctx.hbrTable).hbrM + lookupHbrM(o2.catalogNumber, o2.objectType, ctx.hbrTable).hbrM;
    const base = { tca: event.tca, creationDate: ctx.creationDate, originator: ctx.originator, messageId, object1: o1, object2: o2, hbrM, screenPeriod: ctx.screenPeriod };
    let pc = 0;
    let maxPc = 0;
    let pcMethod = 'NONE';
    const comments: string[] = [];
    try {
      const adjusted = adjustToTrueTca(conjunctionFromCdm(cdmFromScreening(base))).conjunction;
      pc = pcFoster1992(adjusted, hbrM / 1000).pc;
      maxPc = pcMaxAlfano2005(adjusted, hbrM / 1000).pcMax;
      pcMethod = 'FOSTER-1992';
    } catch (e) {
      comments.push(`Pc not computed: ${e instanceof Error ? e.message : String(e)}`);
    }
    const cdm = cdmFromScreening({
      ...base,
      comments,
      ...(pcMethod === 'FOSTER-1992' ? { collisionProbability: pc, collisionProbabilityMethod: 'FOSTER-1992', maxPc } : {}),
    });
    return { event, cdm, pc, pcMethod, maxPc, hbrM };
  };
}
