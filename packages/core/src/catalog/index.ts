/** Catalog model and readers/writers of GP element-set formats (TLE, OMM KVN/XML/JSON, CelesTrak CSV). */
export * from './model.ts';
