import { findLaunchSite, findVehicle, flyAscent, fallToImpact, distanceKm, type Vehicle } from '../packages/core/src/launch/index.ts';
const D = Math.PI/180;
const site = findLaunchSite('taiyuan');
const base = findVehicle('cz-6a');
const s = { latRad: site.latDeg*D, lonRad: site.lonDeg*D };
const b = base.boosters!;
for (const g of [12, 16, 20]) for (const bp of [50000, 62000]) for (const cp of [150000, 180000]) for (const [s2p, s2t] of [[35000, 180], [60000, 360]] as const) {
  const v: Vehicle = { ...base, pitch: { ...base.pitch, burnoutFlightPathDeg: g }, boosters: { ...b, propellantMassKg: bp, dryMassKg: bp * 0.155 }, stages: [{ ...base.stages[0]!, propellantMassKg: cp, dryMassKg: cp * 0.078 }, { ...base.stages[1]!, propellantMassKg: s2p, dryMassKg: s2p * 0.11, thrustVacKn: s2t }] };
  const m = 4*bp*1.155 + cp*1.078 + s2p*1.11 + 2000 + 4500;
  try {
  const res = flyAscent({ site, vehicle: v, payloadKg: 4500, inclinationRad: 89*D, altitudeKm: 800, branch: 'descending', corridor: site.corridors[0] });
  const d = res.events.map(e => `${e.element.slice(0,5)}:${distanceKm(s, fallToImpact(e)).toFixed(0)}`).join(' ');
  console.log(`g${g} bp${bp/1000} cp${cp/1000} s2 ${s2p/1000}/${s2t} m=${(m/1000).toFixed(0)}t`, d, 'orbit', res.cutoff.perigeeAltKm.toFixed(0));
  } catch (e) { console.log('fail', (e as Error).message.slice(0, 80)); }
}
