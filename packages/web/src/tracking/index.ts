/** The dashboard's Tracking panel: observations per station, OD job residual plots, uncorrelated tracks. */
export * from './trackingData.ts';
export { TrackingPanel } from './TrackingPanel.tsx';
export * from './breakupData.ts';
