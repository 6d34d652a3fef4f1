/** Launch and recovery operations: site network, launch windows, NOTAM hazard areas, vehicle ascent and drop zones, dispersion, launch COLA and recovery. */
export * from './sites/index.ts';
export * from './geo.ts';
export * from './windows.ts';
export * from './notam.ts';
export * from './vehicles.ts';
export * from './ascent.ts';
export * from './dispersion.ts';
export * from './plan.ts';
export * from './lcola.ts';
export * from './recovery.ts';
