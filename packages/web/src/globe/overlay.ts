/**
 * Operations overlays on the globe: each panel (constellation, launch) draws into its own Cesium CustomDataSource,
 * removed when the panel closes. The globe's container carries `data-overlay-<name>` = the overlay's entity count
 * (read by the end-to-end test).
 */
import { useEffect, useState } from 'react';
import { cesium, type CesiumNamespace } from './cesium.ts';
import type { GlobeController } from './Globe.tsx';

export function useOverlay(controller: GlobeController | null, name: string): CesiumNamespace.CustomDataSource | null {
  const [source, setSource] = useState<CesiumNamespace.CustomDataSource | null>(null);
  useEffect(() => {
    if (controller === null) return;
    const C = cesium();
    const viewer = controller.viewer();
    const ds = new C.CustomDataSource(name);
    void viewer.dataSources.add(ds);
    setSource(ds);
    return () => {
      setSource(null);
      if (!viewer.isDestroyed()) void viewer.dataSources.remove(ds, true);
      delete (viewer.container as HTMLElement).dataset[overlayKey(name)];
    };
  }, [controller, name]);
  return source;
}

function overlayKey(name: string): string {
  return `overlay${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

/** Publishes an overlay's entity count on the globe container (data-overlay-<name>). */
export function markOverlay(controller: GlobeController, name: string, count: number): void {
  (controller.viewer().container as HTMLElement).dataset[overlayKey(name)] = String(count);
}

/** A CSS colour as a Cesium colour with alpha. */
export function colour(css: string, alpha = 1): CesiumNamespace.Color {
  return cesium().Color.fromCssColorString(css).withAlpha(alpha);
}
