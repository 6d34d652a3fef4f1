/**
 * Reader for the NGA "EGM format" coefficient files that Orekit reads (`EGM96-truncated-21x21`, `egm96_to5.ascii`):
 * one record per line `n m C̄ S̄ σC σS`, fully normalised, no header. The file carries no constants: EGM96's are the
 * defaults, GM = 3.986004415e14 m³/s², a = 6378136.3 m (Lemoine et al. 1998, NASA/TP-1998-206861, §11), and the
 * coefficients are tide-free (ibid.; Orekit's EGM reader also declares them tide-free). Gzip is undone by the caller.
 */
import { checkComplete, coefficientIndex, GravityFileError, parseFortranNumber, triangleSize, type GravityField, type TideSystem } from './field.ts';

export interface EgmReadOptions {
  readonly name?: string;
  /** km³/s²; default EGM96's 398600.4415. */
  readonly gmKm3PerS2?: number;
  /** km; default EGM96's 6378.1363. */
  readonly radiusKm?: number;
  readonly tideSystem?: TideSystem;
  /** Keep only degrees ≤ this. */
  readonly maxDegree?: number;
  /** Accept holes (missing n, m ≥ 2) as zero. Default false: a hole is an error naming the missing pair. */
  readonly allowMissingCoefficients?: boolean;
}

/** Reads an EGM-format file. Throws `GravityFileError` naming `source`, the line and the field on a corrupt line. */
export function readEgmGravityField(text: string, source: string, options: EgmReadOptions = {}): GravityField {
  const records: { n: number; m: number; c: number; s: number }[] = [];
  let fileMax = 0;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const f = line.split(/\s+/);
    const where = (field: string): { line: number; field: string } => ({ line: i + 1, field });
    if (f.length < 4) throw new GravityFileError(source, 'PARSE_ERROR', `an EGM record needs n m C S, got ${f.length} values.`, where(f.length < 2 ? 'm' : f.length < 3 ? 'C' : 'S'), line);
    const n = Number(f[0]);
    const m = Number(f[1]);
    if (!Number.isInteger(n) || n < 0) throw new GravityFileError(source, 'FIELD_INVALID', `degree n must be a non-negative integer, got "${f[0]}".`, where('n'), f[0]);
    if (!Number.isInteger(m) || m < 0 || m > n) throw new GravityFileError(source, 'FIELD_INVALID', `order m must be an integer 0..n, got "${f[1]}".`, where('m'), f[1]);
    const c = parseFortranNumber(f[2]!);
    if (!Number.isFinite(c)) throw new GravityFileError(source, 'FIELD_INVALID', `C is not a number: "${f[2]}".`, where('C'), f[2]);
    const s = parseFortranNumber(f[3]!);
    if (!Number.isFinite(s)) throw new GravityFileError(source, 'FIELD_INVALID', `S is not a number: "${f[3]}".`, where('S'), f[3]);
    for (let k = 4; k < Math.min(f.length, 6); k++) {
      if (!Number.isFinite(parseFortranNumber(f[k]!))) throw new GravityFileError(source, 'FIELD_INVALID', `sigma ${k === 4 ? 'C' : 'S'} is not a number: "${f[k]}".`, where(k === 4 ? 'sigmaC' : 'sigmaS'), f[k]);
    }
    fileMax = Math.max(fileMax, n);
    records.push({ n, m, c, s });
  }
  if (records.length === 0) throw new GravityFileError(source, 'FORMAT_UNKNOWN', 'no coefficient records: this is not an EGM-format file.', { line: 1 });
  const maxDegree = Math.min(options.maxDegree ?? fileMax, fileMax);
  const c = new Float64Array(triangleSize(maxDegree));
  const s = new Float64Array(triangleSize(maxDegree));
  const seen = new Uint8Array(c.length);
  c[0] = 1;
  for (const r of records) {
    if (r.n > maxDegree) continue;
    c[coefficientIndex(r.n, r.m)] = r.c;
    s[coefficientIndex(r.n, r.m)] = r.s;
    seen[coefficientIndex(r.n, r.m)] = 1;
  }
  checkComplete(seen, maxDegree, source, lines.length, options.allowMissingCoefficients === true);
  return {
    name: options.name ?? source,
    gmKm3PerS2: options.gmKm3PerS2 ?? 398600.4415,
    radiusKm: options.radiusKm ?? 6378.1363,
    maxDegree,
    tideSystem: options.tideSystem ?? 'tide-free',
    c,
    s,
    timeVariable: [],
  };
}
