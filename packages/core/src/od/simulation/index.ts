/** Tracking simulation: radar and optical sensor simulator over SGP4 objects, and observations → CCSDS TDM. */
export * from './sensorSimulator.ts';
export * from './observationsToTdm.ts';
