/** JSON views (units in the names, UTC ISO-8601 epochs) of the orbital-tourism plans, shared by the CLI and the API. */
import type { TimeScales } from '../../time/scales.ts';
import type { CrewedScreeningResult } from './crewedScreening.ts';
import type { RendezvousPlan } from './rendezvous.ts';
import type { ReturnPlan } from './returnPlan.ts';

const iso = (ts: TimeScales, t: Parameters<TimeScales['formatUtcIso']>[0]): string => ts.formatUtcIso(t, 3);
const r3 = (x: number, d = 4): number => Number(x.toFixed(d));

/** The rendezvous contract: burns, totalDeltaVMps, dockingEpoch, finalMissKm, finalRelSpeedMps (+ profile and phasing). */
export function rendezvousPlanJson(plan: RendezvousPlan, ts: TimeScales): Record<string, unknown> {
  return {
    profile: plan.profile,
    insertionEpoch: iso(ts, plan.insertionEpoch),
    dockingEpoch: iso(ts, plan.dockingEpoch),
    durationS: r3(plan.durationS, 1),
    burns: plan.burns.map((b) => ({ label: b.label, epoch: iso(ts, b.epoch), dvRtnMps: b.dvRtnMps.map((x) => r3(x)), dvMps: r3(b.dvMps) })),
    totalDeltaVMps: r3(plan.totalDeltaVMps, 3),
    finalMissKm: plan.finalMissKm,
    finalRelSpeedMps: plan.finalRelSpeedMps,
    phasing: {
      initialPhaseDeg: r3(plan.phasing.initialPhaseDeg),
      phaseAtFirstBurnDeg: r3(plan.phasing.phaseAtFirstBurnDeg),
      phasingAltitudeKm: r3(plan.phasing.phasingAltitudeKm, 3),
      analyticPhasingAltitudeKm: r3(plan.phasing.analyticPhasingAltitudeKm, 3),
      stationAltitudeKm: r3(plan.phasing.stationAltitudeKm, 3),
      terminalAngleDeg: r3(plan.phasing.terminalAngleDeg, 2),
      closureIterations: plan.phasing.closureIterations,
      phaseErrorAtTiDeg: plan.phasing.phaseErrorAtTiDeg,
      targetingIterations: plan.phasing.targetingIterations,
    },
  };
}

/** The crewed screening as JSON. */
export function crewedScreeningJson(res: CrewedScreeningResult, ts: TimeScales): Record<string, unknown> {
  return {
    boxKm: { radial: 2 * res.box.radialKm, alongTrack: 2 * res.box.transverseKm, crossTrack: 2 * res.box.normalKm },
    pcThresholds: res.pcThresholds,
    objectsScreened: res.objectsScreened,
    conjunctions: res.conjunctions.map((c) => ({ objectId: c.objectId, ...(c.objectName !== undefined ? { objectName: c.objectName } : {}), phase: c.phase, tca: iso(ts, c.tca), missDistanceKm: r3(c.missDistanceKm), missRtnKm: c.missRtnKm.map((x) => r3(x)), relativeSpeedKmS: r3(c.relativeSpeedKmS) })),
    skipped: res.skipped,
  };
}

/** The return plan as JSON. */
export function returnPlanJson(plan: ReturnPlan, ts: TimeScales): Record<string, unknown> {
  return {
    site: { id: plan.site.id, name: plan.site.name, latDeg: plan.site.latDeg, lonDeg: plan.site.lonDeg },
    stay: { startEpoch: iso(ts, plan.stay.startEpoch), endEpoch: iso(ts, plan.stay.endEpoch), perigeeAltitudeKm: r3(plan.stay.perigeeAltitudeKm, 2), apogeeAltitudeKm: r3(plan.stay.apogeeAltitudeKm, 2) },
    opportunities: plan.opportunities.map((o) => ({
      passEpoch: iso(ts, o.passEpoch),
      crossRangeKm: r3(o.crossRangeKm, 2),
      deorbitEpoch: iso(ts, o.deorbitEpoch),
      deorbitDeltaVMps: r3(o.deorbitDeltaVMps, 3),
      deorbitRtnMps: o.deorbitRtnMps.map((x) => r3(x, 3)),
      entryInterface: { epoch: iso(ts, o.entryInterface.epoch), latDeg: r3(o.entryInterface.latDeg), lonDeg: r3(o.entryInterface.lonDeg), speedKmS: r3(o.entryInterface.speedKmS), flightPathDeg: r3(o.entryInterface.flightPathDeg, 3) },
      landing: { epoch: iso(ts, o.landing.epoch), latDeg: r3(o.landing.latDeg), lonDeg: r3(o.landing.lonDeg) },
      missKm: r3(o.missKm, 2),
      alongTrackMissKm: r3(o.alongTrackMissKm, 3),
    })),
  };
}

/** An SVG of the rendezvous: chaser and station altitude against hours from insertion, burns marked. */
export function rendezvousSvg(plan: RendezvousPlan): string {
  const stationAltitudeKm = plan.stationTrajectory.map((q) => ({ tS: q.tS, altKm: Math.hypot(q.state[0], q.state[1], q.state[2]) - 6378.137 }));
  const W = 800, H = 400, L = 60, B = 40;
  const pts = plan.trajectory.map((q) => ({ tS: q.tS, altKm: Math.hypot(q.state[0], q.state[1], q.state[2]) - 6378.137 }));
  const all = [...pts, ...stationAltitudeKm];
  const tMax = plan.durationS;
  const aMin = Math.min(...all.map((p) => p.altKm)) - 5, aMax = Math.max(...all.map((p) => p.altKm)) + 5;
  const x = (t: number): number => L + ((W - L - 20) * t) / tMax;
  const y = (a: number): number => H - B - ((H - B - 20) * (a - aMin)) / (aMax - aMin);
  const path = (p: readonly { tS: number; altKm: number }[]): string => p.map((q, i) => `${i === 0 ? 'M' : 'L'}${x(q.tS).toFixed(1)},${y(q.altKm).toFixed(1)}`).join(' ');
  const burns = plan.burns.map((b) => `<line x1="${x(b.tS).toFixed(1)}" x2="${x(b.tS).toFixed(1)}" y1="20" y2="${H - B}" stroke="#c33" stroke-dasharray="4 3"/><text x="${(x(b.tS) + 3).toFixed(1)}" y="32" font-size="10" fill="#c33">${b.label} ${b.dvMps.toFixed(1)} m/s</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">
<rect width="${W}" height="${H}" fill="white"/>
<text x="${L}" y="14" font-size="12">Rendezvous (${plan.profile}): altitude (km) against hours from insertion; total Δv ${plan.totalDeltaVMps.toFixed(1)} m/s</text>
<line x1="${L}" y1="${H - B}" x2="${W - 20}" y2="${H - B}" stroke="black"/><line x1="${L}" y1="20" x2="${L}" y2="${H - B}" stroke="black"/>
<text x="${L}" y="${H - 10}" font-size="11">0 h</text><text x="${W - 60}" y="${H - 10}" font-size="11">${(tMax / 3600).toFixed(1)} h</text>
<text x="4" y="${y(aMax - 5).toFixed(1)}" font-size="11">${(aMax - 5).toFixed(0)} km</text><text x="4" y="${y(aMin + 5).toFixed(1)}" font-size="11">${(aMin + 5).toFixed(0)} km</text>
<path d="${path(stationAltitudeKm)}" fill="none" stroke="#888" stroke-width="1.5"/>
<path d="${path(pts)}" fill="none" stroke="#1565c0" stroke-width="1.5"/>
${burns}
</svg>
`;
}
