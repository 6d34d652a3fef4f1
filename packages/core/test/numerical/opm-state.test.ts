/**
 * OPM → GCRF initial state (propagation/opm): the 6×6 frame maps against the frames/ module's own state transforms
 * (itrfToTeme + temeToGcrf, eme2000ToTeme + temeToGcrf: an independent code path, with the transport term ω × r),
 * their inverses, and an RTN covariance rotated into the inertial frame (radial variance lands along r̂).
 */
import { describe, expect, it } from 'vitest';
import {
  createTimeScales,
  eme2000ToTeme,
  frameToGcrfJacobian,
  gcrfToFrameJacobian,
  IERS_LEAP_SECONDS,
  itrfToTeme,
  opmInitialState,
  temeToGcrf,
  vec3,
  apply6,
} from '../../src/index.ts';

const ts = createTimeScales(IERS_LEAP_SECONDS, () => ({ xpArcsec: 0.1, ypArcsec: 0.35, dut1S: -0.2, lodS: 0.001, dPsiArcsec: -0.05, dEpsArcsec: -0.006 }));
const state = [-2000.5, 5800.25, 3100.75, -6.1, -1.9, 3.8];

const opm = (frame: string, cov?: string): string =>
  ['CCSDS_OPM_VERS = 2.0', 'CREATION_DATE = 2026-01-01T00:00:00', 'ORIGINATOR = T', 'OBJECT_NAME = S', 'OBJECT_ID = 2026-001A', 'CENTER_NAME = EARTH', `REF_FRAME = ${frame}`, 'TIME_SYSTEM = UTC', 'EPOCH = 2026-03-20T06:00:00',
    `X = ${state[0]}`, `Y = ${state[1]}`, `Z = ${state[2]}`, `X_DOT = ${state[3]}`, `Y_DOT = ${state[4]}`, `Z_DOT = ${state[5]}`, ...(cov !== undefined ? [cov] : [])].join('\n');

describe('OPM initial state in GCRF (frames/ as the independent path)', () => {
  it('ITRF2000, EME2000 and TEME REF_FRAMEs match frames/ transforms to 1e-9 km and 1e-12 km/s; the inverse map round-trips', () => {
    const t = ts.parseUtcIso('2026-03-20T06:00:00Z');
    const sv = { r: vec3(state[0]!, state[1]!, state[2]!), v: vec3(state[3]!, state[4]!, state[5]!) };
    const expected = {
      ITRF2000: temeToGcrf(itrfToTeme(sv as never, t, ts), t, ts),
      EME2000: temeToGcrf(eme2000ToTeme(sv as never, t, ts), t, ts),
      TEME: temeToGcrf(sv as never, t, ts),
    };
    for (const [frame, e] of Object.entries(expected)) {
      const got = opmInitialState(opm(frame), 'x.opm', ts).stateGcrf;
      const dr = Math.hypot(got[0]! - e.r[0], got[1]! - e.r[1], got[2]! - e.r[2]);
      const dv = Math.hypot(got[3]! - e.v[0], got[4]! - e.v[1], got[5]! - e.v[2]);
      expect(dr, `${frame} position`).toBeLessThan(1e-9);
      expect(dv, `${frame} velocity`).toBeLessThan(1e-12);
      const f = frame === 'ITRF2000' ? 'ITRF' : (frame as 'EME2000' | 'TEME');
      const back = apply6(gcrfToFrameJacobian(f, t, ts), apply6(frameToGcrfJacobian(f, t, ts), state));
      back.forEach((x, i) => expect(Math.abs(x - state[i]!), `${frame} round trip ${i}`).toBeLessThan(1e-9));
    }
  });

  it('an RTN covariance (radial 1 km², others tiny) becomes r̂ r̂ᵀ in GCRF', () => {
    const axes = ['X', 'Y', 'Z', 'X_DOT', 'Y_DOT', 'Z_DOT'];
    const lines = ['COV_REF_FRAME = RTN'];
    for (let i = 0; i < 6; i++) for (let j = 0; j <= i; j++) lines.push(`C${axes[i]}_${axes[j]} = ${i === j ? (i === 0 ? 1 : 1e-12) : 0}`);
    const init = opmInitialState(opm('GCRF', lines.join('\n')), 'x.opm', ts);
    const rn = Math.hypot(state[0]!, state[1]!, state[2]!);
    const u = [state[0]! / rn, state[1]! / rn, state[2]! / rn];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(init.covarianceGcrf![i * 6 + j]!).toBeCloseTo(u[i]! * u[j]!, 10);
  });

  it('CENTER_NAME other than EARTH and an unknown REF_FRAME are typed errors naming the file, line and field', () => {
    expect(() => opmInitialState(opm('GCRF').replace('CENTER_NAME = EARTH', 'CENTER_NAME = MOON'), 'moon.opm', ts)).toThrow(/^moon\.opm: line 6, field CENTER_NAME: /);
    expect(() => opmInitialState(opm('TOD'), 'tod.opm', ts)).toThrow(/^tod\.opm: line 7, field REF_FRAME: /);
  });
});
