/** Risk assessment: screening events (states at TCA, CDM, Pc), received CDMs (their Pc, or one recomputed), and the alert policy (recommended action, pushes). */
export * from './eventAssessment.ts';
export * from './cdmAssessment.ts';
export * from './alertPolicy.ts';
