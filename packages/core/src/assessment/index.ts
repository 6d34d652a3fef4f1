/** Risk assessment of screening events: states at TCA, default covariances, HBR, CDM and Pc in one step. */
export * from './eventAssessment.ts';
