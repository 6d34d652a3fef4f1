/**
 * Constellation design: Walker Delta and Walker Star shells (T/P/F), custom planes (e.g. the reconstructed Qianfan
 * planes), several shells per design, and the design as GP element sets (nominal mean elements, exactly as designed).
 *
 * Walker Delta i: T/P/F (Walker 1984, "Satellite constellations", JBIS 37): P planes with RAAN Ω_k = Ω₀ + 360°·k/P,
 * S = T/P satellites per plane at argument of latitude u_kj = u₀ + 360°·j/S + 360°·F·k/T (F = 0 … P−1).
 * Walker Star (polar "streets of coverage" pattern, Adams & Rider 1987): the same with Ω_k = Ω₀ + 180°·k/P, so that
 * ascending nodes span half the equator and the first and last planes are counter-rotating neighbours.
 * Custom planes: given RAANs, slots per plane and (optionally) the occupied slots and a per-plane phase offset.
 *
 * Elements. Every satellite is a circular orbit (e = 0, ω = 0, M = u) whose mean motion is the WGS-72 (SGP4) mean
 * motion of the design altitude (j2.ts); inclination and RAAN are written exactly as asked. No osculating-to-mean
 * conversion is applied: these are the nominal mean elements of the design, B* = 0.
 */
import { ArgumentError } from '../errors/index.ts';
import type { ElementSet } from '../catalog/model.ts';
import type { Instant } from '../time/index.ts';
import { designMeanMotionRevPerDay } from './j2.ts';

/** A Walker shell. */
export interface WalkerShellSpec {
  readonly kind: 'walker-delta' | 'walker-star';
  readonly name?: string;
  /** T: total satellites. */
  readonly totalSatellites: number;
  /** P: planes (divides T). */
  readonly planes: number;
  /** F: phasing factor, 0 … P−1. */
  readonly phasing: number;
  readonly altitudeKm: number;
  readonly inclinationDeg: number;
  /** RAAN of the first plane, deg (default 0). */
  readonly raanOffsetDeg?: number;
  /** Argument of latitude of the first satellite of the first plane, deg (default 0). */
  readonly argLatOffsetDeg?: number;
}

/** One custom plane. */
export interface CustomPlaneSpec {
  readonly raanDeg: number;
  /** Phase of slot 0 in this plane, deg (default 0). */
  readonly phaseOffsetDeg?: number;
  /** Occupied slots (0-based indices into the plane's slot grid); default every slot. */
  readonly occupiedSlots?: readonly number[];
}

/** A shell of custom planes at one altitude and inclination. */
export interface CustomShellSpec {
  readonly kind: 'planes';
  readonly name?: string;
  readonly altitudeKm: number;
  readonly inclinationDeg: number;
  /** Slots per plane (evenly spaced in argument of latitude, 360°/slots apart). */
  readonly slotsPerPlane: number;
  readonly planes: readonly CustomPlaneSpec[];
}

export type ShellSpec = WalkerShellSpec | CustomShellSpec;

export interface DesignSpec {
  readonly name?: string;
  readonly shells: readonly ShellSpec[];
  /** Catalog number of the first satellite (default 300001: inside the Alpha-5 range, so the design can be written as TLE). */
  readonly firstCatalogNumber?: number;
}

/** One satellite of a design (angles in degrees at the I/O edge of this module, as element sets carry them). */
export interface DesignSatellite {
  readonly catalogNumber: number;
  readonly name: string;
  readonly shell: number;
  readonly plane: number;
  readonly slot: number;
  readonly altitudeKm: number;
  readonly inclinationDeg: number;
  readonly raanDeg: number;
  /** Argument of latitude at the design epoch, deg in [0, 360). */
  readonly argLatDeg: number;
}

/** A plane of a designed shell. */
export interface DesignPlane {
  readonly shell: number;
  readonly plane: number;
  readonly raanDeg: number;
  readonly altitudeKm: number;
  readonly inclinationDeg: number;
  readonly slotsPerPlane: number;
  /** Catalog numbers of the plane's satellites, in slot order. */
  readonly satellites: readonly number[];
}

export interface DesignShell {
  readonly index: number;
  readonly name: string;
  readonly altitudeKm: number;
  readonly inclinationDeg: number;
  readonly slotsPerPlane: number;
  readonly planes: readonly DesignPlane[];
}

export interface ConstellationDesign {
  readonly name: string;
  readonly shells: readonly DesignShell[];
  readonly satellites: readonly DesignSatellite[];
}

/** Normalises an angle in degrees into [0, 360). */
export function wrapDeg(x: number): number {
  const r = x % 360;
  const w = r < 0 ? r + 360 : r;
  return w === 360 ? 0 : w;
}

function checkCommon(s: ShellSpec, where: string): void {
  if (!(Number.isFinite(s.altitudeKm) && s.altitudeKm >= 150 && s.altitudeKm <= 40000)) {
    throw new ArgumentError(`${where}: altitudeKm must be between 150 and 40000 km; got ${s.altitudeKm}.`, s.altitudeKm);
  }
  if (!(Number.isFinite(s.inclinationDeg) && s.inclinationDeg >= 0 && s.inclinationDeg <= 180)) {
    throw new ArgumentError(`${where}: inclinationDeg must be between 0 and 180; got ${s.inclinationDeg}.`, s.inclinationDeg);
  }
}

/** Parses "T/P/F" (e.g. "1296/36/1"). */
export function parseWalker(text: string): { totalSatellites: number; planes: number; phasing: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new ArgumentError(`Walker pattern "${text}" is not T/P/F (total satellites / planes / phasing), e.g. 1296/36/1.`, text);
  return { totalSatellites: Number(m[1]), planes: Number(m[2]), phasing: Number(m[3]) };
}

