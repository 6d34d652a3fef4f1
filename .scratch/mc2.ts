import { findLaunchSite, findVehicle, disperse, distanceKm, DEFAULT_DISPERSION, type DispersionModel } from '../packages/core/src/launch/index.ts';
const D = Math.PI/180;
const site = findLaunchSite('taiyuan');
const s = { latRad: site.latDeg*D, lonRad: site.lonDeg*D };
const zero: DispersionModel = { thrustSigma: 0, ispSigma: 0, headingSigmaRad: 0, kickSigmaDeg: 0, separationDvSigmaKmS: 0, lnBallisticSigma: 0, windSigmaKmS: 0 };
for (const k of Object.keys(zero) as (keyof DispersionModel)[]) {
  const m = { ...zero, [k]: DEFAULT_DISPERSION[k] };
  const r = disperse({ site, vehicle: findVehicle('cz-6a'), payloadKg: 4500, inclinationRad: 89*D, altitudeKm: 800, branch: 'descending', corridor: site.corridors[0] }, 30, 1, m);
  const out = [...r.impacts].map(([el, list]) => { const d = list.map(p => distanceKm(s, p)); return `${el}: ${Math.min(...d).toFixed(0)}-${Math.max(...d).toFixed(0)}`; });
  console.log(k, out.join(' | '));
}
