/** CCSDS Conjunction Data Message (508.0-B-1): model (km-based units), KVN/XML/JSON readers and writers, XSD validation. */
export * from './model.ts';
export { buildCdm, classifyCdmKeyword, type CdmCommentSection, type RawCdm, type RawCdmItem, type ReadCdmOptions } from './build.ts';
export { formatCdmNumber, formatCdmTime } from './format.ts';
export * from './kvn.ts';
export * from './xml.ts';
export * from './json.ts';
export * from './validate.ts';
export * from './detect.ts';
export * from './hbr.ts';
export * from './fromScreening.ts';
