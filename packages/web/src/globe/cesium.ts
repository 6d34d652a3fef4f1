/**
 * Cesium as loaded by index.html from /cesium/Cesium.js (served by @skylane/server from the cesium package's
 * prebuilt distribution), typed by the package's declarations. Offline: no Ion token, the bundled NaturalEarthII
 * imagery as the only base layer, the ellipsoid as terrain.
 */
import type * as CesiumNamespace from 'cesium';

declare global {
  interface Window {
    Cesium: typeof CesiumNamespace;
  }
}

export type { CesiumNamespace };

export function cesium(): typeof CesiumNamespace {
  if (window.Cesium === undefined) throw new Error('Cesium did not load from /cesium/Cesium.js');
  return window.Cesium;
}

/** A Viewer with no network dependency: bundled imagery, no Ion, no geocoder, no base-layer picker, no widgets. */
export function createOfflineViewer(container: HTMLElement): CesiumNamespace.Viewer {
  const C = cesium();
  C.Ion.defaultAccessToken = '';
  const viewer = new C.Viewer(container, {
    baseLayer: C.ImageryLayer.fromProviderAsync(C.TileMapServiceImageryProvider.fromUrl(C.buildModuleUrl('Assets/Textures/NaturalEarthII'))),
    terrainProvider: new C.EllipsoidTerrainProvider(),
    baseLayerPicker: false,
    geocoder: false,
    homeButton: false,
    sceneModePicker: false,
    navigationHelpButton: false,
    animation: false,
    timeline: false,
    fullscreenButton: false,
    infoBox: false,
    selectionIndicator: false,
    projectionPicker: false,
    vrButton: false,
    // Points and lines need no multisampling; without it software WebGL (SwiftShader, CI) renders far faster.
    msaaSamples: 1,
  });
  viewer.scene.globe.enableLighting = false;
  viewer.scene.fog.enabled = false;
  viewer.scene.highDynamicRange = false;
  viewer.scene.postProcessStages.fxaa.enabled = false;
  viewer.clock.clockStep = C.ClockStep.SYSTEM_CLOCK_MULTIPLIER;
  viewer.clock.clockRange = C.ClockRange.UNBOUNDED;
  return viewer;
}
