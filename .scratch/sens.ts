import { findLaunchSite, findVehicle, flyAscent, fallToImpact, distanceKm, initialBearing, type Vehicle } from '../packages/core/src/launch/index.ts';
const D = Math.PI/180;
const site = findLaunchSite('taiyuan');
const base = findVehicle('cz-6a');
const s = { latRad: site.latDeg*D, lonRad: site.lonDeg*D };
function run(label: string, v: Vehicle, payload = 4500) {
  const res = flyAscent({ site, vehicle: v, payloadKg: payload, inclinationRad: 89*D, altitudeKm: 800, branch: 'descending', corridor: site.corridors[0] });
  const out = res.events.map(e => { const imp = fallToImpact(e); const sp = res.track.reduce((a,p)=> Math.abs(p.tS-e.tS)<Math.abs(a.tS-e.tS)?p:a); return `${e.element}@${e.tS.toFixed(0)}s h${sp.altKm.toFixed(0)} v${sp.speedKmS.toFixed(1)} -> ${distanceKm(s, imp).toFixed(0)}km ${(initialBearing(s, imp)/D).toFixed(1)}°`; });
  console.log(label, out.join(' | '), 'orbit', res.cutoff.perigeeAltKm.toFixed(0), res.cutoff.apogeeAltKm.toFixed(0));
}
for (const g of [10, 15, 20, 25]) run(`gamma${g}`, { ...base, pitch: { ...base.pitch, burnoutFlightPathDeg: g } });
const b = base.boosters!;
const mk = (bp: number, bd: number, cp: number, cd: number, s2p: number, s2d: number, s2t = 180): Vehicle => ({ ...base, boosters: { ...b, propellantMassKg: bp, dryMassKg: bd }, stages: [{ ...base.stages[0]!, propellantMassKg: cp, dryMassKg: cd }, { ...base.stages[1]!, propellantMassKg: s2p, dryMassKg: s2d, thrustVacKn: s2t }] });
run('A: SRB 48t, core 243t, s2 40t', mk(48000, 7000, 243000, 16000, 40000, 4500));
run('B: SRB 62t, core 180t, s2 35t', mk(62000, 9600, 180000, 14000, 35000, 4000));
run('C: SRB 48t, core 180t, s2 100t 2xYF115', mk(48000, 7000, 180000, 14000, 95000, 8000, 360));
