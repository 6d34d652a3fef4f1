/** Atmosphere models for drag: exponential (Vallado), NRLMSISE-00 and JB2008, and the space-weather inputs they read. */
export * from './exponential.ts';
export * from './nrlmsise00/index.ts';
export * from './spaceWeather/index.ts';
export * from './jb2008/index.ts';
