/** Active debris removal: SATCAT reader, criticality ranking of catalog objects, GTOC9 rules, checker and planner. */
export * from './satcat.ts';
export * from './massDefaults.ts';
export * from './criticality.ts';
export * from './operations.ts';
export * from './catalogTargets.ts';
export * from './gtoc9/rules.ts';
export * from './gtoc9/checker.ts';
export * from './gtoc9/planner/index.ts';
export * from './servicerScreening.ts';
