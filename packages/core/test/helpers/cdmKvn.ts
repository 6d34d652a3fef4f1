/**
 * Test-only extraction of the numbers a Pc computation needs from a CCSDS CDM in KVN (CCSDS 508.0-B-1):
 * TCA text, each object's EME2000 state (km, km/s) and RTN 6x6 covariance (converted from m², m²/s, m²/s²
 * to km², km²/s, km²/s²), and the HBR comment CARA writes. Not the project's CDM reader.
 */
import { readFileSync } from 'node:fs';

export interface CdmObjectNumbers {
  readonly name: string;
  readonly state: readonly number[];
  /** 6x6 row-major RTN covariance, km units. */
  readonly covRtnKm: readonly number[];
}

export interface CdmNumbers {
  readonly tca: string;
  readonly hbrM: number | undefined;
  readonly objects: readonly [CdmObjectNumbers, CdmObjectNumbers];
}

const COV_KEYS = [
  ['CR_R'],
  ['CT_R', 'CT_T'],
  ['CN_R', 'CN_T', 'CN_N'],
  ['CRDOT_R', 'CRDOT_T', 'CRDOT_N', 'CRDOT_RDOT'],
  ['CTDOT_R', 'CTDOT_T', 'CTDOT_N', 'CTDOT_RDOT', 'CTDOT_TDOT'],
  ['CNDOT_R', 'CNDOT_T', 'CNDOT_N', 'CNDOT_RDOT', 'CNDOT_TDOT', 'CNDOT_NDOT'],
] as const;

export function readCdmNumbers(path: string): CdmNumbers {
  const text = readFileSync(path, 'utf8');
  let tca = '';
  let hbrM: number | undefined;
  const sections: Map<string, string>[] = [];
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('COMMENT')) {
      const m = /^COMMENT\s+HBR\s*=\s*([0-9.eE+-]+)/.exec(line);
      if (m !== null && current === undefined) hbrM = Number(m[1]);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).replace(/\[.*\]/, '').trim();
    if (key === 'TCA') tca = value;
    if (key === 'OBJECT') {
      current = new Map();
      sections.push(current);
    }
    current?.set(key, value);
  }
  const obj = (s: Map<string, string> | undefined): CdmObjectNumbers => {
    if (s === undefined) throw new Error('CDM lacks an OBJECT section');
    const num = (k: string): number => {
      const v = s.get(k);
      if (v === undefined) throw new Error(`CDM lacks ${k}`);
      return Number(v);
    };
    const state = ['X', 'Y', 'Z', 'X_DOT', 'Y_DOT', 'Z_DOT'].map(num);
    const cov = new Array<number>(36).fill(0);
    COV_KEYS.forEach((row, i) =>
      row.forEach((k, j) => {
        const x = num(k) * 1e-6;
        cov[i * 6 + j] = x;
        cov[j * 6 + i] = x;
      }),
    );
    return { name: s.get('OBJECT_NAME') ?? '', state, covRtnKm: cov };
  };
  return { tca, hbrM, objects: [obj(sections[0]), obj(sections[1])] };
}
