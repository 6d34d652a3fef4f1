/** Orbital space tourism: rendezvous phasing with a station, free-flying stay, return to a landing site, crewed-vehicle conjunction screening. */
export * from './phasing.ts';
export * from './rendezvous.ts';
export * from './returnPlan.ts';
export * from './crewedScreening.ts';
export * from './outputs.ts';
export * from './launchInsertion.ts';
