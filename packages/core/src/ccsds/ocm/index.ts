/** CCSDS OCM (Orbit Comprehensive Message): model, KVN reader and writer, Cartesian views of its trajectories and covariances. */
export * from './model.ts';
export * from './kvn.ts';
export * from './cartesian.ts';
export * from './xml.ts';
