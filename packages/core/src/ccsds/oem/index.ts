/** CCSDS OEM (Orbit Ephemeris Message): KVN writer and reader, and a segment as an ephemeris trajectory input. */
export * from './writer.ts';
export * from './reader.ts';
export * from './ephemeris.ts';
