/**
 * Staff work on surveys: periods, counters, excluding/restoring answers, follow-up plan
 * (with evidence), publication records. Every write is audited in its transaction.
 */
import type { Db } from '../../db/index.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { pgCode, PG } from '../../platform/errors.js';
import { recordAudit } from '../audit/record.js';
import { checkFileType } from '../attachments/sniff.js';
import { sanitizeFile } from '../attachments/strip.js';
import { FileRejected, fileInvalid } from '../attachments/errors.js';
import type { TSkmCreateFollowupBody, TSkmCreatePeriodBody, TSkmCreatePublicationBody, TSkmPatchFollowupBody } from '../../../shared/schemas/skm.js';
import { can, readableOpds, type SkmAction } from './policy.js';
import { periodRange } from './period.js';
import { unsurNames } from './questionnaire-service.js';
import * as repo from './repo.js';
import { forgetCounters } from './submit-service.js';

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/** The unit (in the tenant) after checking the actor may do `action` on it; 404 when unknown. */
export async function unitFor(db: Db, actor: Actor, tenantId: string, unitId: string, action: SkmAction): Promise<repo.UnitInfo> {
  const unit = await repo.findUnit(db, tenantId, unitId);
  if (!unit) throw new AppError('NOT_FOUND');
  authorize(can(actor, action, { tenantId, opdId: unit.opd_id }));
  return unit;
}

export async function periodFor(db: Db, actor: Actor, tenantId: string, periodId: string, action: SkmAction): Promise<{ period: repo.PeriodRow; unit: repo.UnitInfo }> {
  const period = await repo.findPeriod(db, tenantId, periodId);
  if (!period) throw new AppError('NOT_FOUND');
  return { period, unit: await unitFor(db, actor, tenantId, period.unit_id, action) };
}

/** Units the actor may read (optionally of one OPD). */
export async function readableUnits(db: Db, actor: Actor, tenantId: string, opdId?: string | null): Promise<repo.UnitInfo[]> {
  const opds = readableOpds(actor, tenantId);
  const units = await repo.listUnits(db, tenantId, opdId ?? null);
  return opds === null ? units : units.filter((u) => opds.includes(u.opd_id));
}

// --- periods -----------------------------------------------------------------------------

export async function listPeriods(db: Db, actor: Actor, tenantId: string, q: { unitId?: string; opdId?: string; year?: number }) {
  if (q.unitId) await unitFor(db, actor, tenantId, q.unitId, 'skm.read');
  else if (q.opdId) authorize(can(actor, 'skm.read', { tenantId, opdId: q.opdId }));
  const units = await readableUnits(db, actor, tenantId, q.opdId);
  const unitIds = q.unitId ? [q.unitId] : units.map((u) => u.id);
  const periods = await repo.listPeriods(db, tenantId, { unitIds, year: q.year });
  const pubs = await repo.listPublications(db, tenantId, periods.map((p) => p.id));
  const byId = new Map(units.map((u) => [u.id, u]));
  if (q.unitId && !byId.has(q.unitId)) {
    const u = await repo.findUnit(db, tenantId, q.unitId);
    if (u) byId.set(u.id, u);
  }
  const published = new Set(pubs.map((p) => p.period_id));
  return periods.map((p) => ({ period: p, unit: byId.get(p.unit_id)!, published: published.has(p.id) })).filter((x) => x.unit);
}

export async function createPeriod(db: Db, ctx: RequestContext, actor: Actor, tenantId: string, body: TSkmCreatePeriodBody) {
  const unit = await unitFor(db, actor, tenantId, body.unitId, 'skm.manage');
  const part = body.kind === 'year' ? null : (body.part ?? null);
  const range = periodRange(body.kind, body.year, part);
  if (!range) throw new AppError('VALIDATION', { kind: body.kind, detail: 'part' }, [{ field: 'part' }], 'skm.periodPart');
  try {
    const period = await db.transaction().execute(async (tx) => {
      const row = await repo.insertPeriod(tx, {
        tenant_id: tenantId, unit_id: unit.id, kind: body.kind, year: body.year, part, starts_on: range.startsOn, ends_on: range.endsOn, population: body.population ?? null,
      });
      await recordAudit(tx, ctx, tenantId, { action: 'skm.period.create', entityType: 'skm_period', entityId: row.id, after: { unit_id: unit.id, kind: row.kind, year: row.year, part: row.part, population: row.population } });
      return row;
    });
    return { period, unit, published: false };
  } catch (e) {
    if (pgCode(e) === PG.UNIQUE_VIOLATION) throw new AppError('CONFLICT', {}, undefined, 'skm.periodExists');
    throw e;
  }
}

