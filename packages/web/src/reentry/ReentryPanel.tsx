/**
 * Reentry watch table (objects predicted to reenter within 30 days: predicted epoch and window) and the
 * disposal-compliance summary of the tenant's first fleet. Selecting a row draws its prediction's ground track over
 * the window on the globe (overlay `reentry`: the track highlighted, the nominal point marked, window start and end
 * labelled) and in a 2-D fallback map under the table.
 */
import { useEffect, useState } from 'react';
import type { ApiClient, FleetView } from '../api/client.ts';
import { formatUtc } from '../app/format.ts';
import { cesium } from '../globe/cesium.ts';
import type { GlobeController } from '../globe/Globe.tsx';
import { colour, markOverlay, useOverlay } from '../globe/overlay.ts';
import { flatDegreesHeights, highlightAroundNominal, reentryTrackView, svgPoint, svgTrackPaths, type GroundTrackGeoJson, type ReentryTrackView } from './layer.ts';

interface ReentryItem {
  readonly object: number;
  readonly name: string | null;
  readonly predictedEpoch: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly predictor: string;
  readonly hasGroundTrack?: boolean;
}

interface ComplianceSummary {
  readonly objects: number;
  readonly compliant25: number;
  readonly compliant5: number;
  readonly activeDisposalOnly: number;
  readonly totalDeltaV25Mps: number;
}

export interface ReentryPanelProps {
  readonly api: ApiClient;
  readonly fleets: readonly FleetView[];
  /** The globe, for the map layer (null: the 2-D fallback only). */
  readonly controller?: GlobeController | null;
}

const TRACK = '#ffab40';
const NOMINAL = '#ff5252';

/** Draws a reentry track view into the `reentry` overlay and publishes what was drawn on the globe container. */
function useReentryLayer(controller: GlobeController | null, view: ReentryTrackView | null): void {
  const layer = useOverlay(controller, 'reentry');
  useEffect(() => {
    if (layer === null || controller === null) return;
    const C = cesium();
    const E = layer.entities;
    E.suspendEvents();
    E.removeAll();
    const container = controller.viewer().container as HTMLElement;
    delete container.dataset['reentryNominal'];
    delete container.dataset['reentryWindowLines'];
    if (view !== null) {
      // The window's track thin, the stretch around the nominal reentry (±45 min) highlighted; drawn above the surface.
      for (const line of view.lines) E.add({ name: 'window-track', polyline: { positions: C.Cartesian3.fromDegreesArrayHeights(flatDegreesHeights(line, 15_000)), width: 1.5, material: colour(TRACK, 0.55) } });
      for (const line of highlightAroundNominal(view)) {
        E.add({ name: 'nominal-stretch', polyline: { positions: C.Cartesian3.fromDegreesArrayHeights(flatDegreesHeights(line, 25_000)), width: 7, material: new C.PolylineGlowMaterialProperty({ color: colour(NOMINAL), glowPower: 0.3 }) } });
      }
      container.dataset['reentryWindowLines'] = String(E.values.filter((x) => x.name === 'window-track').length);
      const label = (text: string, css: string) => ({ text, font: '12px sans-serif', fillColor: colour(css), outlineColor: colour('#000000'), outlineWidth: 2, style: C.LabelStyle.FILL_AND_OUTLINE, pixelOffset: new C.Cartesian2(0, -16) });
      if (view.start !== null) E.add({ position: C.Cartesian3.fromDegrees(view.start.lonDeg, view.start.latDeg), point: { pixelSize: 7, color: colour(TRACK) }, label: label(`window start ${view.start.iso?.slice(0, 16) ?? ''}Z`, TRACK) });
      if (view.end !== null) E.add({ position: C.Cartesian3.fromDegrees(view.end.lonDeg, view.end.latDeg), point: { pixelSize: 7, color: colour(TRACK) }, label: label(`window end ${view.end.iso?.slice(0, 16) ?? ''}Z`, TRACK) });
      if (view.nominal !== null) {
        const n = view.nominal;
        const entity = E.add({ position: C.Cartesian3.fromDegrees(n.lonDeg, n.latDeg), point: { pixelSize: 12, color: colour(NOMINAL), outlineColor: colour('#ffffff'), outlineWidth: 2 }, label: label(`predicted reentry ${n.iso?.slice(0, 16) ?? ''}Z`, NOMINAL) });
        // What Cesium holds, back in degrees (read by the end-to-end test against the API's GeoJSON).
        const at = entity.position?.getValue(C.JulianDate.now());
        if (at !== undefined) {
          const g = C.Cartographic.fromCartesian(at);
          container.dataset['reentryNominal'] = `${C.Math.toDegrees(g.longitude).toFixed(5)},${C.Math.toDegrees(g.latitude).toFixed(5)}`;
        }
        controller.viewer().camera.flyTo({ destination: C.Cartesian3.fromDegrees(n.lonDeg, n.latDeg, 9_000_000), duration: 1.2 });
      }
    }
    E.resumeEvents();
    markOverlay(controller, 'reentry', E.values.length);
  }, [layer, controller, view]);
}

