/** JSON text parsing shared by the JSON forms of the CCSDS messages (OMM, CDM). */
export * from './parse.ts';
