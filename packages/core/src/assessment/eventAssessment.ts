/**
 * Risk assessment of a screening event from GP element sets: the states of both objects at TCA (exact SGP4, TEME
 * rotated to EME2000), a CDM built with the documented TLE default covariances and the CARA hard-body radii
 * (`cdmFromScreening`), then the Foster (1992) 2D Pc at the true TCA (`adjustToTrueTca`) and Alfano's (2005)
 * maximum Pc. One function, shared by the CLI (`skylane screen --cdm-dir`) and the service, so that both write the
 * same CDM for the same event.
 */
import type { ElementSet } from '../catalog/model.ts';
import { cdmFromScreening, conjunctionFromCdm, lookupHbrM, type CaraHbrRow } from '../ccsds/cdm/fromScreening.ts';
import type { Cdm } from '../ccsds/cdm/model.ts';
import { temeToEme2000 } from '../frames/transforms.ts';
import { Sgp4Satellite } from '../propagation/sgp4/sgp4.ts';
import { minutesSinceEpoch, sgp4InputFrom } from '../propagation/sgp4/input.ts';
import { adjustToTrueTca } from '../risk/tcaAdjustment.ts';
import { pcFoster1992 } from '../risk/foster1992.ts';
import { pcMaxAlfano2005 } from '../risk/alfano2005.ts';
import type { ScreeningEvent } from '../screening/screen.ts';
import type { Instant, TimeScales } from '../time/index.ts';

export interface EventAssessmentOptions {
  readonly timeScales: TimeScales;
  readonly creationDate: Instant;
  readonly originator: string;
  /** Parsed CARA HBR table (`parseCaraHbrTable`); objects not in it fall back by object type. */
  readonly hbrTable?: ReadonlyMap<number, CaraHbrRow>;
  readonly screenPeriod?: readonly [Instant, Instant];
}

export interface EventAssessment {
  readonly cdm: Cdm;
  /** Foster 2D Pc with the default covariances, at the true TCA. */
  readonly pc: number;
  /** Alfano 2005 maximum Pc over covariance scale. */
  readonly pcMax: number;
  /** Combined hard-body radius (m) and where each part came from. */
  readonly hbrM: number;
  readonly hbrSources: readonly [string, string];
}

/** The CDM message id of an event: stable for a pair and TCA (ms). */
export function eventMessageId(e: ScreeningEvent, ts: TimeScales): string {
  return `SKYLANE-${e.object1}-${e.object2}-${ts.formatUtcIso(e.tca, 3).replace(/[-:.]/g, '')}`;
}

export function assessScreeningEvent(event: ScreeningEvent, set1: ElementSet, set2: ElementSet, options: EventAssessmentOptions): EventAssessment {
  const ts = options.timeScales;
  const tcaClock = ts.toUtcDaySeconds(event.tca);
  const at = (set: ElementSet): { r: ReturnType<typeof temeToEme2000>['r']; v: ReturnType<typeof temeToEme2000>['v'] } => {
    const input = sgp4InputFrom(set, ts);
    const teme = Sgp4Satellite.create(input).propagateMinutes(minutesSinceEpoch(input, tcaClock));
    return temeToEme2000(teme, event.tca, ts);
  };
  const s1 = at(set1);
  const s2 = at(set2);
  const h1 = lookupHbrM(set1.catalogNumber, set1.objectType, options.hbrTable);
  const h2 = lookupHbrM(set2.catalogNumber, set2.objectType, options.hbrTable);
  const hbrM = h1.hbrM + h2.hbrM;
  const object = (set: ElementSet, s: { r: typeof s1.r; v: typeof s1.v }, ageDays: number) => ({
    catalogNumber: set.catalogNumber,
    ...(set.objectName !== undefined ? { name: set.objectName } : {}),
    ...(set.objectId !== undefined && set.objectId !== '' ? { internationalDesignator: set.objectId } : {}),
    ...(set.objectType !== undefined ? { objectType: set.objectType } : {}),
    r: s.r,
    v: s.v,
    elementAgeDays: ageDays,
  });
  const base = {
    tca: event.tca,
    creationDate: options.creationDate,
    originator: options.originator,
    messageId: eventMessageId(event, ts),
    object1: object(set1, s1, event.tcaAgeDays1),
    object2: object(set2, s2, event.tcaAgeDays2),
    hbrM,
    ...(options.screenPeriod ? { screenPeriod: options.screenPeriod } : {}),
    comments: [`HBR sources: ${set1.catalogNumber} ${h1.source}; ${set2.catalogNumber} ${h2.source}`],
  };
  const conj = adjustToTrueTca(conjunctionFromCdm(cdmFromScreening(base))).conjunction;
  const hbrKm = hbrM / 1000;
  const pc = pcFoster1992(conj, hbrKm).pc;
  const pcMax = pcMaxAlfano2005(conj, hbrKm).pcMax;
  const cdm = cdmFromScreening({ ...base, collisionProbability: pc, collisionProbabilityMethod: 'FOSTER-1992', maxPc: pcMax });
  return { cdm, pc, pcMax, hbrM, hbrSources: [h1.source, h2.source] };
}
