/** Jacchia–Bowman 2008 thermospheric density: the model, SET's SOLFSMY/DTCFILE readers and index look-up, and the AtmosphereModel. */
export * from './model.ts';
export * from './readers.ts';
export * from './indices.ts';
export * from './atmosphere.ts';
