/**
 * An OEM segment as an ephemeris trajectory input: CENTER_NAME must be EARTH; REF_FRAME one of TEME, EME2000 (J2000),
 * GCRF/ICRF (taken as GCRF: they differ by milliarcseconds) or an ITRF realisation (ITRF, ITRF-93, ITRF-97,
 * ITRF2000, ITRF2005, ITRF2008, ITRF2014, ITRF2020, taken as the core's ITRF: realisations differ by centimetres);
 * INTERPOLATION LAGRANGE, HERMITE or LINEAR (Lagrange of degree 1) with INTERPOLATION_DEGREE, defaulting to Lagrange
 * of degree 7 (Hermite alone: degree 5); USEABLE_START_TIME / USEABLE_STOP_TIME narrow the coverage. Anything else
 * is refused with an UNSUPPORTED error that says what to send instead. The reference epoch of the trajectory (the
 * origin of its "age" in screening results) is the segment's first state.
 */
import { SkylaneError } from '../../errors/index.ts';
import { createEphemerisInput, type EphemerisFrame, type EphemerisInput, type EphemerisInterpolation } from '../../propagation/ephemeris/index.ts';
import type { Instant, TimeScales } from '../../time/index.ts';
import type { OemReadSegment } from './reader.ts';

const FRAMES: Readonly<Record<string, EphemerisFrame>> = {
  TEME: 'TEME',
  EME2000: 'EME2000',
  J2000: 'EME2000',
  GCRF: 'GCRF',
  ICRF: 'GCRF',
  ITRF: 'ITRF',
  'ITRF-93': 'ITRF',
  'ITRF-97': 'ITRF',
  ITRF93: 'ITRF',
  ITRF97: 'ITRF',
  ITRF2000: 'ITRF',
  ITRF2005: 'ITRF',
  ITRF2008: 'ITRF',
  ITRF2014: 'ITRF',
  ITRF2020: 'ITRF',
};

/** The Skylane frame of an OEM REF_FRAME, or undefined when it is not supported. */
export function oemEphemerisFrame(refFrame: string): EphemerisFrame | undefined {
  return FRAMES[refFrame.trim().toUpperCase()];
}

/** What the reference epoch and provenance of an ephemeris built from an OEM are. */
export interface OemEphemerisOptions {
  readonly catalogNumber: number;
  readonly timeScales: TimeScales;
  /** The OEM header's originator and creation date, for messages. */
  readonly originator?: string;
  readonly creationDate?: Instant;
}

/** Converts one OEM segment into an EphemerisInput (TEME, UTC clock); throws SkylaneError UNSUPPORTED / ARGUMENT_INVALID. */
export function ephemerisInputFromOem(segment: OemReadSegment, options: OemEphemerisOptions): EphemerisInput {
  const m = segment.metadata;
  const ts = options.timeScales;
  const who = `OEM segment of ${m.objectName} (line ${segment.line})`;
  if (m.centerName.trim().toUpperCase() !== 'EARTH') {
    throw new SkylaneError('UNSUPPORTED', `${who}: CENTER_NAME ${m.centerName} is not supported: conjunction screening needs Earth-centred states (CENTER_NAME = EARTH).`, m.centerName);
  }
  const frame = oemEphemerisFrame(m.refFrame);
  if (frame === undefined) {
    throw new SkylaneError('UNSUPPORTED', `${who}: REF_FRAME ${m.refFrame} is not supported: send the states in EME2000, GCRF, ICRF, TEME or an ITRF realisation.`, m.refFrame);
  }
  let interpolation: EphemerisInterpolation | undefined;
  let degree = m.interpolationDegree;
  const method = m.interpolation?.trim().toUpperCase();
  if (method === 'LAGRANGE' || method === 'HERMITE') interpolation = method;
  else if (method === 'LINEAR') {
    interpolation = 'LAGRANGE';
    degree = 1;
  } else if (method !== undefined && method !== '') {
    throw new SkylaneError('UNSUPPORTED', `${who}: INTERPOLATION ${m.interpolation ?? ''} is not supported: use LAGRANGE, HERMITE or LINEAR.`, m.interpolation);
  }
  const created = options.creationDate !== undefined ? ` created ${ts.formatUtcIso(options.creationDate, 0)}` : '';
  return createEphemerisInput(
    {
      catalogNumber: options.catalogNumber,
      frame,
      epochs: segment.states.map((s) => s.epoch),
      states: segment.states.map((s) => s.state),
      ...(interpolation !== undefined ? { interpolation } : {}),
      ...(degree !== undefined ? { interpolationDegree: degree } : {}),
      ...(m.useableStartTime !== undefined ? { useableStart: m.useableStartTime } : {}),
      ...(m.useableStopTime !== undefined ? { useableStop: m.useableStopTime } : {}),
      source: `OEM${options.originator !== undefined ? ` of ${options.originator}` : ''}${created}, ${m.refFrame}`,
    },
    ts,
  );
}
