/** Readers of tracking-data formats other than CCSDS TDM: Orekit tutorial measurement/configuration files, ILRS CRD normal points and CPF predictions. */
export * from './orekitMeasurements.ts';
export * from './ilrsCrd.ts';
export * from './ilrsCpf.ts';
export * from './iersBulletinB.ts';
