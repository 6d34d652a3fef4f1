/** NRLMSISE-00 neutral-atmosphere model (Picone et al. 2002): the model itself and its AtmosphereModel adapter. */
export * from './nrlmsise00.ts';
export * from './atmosphere.ts';
