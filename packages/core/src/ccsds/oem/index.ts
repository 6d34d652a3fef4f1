/** CCSDS OEM (Orbit Ephemeris Message): KVN writer. */
export * from './writer.ts';
