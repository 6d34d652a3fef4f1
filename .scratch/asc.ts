import { findLaunchSite, findVehicle, flyAscent, fallToImpact, distanceKm, initialBearing, crossAlongTrackKm } from '../packages/core/src/launch/index.ts';
const D = Math.PI/180;
const site = findLaunchSite('taiyuan');
const veh = findVehicle(process.argv[2] ?? 'cz-6a');
const t0 = performance.now();
const res = flyAscent({ site, vehicle: veh, payloadKg: veh.referencePayloadKg, inclinationRad: 89*D, altitudeKm: 800, branch: 'descending', corridor: site.corridors[0] });
console.log('ms', performance.now()-t0);
const s = { latRad: site.latDeg*D, lonRad: site.lonDeg*D };
for (const e of res.events) {
  const imp = fallToImpact(e);
  const sp = res.track.find(p => p.tS >= e.tS) ;
  console.log(e.element, 'sep t', e.tS.toFixed(1), 'h', sp?.altKm.toFixed(1), 'v', sp?.speedKmS.toFixed(2), 'impact t', imp.tS.toFixed(0), 'lat', (imp.latRad/D).toFixed(3), 'lon', (imp.lonRad/D).toFixed(3), 'dist', distanceKm(s, imp).toFixed(0), 'brg', (initialBearing(s, imp)/D).toFixed(1));
}
console.log(res.cutoff.tS, res.cutoff.perigeeAltKm, res.cutoff.apogeeAltKm, res.cutoff.inclinationRad/D);
for (const p of res.track.filter((_, i) => i % 3 === 0)) console.log(p.tS.toFixed(0), p.altKm.toFixed(1), p.speedKmS.toFixed(2), (p.latRad/D).toFixed(2), (p.lonRad/D).toFixed(2));
