/**
 * The 3D globe: every catalog object as a GPU point (Cesium PointPrimitiveCollection), moved to the clock's time
 * by the propagation worker; colour by object type and by the tenant's fleet; click to select; the selected
 * object's orbit (inertial shape, drawn in the Earth-fixed frame of the current time) and ground track; an
 * event's two tracks around TCA. The container carries `data-object-count` (objects drawn at their propagated
 * position) and `data-catalog-size`.
 */
import { useEffect, useRef } from 'react';
import type { CatalogObject } from './protocol.ts';
import type { CatalogPropagator } from './propagator.ts';
import { cesium, createOfflineViewer, type CesiumNamespace } from './cesium.ts';

/**
 * Fewest wall-clock milliseconds between two catalog updates: about 10 updates a second keep the points smooth at
 * globe scale while leaving the worker's core idle half of the time (on a 2-core machine it shares the CPU with
 * the renderer).
 */
const MIN_UPDATE_INTERVAL_MS = 100;

/** Earth rotation rate (rad/s), for drawing the orbit's inertial shape. */
const EARTH_RATE_RAD_S = 7.292115146706979e-5;

export interface EventFocus {
  readonly object1: number;
  readonly object2: number;
  readonly tcaMs: number;
}

export interface GlobeController {
  timeMs(): number;
  setTime(ms: number): void;
  setPlaying(playing: boolean): void;
  setSpeed(multiplier: number): void;
  flyToObject(catalogNumber: number): void;
  /** The Cesium viewer, for the operations overlays (constellation, launch) that draw their own layers. */
  viewer(): CesiumNamespace.Viewer;
}

export interface GlobeProps {
  readonly propagator: CatalogPropagator;
  readonly objects: readonly CatalogObject[];
  readonly fleetMembers: ReadonlySet<number>;
  readonly initialTimeMs: number;
  readonly selected: number | null;
  readonly focus: EventFocus | null;
  /** Draw the catalog's points (the fleet, selection and tracks stay). */
  readonly showCatalog: boolean;
  /** Objects drawn larger in the highlight colour (e.g. the ADR ranking's top N). */
  readonly highlighted?: ReadonlySet<number>;
  readonly onSelect: (catalogNumber: number | null) => void;
  readonly onReady: (controller: GlobeController) => void;
  /** Called about 4 times a second with the clock state. */
  readonly onClock: (timeMs: number, playing: boolean, speed: number) => void;
  readonly onError: (message: string) => void;
}

export const TYPE_COLORS: Readonly<Record<string, string>> = {
  PAYLOAD: '#4fc3f7',
  'ROCKET BODY': '#ffb74d',
  DEBRIS: '#9e9e9e',
  UNKNOWN: '#e0e0e0',
};
export const FLEET_COLOR = '#76ff03';
export const HIGHLIGHT_COLOR = '#ff40ff';
const SELECTED_COLOR = '#ffeb3b';
const FOCUS_COLORS: readonly string[] = ['#ffeb3b', '#ff4081'];

