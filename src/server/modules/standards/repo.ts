/** All SQL of the standards module. Every query filters by tenant_id. */
import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../db/index.js';
import type { StandardStatus, TComponents } from '../../../shared/schemas/standards.js';
import type { ServiceStandardTable, StandardCommentTable, UnitMaklumatTable } from './tables.js';

export type StandardRow = Omit<Selectable<ServiceStandardTable>, 'signed_pdf' | 'flow_image'> & { has_signed_pdf: boolean; has_flow_image: boolean };
export type CommentRow = Selectable<StandardCommentTable>;
export type MaklumatRow = Selectable<UnitMaklumatTable>;

export interface ServiceRef {
  service_id: string;
  service_name: string;
  description: string | null;
  is_active: boolean;
  unit_id: string;
  unit_name: string;
  unit_address: string | null;
  opd_id: string;
  opd_name: string;
}

const STANDARD_COLUMNS = [
  's.tenant_id', 's.id', 's.service_id', 's.version', 's.status', 's.components', 's.consultation_start', 's.consultation_end',
  's.decree_number', 's.decree_date', 's.decree_signer', 's.signed_pdf_name', 's.signed_pdf_sha256', 's.flow_image_type',
  's.established_at', 's.published_at', 's.review_due_at', 's.review_started_at', 's.review_completed_at', 's.created_by', 's.created_at', 's.updated_at',
] as const;

function standards(db: Executor) {
  return db
    .selectFrom('service_standard as s')
    .select(STANDARD_COLUMNS)
    .select([sql<boolean>`s.signed_pdf IS NOT NULL`.as('has_signed_pdf'), sql<boolean>`s.flow_image IS NOT NULL`.as('has_flow_image')]);
}

export async function reviewIntervalMonths(db: Executor, tenantId: string): Promise<number> {
  const row = await db.selectFrom('standard_setting').select('review_interval_months').where('tenant_id', '=', tenantId).executeTakeFirst();
  return row?.review_interval_months ?? 12;
}

export async function setReviewInterval(db: Executor, tenantId: string, months: number): Promise<void> {
  await db
    .insertInto('standard_setting')
    .values({ tenant_id: tenantId, review_interval_months: months })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ review_interval_months: months, updated_at: new Date() }))
    .execute();
}

function serviceRefs(db: Executor, tenantId: string) {
  return db
    .selectFrom('service as sv')
    .innerJoin('service_unit as u', (j) => j.onRef('u.tenant_id', '=', 'sv.tenant_id').onRef('u.id', '=', 'sv.unit_id'))
    .innerJoin('opd as o', (j) => j.onRef('o.tenant_id', '=', 'u.tenant_id').onRef('o.id', '=', 'u.opd_id'))
    .select([
      'sv.id as service_id', 'sv.name as service_name', 'sv.description', 'sv.is_active', 'u.id as unit_id', 'u.name as unit_name',
      'u.address as unit_address', 'o.id as opd_id', 'o.name as opd_name',
    ])
    .where('sv.tenant_id', '=', tenantId);
}

export function findService(db: Executor, tenantId: string, serviceId: string): Promise<ServiceRef | undefined> {
  return serviceRefs(db, tenantId).where('sv.id', '=', serviceId).executeTakeFirst();
}

