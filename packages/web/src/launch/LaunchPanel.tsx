/**
 * Launch panel and globe layer: a launch plan (POST /api/v1/launch/plans) drawn on the globe with the site network
 * (GET /api/v1/launch/sites): launch sites, landing zones, recovery areas, ports and helicopter bases; the ascent's
 * ground track; drop zones as 3σ hazard polygons (bright while active at the clock's time, faint otherwise) with their
 * activation times; the booster's landing point and failure area; recovery assets joined to the zone they serve.
 * Launch COLA of the plan over a window (POST /api/v1/launch/lcola) lists the blackout intervals.
 */
import { useEffect, useState } from 'react';
import { VEHICLES } from '@skylane/core';
import { ApiError, type ApiClient } from '../api/client.ts';
import { cesium } from '../globe/cesium.ts';
import type { GlobeController } from '../globe/Globe.tsx';
import { colour, markOverlay, useOverlay } from '../globe/overlay.ts';
import { isActive, notamAreas, recoveryLinks, ringDegrees, SITE_KIND_COLORS, trackSegments, type LaunchPlanView, type NetworkSiteView, type NotamArea } from './layer.ts';

interface LcolaView {
  readonly candidates: number;
  readonly clearCandidates: number;
  readonly objectsScreened: number;
  readonly blackouts: { from: string; to: string; conflicts: { objectId: number; objectName?: string; crewed: boolean; missDistanceKm: number }[] }[];
}

export interface LaunchPanelProps {
  readonly api: ApiClient;
  readonly controller: GlobeController | null;
  readonly clockMs: number;
  readonly onUnauthorized: (e: unknown) => void;
}

