/**
 * Removal targets from Skylane's own catalog for the multi-target planner ("remove the top N of this band with K
 * servicers"): each GP element set becomes a planner orbit. Approximation, documented: SGP4 mean elements are used
 * as if they were the osculating elements of the GTOC9 ephemeris model (a from the mean motion, Kepler's third law);
 * that misplaces an object by up to ~10 km (short-period J2 terms), acceptable for campaign design, not for the
 * proximity operations themselves, which need the real ephemeris.
 */
import type { ElementSet } from '../catalog/model.ts';
import { EARTH_MU_KM3S2 } from '../units/index.ts';
import type { Gtoc9Debris } from './gtoc9/rules.ts';

const DEG = Math.PI / 180;

/**
 * Planner orbit of an element set; `epochMjd2000` is the element-set epoch in MJD2000 days (the caller converts its
 * Instant; the core reads no clock). The planner's debris id is the catalog number.
 */
export function targetFromElementSet(s: ElementSet, epochMjd2000: number): Gtoc9Debris {
  const n = (s.meanMotionRevPerDay * 2 * Math.PI) / 86400;
  return {
    id: s.catalogNumber,
    epochMjd2000,
    aKm: Math.cbrt(EARTH_MU_KM3S2 / (n * n)),
    e: s.eccentricity,
    iRad: s.inclinationDeg * DEG,
    raanRad: s.raanDeg * DEG,
    argpRad: s.argOfPericenterDeg * DEG,
    meanAnomalyRad: s.meanAnomalyDeg * DEG,
  };
}