export function listServices(db: Executor, tenantId: string, f: { opdId?: string; unitId?: string; q?: string }): Promise<ServiceRef[]> {
  let q = serviceRefs(db, tenantId).where('sv.is_active', '=', true);
  if (f.opdId) q = q.where('o.id', '=', f.opdId);
  if (f.unitId) q = q.where('u.id', '=', f.unitId);
  if (f.q?.trim()) q = q.where('sv.name', 'ilike', `%${escapeLike(f.q.trim())}%`);
  return q.orderBy('o.name').orderBy('u.name').orderBy('sv.name').execute();
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/**
 * The public catalogue: active services of active units and OPDs, matched by Indonesian
 * full text over service, unit and OPD names (stemmed: "kelahiran" finds "lahir") or by a
 * part of the service name.
 */
export async function searchCatalogue(db: Executor, tenantId: string, f: { q?: string; opdId?: string; limit: number; offset: number }): Promise<{ rows: ServiceRef[]; total: number }> {
  let q = serviceRefs(db, tenantId).where('sv.is_active', '=', true).where('u.is_active', '=', true).where('o.is_active', '=', true);
  if (f.opdId) q = q.where('o.id', '=', f.opdId);
  const words = f.q?.trim();
  if (words) {
    const doc = sql`to_tsvector('indonesian', sv.name || ' ' || coalesce(sv.description, '') || ' ' || u.name || ' ' || o.name)`;
    q = q.where((eb) => eb.or([
      sql<boolean>`${doc} @@ websearch_to_tsquery('indonesian', ${words})`,
      eb('sv.name', 'ilike', `%${escapeLike(words)}%`),
    ]));
  }
  // One scan: the page and the number of all matches (a window count over the same rows).
  const rows = await q
    .select(sql<number>`count(*) over ()`.as('total'))
    // Services with a standard in force first, then by OPD, unit and name.
    .orderBy(sql`EXISTS (SELECT 1 FROM service_standard ss WHERE ss.tenant_id = sv.tenant_id AND ss.service_id = sv.id AND ss.status IN ('published', 'under_review', 'revised'))`, 'desc')
    .orderBy('o.name').orderBy('u.name').orderBy('sv.name').limit(f.limit).offset(f.offset).execute();
  const total = rows.length ? Number(rows[0]!.total) : f.offset > 0 ? (await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n : 0;
  return { rows, total: Number(total) };
}

export function listActiveOpds(db: Executor, tenantId: string) {
  return db.selectFrom('opd').select(['id', 'name', 'short_name']).where('tenant_id', '=', tenantId).where('is_active', '=', true).orderBy('name').execute();
}

/** Per version of the given services: what the availability level needs. */
export async function versionFacts(db: Executor, tenantId: string, serviceIds: readonly string[]) {
  if (serviceIds.length === 0) return [];
  return db
    .selectFrom('service_standard as s')
    .select([
      's.service_id', 's.id', 's.version', 's.status', 's.components', 's.review_due_at', 's.review_completed_at', 's.consultation_start',
      (eb) => eb.selectFrom('standard_comment as c').select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('c.tenant_id', '=', 's.tenant_id').whereRef('c.standard_id', '=', 's.id').where('c.answered_at', 'is not', null).as('answered'),
      (eb) => eb.selectFrom('standard_comment as c').select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('c.tenant_id', '=', 's.tenant_id').whereRef('c.standard_id', '=', 's.id').where('c.answered_at', 'is', null).as('unanswered'),
    ])
    .where('s.tenant_id', '=', tenantId)
    .where('s.service_id', 'in', serviceIds)
    .execute();
}

export function getStandard(db: Executor, tenantId: string, id: string): Promise<StandardRow | undefined> {
  return standards(db).where('s.tenant_id', '=', tenantId).where('s.id', '=', id).executeTakeFirst();
}

export function listVersions(db: Executor, tenantId: string, serviceId: string): Promise<StandardRow[]> {
  return standards(db).where('s.tenant_id', '=', tenantId).where('s.service_id', '=', serviceId).orderBy('s.version', 'desc').execute();
}

export async function insertStandard(tx: Executor, v: { tenantId: string; serviceId: string; version: number; components: TComponents; createdBy: string | null; flowImage?: Buffer | null; flowImageType?: string | null }): Promise<StandardRow> {
  const { id } = await tx
    .insertInto('service_standard')
    .values({
      tenant_id: v.tenantId, service_id: v.serviceId, version: v.version, components: JSON.stringify(v.components), created_by: v.createdBy,
      decree_number: null, decree_signer: null, signed_pdf: null, signed_pdf_name: null, signed_pdf_sha256: null,
      flow_image: v.flowImage ?? null, flow_image_type: v.flowImageType ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await getStandard(tx, v.tenantId, id))!;
}

export async function maxVersion(db: Executor, tenantId: string, serviceId: string): Promise<number> {
  const r = await db.selectFrom('service_standard').select((eb) => eb.fn.max('version').as('v')).where('tenant_id', '=', tenantId).where('service_id', '=', serviceId).executeTakeFirst();
  return Number(r?.v ?? 0);
}

export type StandardPatch = Partial<{
  status: StandardStatus; components: string; consultation_start: Date | null; consultation_end: Date | null;
  decree_number: string | null; decree_date: string | null; decree_signer: string | null;
  signed_pdf: Buffer | null; signed_pdf_name: string | null; signed_pdf_sha256: string | null; flow_image: Buffer | null; flow_image_type: string | null;
  established_at: Date | null; published_at: Date | null; review_due_at: Date | null; review_started_at: Date | null; review_completed_at: Date | null;
}>;

/** Updates the version only if it still has `expected` status; undefined when it has not. */
export async function updateStandardIf(tx: Executor, tenantId: string, id: string, expected: StandardStatus, patch: StandardPatch): Promise<StandardRow | undefined> {
  const r = await tx
    .updateTable('service_standard')
    .set({ ...patch, updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', expected)
    .returning('id')
    .executeTakeFirst();
  return r ? getStandard(tx, tenantId, id) : undefined;
}

/** Marks the older versions in force of a service superseded (a newer one was published). */
export async function supersedeOlder(tx: Executor, tenantId: string, serviceId: string, version: number): Promise<void> {
  await tx
    .updateTable('service_standard')
    .set({ status: 'superseded', updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('service_id', '=', serviceId)
    .where('version', '<', version)
    .where('status', 'in', ['published', 'under_review', 'revised'])
    .execute();
}

export async function getFile(db: Executor, tenantId: string, id: string, which: 'signed_pdf' | 'flow_image') {
  const row = await db
    .selectFrom('service_standard')
    .select(['status', 'service_id', 'signed_pdf', 'signed_pdf_name', 'signed_pdf_sha256', 'flow_image', 'flow_image_type'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  const data = row?.[which];
  if (!row || !data) return undefined;
  return { status: row.status, serviceId: row.service_id, data: Buffer.from(data as Uint8Array), contentType: which === 'signed_pdf' ? 'application/pdf' : row.flow_image_type!, filename: which === 'signed_pdf' ? (row.signed_pdf_name ?? 'sk-standar.pdf') : 'alur.img' };
}

/** Versions of published standards due for review (all tenants), claimed by the caller. */
export function dueForReview(db: Executor, now: Date, limit: number) {
  return db
    .selectFrom('service_standard as s')
    .innerJoin('tenant as t', 't.id', 's.tenant_id')
    .select(['s.tenant_id', 's.id', 's.service_id', 't.timezone'])
    .where('s.status', '=', 'published')
    .where('s.review_due_at', '<=', now)
    .orderBy('s.review_due_at')
    .limit(limit)
    .execute();
}

// --- comments ------------------------------------------------------------------------------
export function insertComment(tx: Executor, v: { tenantId: string; standardId: string; authorName: string | null; body: string }): Promise<CommentRow> {
  return tx.insertInto('standard_comment').values({ tenant_id: v.tenantId, standard_id: v.standardId, author_name: v.authorName, body: v.body, answer: null, answered_by: null }).returningAll().executeTakeFirstOrThrow();
}

export function listComments(db: Executor, tenantId: string, standardId: string): Promise<CommentRow[]> {
  return db.selectFrom('standard_comment').selectAll().where('tenant_id', '=', tenantId).where('standard_id', '=', standardId).orderBy('created_at').orderBy('id').execute();
}

export function getComment(db: Executor, tenantId: string, id: string): Promise<CommentRow | undefined> {
  return db.selectFrom('standard_comment').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export function answerComment(tx: Executor, tenantId: string, id: string, answer: string, userId: string | null): Promise<CommentRow | undefined> {
  return tx.updateTable('standard_comment').set({ answer, answered_by: userId, answered_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', id).returningAll().executeTakeFirst();
}

// --- maklumat ------------------------------------------------------------------------------
export function insertMaklumat(tx: Executor, v: { tenantId: string; unitId: string; version: number; body: string; signerName: string | null; signerTitle: string | null }): Promise<MaklumatRow> {
  return tx.insertInto('unit_maklumat').values({ tenant_id: v.tenantId, unit_id: v.unitId, version: v.version, body: v.body, signer_name: v.signerName, signer_title: v.signerTitle }).returningAll().executeTakeFirstOrThrow();
}

export function getMaklumat(db: Executor, tenantId: string, id: string): Promise<MaklumatRow | undefined> {
  return db.selectFrom('unit_maklumat').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function maxMaklumatVersion(db: Executor, tenantId: string, unitId: string): Promise<number> {
  const r = await db.selectFrom('unit_maklumat').select((eb) => eb.fn.max('version').as('v')).where('tenant_id', '=', tenantId).where('unit_id', '=', unitId).executeTakeFirst();
  return Number(r?.v ?? 0);
}

export function listMaklumat(db: Executor, tenantId: string, f: { unitId?: string; opdId?: string }) {
  let q = db
    .selectFrom('unit_maklumat as m')
    .innerJoin('service_unit as u', (j) => j.onRef('u.tenant_id', '=', 'm.tenant_id').onRef('u.id', '=', 'm.unit_id'))
    .selectAll('m')
    .select(['u.name as unit_name', 'u.opd_id'])
    .where('m.tenant_id', '=', tenantId);
  if (f.unitId) q = q.where('m.unit_id', '=', f.unitId);
  if (f.opdId) q = q.where('u.opd_id', '=', f.opdId);
  return q.orderBy('u.name').orderBy('m.version', 'desc').execute();
}

export function updateMaklumatIf(tx: Executor, tenantId: string, id: string, expected: string, patch: Partial<{ status: MaklumatRow['status']; body: string; signer_name: string | null; signer_title: string | null; established_at: Date; published_at: Date }>): Promise<MaklumatRow | undefined> {
  return tx.updateTable('unit_maklumat').set({ ...patch, updated_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', id).where('status', '=', expected as never).returningAll().executeTakeFirst();
}

export async function supersedeOlderMaklumat(tx: Executor, tenantId: string, unitId: string, version: number): Promise<void> {
  await tx.updateTable('unit_maklumat').set({ status: 'superseded', updated_at: new Date() })
    .where('tenant_id', '=', tenantId).where('unit_id', '=', unitId).where('version', '<', version).where('status', 'in', ['published', 'revised']).execute();
}

/** The maklumat a unit has published (the newest still in force). */
export function publishedMaklumat(db: Executor, tenantId: string, unitId: string): Promise<MaklumatRow | undefined> {
  return db.selectFrom('unit_maklumat').selectAll().where('tenant_id', '=', tenantId).where('unit_id', '=', unitId).where('status', 'in', ['published', 'revised'])
    .orderBy('version', 'desc').limit(1).executeTakeFirst();
}
