/** Reentry prediction from element-set histories: decay fit, Monte Carlo window, manoeuvre detection, ground track, CCSDS RDM. */
export * from './history.ts';
export * from './maneuvers.ts';
export * from './decay.ts';
export * from './groundTrack.ts';
export * from './predict.ts';
export * from './rdm.ts';
