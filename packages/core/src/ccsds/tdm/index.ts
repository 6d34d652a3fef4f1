/** CCSDS Tracking Data Message (503.0-B-2): model, lenient KVN/XML readers, strict writers, conversion to OD observations. */
export * from './model.ts';
export * from './read.ts';
export * from './write.ts';
export * from './observations.ts';
