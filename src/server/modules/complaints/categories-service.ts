/**
 * Complaint categories of a tenant (also its Open311 services), deadline rules (versioned),
 * and the demo setup for Kabupaten Tanah Bumbu. Writes in one transaction with their audit row.
 */
import type { Db, Executor } from '../../db/index.js';
import { systemContext, type RequestContext } from '../../platform/context.js';
import { authorize } from '../../platform/policy.js';
import { AppError } from '../../platform/errors.js';
import { t } from '../../../shared/i18n/index.js';
import { recordAudit } from '../audit/record.js';
import { dateText, invalidateDeadlineRules, listRules, seedDefaultDeadlineRules } from './deadlines.js';
import { isEscalationStage, type RuleStage } from './state-machine.js';
import type { ComplaintKind } from './tables.js';
import { can } from './policy.js';
import { invalidateCategoryCache } from './intake-service.js';
import * as repo from './repo.js';

export interface CategoryInput {
  code: string;
  name: string;
  description?: string | null;
  serviceId?: string | null;
  isActive?: boolean;
  sortOrder?: number;
}

function clean(v: string | null | undefined): string | null {
  if (typeof v !== 'string') return null;
  const s = v.replace(/[\u0000-\u001F\u007F]/g, ' ').trim().replace(/\s+/g, ' ');
  return s === '' ? null : s;
}

function duplicateCode(ctx: RequestContext): AppError {
  return new AppError('DUPLICATE', { field: 'code' }, [{ field: 'code', message: t(ctx.locale, 'error.DUPLICATE', { field: 'code' }) }]);
}

async function assertService(db: Executor, ctx: RequestContext, tenantId: string, serviceId: string | null | undefined) {
  if (serviceId && !(await repo.serviceExists(db, tenantId, serviceId))) {
    throw new AppError('INVALID_REFERENCE', { field: 'serviceId' }, [{ field: 'serviceId', message: t(ctx.locale, 'error.INVALID_REFERENCE', { field: 'serviceId' }) }]);
  }
}

export async function listCategories(db: Db, ctx: RequestContext, tenantId: string, opts: { includeInactive?: boolean }) {
  authorize(can(ctx.actor, 'category.read', { tenantId }));
  return repo.listCategories(db, tenantId, opts);
}

