/**
 * Observations → CCSDS TDM (503.0-B-2): one segment per station, object and kind (radar RANGE/DOPPLER/AZEL angles, or
 * optical RADEC angles), PATH = 2,1 (one-way, object → station, time-tagged at reception), TIME_SYSTEM UTC, RANGE in
 * km, angles in degrees, DOPPLER_INSTANTANEOUS as the range rate in km/s. Read back by ccsds/tdm's tdmToObservations.
 */
import type { Tdm, TdmDataLine, TdmField, TdmSegment } from '../../ccsds/tdm/model.ts';
import type { Instant } from '../../time/instant.ts';
import type { TimeScales } from '../../time/scales.ts';
import type { Observation } from '../observation.ts';

const KEYWORD: Record<string, string> = { range: 'RANGE', rangeRate: 'DOPPLER_INSTANTANEOUS', azimuth: 'ANGLE_1', elevation: 'ANGLE_2', rightAscension: 'ANGLE_1', declination: 'ANGLE_2' };

/** Builds a TDM of the observations (see the module header); `creationDate` defaults to the first epoch. */
export function observationsToTdm(observations: readonly Observation[], ts: TimeScales, options: { originator?: string; creationDate?: Instant } = {}): Tdm {
  const groups = new Map<string, Observation[]>();
  for (const o of observations) {
    const kind = o.type === 'rightAscension' || o.type === 'declination' ? 'RADEC' : 'AZEL';
    const key = `${o.station}\u0000${o.objectId ?? 'UNKNOWN'}\u0000${kind}`;
    const g = groups.get(key);
    if (g) g.push(o);
    else groups.set(key, [o]);
  }
  const iso = (t: Instant): string => ts.formatUtcIso(t, 6).replace(/Z$/, '');
  const segments: TdmSegment[] = [];
  for (const [key, obs] of groups) {
    const [station, object, kind] = key.split('\u0000') as [string, string, string];
    const sorted = obs.slice().sort((a, b) => a.epoch.compare(b.epoch));
    const types = new Set(sorted.map((o) => KEYWORD[o.type]!));
    const field = (keyword: string, value: string): TdmField => ({ keyword, value, line: 0 });
    const metadata: TdmField[] = [
      field('TIME_SYSTEM', 'UTC'),
      field('START_TIME', iso(sorted[0]!.epoch)),
      field('STOP_TIME', iso(sorted[sorted.length - 1]!.epoch)),
      field('PARTICIPANT_1', station),
      field('PARTICIPANT_2', object),
      field('MODE', 'SEQUENTIAL'),
      field('PATH', '2,1'),
      field('TIMETAG_REF', 'RECEIVE'),
    ];
    if (types.has('RANGE')) metadata.push(field('RANGE_UNITS', 'km'));
    if (types.has('ANGLE_1') || types.has('ANGLE_2')) metadata.push(field('ANGLE_TYPE', kind));
    if (kind === 'RADEC') metadata.push(field('REFERENCE_FRAME', 'EME2000'));
    const data: TdmDataLine[] = sorted.map((o) => {
      const kw = KEYWORD[o.type]!;
      const v = o.type === 'range' ? o.value : o.type === 'rangeRate' ? o.value : (o.value * 180) / Math.PI;
      const text = o.type === 'range' ? v.toFixed(6) : o.type === 'rangeRate' ? v.toFixed(9) : v.toFixed(9);
      return { keyword: kw, epoch: iso(o.epoch), value: text, number: Number(text), line: 0 };
    });
    segments.push({ metadataComments: [], metadata, dataComments: [], data, line: 0 });
  }
  const created = options.creationDate ?? observations[0]?.epoch;
  return {
    header: { version: '2.0', comments: ['Simulated tracking data (Skylane sensor simulator)'], creationDate: created ? iso(created) : '2000-01-01T00:00:00', originator: options.originator ?? 'SKYLANE' },
    segments,
  };
}
