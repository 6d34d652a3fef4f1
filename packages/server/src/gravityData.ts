/** The gravity fields bundled in the repository (data/gravity/, see its PROVENANCE.md), read from disk for the core. */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { ArgumentError, readIcgemGravityField, type GravityField } from '@skylane/core';

/** EGM2008 to degree/order 120, tide-free, ICGEM format, gzipped. */
export const BUNDLED_EGM2008_PATH = fileURLToPath(new URL('../../../data/gravity/EGM2008_to120_tidefree.gfc.gz', import.meta.url));

/** The bundled EGM2008 file as text (ICGEM `.gfc`). */
export function readBundledEgm2008Text(): string {
  return zlib.gunzipSync(fs.readFileSync(BUNDLED_EGM2008_PATH)).toString('utf8');
}

/** A bundled gravity field by name (`egm2008`), read up to `maxDegree` (≤ 120; default 120). */
export function readBundledGravityField(name: string, maxDegree?: number): GravityField {
  if (name.toLowerCase() !== 'egm2008') {
    throw new ArgumentError(`No bundled gravity field "${name}": the repository bundles egm2008; pass a .gfc file for others.`, name);
  }
  if (maxDegree !== undefined && maxDegree > 120) {
    throw new ArgumentError(`The bundled EGM2008 stops at degree 120, asked for ${maxDegree}: pass a full EGM2008 .gfc file instead.`, maxDegree);
  }
  return readIcgemGravityField(readBundledEgm2008Text(), 'EGM2008_to120_tidefree.gfc', maxDegree === undefined ? {} : { maxDegree });
}
