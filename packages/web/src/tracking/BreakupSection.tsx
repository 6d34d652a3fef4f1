/**
 * Breakups in the Tracking panel: the tenant's breakup alerts (GET /api/v1/breakup/alerts), the selected one's Gabbard
 * diagram (GET /api/v1/breakup/alerts/{id}) and its fragment cloud on the globe at the globe's time (GET
 * /api/v1/breakup/alerts/{id}/cloud?time=…, refetched when the clock moves by a minute or more): fragments as points
 * coloured by Δv or by age, the parent's orbit as a line. The globe container carries `data-overlay-breakup` = the
 * number of fragments drawn.
 */
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client.ts';
import { cesium, type CesiumNamespace } from '../globe/cesium.ts';
import type { GlobeController } from '../globe/Globe.tsx';
import { colour, markOverlay } from '../globe/overlay.ts';
import { fragmentColour, type BreakupAlertView, type BreakupDetailView, type ColourBy, type FragmentCloudView } from './breakupData.ts';
import { GabbardChart } from './GabbardChart.tsx';

const REFETCH_MS = 60_000;

export function BreakupSection({ api, refreshToken, controller, clockMs }: { api: ApiClient; refreshToken: number; controller: GlobeController | null; clockMs: number | null }) {
  const [alerts, setAlerts] = useState<BreakupAlertView[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [detail, setDetail] = useState<BreakupDetailView | null>(null);
  const [cloud, setCloud] = useState<FragmentCloudView | null>(null);
  const [colourBy, setColourBy] = useState<ColourBy>('deltaV');
  const [error, setError] = useState<string | null>(null);
  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));
  useEffect(() => {
    api.json<{ items: BreakupAlertView[] }>('/api/v1/breakup/alerts?limit=50').then((r) => {
      setAlerts(r.items);
      setSelected((s) => s ?? r.items[0]?.id ?? null);
    }, fail);
  }, [api, refreshToken]);
  useEffect(() => {
    if (selected === null) return;
    api.json<BreakupDetailView>(`/api/v1/breakup/alerts/${selected}`).then(setDetail, fail);
  }, [api, selected]);
  // The cloud at the globe's time, rounded to the minute so the clock's ticks do not refetch it.
  const minute = clockMs === null ? null : Math.floor(clockMs / REFETCH_MS) * REFETCH_MS;
  useEffect(() => {
    if (selected === null) return;
    const q = minute !== null ? `?time=${encodeURIComponent(new Date(minute).toISOString())}` : '';
    api.json<FragmentCloudView>(`/api/v1/breakup/alerts/${selected}/cloud${q}`).then(setCloud, fail);
  }, [api, selected, minute]);
  useEffect(() => {
    if (controller === null || cloud === null) return;
    const C = cesium();
    const viewer = controller.viewer();
    const points = viewer.scene.primitives.add(new C.PointPrimitiveCollection()) as CesiumNamespace.PointPrimitiveCollection;
    const lines = viewer.scene.primitives.add(new C.PolylineCollection()) as CesiumNamespace.PolylineCollection;
    const m = (p: readonly number[]) => new C.Cartesian3(p[0]! * 1000, p[1]! * 1000, p[2]! * 1000);
    for (const f of cloud.fragments) points.add({ position: m(f.positionKm), pixelSize: 5, color: colour(fragmentColour(f, colourBy)), id: `fragment-${f.catalogNumber}` });
    if (cloud.parent !== null) {
      if (cloud.parent.orbitKm.length > 1) lines.add({ positions: cloud.parent.orbitKm.map(m), width: 1.5, material: C.Material.fromType('Color', { color: colour('#ffffff', 0.6) }) });
      if (cloud.parent.positionKm !== null) points.add({ position: m(cloud.parent.positionKm), pixelSize: 9, color: colour('#ffffff'), outlineWidth: 1, id: `parent-${cloud.parent.catalogNumber}` });
    }
    markOverlay(controller, 'breakup', cloud.fragments.length);
    return () => {
      if (!viewer.isDestroyed()) {
        viewer.scene.primitives.remove(points);
        viewer.scene.primitives.remove(lines);
        delete (viewer.container as HTMLElement).dataset['overlayBreakup'];
      }
    };
  }, [controller, cloud, colourBy]);
  return (
    <div className="breakups">
      <h3>Breakups ({alerts.length})</h3>
      {error !== null ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {alerts.length === 0 ? (
        <p className="muted">None (POST new element sets to /api/v1/breakup/detect).</p>
      ) : (
        <>
          <label>
            Breakup{' '}
            <select value={selected ?? ''} onChange={(e) => setSelected(Number(e.target.value))}>
              {alerts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.parentCatalogNumber ?? 'unknown parent'} at {a.epoch}: {a.fragmentCount} fragments
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            Colour by{' '}
            <select value={colourBy} onChange={(e) => setColourBy(e.target.value as ColourBy)}>
              <option value="deltaV">Δv from the parent (1 → 1000 m/s, blue → red)</option>
              <option value="age">age (0 → 72 h, yellow → purple)</option>
            </select>
          </label>
          {cloud !== null ? (
            <p className="muted" data-testid="fragment-cloud">
              {cloud.fragments.length} fragments drawn at {cloud.time}
              {cloud.parent !== null ? `, parent ${cloud.parent.catalogNumber} and its orbit in white` : ''}
            </p>
          ) : null}
          {detail !== null && detail.detection.gabbard.length > 0 ? <GabbardChart points={detail.detection.gabbard} /> : null}
        </>
      )}
    </div>
  );
}
