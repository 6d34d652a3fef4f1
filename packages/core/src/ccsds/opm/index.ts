/** CCSDS OPM (Orbit Parameter Message): model, KVN and XML readers, strict OPM 2.0 writers. */
export * from './model.ts';
export * from './build.ts';
export * from './plan.ts';
export * from './kvn.ts';
export * from './xml.ts';
