/** GTOC9 planner: J2 debris ephemeris and dynamics, multi-revolution Lambert, Edelbaum estimates, exact J2 legs, campaign search. */
export * from './ephemeris.ts';
export * from './lambert.ts';
export * from './legs.ts';
export * from './search.ts';
export * from './neighbourhood.ts';
