/** Catalog model and readers/writers of GP element-set formats (TLE, OMM KVN/XML/JSON, CelesTrak CSV). */
export * from './model.ts';
export * from './gpRecord.ts';
export * from './tle.ts';
export * from './ommKvn.ts';
export * from './ommXml.ts';
export * from './ommJson.ts';
export * from './csv.ts';
export * from './formats.ts';
export * from './sanity.ts';
