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
  // An operations view: no atmosphere (it tints the imagery, and under software WebGL it is most of a frame:
  // 626 → 165 ms per frame measured in headless Chromium with SwiftShader).
  if (viewer.scene.skyAtmosphere !== undefined) viewer.scene.skyAtmosphere.show = false;
  viewer.scene.globe.showGroundAtmosphere = false;
  if (isSoftwareRenderer(viewer.scene.canvas)) {
    // Software WebGL (no GPU, e.g. CI): drop the star box, sun and moon as well (a further 165 → 73 ms per frame).
    if (viewer.scene.skyBox !== undefined) (viewer.scene.skyBox as unknown as { show: boolean }).show = false;
    if (viewer.scene.sun !== undefined) viewer.scene.sun.show = false;
    if (viewer.scene.moon !== undefined) viewer.scene.moon.show = false;
  }
  viewer.scene.fog.enabled = false;
  viewer.scene.highDynamicRange = false;
  viewer.scene.postProcessStages.fxaa.enabled = false;
  viewer.clock.clockStep = C.ClockStep.SYSTEM_CLOCK_MULTIPLIER;
  viewer.clock.clockRange = C.ClockRange.UNBOUNDED;
  return viewer;
}

/** Whether the page renders with a software WebGL implementation (SwiftShader, llvmpipe): no GPU. */
export function isSoftwareRenderer(canvas: HTMLCanvasElement): boolean {
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (gl === null) return false;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(info !== null ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  return /swiftshader|llvmpipe|software/i.test(renderer);
}