export async function patchPeriod(db: Db, ctx: RequestContext, actor: Actor, tenantId: string, id: string, body: { population: number | null }) {
  const { period, unit } = await periodFor(db, actor, tenantId, id, 'skm.manage');
  const row = await db.transaction().execute(async (tx) => {
    const r = await repo.updatePeriod(tx, tenantId, id, { population: body.population });
    await recordAudit(tx, ctx, tenantId, { action: 'skm.period.update', entityType: 'skm_period', entityId: id, before: { population: period.population }, after: { population: body.population } });
    return r!;
  });
  const pubs = await repo.listPublications(db, tenantId, [id]);
  return { period: row, unit, published: pubs.length > 0 };
}

export async function deletePeriod(db: Db, ctx: RequestContext, actor: Actor, tenantId: string, id: string): Promise<void> {
  const { period } = await periodFor(db, actor, tenantId, id, 'skm.manage');
  const usage = await repo.periodUsage(db, tenantId, id);
  if (usage.imports || usage.publications) throw new AppError('CONFLICT', {}, undefined, 'skm.periodHasData');
  await db.transaction().execute(async (tx) => {
    await repo.deletePeriod(tx, tenantId, id);
    await recordAudit(tx, ctx, tenantId, { action: 'skm.period.delete', entityType: 'skm_period', entityId: id, before: { unit_id: period.unit_id, kind: period.kind, year: period.year, part: period.part } });
  });
}

// --- counters ----------------------------------------------------------------------------

export async function createCounter(db: Db, ctx: RequestContext, actor: Actor, tenantId: string, unitId: string, body: { code: string; name: string }) {
  const unit = await unitFor(db, actor, tenantId, unitId, 'skm.manage');
  return db.transaction().execute(async (tx) => {
    const row = await repo.insertCounter(tx, { tenant_id: tenantId, unit_id: unit.id, code: body.code, name: body.name.trim() });
    if (!row) throw new AppError('CONFLICT', { code: body.code }, undefined, 'skm.counterExists');
    forgetCounters(tenantId, unit.id);
    await recordAudit(tx, ctx, tenantId, { action: 'skm.counter.create', entityType: 'skm_counter', entityId: row.id, after: { unit_id: unit.id, code: row.code, name: row.name } });
    return row;
  });
}

export async function patchCounter(db: Db, ctx: RequestContext, actor: Actor, tenantId: string, id: string, body: { name?: string; isActive?: boolean }) {
  const counter = await repo.findCounter(db, tenantId, id);
  if (!counter) throw new AppError('NOT_FOUND');
  await unitFor(db, actor, tenantId, counter.unit_id, 'skm.manage');
  return db.transaction().execute(async (tx) => {
    forgetCounters(tenantId, counter.unit_id);
    const row = await repo.updateCounter(tx, tenantId, id, { ...(body.name !== undefined ? { name: body.name.trim() } : {}), ...(body.isActive !== undefined ? { is_active: body.isActive } : {}) });
    await recordAudit(tx, ctx, tenantId, { action: 'skm.counter.update', entityType: 'skm_counter', entityId: id, before: { name: counter.name, is_active: counter.is_active }, after: { name: row!.name, is_active: row!.is_active } });
    return row!;
  });
}

// --- excluding and restoring answers ------------------------------------------------------

