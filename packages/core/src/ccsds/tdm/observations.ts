/**
 * Conversion of a TDM into the orbit-determination observation model (`Observation`, core units km, km/s, rad).
 *
 * - Station: the participant of the path that names a station of `stations` (matched by name). The path end that
 *   receives (last) is preferred, then the first. No station on the path → a problem ("measurement with no station").
 * - One-way vs two-way: a path that returns to its first participant (`1,2,1`) is two-way; `2,1` and `1,2` are one-way.
 * - Time tag: reception unless TIMETAG_REF = TRANSMIT (503.0-B-2 §3.3.2.11); INTEGRATION_REF is kept in the TDM but
 *   the time tag is not shifted.
 * - RANGE: RANGE_UNITS km (default) or s (light time × c, c = 299,792.458 km/s). RU needs a mission-specific
 *   conversion and is refused (problem). For a two-way path the TDM value is the round-trip path, halved so that
 *   `Observation.range` holds the usual two-way range (half the light path). RANGE_MODULUS > 0 is reported: an
 *   ambiguous range cannot be used without the modulus resolved.
 * - DOPPLER_INSTANTANEOUS / DOPPLER_INTEGRATED: range rate in km/s (not halved: the TDM value is a range rate).
 * - ANGLE_1/ANGLE_2 (deg): AZEL → azimuth/elevation, RADEC → rightAscension/declination. XEYN and XSYE angles are
 *   kept in the TDM but not converted (warning).
 * - CORRECTION_* and CORRECTIONS_APPLIED are not applied (a warning when CORRECTIONS_APPLIED = NO and a correction is
 *   given).
 * - Object: the path participant that is not a station; a name of digits (or `--ids`) gives `objectId`.
 */
import type { SkylaneErrorCode } from '../../errors/index.ts';
import type { Observation, ObservationType, StationSpec } from '../../od/observation.ts';
import type { Instant, TimeScales } from '../../time/index.ts';
import { isNdmTimeSystem, parseNdmEpoch } from '../timeSystems.ts';
import { tdmMeta, type Tdm, type TdmProblem } from './model.ts';
import { parseTdmNumber, parseTdmPath } from './read.ts';

/** Speed of light in vacuum (km/s), exact (SI). */
export const SPEED_OF_LIGHT_KM_PER_S = 299792.458;

export interface TdmToObservationsOptions {
  readonly stations: readonly StationSpec[];
  readonly timeScales: TimeScales;
  /** One-sigma noise per measurement kind (defaults: 0.01 km, 1e-5 km/s, 0.01° in rad). */
  readonly sigmaRangeKm?: number;
  readonly sigmaRangeRateKmPerS?: number;
  readonly sigmaAngleRad?: number;
  /** Catalog number used when the object participant is not a number. */
  readonly objectId?: number;
  /** File name recorded in each observation's `source`. */
  readonly file?: string;
}

export interface TdmObservations {
  readonly observations: Observation[];
  /** Lines that were not converted, with the reason (the converted ones are all kept). */
  readonly problems: TdmProblem[];
}

