/**
 * SQL of the calendar module. `national_day_off` is reference data shared by all tenants
 * (no tenant_id); every query on a tenant's table filters by tenant_id.
 */
import type { Executor } from '../../db/index.js';
import type { DateString } from './tables.js';

export async function listNationalDays(db: Executor, from: DateString, to: DateString) {
  return db
    .selectFrom('national_day_off')
    .select(['date', 'kind', 'name', 'legal_source'])
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .orderBy('kind')
    .execute();
}

/** The libur nasional on `date`, if any (a 'masuk' day may not reopen it). */
export async function findLiburNasional(db: Executor, date: DateString) {
  return db
    .selectFrom('national_day_off')
    .select(['date', 'name'])
    .where('date', '=', date)
    .where('kind', '=', 'libur_nasional')
    .executeTakeFirst();
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
