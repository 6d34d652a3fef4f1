/**
 * Risk assessment of screening events from GP element sets: both objects' SGP4 states at TCA rotated TEME →
 * EME2000, a CDM built by `cdmFromScreening` (TLE default covariance by regime and element-set age, hard-body radii
 * from the CARA table when one is given, else the fallback by object type; combined HBR = sum of the two), then the
 * Foster (1992) Pc after moving both states to the true TCA (`adjustToTrueTca`, as CARA's Pc2D) and Alfano's (2005)
 * maximum Pc. The final CDM carries COLLISION_PROBABILITY / _METHOD = FOSTER-1992 and the maximum Pc as a comment.
 *
 * When the 2D Pc cannot be computed (e.g. zero relative velocity), Pc is 0 with method NONE and the reason is a CDM
 * comment.
 *
 * Objects screened from an ephemeris (`trajectories`, e.g. an operator's OEM) take their states at TCA from it; their
 * covariance is still the TLE default at the event's age (days from the ephemeris's first state), which over-states
 * the uncertainty of a precise operator ephemeris (the OEM's own covariance is not used yet); a CDM comment says so. One implementation, shared by the CLI (`skylane screen --cdm-dir`) and the service, so both write the
 * same CDM for the same event.
 */
import type { ElementSet } from '../catalog/model.ts';
import { cdmFromScreening, conjunctionFromCdm, lookupHbrM, type CaraHbrRow, type ScreenedObject } from '../ccsds/cdm/fromScreening.ts';
import type { Cdm } from '../ccsds/cdm/model.ts';
import { ArgumentError } from '../errors/index.ts';
import { temeToEme2000 } from '../frames/transforms.ts';
import { sgp4InputFrom } from '../propagation/sgp4/input.ts';
import { createTrajectory, isEphemerisInput, type Trajectory, type TrajectoryInput } from '../propagation/trajectory.ts';
import { pcMaxAlfano2005 } from '../risk/alfano2005.ts';
import { pcFoster1992 } from '../risk/foster1992.ts';
import { adjustToTrueTca } from '../risk/tcaAdjustment.ts';
import type { ScreeningEvent } from '../screening/screen.ts';
import type { Instant, TimeScales } from '../time/index.ts';

export interface EventAssessmentContext {
  readonly timeScales: TimeScales;
  /** Element sets of the screening (by catalog number, or a list). */
  readonly elementSets: ReadonlyMap<number, ElementSet> | readonly ElementSet[];
  /** Trajectories that replace an object's element set for its states (the screening's ephemeris objects). */
  readonly trajectories?: ReadonlyMap<number, TrajectoryInput>;
  /** Parsed CARA HBR table (`parseCaraHbrTable`); objects not in it fall back by object type. */
  readonly hbrTable?: ReadonlyMap<number, CaraHbrRow>;
  readonly creationDate: Instant;
  readonly originator: string;
  readonly screenPeriod?: readonly [Instant, Instant];
}

export interface EventAssessment {
  readonly event: ScreeningEvent;
  readonly cdm: Cdm;
  /** Foster (1992) Pc at the true TCA (0 when it could not be computed: see `pcMethod`). */
  readonly pc: number;
  /** 'FOSTER-1992' or 'NONE'. */
  readonly pcMethod: 'FOSTER-1992' | 'NONE';
  /** Alfano (2005) maximum Pc over the covariance scale (0 when not computed). */
  readonly maxPc: number;
  /** Combined hard-body radius (m) and where each part came from. */
  readonly hbrM: number;
  readonly hbrSources: readonly [string, string];
}

/** The default CDM message id of an event: stable for a pair and TCA (ms). */
export function eventMessageId(e: ScreeningEvent, ts: TimeScales): string {
  return `SKYLANE-${e.object1}-${e.object2}-${ts.formatUtcIso(e.tca, 3).replace(/[-:.]/g, '')}`;
}

/** An assessor for the events of one screening; trajectories (SGP4 satellites, ephemerides) are initialised once per object. */
export function createEventAssessor(ctx: EventAssessmentContext): (event: ScreeningEvent, messageId?: string) => EventAssessment {
  const ts = ctx.timeScales;
  const sets = ctx.elementSets instanceof Map ? ctx.elementSets : new Map((ctx.elementSets as readonly ElementSet[]).map((s) => [s.catalogNumber, s]));
  const sats = new Map<number, Trajectory>();
  const screened = (catalogNumber: number, tca: Instant, ageDays: number): { object: ScreenedObject; set: ElementSet; source: string | undefined } => {
    const set = sets.get(catalogNumber);
    if (set === undefined) throw new ArgumentError(`Object ${catalogNumber} of a screening event has no element set among those given to the assessor.`, catalogNumber);
    const own = ctx.trajectories?.get(catalogNumber);
    let sat = sats.get(catalogNumber);
    if (sat === undefined) {
      sat = createTrajectory(own ?? sgp4InputFrom(set, ts));
      sats.set(catalogNumber, sat);
    }
    const sv = temeToEme2000(sat.propagateAt(ts.toUtcDaySeconds(tca)), tca, ts);
    return {
      set,
      source: own !== undefined && isEphemerisInput(own) ? own.source : undefined,
      object: {
        catalogNumber,
        ...(set.objectName !== undefined ? { name: set.objectName } : {}),
        ...(set.objectId !== undefined && set.objectId !== '' ? { internationalDesignator: set.objectId } : {}),
        ...(set.objectType !== undefined ? { objectType: set.objectType } : {}),
        r: sv.r,
        v: sv.v,
        elementAgeDays: ageDays,
      },
    };
  };
  return (event, messageId = eventMessageId(event, ts)) => {
    const a = screened(event.object1, event.tca, event.tcaAgeDays1);
    const b = screened(event.object2, event.tca, event.tcaAgeDays2);
    const h1 = lookupHbrM(a.set.catalogNumber, a.set.objectType, ctx.hbrTable);
    const h2 = lookupHbrM(b.set.catalogNumber, b.set.objectType, ctx.hbrTable);
    const hbrM = h1.hbrM + h2.hbrM;
    const base = {
      tca: event.tca,
      creationDate: ctx.creationDate,
      originator: ctx.originator,
      messageId,
      object1: a.object,
      object2: b.object,
      hbrM,
      ...(ctx.screenPeriod ? { screenPeriod: ctx.screenPeriod } : {}),
    };
    const comments = [`HBR sources: ${a.set.catalogNumber} ${h1.source}; ${b.set.catalogNumber} ${h2.source}`];
    for (const o of [a, b]) {
      if (o.source !== undefined) comments.push(`Object ${o.set.catalogNumber} states from its operator ephemeris (${o.source}); covariance is the TLE default at ${o.object.elementAgeDays.toFixed(2)} d from the ephemeris's first state`);
    }
    let pc = 0;
    let maxPc = 0;
    let pcMethod: EventAssessment['pcMethod'] = 'NONE';
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
    return { event, cdm, pc, pcMethod, maxPc, hbrM, hbrSources: [h1.source, h2.source] };
  };
}

/** Assesses one event from its two element sets (see createEventAssessor). */
export function assessScreeningEvent(
  event: ScreeningEvent,
  set1: ElementSet,
  set2: ElementSet,
  options: Omit<EventAssessmentContext, 'elementSets'>,
): EventAssessment {
  return createEventAssessor({ ...options, elementSets: [set1, set2] })(event);
}