/** Builds a design from its shells. Throws ArgumentError naming the shell and the rule it breaks. */
export function designConstellation(spec: DesignSpec): ConstellationDesign {
  if (spec.shells.length === 0) throw new ArgumentError('A design needs at least one shell.', spec);
  const first = spec.firstCatalogNumber ?? 300_001;
  if (!Number.isInteger(first) || first < 1) throw new ArgumentError(`firstCatalogNumber must be a positive integer; got ${first}.`, first);
  const satellites: DesignSatellite[] = [];
  const shells: DesignShell[] = [];
  let next = first;
  spec.shells.forEach((s, si) => {
    const where = `shell ${si + 1}`;
    checkCommon(s, where);
    const shellName = s.name ?? `S${si + 1}`;
    const planes: DesignPlane[] = [];
    const push = (plane: number, slot: number, raanDeg: number, argLatDeg: number, list: number[]): void => {
      const catalogNumber = next++;
      list.push(catalogNumber);
      satellites.push({
        catalogNumber,
        name: `${shellName}-P${String(plane + 1).padStart(2, '0')}-S${String(slot + 1).padStart(2, '0')}`,
        shell: si,
        plane,
        slot,
        altitudeKm: s.altitudeKm,
        inclinationDeg: s.inclinationDeg,
        raanDeg: wrapDeg(raanDeg),
        argLatDeg: wrapDeg(argLatDeg),
      });
    };
    let slotsPerPlane: number;
    if (s.kind !== 'planes') {
      const { totalSatellites: T, planes: P, phasing: F } = s;
      if (!(Number.isInteger(T) && Number.isInteger(P) && Number.isInteger(F) && T > 0 && P > 0 && T % P === 0 && F >= 0 && F < P)) {
        throw new ArgumentError(`${where}: Walker T/P/F = ${T}/${P}/${F} is invalid: T and P positive integers, P divides T, 0 ≤ F < P.`, { T, P, F });
      }
      const S = T / P;
      slotsPerPlane = S;
      const spread = s.kind === 'walker-delta' ? 360 : 180;
      for (let k = 0; k < P; k++) {
        const raan = (s.raanOffsetDeg ?? 0) + (spread * k) / P;
        const list: number[] = [];
        for (let j = 0; j < S; j++) push(k, j, raan, (s.argLatOffsetDeg ?? 0) + (360 * j) / S + (360 * F * k) / T, list);
        planes.push({ shell: si, plane: k, raanDeg: wrapDeg(raan), altitudeKm: s.altitudeKm, inclinationDeg: s.inclinationDeg, slotsPerPlane: S, satellites: list });
      }
    } else {
      const c: CustomShellSpec = s;
      slotsPerPlane = c.slotsPerPlane;
      if (!(Number.isInteger(c.slotsPerPlane) && c.slotsPerPlane > 0)) throw new ArgumentError(`${where}: slotsPerPlane must be a positive integer; got ${c.slotsPerPlane}.`, c.slotsPerPlane);
      if (c.planes.length === 0) throw new ArgumentError(`${where}: a custom shell needs at least one plane.`, c);
      c.planes.forEach((p, k) => {
        if (!Number.isFinite(p.raanDeg)) throw new ArgumentError(`${where}, plane ${k + 1}: raanDeg must be a finite number.`, p.raanDeg);
        const occupied = p.occupiedSlots ?? Array.from({ length: c.slotsPerPlane }, (_, j) => j);
        const seen = new Set<number>();
        const list: number[] = [];
        for (const j of occupied) {
          if (!(Number.isInteger(j) && j >= 0 && j < c.slotsPerPlane) || seen.has(j)) {
            throw new ArgumentError(`${where}, plane ${k + 1}: occupied slot ${j} must be a distinct integer in 0..${c.slotsPerPlane - 1}.`, j);
          }
          seen.add(j);
        }
        for (const j of [...seen].sort((a, b) => a - b)) push(k, j, p.raanDeg, (p.phaseOffsetDeg ?? 0) + (360 * j) / c.slotsPerPlane, list);
        planes.push({ shell: si, plane: k, raanDeg: wrapDeg(p.raanDeg), altitudeKm: c.altitudeKm, inclinationDeg: c.inclinationDeg, slotsPerPlane: c.slotsPerPlane, satellites: list });
      });
    }
    shells.push({ index: si, name: shellName, altitudeKm: s.altitudeKm, inclinationDeg: s.inclinationDeg, slotsPerPlane, planes });
  });
  return { name: spec.name ?? 'constellation', shells, satellites };
}

/**
 * The design as GP element sets at `epoch`: circular (e = 0, ω = 0, M = u), WGS-72 mean motion of the altitude,
 * inclination and RAAN exactly as designed, B* = 0, object type PAYLOAD.
 */
export function designElementSets(design: ConstellationDesign, epoch: Instant): ElementSet[] {
  return design.satellites.map((s) => ({
    catalogNumber: s.catalogNumber,
    objectName: s.name,
    objectType: 'PAYLOAD',
    classification: 'U',
    epoch,
    meanMotionRevPerDay: designMeanMotionRevPerDay(s.altitudeKm),
    eccentricity: 0,
    inclinationDeg: s.inclinationDeg,
    raanDeg: s.raanDeg,
    argOfPericenterDeg: 0,
    meanAnomalyDeg: s.argLatDeg,
    bstarPerEarthRadii: 0,
    meanMotionDotRevPerDay2: 0,
    meanMotionDdotRevPerDay3: 0,
    ephemerisType: 0,
    elementSetNo: 999,
    revAtEpoch: 0,
  }));
}
