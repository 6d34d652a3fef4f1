/**
 * Tenant administration: creating a tenant with its first admin key (the operator's CLI and admin API), issuing keys,
 * and revoking a key without ever leaving a tenant with no admin key.
 *
 * The "last admin key" rule is checked and applied in one transaction that first locks the tenant's row on
 * PostgreSQL (`SELECT … FOR UPDATE`), so that two admins revoking each other's keys at the same time cannot both
 * succeed; SQLite serialises writing transactions by itself.
 */
import { sql, type Kysely } from 'kysely';
import type { Database, Role } from './schema.ts';
import type { DialectName } from './migrations.ts';
import { nowIso } from './catalog.ts';
import { createApiKey, createTenant, type CreatedKey, type TenantRow } from './tenants.ts';

/** Tenant names: 1–64 characters, letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
export const TENANT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Why a tenant-administration request was refused (`code` is stable; `message` teaches the fix). */
export class TenantAdminError extends Error {
  readonly code: 'TENANT_NAME_INVALID' | 'TENANT_EXISTS' | 'TENANT_NOT_FOUND' | 'KEY_NOT_FOUND' | 'LAST_ADMIN_KEY';
  constructor(code: TenantAdminError['code'], message: string) {
    super(message);
    this.name = 'TenantAdminError';
    this.code = code;
  }
}

export interface CreatedTenant {
  readonly tenant: TenantRow;
  /** The tenant's first admin key; shown once, never stored. */
  readonly adminKey: CreatedKey;
}

/** Creates tenant `name` and its first admin key, in one transaction. */
export async function createTenantWithAdminKey(db: Kysely<Database>, name: string, opts: { catalogPublisher?: boolean; keyLabel?: string } = {}): Promise<CreatedTenant> {
  if (!TENANT_NAME_PATTERN.test(name)) {
    throw new TenantAdminError('TENANT_NAME_INVALID', `tenant name "${name.slice(0, 80)}" is invalid: use 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit.`);
  }
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('tenants').select('id').where('name', '=', name).executeTakeFirst();
    if (existing !== undefined) throw new TenantAdminError('TENANT_EXISTS', `a tenant named "${name}" already exists: choose another name.`);
    const tenant = await createTenant(trx, name, opts.catalogPublisher === true ? { catalogPublisher: true } : {});
    const adminKey = await createApiKey(trx, tenant.id, 'admin', opts.keyLabel ?? 'first admin key');
    return { tenant, adminKey };
  });
}

/** Issues a new key of `role` for an existing tenant (the operator's way back in when a tenant lost its admin key). */
export async function issueTenantKey(db: Kysely<Database>, tenantId: number, role: Role, label: string): Promise<CreatedKey> {
  const t = await db.selectFrom('tenants').select('id').where('id', '=', tenantId).executeTakeFirst();
  if (t === undefined) throw new TenantAdminError('TENANT_NOT_FOUND', `tenant ${tenantId} does not exist.`);
  return createApiKey(db, tenantId, role, label);
}

/**
 * Revokes key `keyId` of tenant `tenantId`. Refuses (LAST_ADMIN_KEY) when it is the tenant's last unrevoked admin
 * key: a tenant with no admin key could never manage its keys again. KEY_NOT_FOUND when the key is not this
 * tenant's or is already revoked.
 */
export async function revokeApiKey(db: Kysely<Database>, dialect: DialectName, tenantId: number, keyId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`select id from tenants where id = ${tenantId} for update`.execute(trx);
    const key = await trx.selectFrom('api_keys').select(['id', 'role']).where('id', '=', keyId).where('tenant_id', '=', tenantId).where('revoked_at', 'is', null).executeTakeFirst();
    if (key === undefined) throw new TenantAdminError('KEY_NOT_FOUND', `API key ${keyId} does not exist or is not visible to this tenant.`);
    if (key.role === 'admin') {
      const others = await trx
        .selectFrom('api_keys')
        .select(trx.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', tenantId)
        .where('role', '=', 'admin')
        .where('revoked_at', 'is', null)
        .where('id', '<>', keyId)
        .executeTakeFirstOrThrow();
      if (Number(others.n) === 0) {
        throw new TenantAdminError('LAST_ADMIN_KEY', `API key ${keyId} is this tenant's last admin key: create another admin key (POST /api/v1/keys) before revoking it.`);
      }
    }
    await trx.updateTable('api_keys').set({ revoked_at: nowIso() }).where('id', '=', keyId).where('tenant_id', '=', tenantId).execute();
  });
}

/** Whether API key `apiKeyId` is revoked (or gone). Used by long-lived streams to notice a revocation. */
export async function isKeyRevoked(db: Kysely<Database>, apiKeyId: number): Promise<boolean> {
  const row = await db.selectFrom('api_keys').select('revoked_at').where('id', '=', apiKeyId).executeTakeFirst();
  return row === undefined || row.revoked_at !== null;
}

/** The tenants with their counts of active keys (operator view; never key material). */
export async function listTenants(db: Kysely<Database>): Promise<{ id: number; name: string; catalogPublisher: boolean; createdAt: string; activeKeys: number; activeAdminKeys: number }[]> {
  const tenants = await db.selectFrom('tenants').selectAll().orderBy('id').execute();
  const counts = await db
    .selectFrom('api_keys')
    .select(['tenant_id', 'role', db.fn.countAll<number>().as('n')])
    .where('revoked_at', 'is', null)
    .groupBy(['tenant_id', 'role'])
    .execute();
  return tenants.map((t) => {
    const mine = counts.filter((c) => c.tenant_id === t.id);
    return {
      id: t.id,
      name: t.name,
      catalogPublisher: t.catalog_publisher === 1,
      createdAt: t.created_at,
      activeKeys: mine.reduce((s, c) => s + Number(c.n), 0),
      activeAdminKeys: mine.filter((c) => c.role === 'admin').reduce((s, c) => s + Number(c.n), 0),
    };
  });
}
