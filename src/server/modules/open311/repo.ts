/** All SQL of the Open311 module (Kysely); every query filters by tenant_id. */
import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../db/index.js';
import type { ComplaintStatus } from '../complaints/state-machine.js';
import type { ComplaintTable } from '../complaints/tables.js';

export interface CategoryRow {
  id: string;
  code: string;
  name: string;
  description: string | null;
  /** The OPD of the category-wide routing rule, when there is one (the service's group). */
  groupName: string | null;
}

function categories(db: Executor, tenantId: string) {
  return db
    .selectFrom('complaint_category as c')
    .leftJoin('routing_rule as r', (j) =>
      j.onRef('r.tenant_id', '=', 'c.tenant_id').onRef('r.category_id', '=', 'c.id').on('r.region_code', 'is', null))
    .leftJoin('opd as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.opd_id'))
    .select(['c.id', 'c.code', 'c.name', 'c.description', 'o.name as groupName'])
    .where('c.tenant_id', '=', tenantId)
    .where('c.is_active', '=', true);
}

export async function activeCategories(db: Executor, tenantId: string): Promise<CategoryRow[]> {
  return categories(db, tenantId).orderBy('c.sort_order').orderBy('c.name').orderBy('c.code').execute();
}

export async function activeCategory(db: Executor, tenantId: string, code: string): Promise<CategoryRow | undefined> {
  return categories(db, tenantId).where('c.code', '=', code).executeTakeFirst();
}

export type ComplaintRow = Selectable<ComplaintTable>;
export type ListedComplaint = ComplaintRow & { serviceCode: string | null; serviceName: string | null; opdName: string | null };

export interface RequestFilter {
  trackingCodes?: string[];
  serviceCodes?: string[];
  statuses?: ComplaintStatus[];
  from?: Date;
  to?: Date;
  limit: number;
}

/**
 * Reports that may be shown publicly: never rahasia (is_confidential), never merged-away
 * duplicates. The presenter (complaints/present.ts) has the last word on each row.
 */
export async function listPublicComplaints(db: Executor, tenantId: string, f: RequestFilter): Promise<ListedComplaint[]> {
  let q = db
    .selectFrom('complaint as c')
    .leftJoin('complaint_category as k', (j) => j.onRef('k.tenant_id', '=', 'c.tenant_id').onRef('k.id', '=', 'c.category_id'))
    .leftJoin('opd as o', (j) => j.onRef('o.tenant_id', '=', 'c.tenant_id').onRef('o.id', '=', 'c.opd_id'))
    .selectAll('c')
    .select(['k.code as serviceCode', 'k.name as serviceName', 'o.name as opdName'])
    .where('c.tenant_id', '=', tenantId)
    .where('c.is_confidential', '=', false);
  if (f.trackingCodes) q = q.where('c.tracking_code', 'in', f.trackingCodes.length ? f.trackingCodes : ['']);
  if (f.serviceCodes) q = q.where('k.code', 'in', f.serviceCodes.length ? f.serviceCodes : ['']);
  if (f.statuses) q = q.where('c.status', 'in', f.statuses.length ? f.statuses : ['received']);
  if (f.from) q = q.where('c.received_at', '>=', f.from);
  if (f.to) q = q.where('c.received_at', '<=', f.to);
  return q.orderBy('c.received_at', 'desc').orderBy('c.id').limit(f.limit).execute() as Promise<ListedComplaint[]>;
}

/** Whether a tracking code names any report of the tenant (the token endpoint). */
export async function trackingCodeExists(db: Executor, tenantId: string, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('complaint')
    .select(sql<number>`1`.as('one'))
    .where('tenant_id', '=', tenantId)
    .where('tracking_code', '=', code)
    .executeTakeFirst();
  return !!row;
}

export async function tenantCount(db: Executor): Promise<number> {
  const row = await db.selectFrom('tenant').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
