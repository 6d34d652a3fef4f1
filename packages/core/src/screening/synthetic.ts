/**
 * Deterministic synthetic GP catalog for screening benchmarks: a realistic mix of populations with the shares of
 * a 2026-like catalog scaled to any size. Starlink-like and Qianfan-like Walker shells (planes × slots, phased),
 * OneWeb-like polar shell, sun-synchronous satellites, debris clouds (fragments spread around parent orbits in
 * semi-major axis, eccentricity, inclination and node), GNSS-like MEO, GEO and GTO. Elements are SGP4 mean
 * elements at one epoch; the generator uses a seeded mulberry32 PRNG, so a seed and a size give the same catalog.
 */
import type { ElementSet } from '../catalog/model.ts';
import type { Instant } from '../time/index.ts';
import { MU_WGS72_KM3S2 } from './plan.ts';

const RE_KM = 6378.135;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mean motion (rev/day) of a semi-major axis (km). */
function revPerDay(aKm: number): number {
  return (Math.sqrt(MU_WGS72_KM3S2 / aKm ** 3) * 86400) / (2 * Math.PI);
}

interface Orbit {
  aKm: number;
  e: number;
  iDeg: number;
  raanDeg: number;
  argpDeg: number;
  maDeg: number;
  bstar: number;
  type: 'PAYLOAD' | 'DEBRIS' | 'ROCKET BODY';
  name: string;
}

/** Shares of each population (sum 1). */
const SHARES = {
  starlink: 0.36,
  qianfan: 0.1,
  oneweb: 0.05,
  sso: 0.14,
  debris: 0.25,
  meo: 0.02,
  geo: 0.04,
  gto: 0.04,
} as const;

