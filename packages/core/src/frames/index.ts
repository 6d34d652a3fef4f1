/** Reference frames: TEME, PEF, ITRF, GCRF/EME2000 (IAU-76/FK5), WGS-84 geodetic and the RTN local frame. */
export * from './fk5.ts';
export * from './transforms.ts';
export * from './geodetic.ts';
export * from './rtn.ts';
