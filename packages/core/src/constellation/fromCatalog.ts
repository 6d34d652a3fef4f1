/**
 * Reading a design back from element sets (what `skylane deploy plan --design FILE` receives): satellites are
 * grouped into shells by altitude (0.5 km) and inclination (0.05°), into planes by RAAN (a new plane starts at a
 * RAAN gap above 1°, the wrap-around gap included), and into slots on the grid of 360°/S, S taken from the smallest
 * spacing of arguments of latitude (u = ω + M) in the shell. Altitude is a − 6378.135 km from the WGS-72 mean
 * motion, the inverse of designElementSets.
 */
import { ArgumentError } from '../errors/index.ts';
import type { ElementSet } from '../catalog/model.ts';
import type { ConstellationDesign, DesignPlane, DesignSatellite, DesignShell } from './design.ts';
import { wrapDeg } from './design.ts';
import { designAltitudeKm } from './j2.ts';

const RAAN_GAP_DEG = 1;

/** Rebuilds shells, planes and slots from element sets (one per satellite). */
export function designFromElementSets(sets: readonly ElementSet[], name = 'constellation'): ConstellationDesign {
  if (sets.length === 0) throw new ArgumentError('The design catalog holds no element set.', sets.length);
  const groups = new Map<string, ElementSet[]>();
  for (const s of sets) {
    const key = `${Math.round(designAltitudeKm(s.meanMotionRevPerDay) * 2) / 2}|${Math.round(s.inclinationDeg * 20) / 20}`;
    const g = groups.get(key);
    if (g) g.push(s);
    else groups.set(key, [s]);
  }
  const keys = [...groups.keys()].sort((a, b) => {
    const [ha, ia] = a.split('|').map(Number) as [number, number];
    const [hb, ib] = b.split('|').map(Number) as [number, number];
    return ha - hb || ia - ib;
  });
  const shells: DesignShell[] = [];
  const satellites: DesignSatellite[] = [];
  keys.forEach((key, si) => {
    const members = groups.get(key)!;
    const altitudeKm = members.reduce((acc, s) => acc + designAltitudeKm(s.meanMotionRevPerDay), 0) / members.length;
    const inclinationDeg = members.reduce((acc, s) => acc + s.inclinationDeg, 0) / members.length;
    const sorted = [...members].sort((a, b) => wrapDeg(a.raanDeg) - wrapDeg(b.raanDeg) || a.catalogNumber - b.catalogNumber);
    // Start the plane sweep after the largest RAAN gap so that a plane straddling 0° stays whole.
    let startAt = 0;
    let largest = -1;
    for (let k = 0; k < sorted.length; k++) {
      const next = sorted[(k + 1) % sorted.length]!;
      const gap = wrapDeg(next.raanDeg - sorted[k]!.raanDeg);
      if (gap > largest) {
        largest = gap;
        startAt = (k + 1) % sorted.length;
      }
    }
    const ring = [...sorted.slice(startAt), ...sorted.slice(0, startAt)];
    const planesSets: ElementSet[][] = [];
    for (let k = 0; k < ring.length; k++) {
      const s = ring[k]!;
      if (k === 0 || wrapDeg(s.raanDeg - ring[k - 1]!.raanDeg) > RAAN_GAP_DEG) planesSets.push([s]);
      else planesSets[planesSets.length - 1]!.push(s);
    }
    let minGap = 360;
    for (const p of planesSets) {
      const us = p.map((s) => wrapDeg(s.argOfPericenterDeg + s.meanAnomalyDeg)).sort((a, b) => a - b);
      for (let k = 0; k < us.length; k++) {
        const gap = k + 1 < us.length ? us[k + 1]! - us[k]! : us[0]! + 360 - us[k]!;
        if (gap > 1e-6 && gap < minGap) minGap = gap;
      }
    }
    const slotsPerPlane = Math.max(1, Math.round(360 / minGap));
    const spacing = 360 / slotsPerPlane;
    const shellName = `S${si + 1}`;
    const planes: DesignPlane[] = planesSets
      .map((p) => {
        // Mean RAAN on the circle.
        const x = p.reduce((acc, s) => acc + Math.cos((s.raanDeg * Math.PI) / 180), 0);
        const y = p.reduce((acc, s) => acc + Math.sin((s.raanDeg * Math.PI) / 180), 0);
        return { sets: p, raan: wrapDeg((Math.atan2(y, x) * 180) / Math.PI) };
      })
      .sort((a, b) => a.raan - b.raan)
      .map((p, k) => {
        const us = p.sets.map((s) => ({ s, u: wrapDeg(s.argOfPericenterDeg + s.meanAnomalyDeg) })).sort((a, b) => a.u - b.u || a.s.catalogNumber - b.s.catalogNumber);
        const u0 = us[0]!.u;
        const list: number[] = [];
        for (const { s, u } of us) {
          const slot = Math.round(wrapDeg(u - u0) / spacing) % slotsPerPlane;
          list.push(s.catalogNumber);
          satellites.push({
            catalogNumber: s.catalogNumber,
            name: s.objectName ?? `${shellName}-P${k + 1}-S${slot + 1}`,
            shell: si,
            plane: k,
            slot,
            altitudeKm: designAltitudeKm(s.meanMotionRevPerDay),
            inclinationDeg: s.inclinationDeg,
            raanDeg: wrapDeg(s.raanDeg),
            argLatDeg: u,
          });
        }
        return { shell: si, plane: k, raanDeg: p.raan, altitudeKm, inclinationDeg, slotsPerPlane, satellites: list };
      });
    shells.push({ index: si, name: shellName, altitudeKm, inclinationDeg, slotsPerPlane, planes });
  });
  return { name, shells, satellites };
}
