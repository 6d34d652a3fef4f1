/** Events: ground stations, topocentric look angles, pass prediction (AOS/TCA/LOS by root finding), Sun and Earth shadow. */
export * from './station.ts';
export * from './topocentric.ts';
export * from './track.ts';
export * from './sun.ts';
export * from './passes.ts';
export * from './batch.ts';
export * from './stations/sampleNetwork.ts';
