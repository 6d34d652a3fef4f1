import { findLaunchSite, findVehicle, flyAscent, fallToImpact, distanceKm, type Vehicle } from '../packages/core/src/launch/index.ts';
const D = Math.PI/180;
const site = findLaunchSite('taiyuan');
const base = findVehicle('cz-6a');
const s = { latRad: site.latDeg*D, lonRad: site.lonDeg*D };
const b = base.boosters!;
for (const g of [15, 20, 25]) for (const [bp, cTot] of [[50000, 250000], [50000, 230000], [55000, 230000], [45000, 260000]] as const) {
  const bTot = 4 * bp * 1.155;
  const s2Tot = 530000 - bTot - cTot - 6500;
  const v: Vehicle = { ...base, pitch: { ...base.pitch, burnoutFlightPathDeg: g }, boosters: { ...b, propellantMassKg: bp, dryMassKg: bp * 0.155 }, stages: [{ ...base.stages[0]!, propellantMassKg: cTot * 0.93, dryMassKg: cTot * 0.07 }, { ...base.stages[1]!, propellantMassKg: s2Tot * 0.9, dryMassKg: s2Tot * 0.1 }] };
  try {
  const res = flyAscent({ site, vehicle: v, payloadKg: 4500, inclinationRad: 89*D, altitudeKm: 800, branch: 'descending', corridor: site.corridors[0] });
  const d = res.events.map(e => `${e.element.slice(0,5)}@${e.tS.toFixed(0)}:${distanceKm(s, fallToImpact(e)).toFixed(0)}`).join(' ');
  console.log(`g${g} bp${bp/1000} core${cTot/1000} s2 ${(s2Tot/1000).toFixed(0)}`, d, 'orbit', res.cutoff.perigeeAltKm.toFixed(0), res.cutoff.tS.toFixed(0));
  } catch (e) { console.log('fail', (e as Error).message.slice(0, 80)); }
}