/** Takes an answer out of the index (with a reason) or puts it back; aggregates of a folded answer follow in the same transaction. */
export async function setExclusion(db: Db, ctx: RequestContext, actor: Actor, tenantId: string, id: string, exclude: boolean, reason: string | null) {
  const found = await repo.findResponse(db, tenantId, id);
  if (!found) throw new AppError('NOT_FOUND');
  await unitFor(db, actor, tenantId, found.unit_id, 'skm.manage');
  if (exclude && !reason?.trim()) throw new AppError('VALIDATION', { detail: 'reason' }, [{ field: 'reason' }], 'skm.reasonRequired');
  return db.transaction().execute(async (tx) => {
    const row = await repo.setExcluded(tx, tenantId, id, { excluded: exclude, reason: exclude ? reason!.trim() : null, by: exclude ? actor.userId : null });
    if (!row) throw new AppError('CONFLICT', {}, undefined, exclude ? 'skm.alreadyExcluded' : 'skm.notExcluded');
    // The row update holds the row lock: a fold either committed before it (folded = true:
    // move the answer in the aggregates here) or will claim the row after this commits and
    // fold it in its new state (folded = false: nothing to adjust).
    if (row.folded) {
      const sign = exclude ? -1 : 1;
      await repo.applyToAggregates(tx, { tenantId, unitId: row.unit_id, month: row.month, questionnaireId: row.questionnaire_id, answers: row.answers }, sign, {
        respondents: sign, excluded: -sign, flagged: 0,
      });
      await repo.applyToProfileAggregates(tx, tenantId, { ids: [row.id] }, sign, { countedOnly: false });
    }
    await recordAudit(tx, ctx, tenantId, {
      action: exclude ? 'skm.response.exclude' : 'skm.response.restore',
      entityType: 'skm_response',
      entityId: id,
      before: { excluded: found.excluded, excluded_reason: found.excluded_reason },
      after: { excluded: row.excluded, excluded_reason: row.excluded_reason, flag_reason: row.flag_reason },
    });
    return row;
  });
}

// --- follow-up plan ----------------------------------------------------------------------

export async function createFollowup(db: Db, ctx: RequestContext, actor: Actor, tenantId: string, periodId: string, body: TSkmCreateFollowupBody) {
  await periodFor(db, actor, tenantId, periodId, 'skm.manage');
  if (!(await unsurNames(db, tenantId)).has(body.unsurKey)) throw new AppError('VALIDATION', { key: body.unsurKey, detail: 'unsurKey' }, [{ field: 'unsurKey' }], 'skm.unknownUnsur');
  return db.transaction().execute(async (tx) => {
    const row = await repo.insertFollowup(tx, { tenant_id: tenantId, period_id: periodId, unsur_key: body.unsurKey, action: body.action.trim(), owner: body.owner.trim(), due_on: body.dueOn, evidence_note: null, done_on: null, reminded_at: null });
    await recordAudit(tx, ctx, tenantId, { action: 'skm.followup.create', entityType: 'skm_followup', entityId: row.id, after: { period_id: periodId, unsur_key: row.unsur_key, action: row.action, owner: row.owner, due_on: row.due_on } });
    return row;
  });
}

