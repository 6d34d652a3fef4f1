/**
 * Ground stations in ITRF (WGS-84 geodetic → Cartesian) and their GCRF position and velocity through the Earth
 * orientation of the numerical propagator (IAU-76/FK5 with EOP when the TimeScales carry them): r_GCRF = Mᵀ r_ITRF,
 * v_GCRF = Mᵀ (ω⊕ × r_ITRF) (polar-motion rate and the precession rate neglected: < 1e-9 km/s).
 */
import { geodeticToItrf } from '../frames/geodetic.ts';
import { EarthOrientation } from '../propagation/numerical/earthOrientation.ts';
import { DEG_TO_RAD, EARTH_ROTATION_RAD_S } from '../units/index.ts';
import { ArgumentError } from '../errors/index.ts';
import type { Instant } from '../time/instant.ts';
import type { TimeScales } from '../time/scales.ts';
import type { StationSpec } from './observation.ts';

/** A station ready for measurement modelling. */
export class OdStation {
  readonly spec: StationSpec;
  /** ITRF position, km. */
  readonly itrf: Float64Array;
  readonly latRad: number;
  readonly lonRad: number;
  /** Local east, north, up unit vectors in ITRF. */
  readonly east: Float64Array;
  readonly north: Float64Array;
  readonly up: Float64Array;

  constructor(spec: StationSpec) {
    for (const [k, v, lo, hi] of [['latDeg', spec.latDeg, -90, 90], ['lonDeg', spec.lonDeg, -360, 360], ['altitudeM', spec.altitudeM, -1e4, 1e5]] as const) {
      if (!Number.isFinite(v) || v < lo || v > hi) throw new ArgumentError(`Station ${spec.name}: ${k} must be a number in [${lo}, ${hi}], got ${String(v)}.`, v);
    }
    this.spec = spec;
    this.latRad = spec.latDeg * DEG_TO_RAD;
    this.lonRad = spec.lonDeg * DEG_TO_RAD;
    const r = geodeticToItrf({ latRad: this.latRad, lonRad: this.lonRad, heightKm: spec.altitudeM / 1000 });
    this.itrf = Float64Array.from(r);
    const sl = Math.sin(this.latRad), cl = Math.cos(this.latRad), so = Math.sin(this.lonRad), co = Math.cos(this.lonRad);
    this.east = Float64Array.of(-so, co, 0);
    this.north = Float64Array.of(-sl * co, -sl * so, cl);
    this.up = Float64Array.of(cl * co, cl * so, sl);
  }
}

/** GCRF ↔ ITRF at TAI seconds from a reference epoch, shared by all stations of one estimation. */
export class StationFrames {
  readonly orientation: EarthOrientation;
  private readonly m = new Float64Array(9);
  private lastT = Number.NaN;

  constructor(epoch: Instant, ts: TimeScales, nodeSpacingS = 600) {
    this.orientation = new EarthOrientation(epoch, ts, nodeSpacingS);
  }

  /** r_ITRF = M r_GCRF (row-major), cached for the last time asked. */
  gcrfToItrf(tS: number): Float64Array {
    if (tS !== this.lastT) {
      this.orientation.gcrfToItrfInto(tS, this.m);
      this.lastT = tS;
    }
    return this.m;
  }

  /** Station GCRF position (km) and velocity (km/s) at `tS` into out6. */
  stationGcrf(st: OdStation, tS: number, out6: Float64Array): Float64Array {
    const m = this.gcrfToItrf(tS);
    const r = st.itrf;
    const vx = -EARTH_ROTATION_RAD_S * r[1]!, vy = EARTH_ROTATION_RAD_S * r[0]!;
    for (let i = 0; i < 3; i++) {
      out6[i] = m[i]! * r[0]! + m[3 + i]! * r[1]! + m[6 + i]! * r[2]!;
      out6[3 + i] = m[i]! * vx + m[3 + i]! * vy;
    }
    return out6;
  }
}
