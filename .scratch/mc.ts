import { findLaunchSite, findVehicle, disperse, distanceKm } from '../packages/core/src/launch/index.ts';
const D = Math.PI/180;
const site = findLaunchSite('taiyuan');
const s = { latRad: site.latDeg*D, lonRad: site.lonDeg*D };
const t0 = performance.now();
const r = disperse({ site, vehicle: findVehicle('cz-6a'), payloadKg: 4500, inclinationRad: 89*D, altitudeKm: 800, branch: 'descending', corridor: site.corridors[0] }, 100, 1);
console.log('ms', performance.now() - t0);
for (const [el, list] of r.impacts) {
  const d = list.map(p => distanceKm(s, p)).sort((a,b)=>a-b);
  console.log(el, d.length, 'min', d[0]!.toFixed(0), 'p5', d[Math.floor(d.length*0.05)]!.toFixed(0), 'med', d[Math.floor(d.length/2)]!.toFixed(0), 'p95', d[Math.floor(d.length*0.95)]!.toFixed(0), 'max', d[d.length-1]!.toFixed(0));
}
