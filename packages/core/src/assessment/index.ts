/** Risk assessment: screening events (states at TCA, CDM, Pc) and received CDMs (their Pc, or one recomputed). */
export * from './eventAssessment.ts';
export * from './cdmAssessment.ts';