/** Converts the RANGE, DOPPLER and ANGLE lines of a TDM into observations, per segment. */
export function tdmToObservations(tdm: Tdm, options: TdmToObservationsOptions): TdmObservations {
  const observations: Observation[] = [];
  const problems: TdmProblem[] = [];
  const byName = new Map(options.stations.map((s) => [s.name, s]));
  const sRange = options.sigmaRangeKm ?? 0.01;
  const sRate = options.sigmaRangeRateKmPerS ?? 1e-5;
  const sAngle = options.sigmaAngleRad ?? (0.01 * Math.PI) / 180;
  const problem = (line: number, field: string, code: SkylaneErrorCode, message: string, segment: number, severity: 'error' | 'warning' = 'error'): void => {
    problems.push({ severity, code, line, field, message, segment });
  };
  tdm.segments.forEach((seg, si) => {
    const measured = seg.data.filter((d) => ['RANGE', 'DOPPLER_INSTANTANEOUS', 'DOPPLER_INTEGRATED', 'ANGLE_1', 'ANGLE_2'].includes(d.keyword));
    if (measured.length === 0) return;
    const system = (tdmMeta(seg, 'TIME_SYSTEM') ?? '').toUpperCase();
    if (!isNdmTimeSystem(system)) {
      problem(seg.line, 'TIME_SYSTEM', 'UNSUPPORTED', `TIME_SYSTEM "${system}" cannot be converted to an instant (UTC, TAI, TT or GPS are); ${measured.length} measurement(s) of this segment were not converted.`, si);
      return;
    }
    const pathText = tdmMeta(seg, 'PATH') ?? tdmMeta(seg, 'PATH_1');
    const path = pathText !== undefined ? parseTdmPath(pathText) : undefined;
    const participant = (n: number): string | undefined => tdmMeta(seg, `PARTICIPANT_${n}`);
    if (!path) {
      for (const d of measured) problem(d.line, d.keyword, 'FIELD_MISSING', `${d.keyword} has no signal path (PATH) and therefore no station; not converted.`, si);
      return;
    }
    const ends = [path[path.length - 1]!, path[0]!];
    const stationIndex = ends.find((n) => { const p = participant(n); return p !== undefined && byName.has(p); });
    if (stationIndex === undefined) {
      const names = [...new Set(path.map((n) => participant(n) ?? `PARTICIPANT_${n}`))].join(', ');
      for (const d of measured) problem(d.line, d.keyword, 'NOT_FOUND', `no participant of the path (${names}) is a known station (unknown participant): give it in the stations file; not converted.`, si);
      return;
    }
    const station = participant(stationIndex)!;
    const objectName = path.map((n) => participant(n)).find((p) => p !== undefined && p !== station);
    const objectId = objectName !== undefined && /^\d{1,9}$/.test(objectName.trim()) ? Number(objectName.trim()) : options.objectId;
    const twoWay = path.length >= 3 && path[0] === path[path.length - 1];
    const timeTag = (tdmMeta(seg, 'TIMETAG_REF') ?? 'RECEIVE').toUpperCase() === 'TRANSMIT' ? 'transmit' : 'receive';
    const units = (tdmMeta(seg, 'RANGE_UNITS') ?? 'km').toUpperCase();
    const modulus = parseTdmNumber(tdmMeta(seg, 'RANGE_MODULUS') ?? '0');
    const angleType = (tdmMeta(seg, 'ANGLE_TYPE') ?? '').toUpperCase();
    if ((tdmMeta(seg, 'CORRECTIONS_APPLIED') ?? '').toUpperCase() === 'NO' && seg.metadata.some((f) => f.keyword.startsWith('CORRECTION_'))) {
      problem(seg.line, 'CORRECTIONS_APPLIED', 'UNSUPPORTED', 'CORRECTION_* values are given but not applied (CORRECTIONS_APPLIED = NO); Skylane does not apply them either: add them as station biases if they matter.', si, 'warning');
    }
    for (const d of measured) {
      let epoch: Instant;
      try {
        epoch = parseNdmEpoch(d.epoch, system, options.timeScales);
      } catch (e) {
        problem(d.line, d.keyword, 'TIME_INVALID', `epoch "${d.epoch}": ${(e as Error).message}`, si);
        continue;
      }
      const base = { epoch, station, timeTag, ...(objectId !== undefined ? { objectId } : {}), source: { ...(options.file !== undefined ? { file: options.file } : {}), line: d.line } } as const;
      const push = (type: ObservationType, value: number, sigma: number, tw?: boolean): void => {
        observations.push({ ...base, type, value, sigma, ...(tw !== undefined ? { twoWay: tw } : {}) });
      };
      if (d.keyword === 'RANGE') {
        if (units === 'RU') { problem(d.line, 'RANGE_UNITS', 'UNSUPPORTED', 'range in RU (range units) needs a mission-specific conversion; not converted.', si); continue; }
        if (Number.isFinite(modulus) && modulus > 0) problem(d.line, 'RANGE_MODULUS', 'UNSUPPORTED', `RANGE_MODULUS = ${modulus}: the range is ambiguous modulo this value; it is converted as given.`, si, 'warning');
        const km = units === 'S' ? d.number * SPEED_OF_LIGHT_KM_PER_S : d.number;
        push('range', twoWay ? km / 2 : km, sRange, twoWay);
      } else if (d.keyword.startsWith('DOPPLER_')) push('rangeRate', d.number, sRate, twoWay);
      else {
        const rad = (d.number * Math.PI) / 180;
        if (angleType === 'AZEL') push(d.keyword === 'ANGLE_1' ? 'azimuth' : 'elevation', d.keyword === 'ANGLE_1' ? ((rad % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI) : rad, sAngle);
        else if (angleType === 'RADEC') push(d.keyword === 'ANGLE_1' ? 'rightAscension' : 'declination', rad, sAngle);
        else problem(d.line, 'ANGLE_TYPE', 'UNSUPPORTED', `ANGLE_TYPE "${angleType || '(none)'}" is kept in the TDM but not converted (AZEL and RADEC are).`, si, 'warning');
      }
    }
  });
  return { observations, problems };
}
