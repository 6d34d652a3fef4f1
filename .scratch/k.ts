import { findLaunchSite, findVehicle, flyAscent } from '../packages/core/src/launch/index.ts';
const D = Math.PI/180;
const site = findLaunchSite('jiuquan');
for (const kick of [0.05, 0.5, 1, 3, 10, 30]) {
  const r = flyAscent({ site, vehicle: findVehicle('cz-2d'), payloadKg: 1300, inclinationRad: 97.5*D, altitudeKm: 500, branch: 'descending', kickDeg: kick });
  const e = r.events[0]!; const rr = Math.hypot(...e.r);
  const p = r.track.reduce((a, q) => Math.abs(q.tS - e.tS) < Math.abs(a.tS - e.tS) ? q : a);
  console.log(kick, e.element, e.tS.toFixed(0), 'alt', p.altKm.toFixed(0), 'v', p.speedKmS.toFixed(2), r.cutoff.perigeeAltKm.toFixed(0), r.cutoff.apogeeAltKm.toFixed(0), rr.toFixed(0));
}
