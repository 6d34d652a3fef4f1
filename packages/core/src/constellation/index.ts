/** Constellation design (Walker, custom planes, shell checks), coverage statistics and deployment-campaign planning. */
export * from './j2.ts';
export * from './design.ts';
export * from './fromCatalog.ts';
export * from './crossings.ts';
export * from './coverage.ts';
export * from './deployment/index.ts';
