/** Readers of tracking-data formats other than CCSDS TDM: Orekit's tutorial measurement and configuration files. */
export * from './orekitMeasurements.ts';
