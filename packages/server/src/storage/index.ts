/** Storage: kysely over SQLite (better-sqlite3) or PostgreSQL (pg), one schema and one query code for both. */
export * from './schema.ts';
export * from './migrations.ts';
export * from './database.ts';
export * from './catalog.ts';
export * from './tenants.ts';
export * from './operatorData.ts';
export * from './tenantAdmin.ts';
export * from './satcat.ts';
export * from './eventColumns.ts';
