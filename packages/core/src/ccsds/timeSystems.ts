/**
 * NDM TIME_SYSTEM values that Skylane reads and writes exactly (CCSDS 502.0-B-3 Annex A / SANA time systems):
 * UTC, TAI, TT and GPS, all fixed offsets from TAI apart from UTC's leap seconds. Other systems (UT1, TDB, TCB, TCG,
 * GMST, MET, MRT, SCLK) need models or mission data and are refused with the reason.
 */
import { TimeError } from '../errors/index.ts';
import { Instant, type TimeScales } from '../time/index.ts';

export type NdmTimeSystem = 'UTC' | 'TAI' | 'TT' | 'GPS';

/** Seconds to add to a reading in each system to obtain the TAI reading (TT = TAI + 32.184 s, GPS = TAI − 19 s). */
const TO_TAI_S: Readonly<Record<Exclude<NdmTimeSystem, 'UTC'>, number>> = { TAI: 0, TT: -32.184, GPS: 19 };

/** Whether a TIME_SYSTEM value is one Skylane reads (case-insensitive). */
export function isNdmTimeSystem(value: string): value is NdmTimeSystem {
  return ['UTC', 'TAI', 'TT', 'GPS'].includes(value.toUpperCase());
}

/** Reads a CCSDS time (`YYYY-MM-DDThh:mm:ss[.f]` or `YYYY-DDDThh:mm:ss[.f]`) written in `system`. */
export function parseNdmEpoch(text: string, system: NdmTimeSystem, ts: TimeScales): Instant {
  const asUtc = ts.parseUtcIso(text);
  if (system === 'UTC') return asUtc;
  const reading = ts.toUtcDaySeconds(asUtc);
  if (reading.seconds >= 86400) throw new TimeError('TIME_INVALID', `"${text}" has a leap second, which only UTC has; ${system} days have 86,400 s.`, text);
  return Instant.fromTai(reading.mjd, reading.seconds + TO_TAI_S[system]);
}

/** Writes an instant as a CCSDS time in `system` (no `Z`), with `fractionDigits` decimals. */
export function formatNdmEpoch(t: Instant, system: NdmTimeSystem, ts: TimeScales, fractionDigits = 6): string {
  if (system === 'UTC') return ts.formatUtcIso(t, fractionDigits).replace(/Z$/, '');
  // An instant whose UTC reading equals this instant's reading in `system`.
  const reading = Instant.fromTai(t.taiDay, t.taiSeconds - TO_TAI_S[system]);
  const asUtc = ts.fromUtcDaySeconds(reading.taiDay, reading.taiSeconds);
  return ts.formatUtcIso(asUtc, fractionDigits).replace(/Z$/, '');
}
