/**
 * NRLMSISE-00 as an `AtmosphereModel`: geodetic latitude, longitude and height (WGS-84) from the ITRF position, day
 * of year and UT seconds from the UTC calendar day, local apparent solar time as the model defines it
 * (lst = UT/3600 + longitude/15, hours, not wrapped), and the space-weather inputs from a provider.
 */
import type { AtmosphereModel } from '../../propagation/numerical/forceModel.ts';
import type { Instant } from '../../time/instant.ts';
import type { TimeScales } from '../../time/scales.ts';
import { calendarFromMjd, mjdFromCalendar } from '../../time/calendar.ts';
import { itrfToGeodetic } from '../../frames/geodetic.ts';
import { vec3 } from '../../math/vec3.ts';
import { RAD_TO_DEG } from '../../units/index.ts';
import type { NrlmsiseSpaceWeatherProvider } from '../spaceWeather/nrlmsiseInputs.ts';
import { NRLMSISE00_DEFAULT_SWITCHES, nrlmsise00, type Nrlmsise00Output } from './nrlmsise00.ts';

export interface Nrlmsise00AtmosphereOptions {
  readonly spaceWeather: NrlmsiseSpaceWeatherProvider;
  /**
   * Include anomalous oxygen in the mass density (GTD7D, the model authors' recommendation for drag and Orekit's
   * choice). Default true.
   */
  readonly includeAnomalousOxygen?: boolean;
  /** Magnetic activity from the daily Ap (switch 9 = 1) or the 3-hour ap history (switch 9 = −1, default). */
  readonly apMode?: 'daily' | 'history';
}

/** NRLMSISE-00 driven by space weather, for drag. */
export class Nrlmsise00Atmosphere implements AtmosphereModel {
  readonly name: string = 'nrlmsise00';
  private readonly sw: NrlmsiseSpaceWeatherProvider;
  private readonly anomalousO: boolean;
  private readonly switches: readonly number[];

  constructor(options: Nrlmsise00AtmosphereOptions) {
    this.sw = options.spaceWeather;
    this.anomalousO = options.includeAnomalousOxygen ?? true;
    const s = [...NRLMSISE00_DEFAULT_SWITCHES];
    s[9] = (options.apMode ?? 'history') === 'history' ? -1 : 1;
    this.switches = s;
  }

  /** Full model output at an instant and ITRF position (km). */
  evaluate(instant: Instant, timeScales: TimeScales, itrfPositionKm: ArrayLike<number>): Nrlmsise00Output {
    const g = itrfToGeodetic(vec3<'ITRF'>(itrfPositionKm[0]!, itrfPositionKm[1]!, itrfPositionKm[2]!));
    const utc = timeScales.toUtcDaySeconds(instant);
    const cal = calendarFromMjd(utc.mjd);
    const dayOfYear = utc.mjd - mjdFromCalendar(cal.year, 1, 1) + 1;
    const lonDeg = g.lonRad * RAD_TO_DEG;
    const w = this.sw.nrlmsiseInputs(utc);
    return nrlmsise00(
      {
        dayOfYear,
        utSeconds: utc.seconds,
        altitudeKm: g.heightKm,
        latitudeDeg: g.latRad * RAD_TO_DEG,
        longitudeDeg: lonDeg,
        localSolarTimeHours: utc.seconds / 3600 + lonDeg / 15,
        f107Average: w.f107Average,
        f107Daily: w.f107Daily,
        apDaily: w.apDaily,
        apHistory: w.apHistory,
      },
      { switches: this.switches, includeAnomalousOxygen: this.anomalousO },
    );
  }

  densityKgPerM3(instant: Instant, timeScales: TimeScales, itrfPositionKm: ArrayLike<number>): number {
    return this.evaluate(instant, timeScales, itrfPositionKm).totalMassDensityKgPerM3;
  }
}
