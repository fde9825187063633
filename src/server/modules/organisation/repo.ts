/**
 * SQL of the organisation module: tenants, regions, OPDs, service units, services.
 * Every query on a tenant-owned table filters by tenant_id; names are compared
 * case-insensitively, like the unique indexes (lower(name)).
 */
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../db/index.js';
import type { OpdTable, RegionLevel, ServiceTable, ServiceUnitTable, TenantTable } from './tables.js';
import type { AreaRecord } from './region-data.js';

/** Rows per INSERT when loading regions (5 parameters a row, far below PostgreSQL's 65 535). */
const REGION_BATCH = 1000;

// --- tenants ---------------------------------------------------------------------------

export async function listTenants(db: Executor) {
  return db.selectFrom('tenant').selectAll().orderBy('name').execute();
}

export async function getTenant(db: Executor, id: string) {
  return db.selectFrom('tenant').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findTenantByCode(db: Executor, code: string) {
  return db.selectFrom('tenant').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findTenantByCodeOrSlug(db: Executor, code: string, slug: string) {
  return db.selectFrom('tenant').select(['id', 'code', 'slug', 'is_demo']).where((eb) => eb.or([eb('code', '=', code), eb('slug', '=', slug)])).execute();
}

export async function countTenants(db: Executor): Promise<number> {
  const row = await db.selectFrom('tenant').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Host names among `hostnames` already claimed by another tenant. */
export async function hostnamesTakenElsewhere(db: Executor, tenantId: string, hostnames: string[]): Promise<string[]> {
  if (!hostnames.length) return [];
  const rows = await db
    .selectFrom('tenant')
    .select('hostnames')
    .where('id', '<>', tenantId)
    .where(sql<boolean>`hostnames && ${sql.val(hostnames)}::text[]`)
    .execute();
  const taken = new Set(rows.flatMap((r) => r.hostnames));
  return hostnames.filter((h) => taken.has(h));
}

/**
 * Serialises writers of one kind for the rest of the transaction (tenant host names, the
 * demo seed): a check-then-insert that no unique index covers stays correct with several
 * app processes.
 */
export async function lockFor(tx: Executor, key: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${'prima.' + key}))`.execute(tx);
}

export async function insertTenant(tx: Executor, values: Insertable<TenantTable>) {
  return tx.insertInto('tenant').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateTenant(tx: Executor, id: string, patch: Updateable<TenantTable>) {
  return tx.updateTable('tenant').set({ ...patch, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

// --- regions ---------------------------------------------------------------------------

export async function insertRegions(tx: Executor, tenantId: string, records: AreaRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += REGION_BATCH) {
    const batch = records.slice(i, i + REGION_BATCH);
    await tx
      .insertInto('region')
      .values(batch.map((r) => ({ tenant_id: tenantId, code: r.code, parent_code: r.parentCode, level: r.level, name: r.name })))
      .execute();
  }
}

export async function listRegions(db: Executor, tenantId: string, filter: { parent?: string; level?: RegionLevel }) {
  let q = db.selectFrom('region').select(['code', 'parent_code', 'level', 'name']).where('tenant_id', '=', tenantId);
  if (filter.parent) q = q.where('parent_code', '=', filter.parent);
  if (filter.level) q = q.where('level', '=', filter.level);
  return q.orderBy('code').execute();
}

/** The subset of `codes` that are regions of the tenant. */
export async function existingRegionCodes(db: Executor, tenantId: string, codes: string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const rows = await db.selectFrom('region').select('code').where('tenant_id', '=', tenantId).where('code', 'in', [...new Set(codes)]).execute();
  return new Set(rows.map((r) => r.code));
}

export async function countRegions(db: Executor, tenantId: string) {
  const rows = await db
    .selectFrom('region')
    .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId)
    .groupBy('level')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.level, Number(r.n)])) as Partial<Record<RegionLevel, number>>;
}

// --- OPDs ------------------------------------------------------------------------------

export type OpdRow = NonNullable<Awaited<ReturnType<typeof getOpd>>>;

export async function listOpds(db: Executor, tenantId: string, opts: { includeInactive?: boolean }) {
  let q = db.selectFrom('opd').selectAll().where('tenant_id', '=', tenantId);
  if (!opts.includeInactive) q = q.where('is_active', '=', true);
  return q.orderBy('name').execute();
}

export async function getOpd(db: Executor, tenantId: string, id: string) {
  return db.selectFrom('opd').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** An OPD other than `exceptId` whose name or short name equals the given one (any case). */
export async function findOpdClash(db: Executor, tenantId: string, column: 'name' | 'short_name', value: string, exceptId?: string) {
  let q = db
    .selectFrom('opd')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where(sql<boolean>`lower(${sql.ref(column)}) = lower(${value})`);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

export async function insertOpds(tx: Executor, rows: Insertable<OpdTable>[]) {
  if (!rows.length) return [];
  return tx.insertInto('opd').values(rows).returningAll().execute();
}

export async function updateOpd(tx: Executor, tenantId: string, id: string, patch: Updateable<OpdTable>) {
  return tx
    .updateTable('opd')
    .set({ ...patch, updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// --- service units ---------------------------------------------------------------------

function selectUnits(db: Executor, tenantId: string) {
  return db
    .selectFrom('service_unit as u')
    .innerJoin('opd as o', (j) => j.onRef('o.tenant_id', '=', 'u.tenant_id').onRef('o.id', '=', 'u.opd_id'))
    .selectAll('u')
    .select('o.name as opd_name')
    .where('u.tenant_id', '=', tenantId);
}

export type UnitRow = NonNullable<Awaited<ReturnType<typeof getUnit>>>;

/** Units of the tenant, limited to `opdIds` unless 'all'. */
export async function listUnits(db: Executor, tenantId: string, opts: { opdIds: 'all' | string[]; opdId?: string; includeInactive?: boolean }) {
  if (opts.opdIds !== 'all' && !opts.opdIds.length) return [];
  let q = selectUnits(db, tenantId);
  if (opts.opdIds !== 'all') q = q.where('u.opd_id', 'in', opts.opdIds);
  if (opts.opdId) q = q.where('u.opd_id', '=', opts.opdId);
  if (!opts.includeInactive) q = q.where('u.is_active', '=', true);
  return q.orderBy('o.name').orderBy('u.name').execute();
}

export async function getUnit(db: Executor, tenantId: string, id: string) {
  return selectUnits(db, tenantId).where('u.id', '=', id).executeTakeFirst();
}

export async function findUnitClash(db: Executor, tenantId: string, opdId: string, name: string, exceptId?: string) {
  let q = db
    .selectFrom('service_unit')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('opd_id', '=', opdId)
    .where(sql<boolean>`lower(name) = lower(${name})`);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

export async function insertUnits(tx: Executor, rows: Insertable<ServiceUnitTable>[]) {
  if (!rows.length) return [];
  return tx.insertInto('service_unit').values(rows).returningAll().execute();
}

export async function updateUnit(tx: Executor, tenantId: string, id: string, patch: Updateable<ServiceUnitTable>) {
  await tx.updateTable('service_unit').set({ ...patch, updated_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

// --- services --------------------------------------------------------------------------

function selectServices(db: Executor, tenantId: string) {
  return db
    .selectFrom('service as s')
    .innerJoin('service_unit as u', (j) => j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.unit_id'))
    .selectAll('s')
    .select(['u.name as unit_name', 'u.opd_id'])
    .where('s.tenant_id', '=', tenantId);
}

export type ServiceRow = NonNullable<Awaited<ReturnType<typeof getService>>>;

export async function listServices(
  db: Executor,
  tenantId: string,
  opts: { opdIds: 'all' | string[]; unitId?: string; opdId?: string; includeInactive?: boolean },
) {
  if (opts.opdIds !== 'all' && !opts.opdIds.length) return [];
  let q = selectServices(db, tenantId);
  if (opts.opdIds !== 'all') q = q.where('u.opd_id', 'in', opts.opdIds);
  if (opts.opdId) q = q.where('u.opd_id', '=', opts.opdId);
  if (opts.unitId) q = q.where('s.unit_id', '=', opts.unitId);
  if (!opts.includeInactive) q = q.where('s.is_active', '=', true);
  return q.orderBy('u.name').orderBy('s.name').execute();
}

export async function getService(db: Executor, tenantId: string, id: string) {
  return selectServices(db, tenantId).where('s.id', '=', id).executeTakeFirst();
}

export async function findServiceClash(db: Executor, tenantId: string, unitId: string, name: string, exceptId?: string) {
  let q = db
    .selectFrom('service')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('unit_id', '=', unitId)
    .where(sql<boolean>`lower(name) = lower(${name})`);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

export async function insertServices(tx: Executor, rows: Insertable<ServiceTable>[]) {
  if (!rows.length) return [];
  return tx.insertInto('service').values(rows).returningAll().execute();
}

export async function updateService(tx: Executor, tenantId: string, id: string, patch: Updateable<ServiceTable>) {
  await tx.updateTable('service').set({ ...patch, updated_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

// --- lookups for the CSV import --------------------------------------------------------

/** All OPDs of the tenant (id, name, short name). */
export async function opdNames(db: Executor, tenantId: string) {
  return db.selectFrom('opd').select(['id', 'name', 'short_name']).where('tenant_id', '=', tenantId).execute();
}

/** All units of the tenant (id, OPD, name). */
export async function unitNames(db: Executor, tenantId: string) {
  return db.selectFrom('service_unit').select(['id', 'opd_id', 'name']).where('tenant_id', '=', tenantId).execute();
}

/** All services of the tenant (unit, name). */
export async function serviceNames(db: Executor, tenantId: string) {
  return db.selectFrom('service').select(['unit_id', 'name']).where('tenant_id', '=', tenantId).execute();
}

/** Counts of a tenant's organisation rows (demo seed report, tests). */
export async function countOrganisation(db: Executor, tenantId: string) {
  const one = async (table: 'opd' | 'service_unit' | 'service') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow()).n);
  return { opds: await one('opd'), units: await one('service_unit'), services: await one('service') };
}
