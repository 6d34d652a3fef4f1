/**
 * CCSDS outputs of an avoidance plan: an OPM (state and covariance at the execution time, one MAN block with the Δv
 * in RTN), an OEM of the maneuvered trajectory with covariance (the form screening providers take), and the
 * post-maneuver CDM. States are written in EME2000, the frame of the CDM the plan came from (the numerical
 * propagation treats it as GCRF: the ~20 mas frame bias is far below the covariance).
 */
import { writeCdmKvn } from '../ccsds/cdm/kvn.ts';
import type { Opm } from '../ccsds/opm/model.ts';
import { writeOpmKvn } from '../ccsds/opm/kvn.ts';
import { writeOemKvn } from '../ccsds/oem/writer.ts';
import type { Instant, TimeScales } from '../time/index.ts';
import type { AvoidanceArtifacts } from './plan.ts';
import type { AvoidanceInput, AvoidancePlan } from './model.ts';

export interface AvoidanceOutputOptions {
  readonly timeScales: TimeScales;
  readonly creationDate: Instant;
  readonly originator?: string;
  readonly massKg?: number;
}

/** The plan as an OPM (CCSDS 502.0-B-3) with one maneuver block, KVN. */
export function avoidanceOpmKvn(plan: AvoidancePlan, artifacts: AvoidanceArtifacts, input: AvoidanceInput, o: AvoidanceOutputOptions): string {
  const x = artifacts.stateAtManeuver;
  const cov = artifacts.trajectory.covariances[0];
  const opm: Opm = {
    version: '2.0',
    header: { comments: [`Collision-avoidance maneuver for the conjunction of ${plan.primary} with ${plan.secondary} at ${plan.tca} (Pc ${plan.prePc.toExponential(3)} → ${plan.postPc.toExponential(3)})`], creationDate: o.creationDate, originator: o.originator ?? 'SKYLANE' },
    metadata: { comments: [], objectName: input.primary.name ?? String(input.primary.catalogNumber), objectId: input.primary.internationalDesignator && input.primary.internationalDesignator !== 'UNKNOWN' ? input.primary.internationalDesignator : String(input.primary.catalogNumber), centerName: 'EARTH', refFrame: 'EME2000', timeSystem: 'UTC' },
    stateVector: { comments: ['Pre-maneuver state at the ignition epoch'], epoch: artifacts.maneuverEpoch, positionKm: [x[0]!, x[1]!, x[2]!], velocityKmPerS: [x[3]!, x[4]!, x[5]!] },
    ...(o.massKg !== undefined ? { spacecraft: { comments: [], massKg: o.massKg } } : {}),
    ...(cov !== undefined ? { covariance: { comments: ['Covariance at the ignition epoch: the TCA covariance mapped back with the STM'], refFrame: 'EME2000', lowerTriangle: cov.lowerTriangle } } : {}),
    maneuvers: [
      {
        comments: [plan.maneuver.kind === 'finite' ? `Finite tangential burn, thrust ${plan.maneuver.thrustN} N` : 'Impulsive maneuver'],
        epochIgnition: artifacts.maneuverEpoch,
        durationS: plan.maneuver.burnDurationS ?? 0,
        deltaMassKg: plan.propellantKg !== null ? -plan.propellantKg : 0,
        refFrame: 'RTN',
        deltaVKmPerS: [plan.maneuver.dvRtnMps[0] / 1000, plan.maneuver.dvRtnMps[1] / 1000, plan.maneuver.dvRtnMps[2] / 1000],
      },
    ],
    userDefined: [],
  };
  return writeOpmKvn(opm, o.timeScales);
}

/** The maneuvered trajectory (60-s states, hourly covariance) as an OEM 2.0, KVN. */
export function avoidanceOemKvn(plan: AvoidancePlan, artifacts: AvoidanceArtifacts, input: AvoidanceInput, o: AvoidanceOutputOptions): string {
  const t = artifacts.trajectory;
  return writeOemKvn(
    { creationDate: o.creationDate, originator: o.originator ?? 'SKYLANE', comments: [`Maneuvered trajectory: ${plan.maneuver.dvMps.toFixed(4)} m/s at ${plan.maneuver.epoch} to avoid ${plan.secondary} at ${plan.tca}`] },
    [
      {
        objectName: input.primary.name ?? String(input.primary.catalogNumber),
        objectId: input.primary.internationalDesignator && input.primary.internationalDesignator !== 'UNKNOWN' ? input.primary.internationalDesignator : String(input.primary.catalogNumber),
        frame: 'EME2000',
        states: t.epochs.map((epoch, i) => ({ epoch, state: t.states[i]! })),
        interpolation: 'HERMITE',
        interpolationDegree: 5,
        covariances: t.covariances.map((c) => ({ epoch: c.epoch, refFrame: 'EME2000', lowerTriangle: c.lowerTriangle })),
      },
    ],
    o.timeScales,
  );
}

/** The post-maneuver CDM, KVN. */
export function avoidancePostCdmKvn(artifacts: AvoidanceArtifacts, ts: TimeScales): string {
  return writeCdmKvn(artifacts.postCdm, ts);
}
