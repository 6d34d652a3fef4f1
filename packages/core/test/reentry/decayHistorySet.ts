/**
 * Test helper shared by the reentry tests of core, CLI and server: a near-circular 51.6° element set of `catalogNumber`
 * at `heightKm`, `day` days after 2026-05-01T00:00Z, for building (bad) element-set histories.
 */
import { kozaiMeanMotionRevPerDay, type ElementSet, type TimeScales } from '../../src/index.ts';

export function decayHistorySet(ts: TimeScales, catalogNumber: number, day: number, heightKm: number): ElementSet {
  return {
    catalogNumber,
    classification: 'U',
    epoch: ts.fromUtc(2026, 5, 1, 0, 0, 0).plusSeconds(day * 86400),
    meanMotionRevPerDay: kozaiMeanMotionRevPerDay(6378.137 + heightKm, 0.0005, 51.6),
    eccentricity: 0.0005,
    inclinationDeg: 51.6,
    raanDeg: 10,
    argOfPericenterDeg: 0,
    meanAnomalyDeg: 0,
    bstarPerEarthRadii: 1e-4,
    meanMotionDotRevPerDay2: 1e-3,
    meanMotionDdotRevPerDay3: 0,
    ephemerisType: 0,
    elementSetNo: 1,
    revAtEpoch: 0,
  };
}
