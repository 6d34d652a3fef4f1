/**
 * Tenants (operators), their API keys and fleets. An API key is `sk_<keyId>_<secret>`: the key id is stored in
 * clear to find the row, the 256-bit random secret only as its SHA-256. A fast hash is sufficient here (and a
 * slow password hash would only cost latency) because the secret is random, not a human-chosen password.
 * Verification compares hashes in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, Role, TenantsTable } from './schema.ts';
import { nowIso } from './catalog.ts';

export type TenantRow = Selectable<TenantsTable>;

/** Default alert thresholds (issue 5): red Pc ≥ 1e-4; yellow Pc ≥ 1e-7 or miss distance < 1 km. */
export const DEFAULT_THRESHOLDS = { redPc: 1e-4, yellowPc: 1e-7, yellowMissKm: 1 } as const;

export const ROLES: readonly Role[] = ['viewer', 'operator', 'admin'];

export interface Principal {
  readonly tenantId: number;
  readonly tenantName: string;
  readonly role: Role;
  readonly apiKeyId: number;
  readonly catalogPublisher: boolean;
}

export interface CreatedKey {
  readonly id: number;
  readonly keyId: string;
  /** The full key; shown once, never stored. */
  readonly apiKey: string;
  readonly role: Role;
  readonly label: string;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export async function createTenant(db: Kysely<Database>, name: string, opts: { catalogPublisher?: boolean } = {}): Promise<TenantRow> {
  return db
    .insertInto('tenants')
    .values({
      name,
      catalog_publisher: opts.catalogPublisher === true ? 1 : 0,
      red_pc: DEFAULT_THRESHOLDS.redPc,
      yellow_pc: DEFAULT_THRESHOLDS.yellowPc,
      yellow_miss_km: DEFAULT_THRESHOLDS.yellowMissKm,
      created_at: nowIso(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function createApiKey(db: Kysely<Database>, tenantId: number, role: Role, label: string): Promise<CreatedKey> {
  const keyId = randomBytes(9).toString('base64url');
  const secret = randomBytes(32).toString('base64url');
  const row = await db
    .insertInto('api_keys')
    .values({ tenant_id: tenantId, key_id: keyId, secret_sha256: sha256Hex(secret), role, label, created_at: nowIso(), revoked_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, keyId, apiKey: `sk_${keyId}_${secret}`, role, label };
}

const KEY_PATTERN = /^sk_([A-Za-z0-9_-]{12})_([A-Za-z0-9_-]{43})$/;

/** The principal of a presented API key, or undefined when it is malformed, unknown, revoked or wrong. */
export async function authenticate(db: Kysely<Database>, presented: string): Promise<Principal | undefined> {
  const m = KEY_PATTERN.exec(presented);
  if (!m) return undefined;
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('tenants', 'tenants.id', 'api_keys.tenant_id')
    .select(['api_keys.id', 'api_keys.tenant_id', 'api_keys.role', 'api_keys.secret_sha256', 'api_keys.revoked_at', 'tenants.name', 'tenants.catalog_publisher'])
    .where('api_keys.key_id', '=', m[1]!)
    .executeTakeFirst();
  if (row === undefined || row.revoked_at !== null) return undefined;
  const expected = Buffer.from(row.secret_sha256, 'hex');
  const actual = createHash('sha256').update(m[2]!).digest();
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
  return { tenantId: row.tenant_id, tenantName: row.name, role: row.role, apiKeyId: row.id, catalogPublisher: row.catalog_publisher === 1 };
}

/** Whether `role` grants at least `needed` (viewer < operator < admin). */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}
