/**
 * Constellation panel and globe layer: a design (Walker T/P/F form, or an OMM JSON design file) drawn as plane rings and
 * satellites, its coverage (POST /api/v1/constellations/coverage) as a coloured latitude/longitude layer, and its
 * deployment campaign (POST /api/v1/constellations/deployment-plan) as a Gantt-like chart plus an animation on the
 * globe driven by the clock controls: satellites appear at launch, drift at the insertion altitude, rise and take
 * their slots (constellation/layer.ts).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, type ApiClient } from '../api/client.ts';
import { cesium, type CesiumNamespace } from '../globe/cesium.ts';
import type { GlobeController } from '../globe/Globe.tsx';
import { colour, markOverlay, useOverlay } from '../globe/overlay.ts';
import { CampaignChart } from './CampaignChart.tsx';
import { campaignState, coverageCells, planesOf, planeRingKm, satellitesFromOmm, satellitesInServiceAt, slotEcefKm, type CampaignPlan, type CoverageGrid, type DesignSatellite } from './layer.ts';

const PLANE_COLORS = ['#4fc3f7', '#81c784', '#ffb74d', '#ba68c8', '#e57373', '#4db6ac', '#fff176', '#90a4ae'];
const UPDATE_MS = 250;

interface CoverageView extends CoverageGrid {
  readonly maxRevisitGapS: number;
  readonly meanSatellitesInView: number;
}

export interface ConstellationPanelProps {
  readonly api: ApiClient;
  readonly controller: GlobeController | null;
  readonly clockMs: number;
  readonly onUnauthorized: (e: unknown) => void;
}

export function ConstellationPanel({ api, controller, clockMs, onUnauthorized }: ConstellationPanelProps) {
  const [walker, setWalker] = useState('36/6/1');
  const [altitudeKm, setAltitudeKm] = useState(1068.5);
  const [inclinationDeg, setInclinationDeg] = useState(53);
  const [elements, setElements] = useState<Record<string, unknown>[] | null>(null);
  const [source, setSource] = useState<'walker' | 'file'>('walker');
  const [checks, setChecks] = useState<string | null>(null);
  const [coverage, setCoverage] = useState<CoverageView | null>(null);
  const [plan, setPlan] = useState<CampaignPlan | null>(null);
  const [animate, setAnimate] = useState(true);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const coverageLayer = useOverlay(controller, 'coverage');
  const sats = useMemo(() => (elements === null ? [] : satellitesFromOmm(elements)), [elements]);
  const epochIso = () => new Date(Math.floor(clockMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');

  const fail = (e: unknown) => {
    setBusy(null);
    if (e instanceof ApiError && e.status === 401) onUnauthorized(e);
    else setError(e instanceof Error ? e.message : String(e));
  };
  const shellBody = (): Record<string, unknown> => {
    if (source === 'file' && elements !== null) return { elements };
    const m = /^\s*(\d+)\s*\/\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(walker);
    if (m === null) throw new Error(`Walker pattern "${walker}" is not T/P/F (e.g. 36/6/1).`);
    return { shells: [{ kind: 'walker-delta', totalSatellites: Number(m[1]), planes: Number(m[2]), phasing: Number(m[3]), altitudeKm, inclinationDeg }], epoch: epochIso() };
  };

  const design = () => {
    setError(null);
    setBusy('designing…');
    setPlan(null);
    setCoverage(null);
    let body: Record<string, unknown>;
    try {
      body = shellBody();
    } catch (e) {
      fail(e);
      return;
    }
    api
      .json<{ satellites: number; elements: Record<string, unknown>[]; checks: { minDistanceKm: number | null; planePairs?: unknown[] }[] }>('/api/v1/constellations/design', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then((r) => {
        setElements(r.elements);
        setSource('walker');
        setChecks(r.checks.map((c, k) => `shell ${k + 1}: closest inter-plane approach ${c.minDistanceKm === null ? '—' : `${c.minDistanceKm.toFixed(1)} km`}${c.planePairs !== undefined && c.planePairs.length > 0 ? `, ${c.planePairs.length} plane pairs under 10 km` : ''}`).join('; '));
        setBusy(null);
      }, fail);
  };

  const loadFile = (file: File) => {
    setError(null);
    file.text().then((text) => {
      const parsed = JSON.parse(text) as unknown;
      if (!Array.isArray(parsed) || parsed.length === 0) throw new Error(`${file.name} is not an OMM JSON array (write one with 'skylane constellation design --out F.json').`);
      setElements(parsed as Record<string, unknown>[]);
      setSource('file');
      setPlan(null);
      setCoverage(null);
      setChecks(`${parsed.length} element sets from ${file.name}`);
    }).catch(fail);
  };

  const runCoverage = () => {
    setError(null);
    setBusy('computing coverage (1 h, 5° grid)…');
    const body = { ...(source === 'file' && elements !== null ? { elements } : shellBody()), start: epochIso(), hours: 1, minElevationDeg: 10, stepS: 60, gridDeg: 5, cells: true };
    api.json<CoverageView>('/api/v1/constellations/coverage', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => {
      setCoverage(r);
      setBusy(null);
    }, fail);
  };

  const runPlan = () => {
    setError(null);
    setBusy('planning the deployment campaign…');
    const body = { ...(source === 'file' && elements !== null ? { elements } : shellBody()), start: epochIso() };
    api.json<CampaignPlan>('/api/v1/constellations/deployment-plan', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => {
      setPlan(r);
      setBusy(null);
    }, fail);
  };

  // Coverage cells as translucent rectangles.
  useEffect(() => {
    if (coverageLayer === null || controller === null) return;
    const C = cesium();
    coverageLayer.entities.removeAll();
    if (coverage === null) {
      markOverlay(controller, 'coverage', 0);
      return;
    }
    coverageLayer.entities.suspendEvents();
    for (const c of coverageCells(coverage)) {
      coverageLayer.entities.add({ rectangle: { coordinates: C.Rectangle.fromDegrees(c.westDeg, c.southDeg, c.eastDeg, c.northDeg), material: new C.Color(c.rgb[0] / 255, c.rgb[1] / 255, c.rgb[2] / 255, 0.45) } });
    }
    coverageLayer.entities.resumeEvents();
    markOverlay(controller, 'coverage', coverageLayer.entities.values.length);
  }, [coverage, coverageLayer, controller]);

  // Plane rings and satellites (slots, or the campaign's animation), updated from the globe clock.
  const stateRef = useRef({ sats, plan, animate });
  stateRef.current = { sats, plan, animate };
  useEffect(() => {
    if (controller === null || sats.length === 0) return;
    const C = cesium();
    const viewer = controller.viewer();
    const points = viewer.scene.primitives.add(new C.PointPrimitiveCollection()) as CesiumNamespace.PointPrimitiveCollection;
    const rings = viewer.scene.primitives.add(new C.PolylineCollection()) as CesiumNamespace.PolylineCollection;
    const planes = planesOf(sats);
    const planeOf = new Map<number, number>();
    planes.forEach((p, k) => p.satellites.forEach((s) => planeOf.set(s.catalogNumber, k)));
    const pts = sats.map((s) => points.add({ position: C.Cartesian3.ZERO, pixelSize: 5, color: colour(PLANE_COLORS[planeOf.get(s.catalogNumber)! % PLANE_COLORS.length]!), id: `sat-${s.catalogNumber}` }));
    const ringLines = planes.map((_, k) => rings.add({ positions: [C.Cartesian3.ZERO, C.Cartesian3.UNIT_X], width: 1, material: C.Material.fromType('Color', { color: colour(PLANE_COLORS[k % PLANE_COLORS.length]!, 0.5) }) }));
    const launchOf = new Map<number, NonNullable<CampaignPlan>['launches'][number]>();
    let last = -Infinity;
    const m = (p: readonly number[]) => new C.Cartesian3(p[0]! * 1000, p[1]! * 1000, p[2]! * 1000);
    const update = (force: boolean) => {
      const now = performance.now();
      if (!force && now - last < UPDATE_MS) return;
      last = now;
      const tMs = C.JulianDate.toDate(viewer.clock.currentTime).getTime();
      const { plan: p, animate: anim } = stateRef.current;
      launchOf.clear();
      if (p !== null && anim) for (const l of p.launches) for (const c of l.catalogNumbers) launchOf.set(c, l);
      let shown = 0;
      sats.forEach((s: DesignSatellite, i) => {
        const l = launchOf.get(s.catalogNumber);
        const st = l === undefined ? (p !== null && anim ? { phase: 'pending' as const } : { phase: 'in-slot' as const, positionKm: slotEcefKm(s, tMs) }) : campaignState(l, s, tMs);
        const pt = pts[i]!;
        if (st.positionKm === undefined) {
          pt.show = false;
          return;
        }
        pt.show = true;
        pt.position = m(st.positionKm);
        pt.pixelSize = st.phase === 'in-slot' ? 5 : 4;
        pt.outlineWidth = st.phase === 'in-slot' ? 0 : 1;
        shown++;
      });
      planes.forEach((pl, k) => {
        ringLines[k]!.positions = planeRingKm(pl, tMs).map(m);
      });
      (viewer.container as HTMLElement).dataset['overlayConstellation'] = String(shown);
    };
    const remove = viewer.clock.onTick.addEventListener(() => update(false));
    update(true);
    return () => {
      remove();
      if (!viewer.isDestroyed()) {
        viewer.scene.primitives.remove(points);
        viewer.scene.primitives.remove(rings);
        delete (viewer.container as HTMLElement).dataset['overlayConstellation'];
      }
    };
  }, [controller, sats]);

  const firstLaunchMs = plan === null || plan.launches.length === 0 ? null : Math.min(...plan.launches.map((l) => Date.parse(l.epoch)));
  const total = plan?.timeline.at(-1)?.satellitesInService ?? 0;

  return (
    <section className="panel constellation" aria-label="Constellation design, coverage and deployment">
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          design();
        }}
      >
        <label>
          Walker T/P/F <input value={walker} onChange={(e) => setWalker(e.target.value)} style={{ width: 80 }} aria-label="Walker T/P/F" />
        </label>
        <label>
          alt km <input type="number" step="any" value={altitudeKm} onChange={(e) => setAltitudeKm(Number(e.target.value))} style={{ width: 72 }} />
        </label>
        <label>
          inc ° <input type="number" step="any" value={inclinationDeg} onChange={(e) => setInclinationDeg(Number(e.target.value))} style={{ width: 60 }} />
        </label>
        <button type="submit" disabled={busy !== null}>
          Design
        </button>
        <label title="an OMM JSON design, e.g. from 'skylane constellation design --out F.json'">
          or load <input type="file" accept=".json,application/json" onChange={(e) => e.target.files?.[0] !== undefined && loadFile(e.target.files[0])} />
        </label>
      </form>
      <p className="muted">The design epoch and the campaign start are the globe clock's time ({epochIso()}).</p>
      {checks !== null ? <p data-testid="constellation-summary">{sats.length} satellites in {planesOf(sats).length} planes. {checks}</p> : null}
      {sats.length > 0 ? (
        <div className="row">
          <button type="button" disabled={busy !== null} onClick={runCoverage}>
            Coverage
          </button>
          <button type="button" disabled={busy !== null} onClick={runPlan}>
            Plan deployment
          </button>
          {coverage !== null ? (
            <button type="button" onClick={() => setCoverage(null)}>
              Hide coverage
            </button>
          ) : null}
        </div>
      ) : null}
      {busy !== null ? <p className="muted">{busy}</p> : null}
      {error !== null ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {coverage !== null ? (
        <p data-testid="coverage-summary">
          Coverage (min elevation 10°, 1 h, 5° cells, layer on the globe: dark = never, yellow = always): {(coverage.coverageFraction * 100).toFixed(2)} % of the area-time, mean {coverage.meanSatellitesInView.toFixed(2)} satellites in view, longest revisit gap {coverage.maxRevisitGapS} s.
        </p>
      ) : null}
      {plan !== null ? (
        <>
          <p data-testid="campaign-summary">
            {plan.launchCount} launches; initial service {plan.initialServiceEpoch}, full service {plan.fullServiceEpoch}; total Δv {Math.round(plan.totalDvMps)} m/s. In service at the clock: {satellitesInServiceAt(plan.timeline, clockMs)} / {total}.
          </p>
          <div className="row">
            <label>
              <input type="checkbox" checked={animate} onChange={(e) => setAnimate(e.target.checked)} /> animate the campaign on the globe
            </label>
            {firstLaunchMs !== null && controller !== null ? (
              <button
                type="button"
                onClick={() => {
                  controller.setTime(firstLaunchMs - 86_400_000);
                  controller.setSpeed(86_400);
                  controller.setPlaying(true);
                }}
              >
                Play from the first launch (1 day/s)
              </button>
            ) : null}
          </div>
          <CampaignChart plan={plan} clockMs={clockMs} />
        </>
      ) : null}
    </section>
  );
}
