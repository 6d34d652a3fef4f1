import { findLaunchSite, findVehicle, flyAscent } from '../packages/core/src/launch/index.ts';
const D = Math.PI/180;
const site = findLaunchSite('jiuquan');
const r = flyAscent({ site, vehicle: findVehicle(process.argv[2] ?? 'cz-2d'), payloadKg: 1300, inclinationRad: 97.5*D, altitudeKm: 500, branch: 'descending' });
for (const p of r.track.filter((_, i) => i % 2 === 0)) { const rr = Math.hypot(...p.r); const vu = (p.r[0]*p.v[0]+p.r[1]*p.v[1]+p.r[2]*p.v[2])/rr; console.log(p.tS.toFixed(0), p.altKm.toFixed(0), Math.hypot(...p.v).toFixed(2), vu.toFixed(2)); }
console.log(r.events.map(e => `${e.element}@${e.tS.toFixed(0)}`).join(' '), r.cutoff.tS);
