/** The launch-site network: launch sites and pads, sea-launch points, land landing zones, maritime recovery areas and recovery bases, with sources and documented azimuth/overflight assumptions. The one source of site data for every module. */
export * from './network.ts';
