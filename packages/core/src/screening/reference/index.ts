/** Brute-force reference conjunction screener (tests only): exhaustive over pairs, exact SGP4, no shared filters. */
export * from './bruteForce.ts';
