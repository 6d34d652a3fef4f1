/** CCSDS Navigation Data Messages: shared KVN lexing (message readers live with their domain, e.g. catalog/ for OMM). */
export * from './kvn/index.ts';
export * from './oem/index.ts';
export * from './cdm/index.ts';
export * from './json/index.ts';
export * from './opm/index.ts';
export * from './units.ts';
export * from './timeSystems.ts';
export * from './xml/index.ts';
export * from './ocm/index.ts';
export * from './tdm/index.ts';
