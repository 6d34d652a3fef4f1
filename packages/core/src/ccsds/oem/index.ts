/** CCSDS OEM (Orbit Ephemeris Message): KVN writer and reader. */
export * from './writer.ts';
export * from './reader.ts';
