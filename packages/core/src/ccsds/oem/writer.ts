/**
 * CCSDS Orbit Ephemeris Message writer, KVN form (CCSDS 502.0-B-2 §5): one segment per object, states in km and
 * km/s, optional covariance blocks (§5.2.5: EPOCH, COV_REF_FRAME, then the 6×6 lower triangle by rows in km²,
 * km²/s, km²/s²). Strict: refuses empty segments, non-finite values, times out of order, covariances that are not
 * 21 finite values or not symmetric positive semi-definite in their diagonal (negative variances).
 */
import { ArgumentError } from '../../errors/index.ts';
import type { Instant, TimeScales } from '../../time/index.ts';

/** OEM REF_FRAME values written for Skylane frames (SANA registry names). */
export const OEM_REF_FRAME = { TEME: 'TEME', GCRF: 'GCRF', EME2000: 'EME2000', ITRF: 'ITRF2000' } as const;
export type OemFrame = keyof typeof OEM_REF_FRAME;

export interface OemState {
  readonly epoch: Instant;
  /** x, y, z (km), vx, vy, vz (km/s). */
  readonly state: readonly [number, number, number, number, number, number];
}

export interface OemSegment {
  readonly objectName: string;
  /** International designator (COSPAR) when known, else the catalog number as text. */
  readonly objectId: string;
  readonly frame: OemFrame;
  readonly comments?: readonly string[];
  readonly states: readonly OemState[];
  /** INTERPOLATION and INTERPOLATION_DEGREE, written when given. */
  readonly interpolation?: 'LAGRANGE' | 'HERMITE' | 'LINEAR';
  readonly interpolationDegree?: number;
  /** Covariance matrices, written after the states in one COVARIANCE_START … COVARIANCE_STOP block. */
  readonly covariances?: readonly OemCovariance[];
}

export interface OemCovariance {
  readonly epoch: Instant;
  /** COV_REF_FRAME (RTN, TNW or an inertial frame); omitted means the segment's REF_FRAME. */
  readonly refFrame?: string;
  /** Lower triangle of the 6×6 covariance by rows: 21 values in km², km²/s, km²/s². */
  readonly lowerTriangle: readonly number[];
}

export interface OemHeader {
  readonly creationDate: Instant;
  readonly originator: string;
  readonly comments?: readonly string[];
}

/** Writes an OEM 2.0 KVN document. */
export function writeOemKvn(header: OemHeader, segments: readonly OemSegment[], ts: TimeScales): string {
  const iso = (t: Instant): string => ts.formatUtcIso(t, 6).replace(/Z$/, '');
  const num = (x: number): string => {
    if (!Number.isFinite(x)) throw new ArgumentError(`OEM states must be finite numbers; got ${x}.`, x);
    return x.toExponential(13);
  };
  const out: string[] = ['CCSDS_OEM_VERS = 2.0'];
  for (const c of header.comments ?? []) out.push(`COMMENT ${c}`);
  out.push(`CREATION_DATE = ${iso(header.creationDate)}`, `ORIGINATOR = ${header.originator}`);
  for (const seg of segments) {
    const first = seg.states[0];
    const last = seg.states[seg.states.length - 1];
    if (!first || !last) throw new ArgumentError(`OEM segment for ${seg.objectName} has no states: an OEM segment needs at least one.`, seg.objectName);
    for (let i = 1; i < seg.states.length; i++) {
      if (!seg.states[i]!.epoch.isAfter(seg.states[i - 1]!.epoch)) {
        throw new ArgumentError(`OEM segment for ${seg.objectName}: state ${i + 1} is not later than the one before; OEM epochs must increase.`, i);
      }
    }
    out.push('', 'META_START');
    out.push(`OBJECT_NAME = ${seg.objectName}`, `OBJECT_ID = ${seg.objectId}`, 'CENTER_NAME = EARTH');
    out.push(`REF_FRAME = ${OEM_REF_FRAME[seg.frame]}`, 'TIME_SYSTEM = UTC');
    out.push(`START_TIME = ${iso(first.epoch)}`, `STOP_TIME = ${iso(last.epoch)}`);
    if (seg.interpolation !== undefined) out.push(`INTERPOLATION = ${seg.interpolation}`);
    if (seg.interpolationDegree !== undefined) {
      if (!(Number.isInteger(seg.interpolationDegree) && seg.interpolationDegree >= 1)) throw new ArgumentError(`OEM segment for ${seg.objectName}: INTERPOLATION_DEGREE must be an integer ≥ 1; got ${seg.interpolationDegree}.`, seg.interpolationDegree);
      out.push(`INTERPOLATION_DEGREE = ${seg.interpolationDegree}`);
    }
    out.push('META_STOP', '');
    for (const c of seg.comments ?? []) out.push(`COMMENT ${c}`);
    for (const s of seg.states) out.push(`${iso(s.epoch)} ${s.state.map(num).join(' ')}`);
    if (seg.covariances !== undefined && seg.covariances.length > 0) {
      out.push('', 'COVARIANCE_START');
      for (const c of seg.covariances) {
        if (c.lowerTriangle.length !== 21) throw new ArgumentError(`OEM segment for ${seg.objectName}: a covariance has 21 lower-triangle values; got ${c.lowerTriangle.length}.`, c.lowerTriangle.length);
        for (const d of [0, 2, 5, 9, 14, 20]) {
          if (!(c.lowerTriangle[d]! >= 0)) throw new ArgumentError(`OEM segment for ${seg.objectName}: covariance at ${iso(c.epoch)} has a negative or non-finite variance (${c.lowerTriangle[d]}).`, c.lowerTriangle[d]);
        }
        out.push(`EPOCH = ${iso(c.epoch)}`);
        if (c.refFrame !== undefined) out.push(`COV_REF_FRAME = ${c.refFrame}`);
        for (let row = 0, n = 0; row < 6; row++) {
          const cells: string[] = [];
          for (let col = 0; col <= row; col++, n++) cells.push(num(c.lowerTriangle[n]!));
          out.push(cells.join(' '));
        }
      }
      out.push('COVARIANCE_STOP');
    }
  }
  return out.join('\n') + '\n';
}
