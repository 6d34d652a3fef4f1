/**
 * ILRS Consolidated laser Ranging Data format (CRD v1/v2, ILRS "CRD" specification, Ricklefs & Moore) — normal points:
 * - `h2` gives the station (CDP pad ID, used as the station name, e.g. "7090") and the epoch time scale (3, 4, 7: UTC);
 * - `h4` the pass start (the UTC day of the data records) and the range type (2 = two-way);
 * - `11` normal point: seconds of day (UTC), time of flight (s), system configuration, epoch event (1 = ground receive,
 *   2 = ground transmit), window, number of raw points, bin RMS (ps), …;
 * - `20` meteorological: seconds of day, pressure (hPa), temperature (K), relative humidity (%).
 * A two-way time of flight τ gives the one-way-equivalent range c·τ/2 (km), `twoWay: true`. Lowercase record types
 * are accepted (some stations write them). Lines that cannot be read are returned as ParseErrors; the rest are kept.
 */
import { ParseError } from '../../errors/index.ts';
import type { TimeScales } from '../../time/scales.ts';
import type { Observation } from '../observation.ts';
import { SPEED_OF_LIGHT_KM_S } from '../measurementModel.ts';

export interface CrdMeteo {
  readonly station: string;
  /** UTC seconds since the first pass day of the file, with the MJD below. */
  readonly mjd: number;
  readonly secondsOfDay: number;
  readonly pressureHPa: number;
  readonly temperatureK: number;
  readonly relativeHumidity: number;
}

export interface CrdReadResult {
  readonly observations: Observation[];
  readonly meteo: CrdMeteo[];
  readonly errors: ParseError[];
  /** Satellite identifiers from h3: ILRS name and NORAD number. */
  readonly target?: { readonly name: string; readonly noradId: number };
}

export interface CrdReadOptions {
  /** One-sigma range noise (km); default 0.02 km as in Orekit's configuration. */
  readonly sigmaKm?: number;
}

function mjdOf(y: number, m: number, d: number): number {
  const a = Math.floor((14 - m) / 12);
  const yy = y + 4800 - a;
  const mm = m + 12 * a - 3;
  return d + Math.floor((153 * mm + 2) / 5) + 365 * yy + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400) - 32045 - 2400001;
}

/** Reads the normal points (record 11) and meteorological records (20) of a CRD file. */
export function readCrdNormalPoints(text: string, source: string, ts: TimeScales, options: CrdReadOptions = {}): CrdReadResult {
  const observations: Observation[] = [];
  const meteo: CrdMeteo[] = [];
  const errors: ParseError[] = [];
  let station: string | undefined;
  let dayMjd: number | undefined;
  let twoWay = true;
  let lastSod = Number.NEGATIVE_INFINITY;
  let target: { name: string; noradId: number } | undefined;
  const sigma = options.sigmaKm ?? 0.02;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const f = raw.trim().split(/\s+/);
    const rec = (f[0] ?? '').toLowerCase();
    if (rec === '' ) return;
    const n = (k: number): number => Number(f[k]);
    if (rec === 'h2') {
      station = f[2];
      if (station === undefined || !/^\d{4}$/.test(station)) {
        errors.push(new ParseError('FIELD_INVALID', `h2 station CDP pad ID "${station ?? ''}" is not 4 digits.`, { line, field: 'h2.cdpPadId' }, station));
        station = undefined;
      }
    } else if (rec === 'h3') {
      target = { name: f[1] ?? '', noradId: n(4) };
    } else if (rec === 'h4') {
      const [y, m, d] = [n(2), n(3), n(4)];
      if (![y, m, d].every(Number.isFinite)) errors.push(new ParseError('FIELD_INVALID', 'h4 start date is not Y M D.', { line, field: 'h4.start' }));
      else dayMjd = mjdOf(y, m, d);
      lastSod = Number.NEGATIVE_INFINITY;
      twoWay = (f[20] ?? '2') !== '1';
    } else if (rec === '11' || rec === '20') {
      if (station === undefined || dayMjd === undefined) {
        errors.push(new ParseError('FIELD_MISSING', `record ${rec} before any h2/h4 header: no station or day; skipped.`, { line, field: 'header' }));
        return;
      }
      const sod = n(1);
      if (!Number.isFinite(sod)) {
        errors.push(new ParseError('FIELD_INVALID', `seconds of day "${f[1] ?? ''}" is not a number.`, { line, field: `${rec}.secondsOfDay` }, f[1]));
        return;
      }
      // A pass that crosses midnight restarts the seconds of day: move to the next day.
      if (sod + 43200 < lastSod) dayMjd += 1;
      lastSod = sod;
      if (rec === '20') {
        meteo.push({ station, mjd: dayMjd, secondsOfDay: sod, pressureHPa: n(2), temperatureK: n(3), relativeHumidity: n(4) / 100 });
        return;
      }
      const tof = n(2);
      if (!(tof > 0)) {
        errors.push(new ParseError('FIELD_INVALID', `time of flight "${f[2] ?? ''}" must be a positive number of seconds.`, { line, field: '11.timeOfFlight' }, f[2]));
        return;
      }
      const event = f[4] ?? '2';
      const epoch = ts.fromUtcDaySeconds(dayMjd, sod);
      observations.push({
        epoch,
        station,
        type: 'range',
        value: twoWay ? (SPEED_OF_LIGHT_KM_S * tof) / 2 : SPEED_OF_LIGHT_KM_S * tof,
        sigma,
        twoWay,
        timeTag: event === '1' ? 'receive' : 'transmit',
        ...(target !== undefined && Number.isFinite(target.noradId) ? { objectId: target.noradId } : {}),
        source: { file: source, line },
      });
    }
  });
  return { observations, meteo, errors, ...(target !== undefined ? { target } : {}) };
}
