/** Space tourism: suborbital flight profiles (capsule on a reusable booster), human acceleration tolerance, ascent aborts and landing dispersion. */
export * from './suborbitalVehicles.ts';
export * from './suborbitalFlight.ts';
export * from './tolerance.ts';
export * from './suborbitalPlan.ts';
