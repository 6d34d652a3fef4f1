import { findLaunchSite, findVehicle, flyAscent, fallToImpact, distanceKm, type Vehicle } from '../packages/core/src/launch/index.ts';
const D = Math.PI/180;
const site = findLaunchSite('taiyuan');
const base = findVehicle('cz-6a');
const s = { latRad: site.latDeg*D, lonRad: site.lonDeg*D };
const b = base.boosters!;
for (const [name, bp, bd, cp, cd] of [['X', 64500, 10100, 174000, 12000], ['Y', 55000, 8500, 214000, 16000], ['Z', 57500, 9100, 174000, 12000]] as const) for (const g of [20]) {
  const v: Vehicle = { ...base, pitch: { ...base.pitch, burnoutFlightPathDeg: g }, boosters: { ...b, propellantMassKg: bp, dryMassKg: bd }, stages: [{ ...base.stages[0]!, propellantMassKg: cp, dryMassKg: cd }, base.stages[1]!] };
  const res = flyAscent({ site, vehicle: v, payloadKg: Number(process.env.PL ?? 4500), inclinationRad: 89*D, altitudeKm: 800, branch: 'descending', corridor: site.corridors[0] });
  const d = res.events.map(e => `${e.element.slice(0,5)}@${e.tS.toFixed(0)}:${distanceKm(s, fallToImpact(e)).toFixed(0)}`).join(' ');
  console.log(name, `g${g}`, d, 'orbit', res.cutoff.perigeeAltKm.toFixed(0), res.cutoff.apogeeAltKm.toFixed(0), res.cutoff.tS.toFixed(0));
}