/** A synthetic catalog of `count` objects (catalog numbers from `firstCatalogNumber`), all with epoch `epoch`. */
export function syntheticCatalog(count: number, epoch: Instant, seed = 20260310, firstCatalogNumber = 100001): ElementSet[] {
  const rnd = mulberry32(seed);
  const u = (a: number, b: number): number => a + (b - a) * rnd();
  const orbits: Orbit[] = [];
  const want = (share: number): number => Math.round(count * share);
  const walker = (n: number, altKm: number, iDeg: number, planes: number, name: string): void => {
    const perPlane = Math.max(1, Math.ceil(n / planes));
    for (let k = 0; k < n; k++) {
      const p = k % planes;
      const s = Math.floor(k / planes);
      orbits.push({
        aKm: RE_KM + altKm + u(-1.5, 1.5),
        e: u(0.0001, 0.0004),
        iDeg: iDeg + u(-0.02, 0.02),
        raanDeg: (p * 360) / planes + u(-0.05, 0.05),
        argpDeg: u(0, 360),
        maDeg: ((s * 360) / perPlane + (p * 360 * 17) / (planes * perPlane) + u(-0.2, 0.2)) % 360,
        bstar: u(1e-5, 3e-4),
        type: 'PAYLOAD',
        name,
      });
    }
  };
  // Starlink-like: four shells.
  const ns = want(SHARES.starlink);
  walker(Math.round(ns * 0.45), 550, 53, 72, 'SYN-STARLINK');
  walker(Math.round(ns * 0.3), 540, 53.2, 72, 'SYN-STARLINK');
  walker(Math.round(ns * 0.15), 570, 70, 36, 'SYN-STARLINK');
  walker(ns - Math.round(ns * 0.45) - Math.round(ns * 0.3) - Math.round(ns * 0.15), 560, 97.6, 10, 'SYN-STARLINK');
  // Qianfan-like: polar and mid-inclination shells.
  const nq = want(SHARES.qianfan);
  walker(Math.round(nq * 0.6), 1060, 89, 36, 'SYN-QIANFAN');
  walker(nq - Math.round(nq * 0.6), 1160, 50, 36, 'SYN-QIANFAN');
  walker(want(SHARES.oneweb), 1200, 87.9, 18, 'SYN-ONEWEB');
  // Sun-synchronous: i from the J2 condition cos i = −(a/12352 km)^3.5.
  for (let k = 0; k < want(SHARES.sso); k++) {
    const a = RE_KM + u(450, 850);
    const iDeg = (Math.acos(-((a / 12352) ** 3.5)) * 180) / Math.PI;
    orbits.push({ aKm: a, e: u(0.0001, 0.003), iDeg, raanDeg: u(0, 360), argpDeg: u(0, 360), maDeg: u(0, 360), bstar: u(1e-5, 2e-4), type: 'PAYLOAD', name: 'SYN-SSO' });
  }
  // Debris clouds around parent orbits (break-ups): fragments spread in a, e, i, node and phase.
  const parents = [
    { alt: 790, i: 98.6 },
    { alt: 850, i: 74 },
    { alt: 780, i: 86.4 },
    { alt: 480, i: 82.6 },
    { alt: 650, i: 65.8 },
    { alt: 1400, i: 52 },
  ];
  for (let k = 0; k < want(SHARES.debris); k++) {
    const p = parents[k % parents.length]!;
    const a = RE_KM + p.alt + u(-60, 60) * rnd();
    orbits.push({
      aKm: a,
      e: u(0.0005, 0.02) * rnd(),
      iDeg: p.i + u(-0.8, 0.8),
      raanDeg: (k * 37.1 + u(-15, 15)) % 360,
      argpDeg: u(0, 360),
      maDeg: u(0, 360),
      bstar: u(1e-5, 2e-3),
      type: k % 15 === 0 ? 'ROCKET BODY' : 'DEBRIS',
      name: k % 15 === 0 ? 'SYN R/B' : 'SYN DEB',
    });
  }
  // GNSS-like MEO.
  const meoShells = [
    { a: 26560, i: 55 },
    { a: 25510, i: 64.8 },
    { a: 29600, i: 56 },
    { a: 27906, i: 55 },
  ];
  for (let k = 0; k < want(SHARES.meo); k++) {
    const s = meoShells[k % meoShells.length]!;
    orbits.push({ aKm: s.a + u(-20, 20), e: u(0, 0.01), iDeg: s.i + u(-1, 1), raanDeg: (k * 60) % 360 + u(-2, 2), argpDeg: u(0, 360), maDeg: u(0, 360), bstar: 0, type: 'PAYLOAD', name: 'SYN-MEO' });
  }
  // GEO belt (active near 0° inclination, dead drifting up to 15°).
  for (let k = 0; k < want(SHARES.geo); k++) {
    orbits.push({ aKm: 42164 + u(-50, 50) * rnd(), e: u(0, 0.001), iDeg: rnd() < 0.5 ? u(0, 0.1) : u(0, 15), raanDeg: u(0, 360), argpDeg: u(0, 360), maDeg: u(0, 360), bstar: 0, type: 'PAYLOAD', name: 'SYN-GEO' });
  }
  // GTO stages and debris.
  const rest = count - orbits.length;
  for (let k = 0; k < rest; k++) {
    const rp = RE_KM + u(200, 650);
    const ra = RE_KM + u(30000, 36000);
    orbits.push({ aKm: (rp + ra) / 2, e: (ra - rp) / (ra + rp), iDeg: u(0, 28.5), raanDeg: u(0, 360), argpDeg: u(0, 360), maDeg: u(0, 360), bstar: u(1e-5, 1e-3), type: 'ROCKET BODY', name: 'SYN-GTO' });
  }
  return orbits.slice(0, count).map((o, k) => ({
    catalogNumber: firstCatalogNumber + k,
    objectName: `${o.name} ${k}`,
    objectType: o.type,
    classification: 'U',
    epoch,
    meanMotionRevPerDay: revPerDay(o.aKm),
    eccentricity: o.e,
    inclinationDeg: o.iDeg,
    raanDeg: ((o.raanDeg % 360) + 360) % 360,
    argOfPericenterDeg: ((o.argpDeg % 360) + 360) % 360,
    meanAnomalyDeg: ((o.maDeg % 360) + 360) % 360,
    bstarPerEarthRadii: o.bstar,
    meanMotionDotRevPerDay2: 0,
    meanMotionDdotRevPerDay3: 0,
    ephemerisType: 0,
    elementSetNo: 999,
    revAtEpoch: 0,
  }));
}
