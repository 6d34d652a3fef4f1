/** CCSDS KVN (keyword = value notation): the generic lexer shared by the OMM, OEM and CDM readers. */
export * from './lexer.ts';
