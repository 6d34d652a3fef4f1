/** A near-earth element set that decays within days (16 rev/day, B* 0.001): SGP4 failure tests share it. */
import type { Sgp4Input } from '../../src/index.ts';

export const decayingSgp4Input: Sgp4Input = {
  catalogNumber: 99901,
  epochUtcMjd: 61109, // 2026-03-10
  epochUtcSeconds: 0,
  meanMotionRevPerDay: 16,
  eccentricity: 0.0001,
  inclinationDeg: 51.6,
  raanDeg: 10,
  argOfPericenterDeg: 20,
  meanAnomalyDeg: 30,
  bstarPerEarthRadii: 0.001,
  meanMotionDotRevPerDay2: 0,
  meanMotionDdotRevPerDay3: 0,
};