export function LaunchPanel({ api, controller, clockMs, onUnauthorized }: LaunchPanelProps) {
  const [sites, setSites] = useState<NetworkSiteView[]>([]);
  const [site, setSite] = useState('taiyuan');
  const [vehicle, setVehicle] = useState('cz-6a');
  const [inclinationDeg, setInclinationDeg] = useState(89);
  const [altitudeKm, setAltitudeKm] = useState(800);
  const [launchIso, setLaunchIso] = useState('2024-08-06T06:42:00Z');
  const [plan, setPlan] = useState<LaunchPlanView | null>(null);
  const [lcola, setLcola] = useState<LcolaView | null>(null);
  const [notams, setNotams] = useState<{ areas: NotamArea[]; total: number; failures: number; excluded: number } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const layer = useOverlay(controller, 'launch');

  const fail = (e: unknown) => {
    setBusy(null);
    if (e instanceof ApiError && e.status === 401) onUnauthorized(e);
    else setError(e instanceof Error ? e.message : String(e));
  };

  useEffect(() => {
    api.json<{ items: NetworkSiteView[] }>('/api/v1/launch/sites').then(
      (r) => setSites(r.items),
      (e: unknown) => (e instanceof ApiError && e.status === 401 ? onUnauthorized(e) : setError(e instanceof Error ? e.message : String(e))),
    );
  }, [api, onUnauthorized]);

  const planBody = { site, vehicle, inclinationDeg, altitudeKm, launch: launchIso };
  const runPlan = () => {
    setError(null);
    setLcola(null);
    setBusy('planning the ascent (100 dispersed flights)…');
    api.json<LaunchPlanView>('/api/v1/launch/plans', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...planBody, samples: 100 }) }).then((p) => {
      setPlan(p);
      setBusy(null);
      controller?.setTime(Date.parse(p.launch) - 60_000);
      const s = sites.find((x) => x.id === p.site);
      if (s !== undefined && controller !== null) {
        const C = cesium();
        controller.viewer().camera.flyTo({ destination: C.Cartesian3.fromDegrees(s.lonDeg, s.latDeg - 12, 4_500_000), orientation: { heading: 0, pitch: -1.1, roll: 0 }, duration: 1.5 });
      }
    }, fail);
  };
  const runLcola = () => {
    if (plan === null) return;
    setError(null);
    setBusy('launch COLA: screening a 1-hour window against the catalog (can take a minute)…');
    const start = Date.parse(plan.launch);
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
    api.json<LcolaView>('/api/v1/launch/lcola', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plan: planBody, windowStart: iso(start), windowEnd: iso(start + 3_600_000), launchStepS: 300, parkingMin: 30 }) }).then((r) => {
      setLcola(r);
      setBusy(null);
    }, fail);
  };

  const loadNotams = (file: File) => {
    setError(null);
    setBusy(`parsing ${file.name}…`);
    file
      .text()
      .then((content) => api.json<{ total: number; failures: unknown[]; excluded: number; geojson: Parameters<typeof notamAreas>[0] }>('/api/v1/launch/notams', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content, source: file.name }) }))
      .then((r) => {
        setNotams({ areas: notamAreas(r.geojson), total: r.total, failures: r.failures.length, excluded: r.excluded });
        setBusy(null);
      }, fail);
  };

  // The layer: network, then the plan's shapes. Drop zones re-styled as the clock enters or leaves their windows.
  const activeKey = plan === null ? '' : plan.dropZones.map((z) => (isActive(z, clockMs) ? '1' : '0')).join('');
  useEffect(() => {
    if (layer === null || controller === null) return;
    const C = cesium();
    const E = layer.entities;
    E.suspendEvents();
    E.removeAll();
    for (const s of sites) {
      const c = SITE_KIND_COLORS[s.kind] ?? '#ffffff';
      E.add({ position: C.Cartesian3.fromDegrees(s.lonDeg, s.latDeg), point: { pixelSize: s.kind === 'launch-site' || s.kind === 'sea-launch' ? 8 : 6, color: colour(c), outlineColor: colour('#000000'), outlineWidth: 1 }, label: { text: s.name, font: '11px sans-serif', fillColor: colour(c), pixelOffset: new C.Cartesian2(0, -14), distanceDisplayCondition: new C.DistanceDisplayCondition(0, 9_000_000) } });
      if (s.radiusKm > 0) E.add({ position: C.Cartesian3.fromDegrees(s.lonDeg, s.latDeg), ellipse: { semiMajorAxis: s.radiusKm * 1000, semiMinorAxis: s.radiusKm * 1000, material: colour(c, 0.15), outline: true, outlineColor: colour(c, 0.6), height: 0 } });
    }
    if (plan !== null) {
      for (const seg of trackSegments(plan.groundTrack)) E.add({ polyline: { positions: C.Cartesian3.fromDegreesArrayHeights(seg), width: 2, material: colour('#ffffff', 0.9) } });
      plan.dropZones.forEach((z, k) => {
        const active = activeKey[k] === '1';
        E.add({ polygon: { hierarchy: C.Cartesian3.fromDegreesArray(ringDegrees(z.polygon)), material: colour('#ff5252', active ? 0.55 : 0.2), outline: true, outlineColor: colour('#ff5252'), height: 0 } });
        E.add({ position: C.Cartesian3.fromDegrees(z.centerLon, z.centerLat), label: { text: `${z.element} ${z.activeFrom.slice(11, 16)}–${z.activeTo.slice(11, 16)}Z${active ? ' ACTIVE' : ''}`, font: '11px sans-serif', fillColor: colour('#ff8a80') } });
      });
      const l = plan.landing;
      if (l.centerLat !== undefined && l.centerLon !== undefined) {
        E.add({ position: C.Cartesian3.fromDegrees(l.centerLon, l.centerLat), point: { pixelSize: 9, color: colour('#69f0ae') }, label: { text: `landing (${l.mode})`, font: '11px sans-serif', fillColor: colour('#69f0ae'), pixelOffset: new C.Cartesian2(0, 14) } });
        if (l.failureAreaPolygon !== undefined) E.add({ polygon: { hierarchy: C.Cartesian3.fromDegreesArray(ringDegrees(l.failureAreaPolygon)), material: colour('#69f0ae', 0.2), outline: true, outlineColor: colour('#69f0ae'), height: 0 } });
      }
      for (const r of recoveryLinks(plan, sites)) {
        if (r.base === null || r.target === null) continue;
        E.add({ polyline: { positions: C.Cartesian3.fromDegreesArray([r.base.lonDeg, r.base.latDeg, r.target.lonDeg, r.target.latDeg]), width: 1.5, material: new C.PolylineDashMaterialProperty({ color: colour('#90caf9') }), clampToGround: false } });
        if (r.searchRadiusKm !== undefined) E.add({ position: C.Cartesian3.fromDegrees(r.target.lonDeg, r.target.latDeg), ellipse: { semiMajorAxis: r.searchRadiusKm * 1000, semiMinorAxis: r.searchRadiusKm * 1000, material: colour('#90caf9', 0.1), outline: true, outlineColor: colour('#90caf9'), height: 0 } });
      }
    }
    for (const n of notams?.areas ?? []) {
      E.add({ polygon: { hierarchy: C.Cartesian3.fromDegreesArray(n.ring), material: colour('#ffd740', 0.2), outline: true, outlineColor: colour('#ffd740'), height: 0 } });
      E.add({ position: C.Cartesian3.fromDegrees(n.ring[0]!, n.ring[1]!), label: { text: `${n.code} ${n.activeFrom.slice(0, 16)}Z`, font: '10px sans-serif', fillColor: colour('#ffd740'), distanceDisplayCondition: new C.DistanceDisplayCondition(0, 6_000_000) } });
    }
    E.resumeEvents();
    markOverlay(controller, 'launch', E.values.length);
  }, [layer, controller, sites, plan, activeKey, notams]);

  const launchSites = sites.filter((s) => s.kind === 'launch-site' || s.kind === 'sea-launch');
  return (
    <section className="panel launch" aria-label="Launch plan, hazard areas and recovery">
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          runPlan();
        }}
      >
        <label>
          site
          <select value={site} onChange={(e) => setSite(e.target.value)} aria-label="launch site">
            {(launchSites.length > 0 ? launchSites : [{ id: site, name: site }]).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          vehicle
          <select value={vehicle} onChange={(e) => setVehicle(e.target.value)} aria-label="vehicle">
            {VEHICLES.map((v) => (
              <option key={v.id} value={v.id}>
                {v.id}
              </option>
            ))}
          </select>
        </label>
        <label>
          inc ° <input type="number" step="any" value={inclinationDeg} onChange={(e) => setInclinationDeg(Number(e.target.value))} style={{ width: 60 }} />
        </label>
        <label>
          alt km <input type="number" step="any" value={altitudeKm} onChange={(e) => setAltitudeKm(Number(e.target.value))} style={{ width: 64 }} />
        </label>
        <label>
          launch (UTC) <input value={launchIso} onChange={(e) => setLaunchIso(e.target.value)} style={{ width: 170 }} aria-label="launch time" />
        </label>
        <button type="submit" disabled={busy !== null}>
          Plan launch
        </button>
      </form>
      <label className="muted" title="PRC NOTAM / navigational-warning text, or a month of the NOTAM database (JSON)">
        NOTAMs <input type="file" accept=".txt,.json,text/plain,application/json" onChange={(e) => e.target.files?.[0] !== undefined && loadNotams(e.target.files[0])} />
      </label>
      {notams !== null ? (
        <p data-testid="notam-summary">
          {notams.areas.length} published hazard areas drawn (yellow) of {notams.total} records; {notams.failures} rejected, {notams.excluded} not launch-related.
        </p>
      ) : null}
      {busy !== null ? <p className="muted">{busy}</p> : null}
      {error !== null ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {plan !== null ? (
        <div data-testid="launch-plan">
          <p>
            {plan.vehicle} from {plan.site} at {plan.launch}, azimuth {plan.azimuthDeg.toFixed(2)}°. Landing: {plan.landing.mode}
            {plan.landing.downrangeKm !== undefined ? ` ${plan.landing.downrangeKm} km downrange` : ''}.
          </p>
          <table>
            <thead>
              <tr>
                <th>drop zone</th>
                <th>downrange km</th>
                <th>active (UTC)</th>
              </tr>
            </thead>
            <tbody>
              {plan.dropZones.map((z) => (
                <tr key={z.element} className={isActive(z, clockMs) ? 'active-zone' : undefined}>
                  <td>{z.element}</td>
                  <td>{z.downrangeKm}</td>
                  <td>
                    {z.activeFrom.slice(11, 19)}–{z.activeTo.slice(11, 19)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Recovery</h3>
          <ul className="plain">
            {plan.recovery.map((r) => (
              <li key={`${r.zone}-${r.asset ?? 'none'}`}>
                {r.zone}: {r.asset ?? `no asset (${r.reason ?? ''})`}
                {r.arrivalTime !== undefined ? `, on station ${r.arrivalTime}` : ''}
                {r.searchRadiusKm !== undefined ? `, search radius ${r.searchRadiusKm} km` : ''}
              </li>
            ))}
          </ul>
          <button type="button" disabled={busy !== null} onClick={runLcola}>
            Launch COLA (1 h window)
          </button>
          {lcola !== null ? (
            <div data-testid="lcola">
              <p>
                {lcola.clearCandidates}/{lcola.candidates} candidate launch times clear against {lcola.objectsScreened} objects.
              </p>
              <ul className="plain">
                {lcola.blackouts.map((b) => (
                  <li key={b.from}>
                    blackout {b.from}–{b.to}: {[...new Set(b.conflicts.map((c) => `${c.objectName ?? c.objectId}${c.crewed ? ' (crewed)' : ''}`))].join(', ')}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : (
        <p className="muted">Sites, landing zones, recovery areas, ports and helicopter bases are on the globe. Plan a launch to draw its ground track, drop zones and recovery.</p>
      )}
    </section>
  );
}
