/** Time: the scale-free Instant, UTC/TAI/TT/UT1 conversions, leap seconds as data, ISO-8601 and Julian dates. */
export * from './instant.ts';
export * from './calendar.ts';
export * from './leapSeconds.ts';
export * from './eop.ts';
export * from './scales.ts';
export * from './finals2000a.ts';
