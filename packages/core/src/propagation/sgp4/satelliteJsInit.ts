/**
 * Direct access to satellite.js's `sgp4init` (Vallado's initialisation routine), which the package does not
 * export. Its public `json2satrec` reads the epoch through a JavaScript Date, truncating it to the millisecond;
 * the epoch seeds GMST and the luni-solar and resonance terms of SDP4, so that truncation moves deep-space
 * objects by up to 35 mm in Vallado's verification set (case 23333). Calling `sgp4init` with the exact epoch
 * reproduces Vallado's reference to 1.2e-7 km. The import is by file path inside the pinned satellite.js 7.1.0
 * (the workspace hoists it to the repository's node_modules); the verification test guards it.
 */
import { sgp4init } from '../../../../../node_modules/satellite.js/dist/propagation/sgp4init.js';
import type { SatRec } from 'satellite.js';

export interface SatrecFields {
  readonly satnum: string;
  /** Days since 1949-12-31T00:00 UTC (JD 2433281.5), the SGP4 epoch argument. */
  readonly epochDays1950: number;
  readonly yearTwoDigits: number;
  readonly dayOfYear: number;
  /** SGP4 internal units: rad, rad/min. */
  readonly inclo: number;
  readonly nodeo: number;
  readonly ecco: number;
  readonly argpo: number;
  readonly mo: number;
  readonly no: number;
  readonly ndot: number;
  readonly nddot: number;
  readonly bstar: number;
}

/** Initialises a satrec exactly as satellite.js's twoline2satrec would, from already-converted fields. */
export function initSatrec(f: SatrecFields): SatRec {
  const satrec = {
    error: 0,
    satnum: f.satnum,
    epochyr: f.yearTwoDigits,
    epochdays: f.dayOfYear,
    ndot: f.ndot,
    nddot: f.nddot,
    bstar: f.bstar,
    inclo: f.inclo,
    nodeo: f.nodeo,
    ecco: f.ecco,
    argpo: f.argpo,
    mo: f.mo,
    no: f.no,
    jdsatepoch: f.epochDays1950 + 2433281.5,
  };
  sgp4init(satrec, {
    opsmode: 'i',
    satn: f.satnum,
    epoch: f.epochDays1950,
    xbstar: f.bstar,
    xecco: f.ecco,
    xargpo: f.argpo,
    xinclo: f.inclo,
    xmo: f.mo,
    xno: f.no,
    xnodeo: f.nodeo,
  });
  return satrec as SatRec;
}