/** The 2-D fallback: the same track on an equirectangular outline (graticule every 30°). */
function FallbackMap({ view }: { readonly view: ReentryTrackView }) {
  const grid = [];
  for (let lon = -150; lon <= 150; lon += 30) grid.push(<line key={`m${lon}`} x1={lon + 180} y1={0} x2={lon + 180} y2={180} />);
  for (let lat = -60; lat <= 60; lat += 30) grid.push(<line key={`p${lat}`} x1={0} y1={90 - lat} x2={360} y2={90 - lat} />);
  const mark = (p: { lonDeg: number; latDeg: number } | null, r: number, fill: string, title: string) => {
    if (p === null) return null;
    const { x, y } = svgPoint(p);
    return (
      <circle cx={x} cy={y} r={r} fill={fill}>
        <title>{title}</title>
      </circle>
    );
  };
  return (
    <svg data-testid="reentry-map-2d" viewBox="0 0 360 180" role="img" aria-label="Reentry ground track (2-D)" style={{ width: '100%', background: '#0b1620', border: '1px solid #2a3a48' }}>
      <g stroke="#22313f" strokeWidth={0.4}>{grid}</g>
      {svgTrackPaths(view).map((d, k) => (
        <path key={k} d={d} fill="none" stroke={TRACK} strokeOpacity={0.6} strokeWidth={0.6} />
      ))}
      {svgTrackPaths({ ...view, lines: highlightAroundNominal(view) }).map((d, k) => (
        <path key={`h${k}`} data-kind="nominal-stretch" d={d} fill="none" stroke={NOMINAL} strokeWidth={2} />
      ))}
      {mark(view.start, 2, TRACK, `window start ${view.start?.iso ?? ''}`)}
      {mark(view.end, 2, TRACK, `window end ${view.end?.iso ?? ''}`)}
      {mark(view.nominal, 3, NOMINAL, `predicted reentry ${view.nominal?.iso ?? ''}`)}
    </svg>
  );
}

export function ReentryPanel(props: ReentryPanelProps) {
  const [items, setItems] = useState<readonly ReentryItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<ComplianceSummary | null>(null);
  const fleet = props.fleets.find((f) => f.members.length > 0);
  const [selected, setSelected] = useState<number | null>(null);
  const [track, setTrack] = useState<ReentryTrackView | null>(null);
  const [trackNote, setTrackNote] = useState<string | null>(null);
  useReentryLayer(props.controller ?? null, track);
  useEffect(() => {
    setTrack(null);
    setTrackNote(null);
    if (selected === null) return;
    let live = true;
    props.api
      .json<GroundTrackGeoJson>(`/api/v1/reentries/${selected}/ground-track`)
      .then((fc) => live && setTrack(reentryTrackView(fc)))
      .catch((e: unknown) => live && setTrackNote(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [props.api, selected]);
  useEffect(() => {
    let live = true;
    props.api
      .json<{ items: ReentryItem[] }>('/api/v1/reentries')
      .then((r) => live && setItems(r.items))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    if (fleet !== undefined) {
      props.api
        .json<{ summary: ComplianceSummary | null }>(`/api/v1/compliance?fleetId=${fleet.id}`)
        .then((r) => live && setSummary(r.summary))
        .catch(() => live && setSummary(null));
    }
    return () => {
      live = false;
    };
  }, [props.api, fleet]);
  return (
    <div data-testid="reentries">
      {error !== null ? (
        <p className="error" role="alert">
          Reentry watch unavailable: {error}
        </p>
      ) : items === null ? (
        <p className="muted">Loading reentry predictions…</p>
      ) : items.length === 0 ? (
        <p className="empty">No object is predicted to reenter within 30 days.</p>
      ) : (
        <table aria-label="Predicted reentries">
          <thead>
            <tr>
              <th>object</th>
              <th>predicted (UTC)</th>
              <th>window</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.object} aria-selected={selected === r.object} className={selected === r.object ? 'selected' : undefined}>
                <td>
                  <button type="button" title="Show the ground track over the window on the map" onClick={() => setSelected(selected === r.object ? null : r.object)}>
                    #{r.object} {r.name ?? ''}
                  </button>
                </td>
                <td>{formatUtc(Date.parse(r.predictedEpoch))}</td>
                <td className="muted">
                  {formatUtc(Date.parse(r.windowStart))} – {formatUtc(Date.parse(r.windowEnd))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {selected !== null ? (
        <div data-testid="reentry-track">
          {track !== null ? (
            <>
              <p className="muted">
                #{selected}: ground track over the {track.confidence !== null ? `${Math.round(track.confidence * 100)} % ` : ''}window ({track.lines.length} segment{track.lines.length === 1 ? '' : 's'}){track.nominal !== null ? `; predicted reentry near ${track.nominal.latDeg.toFixed(1)}°, ${track.nominal.lonDeg.toFixed(1)}°` : ''}.
              </p>
              <FallbackMap view={track} />
            </>
          ) : trackNote !== null ? (
            <p className="muted">No ground track for #{selected}: {trackNote}</p>
          ) : (
            <p className="muted">Loading the ground track…</p>
          )}
        </div>
      ) : null}
      {fleet !== undefined && summary !== null ? (
        <p data-testid="compliance-summary">
          Fleet {fleet.name}: {summary.compliant25}/{summary.objects} meet the 25-year rule, {summary.compliant5}/{summary.objects} the 5-year rule; {summary.activeDisposalOnly} need active disposal; Δv to comply (25 yr) {summary.totalDeltaV25Mps.toFixed(0)} m/s in all.
        </p>
      ) : null}
    </div>
  );
}
