/**
 * First-run seeding of the embedded default: the bundled catalog snapshot as the shared public catalog (owned by a
 * catalog-publisher tenant), a demo tenant with a demo fleet (the crewed stations and a slice of a constellation)
 * and a fresh demo API key on every start (earlier start-up demo keys are revoked: a key is shown only once).
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { readSatcatCsv, type TimeScales } from '@skylane/core';
import { storeSatcat } from './storage/satcat.ts';
import type { Store } from './storage/database.ts';
import { ingestElementSets, nowIso } from './storage/catalog.ts';
import { createApiKey, createTenant, type CreatedKey } from './storage/tenants.ts';

/** The catalog snapshot shipped in the repository (CelesTrak data, see data/catalog/PROVENANCE.md). */
export const BUNDLED_CATALOG_PATH = fileURLToPath(new URL('../../../data/catalog/socrates-catalog-gp-2026-03-10.json.gz', import.meta.url));

export const CATALOG_TENANT = 'skylane-catalog';
export const DEMO_TENANT = 'demo';
export const DEMO_FLEET = 'demo-fleet';
const DEMO_KEY_LABEL = 'demo key (printed at start-up)';

/**
 * Where a CelesTrak SATCAT is looked for at seed time (satcat.csv or satcat.csv.gz beside the bundled catalog): none
 * ships (no redistributable copy could be brought in, see data/catalog/PROVENANCE.md); drop CelesTrak's file there, or
 * upload it with POST /api/v1/satcat, for object types and owners.
 */
export const SATCAT_PATHS = ['satcat.csv', 'satcat.csv.gz'].map((n) => fileURLToPath(new URL(`../../../data/catalog/${n}`, import.meta.url)));

/** Loads the first SATCAT file of `paths` that exists into an empty SATCAT table; returns the rows stored. */
export async function seedSatcat(store: Store, paths: readonly string[] = SATCAT_PATHS): Promise<number> {
  const path = paths.find((p) => fs.existsSync(p));
  if (path === undefined) return 0;
  const any = await store.db.selectFrom('satcat').select('catalog_number').limit(1).execute();
  if (any.length > 0) return 0;
  const raw = fs.readFileSync(path);
  const text = path.endsWith('.gz') ? zlib.gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  return storeSatcat(store.db, readSatcatCsv(text).records, new Date());
}

/** The bundled snapshot as text (OMM JSON). */
export function readBundledCatalog(): string {
  return zlib.gunzipSync(fs.readFileSync(BUNDLED_CATALOG_PATH)).toString('utf8');
}

export interface SeedResult {
  readonly seededCatalog: number;
  readonly demoKey: CreatedKey;
  readonly demoTenantId: number;
  readonly demoFleetId: number;
  readonly fleetMembers: readonly number[];
}

export async function seedDemo(store: Store, ts: TimeScales, opts: { catalogText?: string } = {}): Promise<SeedResult> {
  const db = store.db;
  let seededCatalog = 0;
  let publisher = await db.selectFrom('tenants').selectAll().where('name', '=', CATALOG_TENANT).executeTakeFirst();
  if (publisher === undefined) publisher = await createTenant(db, CATALOG_TENANT, { catalogPublisher: true });
  const hasCatalog = await db.selectFrom('element_sets').select('id').where('tenant_id', 'is', null).limit(1).executeTakeFirst();
  if (hasCatalog === undefined) {
    const r = await ingestElementSets(db, { tenantId: publisher.id, visibility: 'public', text: opts.catalogText ?? readBundledCatalog(), format: 'auto', name: 'socrates-catalog-gp-2026-03-10.json', timeScales: ts });
    seededCatalog = r.accepted;
  }
  await seedSatcat(store);
  let demo = await db.selectFrom('tenants').selectAll().where('name', '=', DEMO_TENANT).executeTakeFirst();
  if (demo === undefined) demo = await createTenant(db, DEMO_TENANT);
  let fleet = await db.selectFrom('fleets').selectAll().where('tenant_id', '=', demo.id).where('name', '=', DEMO_FLEET).executeTakeFirst();
  if (fleet === undefined) {
    fleet = await db.insertInto('fleets').values({ tenant_id: demo.id, name: DEMO_FLEET, created_at: nowIso() }).returningAll().executeTakeFirstOrThrow();
    // Crewed stations (ISS, Tiangong) and the first objects of a mega-constellation, when the catalog holds them.
    const stations = await db.selectFrom('element_sets').select('catalog_number').distinct().where('tenant_id', 'is', null).where('catalog_number', 'in', [25544, 48274]).execute();
    const constellation = await db
      .selectFrom('element_sets')
      .select('catalog_number')
      .distinct()
      .where('tenant_id', 'is', null)
      .where((eb) => eb.or([eb('object_name', 'like', 'QIANFAN%'), eb('object_name', 'like', 'STARLINK%')]))
      .orderBy('catalog_number')
      .limit(20)
      .execute();
    const members = [...new Set([...stations, ...constellation].map((r) => r.catalog_number))];
    if (members.length > 0) await db.insertInto('fleet_members').values(members.map((c) => ({ fleet_id: fleet!.id, catalog_number: c, added_at: nowIso() }))).execute();
  }
  await db.updateTable('api_keys').set({ revoked_at: nowIso() }).where('tenant_id', '=', demo.id).where('label', '=', DEMO_KEY_LABEL).where('revoked_at', 'is', null).execute();
  const demoKey = await createApiKey(db, demo.id, 'admin', DEMO_KEY_LABEL);
  const fleetMembers = (await db.selectFrom('fleet_members').select('catalog_number').where('fleet_id', '=', fleet.id).orderBy('catalog_number').execute()).map((r) => r.catalog_number);
  return { seededCatalog, demoKey, demoTenantId: demo.id, demoFleetId: fleet.id, fleetMembers };
}