export async function followupFor(db: Db, actor: Actor, tenantId: string, id: string, action: SkmAction) {
  const row = await repo.findFollowup(db, tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  await periodFor(db, actor, tenantId, row.period_id, action);
  return row;
}

export async function patchFollowup(db: Db, ctx: RequestContext, actor: Actor, tenantId: string, id: string, body: TSkmPatchFollowupBody, today: string) {
  const before = await followupFor(db, actor, tenantId, id, 'skm.manage');
  return db.transaction().execute(async (tx) => {
    const patch: Parameters<typeof repo.updateFollowup>[3] = {};
    if (body.action !== undefined) patch.action = body.action.trim();
    if (body.owner !== undefined) patch.owner = body.owner.trim();
    if (body.dueOn !== undefined && body.dueOn !== before.due_on) {
      patch.due_on = body.dueOn;
      patch.reminded_at = null; // a new due date re-arms the overdue reminder
    }
    if (body.evidenceNote !== undefined) patch.evidence_note = body.evidenceNote?.trim() || null;
    if (body.status !== undefined) {
      patch.status = body.status;
      patch.done_on = body.status === 'done' ? (before.done_on ?? today) : null;
    }
    const row = await repo.updateFollowup(tx, tenantId, id, patch);
    await recordAudit(tx, ctx, tenantId, {
      action: 'skm.followup.update', entityType: 'skm_followup', entityId: id,
      before: { action: before.action, owner: before.owner, due_on: before.due_on, status: before.status }, after: { action: row!.action, owner: row!.owner, due_on: row!.due_on, status: row!.status },
    });
    return row!;
  });
}

export async function deleteFollowup(db: Db, ctx: RequestContext, actor: Actor, tenantId: string, id: string) {
  const before = await followupFor(db, actor, tenantId, id, 'skm.manage');
  await db.transaction().execute(async (tx) => {
    await repo.deleteFollowup(tx, tenantId, id);
    await recordAudit(tx, ctx, tenantId, { action: 'skm.followup.delete', entityType: 'skm_followup', entityId: id, before: { action: before.action, status: before.status } });
  });
}

/** Evidence of a follow-up: type checked by content, metadata stripped (attachments module). */
export async function addEvidence(db: Db, ctx: RequestContext, actor: Actor, tenantId: string, followupId: string, file: { filename: string; mimetype: string; data: Buffer }) {
  await followupFor(db, actor, tenantId, followupId, 'skm.manage');
  const shown = (file.filename || 'bukti').replace(/[^\w.\- ]+/g, '_').slice(0, 120) || 'bukti';
  let data: Buffer;
  let type: string;
  try {
    const t = checkFileType(file.data, file.filename ?? '', file.mimetype);
    data = sanitizeFile(file.data, t, { keepMetadata: false }).data;
    type = t;
  } catch (e) {
    if (e instanceof FileRejected) throw fileInvalid(e, shown);
    throw e;
  }
  if (data.length > MAX_EVIDENCE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
  return db.transaction().execute(async (tx) => {
    const row = await repo.insertEvidence(tx, { tenant_id: tenantId, followup_id: followupId, filename: shown, content_type: type, size: data.length, data, created_by: actor.userId });
    await recordAudit(tx, ctx, tenantId, { action: 'skm.followup.evidence', entityType: 'skm_followup', entityId: followupId, after: { evidence_id: row.id, filename: shown, content_type: type, size: data.length } });
    return row;
  });
}

export async function getEvidence(db: Db, actor: Actor, tenantId: string, id: string) {
  const row = await repo.findEvidence(db, tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  await followupFor(db, actor, tenantId, row.followup_id, 'skm.read');
  return row;
}

// --- publications ------------------------------------------------------------------------

export async function createPublication(db: Db, ctx: RequestContext, actor: Actor, tenantId: string, periodId: string, body: TSkmCreatePublicationBody) {
  await periodFor(db, actor, tenantId, periodId, 'skm.manage');
  return db.transaction().execute(async (tx) => {
    const row = await repo.insertPublication(tx, { tenant_id: tenantId, period_id: periodId, channel: body.channel, published_on: body.publishedOn, url: body.url ?? null, notes: body.notes?.trim() || null, created_by: actor.userId });
    await recordAudit(tx, ctx, tenantId, { action: 'skm.publication.create', entityType: 'skm_publication', entityId: row.id, after: { period_id: periodId, channel: row.channel, published_on: row.published_on, url: row.url } });
    return row;
  });
}

export async function deletePublication(db: Db, ctx: RequestContext, actor: Actor, tenantId: string, id: string) {
  const row = await repo.findPublication(db, tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  await periodFor(db, actor, tenantId, row.period_id, 'skm.manage');
  await db.transaction().execute(async (tx) => {
    await repo.deletePublication(tx, tenantId, id);
    await recordAudit(tx, ctx, tenantId, { action: 'skm.publication.delete', entityType: 'skm_publication', entityId: id, before: { period_id: row.period_id, channel: row.channel, published_on: row.published_on } });
  });
}