export async function getCategory(db: Db, ctx: RequestContext, tenantId: string, id: string) {
  authorize(can(ctx.actor, 'category.read', { tenantId }));
  const row = await repo.getCategory(db, tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function createCategory(db: Db, ctx: RequestContext, tenantId: string, body: CategoryInput) {
  authorize(can(ctx.actor, 'category.write', { tenantId }));
  return db.transaction().execute(async (tx) => {
    await assertService(tx, ctx, tenantId, body.serviceId);
    const row = await repo.insertCategory(tx, {
      tenant_id: tenantId,
      code: body.code,
      name: clean(body.name)!,
      description: clean(body.description),
      service_id: body.serviceId ?? null,
      is_active: body.isActive ?? true,
      sort_order: body.sortOrder ?? 0,
    });
    if (!row) throw duplicateCode(ctx);
    await recordAudit(tx, ctx, tenantId, { action: 'complaint_category.create', entityType: 'complaint_category', entityId: row.id, before: null, after: { ...row } });
    return row;
  });
}

export async function updateCategory(db: Db, ctx: RequestContext, tenantId: string, id: string, body: Partial<CategoryInput>) {
  authorize(can(ctx.actor, 'category.write', { tenantId }));
  const row = await db.transaction().execute(async (tx) => {
    const before = await repo.getCategory(tx, tenantId, id);
    if (!before) throw new AppError('NOT_FOUND');
    if (body.code !== undefined && body.code !== before.code && (await repo.getCategoryByCode(tx, tenantId, body.code))) throw duplicateCode(ctx);
    if (body.serviceId !== undefined) await assertService(tx, ctx, tenantId, body.serviceId);
    const row = await repo.updateCategory(tx, tenantId, id, {
      ...(body.code !== undefined ? { code: body.code } : {}),
      ...(body.name !== undefined ? { name: clean(body.name)! } : {}),
      ...(body.description !== undefined ? { description: clean(body.description) } : {}),
      ...(body.serviceId !== undefined ? { service_id: body.serviceId } : {}),
      ...(body.isActive !== undefined ? { is_active: body.isActive } : {}),
      ...(body.sortOrder !== undefined ? { sort_order: body.sortOrder } : {}),
    });
    await recordAudit(tx, ctx, tenantId, { action: 'complaint_category.update', entityType: 'complaint_category', entityId: id, before: { ...before }, after: { ...row! } });
    return row!;
  });
  invalidateCategoryCache(tenantId);
  return row;
}

// --- deadline rules ---------------------------------------------------------------------------

export interface DeadlineRuleInput {
  stage: RuleStage;
  kind?: ComplaintKind | null;
  categoryId?: string | null;
  days: number;
  dayType: 'working' | 'calendar';
  legalSource: string;
  validFrom: string;
}

export async function listDeadlineRules(db: Db, ctx: RequestContext, tenantId: string) {
  authorize(can(ctx.actor, 'deadline.read', { tenantId }));
  return listRules(db, tenantId);
}

/** Adds a new version (rules are never edited in place: the past keeps its deadlines). */
export async function addDeadlineRule(db: Db, ctx: RequestContext, tenantId: string, body: DeadlineRuleInput) {
  authorize(can(ctx.actor, 'deadline.write', { tenantId }));
  // The escalation steps time alerts to office holders: working days only (ADR 0024; the
  // database refuses the rest too).
  if (isEscalationStage(body.stage) && body.dayType !== 'working') {
    const message = t(ctx.locale, 'complaints.escalationRuleWorkingDays');
    throw new AppError('VALIDATION', {}, [{ field: 'dayType', message }], 'complaints.escalationRuleWorkingDays');
  }
  const created = await db.transaction().execute(async (tx) => {
    if (body.categoryId && !(await repo.getCategory(tx, tenantId, body.categoryId))) {
      throw new AppError('INVALID_REFERENCE', { field: 'categoryId' }, [{ field: 'categoryId', message: t(ctx.locale, 'complaints.unknownCategory') }]);
    }
    const row = await repo.insertDeadlineRule(tx, {
      tenant_id: tenantId,
      stage: body.stage,
      kind: body.kind ?? null,
      category_id: body.categoryId ?? null,
      days: body.days,
      day_type: body.dayType,
      legal_source: clean(body.legalSource) ?? '-',
      valid_from: body.validFrom,
    });
    const out = { ...row, valid_from: dateText(row.valid_from) };
    await recordAudit(tx, ctx, tenantId, { action: 'deadline_rule.create', entityType: 'deadline_rule', entityId: row.id, before: null, after: { ...out } });
    return out;
  });
  invalidateDeadlineRules(tenantId);
  return created;
}

// --- demo ---------------------------------------------------------------------------------------

/** Demo categories of Kabupaten Tanah Bumbu → the OPD (by short name in demo/data.ts) they route to. */
export const DEMO_CATEGORIES: ReadonlyArray<{ code: string; name: string; description: string; opd: string }> = [
  { code: 'jalan-rusak', name: 'Jalan dan jembatan rusak', description: 'Jalan berlubang, jembatan rusak, drainase tersumbat', opd: 'PUPR' },
  { code: 'adminduk', name: 'Administrasi kependudukan', description: 'KTP-el, Kartu Keluarga, akta kelahiran, pindah datang', opd: 'Disdukcapil' },
  { code: 'kesehatan', name: 'Layanan kesehatan', description: 'Puskesmas, posyandu, BPJS, tenaga kesehatan', opd: 'Dinkes' },
  { code: 'pelayanan-rsud', name: 'Pelayanan RSUD', description: 'Antrean, pelayanan rawat jalan dan rawat inap di RSUD', opd: 'RSUD' },
  { code: 'sampah', name: 'Sampah dan kebersihan', description: 'Sampah menumpuk, TPS, pencemaran lingkungan', opd: 'DLH' },
  { code: 'lampu-jalan', name: 'Lampu jalan dan lalu lintas', description: 'Penerangan jalan umum mati, rambu, lampu lalu lintas', opd: 'Dishub' },
  { code: 'perizinan', name: 'Perizinan dan investasi', description: 'Perizinan berusaha, PBG, pelayanan DPMPTSP', opd: 'DPMPTSP' },
  { code: 'pendidikan', name: 'Pendidikan', description: 'Sekolah, PPDB, guru, fasilitas pendidikan', opd: 'Disdikbud' },
  { code: 'lainnya', name: 'Lainnya', description: 'Hal lain tentang pelayanan publik', opd: 'Bag. Organisasi' },
];

/**
 * Categories, routing rules and default deadline rules for the demo tenant. Called by the
 * demo seed inside its transaction, after the OPDs exist. Idempotent.
 */
export async function seedDemoComplaintSetup(tx: Executor, tenantId: string): Promise<void> {
  const ctx = systemContext(null, 'seed-demo');
  const added = await seedDefaultDeadlineRules(tx, tenantId);
  if (added) await recordAudit(tx, ctx, tenantId, { action: 'deadline_rule.seed_defaults', entityType: 'deadline_rule', before: null, after: { added } });
  const opds = await tx.selectFrom('opd').select(['id', 'short_name']).where('tenant_id', '=', tenantId).execute();
  const opdByShort = new Map(opds.map((o) => [o.short_name, o.id]));
  let order = 0;
  for (const c of DEMO_CATEGORIES) {
    order += 10;
    const inserted = await repo.insertCategory(tx, { tenant_id: tenantId, code: c.code, name: c.name, description: c.description, service_id: null, sort_order: order });
    if (inserted) await recordAudit(tx, ctx, tenantId, { action: 'complaint_category.create', entityType: 'complaint_category', entityId: inserted.id, before: null, after: { ...inserted } });
    const row = inserted ?? (await repo.getCategoryByCode(tx, tenantId, c.code))!;
    const opdId = opdByShort.get(c.opd);
    if (!opdId) continue;
    const rule = await tx
      .insertInto('routing_rule')
      .values({ tenant_id: tenantId, category_id: row.id, region_code: null, opd_id: opdId })
      .onConflict((oc) => oc.doNothing())
      .returning(['id', 'category_id', 'region_code', 'opd_id'])
      .executeTakeFirst();
    if (rule) await recordAudit(tx, ctx, tenantId, { action: 'routing_rule.create', entityType: 'routing_rule', entityId: rule.id, before: null, after: { ...rule } });
  }
}
