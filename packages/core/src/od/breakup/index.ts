/** Fragmentations: the NASA standard breakup model, simulated breakups as element sets, breakup detection, Gabbard diagrams. */
export * from './nasaStandardBreakupModel.ts';
export { gabbardDiagram, type GabbardPoint } from './orbitElements.ts';
export * from './simulateBreakup.ts';
export * from './detectBreakup.ts';
