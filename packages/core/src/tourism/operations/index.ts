/** Tourism flight operations: launch-day go/no-go checklist, hazard-zone geometry, and flight scheduling under turnaround and site cadence. */
export * from './zones.ts';
export * from './goNoGo.ts';
export * from './goNoGoJson.ts';
export * from './schedule.ts';
export * from './flightProfile.ts';