export function Globe(props: GlobeProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<CesiumNamespace.Viewer | null>(null);
  const pointsRef = useRef<CesiumNamespace.PointPrimitive[]>([]);
  const collectionRef = useRef<CesiumNamespace.PointPrimitiveCollection | null>(null);
  const indexRef = useRef(new Map<number, number>());
  const orbitRef = useRef<{ lines: CesiumNamespace.PolylineCollection; computedAtMs: number; periodS: number } | null>(null);
  const groundRef = useRef<CesiumNamespace.PolylineCollection | null>(null);
  const focusRef = useRef<CesiumNamespace.PolylineCollection | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;

  // Viewer, points and the update loop: once per catalog.
  useEffect(() => {
    const C = cesium();
    const container = containerRef.current!;
    const viewer = createOfflineViewer(container);
    viewerRef.current = viewer;
    const { propagator, objects, initialTimeMs } = propsRef.current;
    viewer.clock.currentTime = C.JulianDate.fromDate(new Date(initialTimeMs));
    viewer.clock.shouldAnimate = true;
    viewer.clock.multiplier = 1;

    // Opaque colours only: one draw pass instead of Cesium's default opaque + translucent pair.
    const collection = viewer.scene.primitives.add(new C.PointPrimitiveCollection({ blendOption: C.BlendOption.OPAQUE })) as CesiumNamespace.PointPrimitiveCollection;
    collectionRef.current = collection;
    collection.show = propsRef.current.showCatalog;
    const points: CesiumNamespace.PointPrimitive[] = [];
    indexRef.current = new Map();
    for (let i = 0; i < objects.length; i++) {
      const o = objects[i]!;
      points.push(collection.add({ position: C.Cartesian3.ZERO, pixelSize: 2, color: C.Color.WHITE, id: o.catalogNumber, show: false }));
      indexRef.current.set(o.catalogNumber, i);
    }
    pointsRef.current = points;
    styleAll();
    container.dataset['catalogSize'] = String(objects.length);
    container.dataset['objectCount'] = '0';

    const orbitLines = viewer.scene.primitives.add(new C.PolylineCollection()) as CesiumNamespace.PolylineCollection;
    orbitRef.current = { lines: orbitLines, computedAtMs: Number.NaN, periodS: 0 };
    groundRef.current = viewer.scene.primitives.add(new C.PolylineCollection()) as CesiumNamespace.PolylineCollection;
    focusRef.current = viewer.scene.primitives.add(new C.PolylineCollection()) as CesiumNamespace.PolylineCollection;

    // Frame statistics for the frame-time benchmark (bench/dashboard.bench.ts reads window.__skylaneFrames).
    const frames: number[] = [];
    (window as unknown as { __skylaneFrames: number[] }).__skylaneFrames = frames;
    const removePostRender = viewer.scene.postRender.addEventListener(() => {
      frames.push(performance.now());
      if (frames.length > 10_000) frames.splice(0, 5_000);
    });

    const scratch = new C.Cartesian3();
    let disposed = false;
    let lastClockReport = 0;
    let lastUpdateRequest = -Infinity;
    const onTick = (clock: CesiumNamespace.Clock): void => {
      const ms = C.JulianDate.toDate(clock.currentTime).getTime();
      const now = performance.now();
      if (now - lastClockReport > 250) {
        lastClockReport = now;
        propsRef.current.onClock(ms, clock.shouldAnimate, clock.multiplier);
      }
      const orbit = orbitRef.current;
      if (orbit !== null && Number.isFinite(orbit.computedAtMs)) {
        C.Matrix4.fromRotationTranslation(C.Matrix3.fromRotationZ((-EARTH_RATE_RAD_S * (ms - orbit.computedAtMs)) / 1000), C.Cartesian3.ZERO, orbit.lines.modelMatrix);
        if (Math.abs(ms - orbit.computedAtMs) / 1000 > orbit.periodS / 4) void refreshSelectionTracks(ms);
      }
      if (!propagator.idle || !collection.show || now - lastUpdateRequest < MIN_UPDATE_INTERVAL_MS) return;
      lastUpdateRequest = now;
      propagator
        .positions(ms)
        .then((frame) => {
          if (disposed) return;
          const pos = frame.positions;
          for (let i = 0; i < points.length; i++) {
            const p = points[i]!;
            const x = pos[i * 3]!;
            if (Number.isNaN(x)) {
              if (p.show) p.show = false;
              continue;
            }
            scratch.x = x;
            scratch.y = pos[i * 3 + 1]!;
            scratch.z = pos[i * 3 + 2]!;
            p.position = scratch;
            if (!p.show) p.show = true;
          }
          container.dataset['objectCount'] = String(frame.propagated);
          container.dataset['propagationMs'] = frame.elapsedMs.toFixed(1);
          propagator.recycle(frame);
        })
        .catch((e: unknown) => propsRef.current.onError(`propagation failed: ${e instanceof Error ? e.message : String(e)}`));
    };
    const removeTick = viewer.clock.onTick.addEventListener(onTick);

    const handler = new C.ScreenSpaceEventHandler(viewer.scene.canvas);
    handler.setInputAction((click: { position: CesiumNamespace.Cartesian2 }) => {
      const picked = viewer.scene.pick(click.position) as { id?: unknown } | undefined;
      propsRef.current.onSelect(picked !== undefined && typeof picked.id === 'number' ? picked.id : null);
    }, C.ScreenSpaceEventType.LEFT_CLICK);

    propsRef.current.onReady({
      timeMs: () => C.JulianDate.toDate(viewer.clock.currentTime).getTime(),
      setTime: (ms) => {
        viewer.clock.currentTime = C.JulianDate.fromDate(new Date(ms));
      },
      setPlaying: (playing) => {
        viewer.clock.shouldAnimate = playing;
      },
      setSpeed: (m) => {
        viewer.clock.multiplier = m;
      },
      flyToObject: (catalogNumber) => {
        // The point already holds the object's last propagated position (hidden when propagation failed).
        const i = indexRef.current.get(catalogNumber);
        const point = i === undefined ? undefined : points[i];
        if (point === undefined || !point.show) return;
        const carto = C.Cartographic.fromCartesian(point.position);
        viewer.camera.flyTo({ destination: C.Cartesian3.fromRadians(carto.longitude, carto.latitude, carto.height + 8_000_000), duration: 1.2 });
      },
      viewer: () => viewer,
    });

    return () => {
      disposed = true;
      removeTick();
      removePostRender();
      handler.destroy();
      viewer.destroy();
      viewerRef.current = null;
      pointsRef.current = [];
    };
  }, [props.objects]);

  /** Colour and size of every point from type, fleet, selection and focus. */
  function styleAll(): void {
    const C = cesium();
    const { objects, fleetMembers, selected, focus, highlighted } = propsRef.current;
    const highlight = C.Color.fromCssColorString(HIGHLIGHT_COLOR);
    const colors = new Map(Object.entries(TYPE_COLORS).map(([k, v]) => [k, C.Color.fromCssColorString(v)]));
    const fleet = C.Color.fromCssColorString(FLEET_COLOR);
    const sel = C.Color.fromCssColorString(SELECTED_COLOR);
    const points = pointsRef.current;
    for (let i = 0; i < points.length; i++) {
      const o = objects[i]!;
      const p = points[i]!;
      const inFleet = fleetMembers.has(o.catalogNumber);
      const focusIndex = focus === null ? -1 : focus.object1 === o.catalogNumber ? 0 : focus.object2 === o.catalogNumber ? 1 : -1;
      if (focusIndex >= 0) {
        p.color = C.Color.fromCssColorString(FOCUS_COLORS[focusIndex]!);
        p.pixelSize = 9;
        p.outlineWidth = 1;
      } else if (o.catalogNumber === selected) {
        p.color = sel;
        p.pixelSize = 9;
        p.outlineWidth = 1;
      } else if (highlighted?.has(o.catalogNumber) === true) {
        p.color = highlight;
        p.pixelSize = 7;
        p.outlineWidth = 0;
      } else {
        p.color = inFleet ? fleet : (colors.get(o.objectType) ?? colors.get('UNKNOWN')!);
        p.pixelSize = inFleet ? 5 : 2;
        p.outlineWidth = 0;
      }
    }
  }

  async function refreshSelectionTracks(nowMs: number): Promise<void> {
    const C = cesium();
    const { selected, objects, propagator } = propsRef.current;
    const orbit = orbitRef.current;
    const ground = groundRef.current;
    if (orbit === null || ground === null) return;
    const index = selected === null ? undefined : indexRef.current.get(selected);
    const o = index === undefined ? undefined : objects[index];
    if (o === undefined) {
      orbit.lines.removeAll();
      ground.removeAll();
      orbit.computedAtMs = Number.NaN;
      return;
    }
    const periodS = 86_400 / o.meanMotionRevPerDay;
    orbit.computedAtMs = nowMs;
    orbit.periodS = periodS;
    const samples = 180;
    const path = await propagator.track(o.catalogNumber, nowMs, periodS / samples, samples + 1);
    const trackStart = nowMs - (periodS / 2) * 1000;
    const ground1 = await propagator.track(o.catalogNumber, trackStart, (1.5 * periodS) / 270, 271);
    if (propsRef.current.selected !== o.catalogNumber) return;
    // Orbit: each sample rotated to the Earth-fixed frame of nowMs (the inertial shape), then held there by the
    // collection's model matrix as the clock advances.
    const orbitPts: CesiumNamespace.Cartesian3[] = [];
    for (let k = 0; k <= samples; k++) {
      const x = path[k * 3]!;
      if (Number.isNaN(x)) continue;
      const a = EARTH_RATE_RAD_S * k * (periodS / samples);
      const y = path[k * 3 + 1]!;
      orbitPts.push(new C.Cartesian3(Math.cos(a) * x - Math.sin(a) * y, Math.sin(a) * x + Math.cos(a) * y, path[k * 3 + 2]!));
    }
    orbit.lines.removeAll();
    if (orbitPts.length > 1) orbit.lines.add({ positions: orbitPts, width: 1.5, material: C.Material.fromType('Color', { color: C.Color.fromCssColorString(SELECTED_COLOR).withAlpha(0.8) }) });
    ground.removeAll();
    for (const segment of segmentsOf(ground1, (p) => C.Ellipsoid.WGS84.scaleToGeodeticSurface(p, new C.Cartesian3()) ?? p)) {
      ground.add({ positions: segment, width: 1.5, material: C.Material.fromType('Color', { color: C.Color.fromCssColorString('#ffffff').withAlpha(0.6) }) });
    }
  }

  useEffect(() => {
    if (collectionRef.current !== null) collectionRef.current.show = props.showCatalog;
  }, [props.showCatalog]);

  // Selection and fleet changes: restyle, redraw the tracks.
  useEffect(() => {
    if (viewerRef.current === null) return;
    styleAll();
    void refreshSelectionTracks(controllerTime()).catch((e: unknown) => props.onError(String(e)));
    if (containerRef.current !== null) containerRef.current.dataset['highlighted'] = String(props.highlighted?.size ?? 0);
  }, [props.selected, props.fleetMembers, props.focus, props.highlighted]);

  function controllerTime(): number {
    const C = cesium();
    return viewerRef.current === null ? propsRef.current.initialTimeMs : C.JulianDate.toDate(viewerRef.current.clock.currentTime).getTime();
  }

  // An event's relative geometry: both tracks ±10 min around TCA, clock moved to TCA − 2 min, camera to the TCA point.
  useEffect(() => {
    const C = cesium();
    const viewer = viewerRef.current;
    const lines = focusRef.current;
    const focus = props.focus;
    if (viewer === null || lines === null) return;
    lines.removeAll();
    if (focus === null) return;
    let cancelled = false;
    const start = focus.tcaMs - 600_000;
    void Promise.all([props.propagator.track(focus.object1, start, 5, 241), props.propagator.track(focus.object2, start, 5, 241)])
      .then(([t1, t2]) => {
        if (cancelled) return;
        [t1, t2].forEach((t, k) => {
          for (const segment of segmentsOf(t, (p) => p)) lines.add({ positions: segment, width: 2, material: C.Material.fromType('Color', { color: C.Color.fromCssColorString(FOCUS_COLORS[k]!) }) });
        });
        const mid = 120 * 3;
        if (!Number.isNaN(t1[mid]!)) {
          const carto = C.Cartographic.fromCartesian(new C.Cartesian3(t1[mid]!, t1[mid + 1]!, t1[mid + 2]!));
          viewer.camera.flyTo({ destination: C.Cartesian3.fromRadians(carto.longitude, carto.latitude, carto.height + 3_000_000), duration: 1.5 });
        }
        viewer.clock.currentTime = C.JulianDate.fromDate(new Date(focus.tcaMs - 120_000));
      })
      .catch((e: unknown) => props.onError(`event tracks: ${e instanceof Error ? e.message : String(e)}`));
    return () => {
      cancelled = true;
    };
  }, [props.focus]);

  return <div ref={containerRef} className="globe" data-testid="globe" aria-label="3D globe of the catalog" role="img" />;
}

/** Splits an Earth-fixed sample array (NaN gaps) into polyline segments, mapping each point. */
function segmentsOf(samples: Float64Array, map: (p: CesiumNamespace.Cartesian3) => CesiumNamespace.Cartesian3): CesiumNamespace.Cartesian3[][] {
  const C = cesium();
  const out: CesiumNamespace.Cartesian3[][] = [];
  let current: CesiumNamespace.Cartesian3[] = [];
  for (let k = 0; k < samples.length / 3; k++) {
    const x = samples[k * 3]!;
    if (Number.isNaN(x)) {
      if (current.length > 1) out.push(current);
      current = [];
      continue;
    }
    current.push(map(new C.Cartesian3(x, samples[k * 3 + 1]!, samples[k * 3 + 2]!)));
  }
  if (current.length > 1) out.push(current);
  return out;
}
