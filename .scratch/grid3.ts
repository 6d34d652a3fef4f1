import { findLaunchSite, findVehicle, flyAscent, fallToImpact, distanceKm, type Vehicle } from '../packages/core/src/launch/index.ts';
const D = Math.PI/180;
const site = findLaunchSite('taiyuan');
const base = findVehicle('cz-6a');
const s = { latRad: site.latDeg*D, lonRad: site.lonDeg*D };
const b = base.boosters!;
for (const g of [20, 25, 30]) for (const s2t of [180, 360]) {
  const v: Vehicle = { ...base, pitch: { ...base.pitch, burnoutFlightPathDeg: g }, boosters: { ...b, propellantMassKg: 57500, dryMassKg: 9100 }, stages: [{ ...base.stages[0]!, propellantMassKg: 174000, dryMassKg: 12000 }, { ...base.stages[1]!, propellantMassKg: 65000, dryMassKg: 6000, thrustVacKn: s2t }] };
  const res = flyAscent({ site, vehicle: v, payloadKg: 4500, inclinationRad: 89*D, altitudeKm: 800, branch: 'descending', corridor: site.corridors[0] });
  const d = res.events.map(e => `${e.element.slice(0,5)}@${e.tS.toFixed(0)}:${distanceKm(s, fallToImpact(e)).toFixed(0)}`).join(' ');
  console.log(`g${g} s2t${s2t}`, d, 'orbit', res.cutoff.perigeeAltKm.toFixed(0), res.cutoff.apogeeAltKm.toFixed(0), res.cutoff.tS.toFixed(0));
}
