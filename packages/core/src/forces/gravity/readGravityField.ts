/** Reads a gravity-field file of either supported format, recognised from its content (ICGEM `end_of_head` or EGM records). */
import type { GravityField, TideSystem } from './field.ts';
import { readEgmGravityField } from './egmFormat.ts';
import { readIcgemGravityField } from './icgem.ts';

export interface AnyGravityReadOptions {
  readonly maxDegree?: number;
  /** For files that do not state it (JGM-3's ICGEM file, every EGM-format file). */
  readonly tideSystem?: TideSystem;
  readonly allowMissingCoefficients?: boolean;
}

/**
 * `--gravity-field FILE`: an ICGEM `.gfc` file when the text has an `end_of_head` line, otherwise the EGM format
 * (with EGM96's constants). Errors name `source`, the line and the field.
 */
export function readGravityField(text: string, source: string, options: AnyGravityReadOptions = {}): GravityField {
  const opts = {
    ...(options.maxDegree !== undefined ? { maxDegree: options.maxDegree } : {}),
    ...(options.tideSystem !== undefined ? { tideSystem: options.tideSystem } : {}),
    ...(options.allowMissingCoefficients !== undefined ? { allowMissingCoefficients: options.allowMissingCoefficients } : {}),
  };
  return /^\s*end_of_head/m.test(text) ? readIcgemGravityField(text, source, opts) : readEgmGravityField(text, source, opts);
}
