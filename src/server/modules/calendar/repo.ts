/**
 * SQL of the calendar module. `national_day_off` holds reference data: global rows
 * (tenant_id null, shipped by migrations or imported by a superadmin) and a tenant's own
 * imported rows; a tenant sees the global rows and its own, never another tenant's. Every
 * query on a tenant's table filters by tenant_id.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { Executor } from '../../db/index.js';
import type { DB } from '../../db/types.js';
import type { DateString, NationalDayOffTable } from './tables.js';

/** Global rows only (tenantId null), or the global rows and the tenant's own. */
export type NationalScope = { tenantId: string | null };

/** The rows a scope sees: never another tenant's. */
function visibleTo(scope: NationalScope) {
  const tenantId = scope.tenantId;
  return (eb: ExpressionBuilder<DB, 'national_day_off'>) =>
    tenantId === null ? eb('tenant_id', 'is', null) : eb.or([eb('tenant_id', 'is', null), eb('tenant_id', '=', tenantId)]);
}

/**
 * The national days between two dates that `scope` sees. A tenant's own row of a day that
 * also has a global row comes back too (the caller dedupes); global rows first.
 */
export async function listNationalDays(db: Executor, from: DateString, to: DateString, scope: NationalScope) {
  return db
    .selectFrom('national_day_off')
    .select(['date', 'kind', 'name', 'legal_source', 'tenant_id'])
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where(visibleTo(scope))
    .orderBy('date')
    .orderBy('kind')
    .orderBy(sql`tenant_id IS NOT NULL`)
    .execute();
}

/** The libur nasional on `date` that the tenant sees, if any (a 'masuk' day may not reopen it). */
export async function findLiburNasional(db: Executor, tenantId: string, date: DateString) {
  return db
    .selectFrom('national_day_off')
    .select(['date', 'name'])
    .where('date', '=', date)
    .where('kind', '=', 'libur_nasional')
    .where(visibleTo({ tenantId }))
    .orderBy(sql`tenant_id IS NOT NULL`)
    .executeTakeFirst();
}

/** Years between two years with at least one libur nasional row that the scope sees: the loaded years. */
export async function loadedYears(db: Executor, fromYear: number, toYear: number, scope: NationalScope): Promise<Set<number>> {
  const rows = await db
    .selectFrom('national_day_off')
    .select(sql<number>`extract(year from date)::int`.as('year'))
    .distinct()
    .where('kind', '=', 'libur_nasional')
    .where('date', '>=', `${String(fromYear).padStart(4, '0')}-01-01`)
    .where('date', '<=', `${String(toYear).padStart(4, '0')}-12-31`)
    .where(visibleTo(scope))
    .execute();
  return new Set(rows.map((r) => Number(r.year)));
}

export type NewNationalDay = Omit<NationalDayOffTable, 'created_at'>;

export async function insertNationalDays(db: Executor, rows: NewNationalDay[]): Promise<number> {
  if (!rows.length) return 0;
  const res = await db.insertInto('national_day_off').values(rows).executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? rows.length);
}

/** Tenants with their clock, for the yearly notice (all, or one). */
export async function tenantsForNotice(db: Executor, tenantId: string | null) {
  let q = db.selectFrom('tenant').select(['id', 'code', 'name', 'slug', 'timezone', 'is_demo']);
  if (tenantId) q = q.where('id', '=', tenantId);
  return q.orderBy('id').execute();
}

const dayColumns = [
  'd.id',
  'd.tenant_id',
  'd.date',
  'd.kind',
  'd.unit_id',
  'u.name as unit_name',
  'd.name',
  'd.legal_source',
  'd.created_at',
] as const;

function selectDays(db: Executor, tenantId: string) {
  return db
    .selectFrom('tenant_day_off as d')
    .leftJoin('service_unit as u', (j) => j.onRef('u.tenant_id', '=', 'd.tenant_id').onRef('u.id', '=', 'd.unit_id'))
    .select(dayColumns)
    .where('d.tenant_id', '=', tenantId);
}

export type TenantDayRow = NonNullable<Awaited<ReturnType<typeof findTenantDay>>>;

/** A tenant's days between two dates; with `unitId`, the tenant-wide rows and that unit's. */
export async function listTenantDays(db: Executor, tenantId: string, from: DateString, to: DateString, opts: { unitId?: string | null; allUnits?: boolean } = {}) {
  let q = selectDays(db, tenantId).where('d.date', '>=', from).where('d.date', '<=', to);
  if (!opts.allUnits) {
    const unitId = opts.unitId ?? null;
    q = unitId
      ? q.where((eb) => eb.or([eb('d.unit_id', 'is', null), eb('d.unit_id', '=', unitId)]))
      : q.where('d.unit_id', 'is', null);
  }
  return q.orderBy('d.date').orderBy('u.name').execute();
}

export async function findTenantDay(db: Executor, tenantId: string, id: string) {
  return selectDays(db, tenantId).where('d.id', '=', id).executeTakeFirst();
}

/** The row of the same date and scope (tenant-wide when unitId is null), if any. */
export async function findTenantDayAt(db: Executor, tenantId: string, date: DateString, unitId: string | null) {
  return selectDays(db, tenantId)
    .where('d.date', '=', date)
    .where('d.unit_id', unitId === null ? 'is' : '=', unitId)
    .executeTakeFirst();
}

export async function insertTenantDay(
  db: Executor,
  row: { tenant_id: string; date: DateString; kind: 'libur' | 'masuk'; unit_id: string | null; name: string; legal_source: string | null },
) {
  return db.insertInto('tenant_day_off').values(row).returning(['id']).executeTakeFirstOrThrow();
}

export async function deleteTenantDay(db: Executor, tenantId: string, id: string): Promise<boolean> {
  const res = await db.deleteFrom('tenant_day_off').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

export async function findUnit(db: Executor, tenantId: string, unitId: string) {
  return db.selectFrom('service_unit').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', '=', unitId).executeTakeFirst();
}
