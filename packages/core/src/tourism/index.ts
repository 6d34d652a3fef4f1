/** Space tourism: suborbital flight profiles (capsule on a reusable booster), human acceleration tolerance, ascent aborts and landing dispersion; orbital rendezvous, stay and return; flight operations (go/no-go, scheduling). */
export * from './suborbitalVehicles.ts';
export * from './suborbitalFlight.ts';
export * from './tolerance.ts';
export * from './suborbitalPlan.ts';
export * from './orbital/index.ts';
export * from './operations/index.ts';
