/**
 * Assessments: creating one for a unit (or an OPD) and year under a method version,
 * scoring indicators, the Inspektorat's override with its mandatory reason, and the status
 * draft → submitted → verified (or back to draft). Every change rescoring the assessment
 * runs under its row lock and stores the engine's result in the same transaction, with
 * the audit row.
 */
import type { Db, Executor } from '../../db/index.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, PG, pgCode } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { t } from '../../../shared/i18n/index.js';
import type { TAssessmentAction, TAssessmentQuery, TCreateAssessmentBody, TOverrideBody, TScoreBody } from '../../../shared/schemas/compliance.js';
import { recordAudit } from '../audit/record.js';
import { fieldError } from './errors.js';
import { loadMethod } from './methods-service.js';
import { can, listScope } from './policy.js';
import * as repo from './repo.js';
import type { MethodRow, ScoreRow } from './repo.js';
import { gapList, scaleBounds, scoreAssessment, valueAllowed, type MethodDef } from './scoring.js';
import type { AssessmentStatus } from './tables.js';

export const methodDef = (m: MethodRow): MethodDef => ({ range: m.range, dimensions: m.dimensions, indicators: m.indicators, bands: m.bands });

/** The value that counts for each indicator: the override when there is one. */
export function effectiveValues(scores: readonly Pick<ScoreRow, 'indicator_code' | 'value' | 'override_value'>[]): Map<string, number | null> {
  return new Map(scores.map((s) => [s.indicator_code, s.override_value ?? s.value]));
}

export async function listAssessments(db: Db, ctx: RequestContext, tenantId: string, q: TAssessmentQuery) {
  const actor = ctx.actor!;
  authorize(can(actor, 'compliance.assessment.list', { tenantId }));
  return withIndicatorCounts(db, tenantId, await repo.listAssessments(db, tenantId, { ...q, opdIds: listScope(actor, tenantId) }));
}

export type ListedAssessment = repo.AssessmentRow & { indicator_count: number };

/** Each row's number of indicators, from the (cached, immutable) methods rather than from SQL over their JSON. */
export async function withIndicatorCounts(db: Executor, tenantId: string, rows: repo.AssessmentRow[]): Promise<ListedAssessment[]> {
  const counts = new Map<string, number>();
  for (const id of new Set(rows.map((r) => r.method_id))) counts.set(id, (await loadMethod(db, tenantId, id))?.indicators.length ?? 0);
  return rows.map((r) => ({ ...r, indicator_count: counts.get(r.method_id) ?? 0 }));
}

/** An assessment the actor may read (404 when unknown in this tenant, 403 by policy). */
export async function readable(db: Executor, ctx: RequestContext, tenantId: string, id: string, action: 'compliance.assessment.read' | 'compliance.assessment.edit' | 'compliance.assessment.verify' = 'compliance.assessment.read') {
  const row = await repo.findAssessment(db, tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  authorize(can(ctx.actor, action, { tenantId, opdId: row.opd_id }));
  return row;
}

export interface AssessmentDetailData {
  row: ListedAssessment;
  method: MethodRow;
  scores: ScoreRow[];
  evidence: repo.EvidenceMeta[];
  result: ReturnType<typeof scoreAssessment>;
  gaps: ReturnType<typeof gapList>;
}

export async function getAssessment(db: Db, ctx: RequestContext, tenantId: string, id: string): Promise<AssessmentDetailData> {
  const row = await readable(db, ctx, tenantId, id);
  return loadDetail(db, tenantId, row);
}

async function loadDetail(db: Executor, tenantId: string, row: repo.AssessmentRow): Promise<AssessmentDetailData> {
  const [method, scores, evidence] = await Promise.all([loadMethod(db, tenantId, row.method_id), repo.listScores(db, tenantId, row.id), repo.listEvidence(db, tenantId, row.id)]);
  if (!method) throw new AppError('NOT_FOUND');
  const values = effectiveValues(scores);
  const result = scoreAssessment(methodDef(method), values);
  return { row: { ...row, indicator_count: method.indicators.length }, method, scores, evidence, result, gaps: gapList(methodDef(method), values, result.score) };
}

export async function createAssessment(db: Db, ctx: RequestContext, tenantId: string, body: TCreateAssessmentBody): Promise<AssessmentDetailData> {
  const L = ctx.locale;
  const method = await loadMethod(db, tenantId, body.methodId);
  if (!method) throw fieldError(L, 'methodId', 'compliance.unknownMethod', {}, 'INVALID_REFERENCE');
  if (body.year < method.valid_from_year) throw fieldError(L, 'year', 'compliance.yearBeforeMethod', { from: method.valid_from_year });
  let opdId: string;
  let unitId: string | null = null;
  if (method.subject === 'unit') {
    if (!body.unitId) throw fieldError(L, 'unitId', 'compliance.subjectUnit');
    const unit = await repo.findUnit(db, tenantId, body.unitId);
    if (!unit) throw fieldError(L, 'unitId', 'compliance.unknownUnit', {}, 'INVALID_REFERENCE');
    opdId = unit.opd_id;
    unitId = unit.id;
  } else {
    if (!body.opdId) throw fieldError(L, 'opdId', 'compliance.subjectOpd');
    const opd = await repo.findOpd(db, tenantId, body.opdId);
    if (!opd) throw fieldError(L, 'opdId', 'compliance.unknownOpd', {}, 'INVALID_REFERENCE');
    opdId = opd.id;
  }
  authorize(can(ctx.actor, 'compliance.assessment.edit', { tenantId, opdId }));
  const empty = scoreAssessment(methodDef(method), new Map());
  const id = await db.transaction().execute(async (tx) => {
    let created: { id: string };
    try {
      created = await repo.insertAssessment(tx, {
        tenant_id: tenantId, method_id: method.id, year: body.year, opd_id: opdId, unit_id: unitId, created_by: ctx.actor?.userId ?? null,
        score: empty.score, grade: empty.band?.grade ?? null, zone: empty.band?.zone ?? null, label: empty.band?.label ?? null,
      });
    } catch (err) {
      if (pgCode(err) === PG.UNIQUE_VIOLATION) throw new AppError('CONFLICT', {}, undefined, 'compliance.duplicate');
      throw err;
    }
    await recordAudit(tx, ctx, tenantId, {
      action: 'compliance.assessment.create', entityType: 'compliance_assessment', entityId: created.id,
      before: null, after: { method: `${method.code}@${method.version}`, year: body.year, opd_id: opdId, unit_id: unitId },
    });
    return created.id;
  });
  return getAssessment(db, ctx, tenantId, id);
}

/** Recomputes and stores the result of an assessment (inside the caller's transaction, under its lock). */
export async function rescore(tx: Executor, tenantId: string, assessmentId: string, method: MethodRow) {
  const scores = await repo.listScores(tx, tenantId, assessmentId);
  const result = scoreAssessment(methodDef(method), effectiveValues(scores));
  await repo.updateResult(tx, tenantId, assessmentId, {
    score: result.score, grade: result.band?.grade ?? null, zone: result.band?.zone ?? null, label: result.band?.label ?? null,
    scored_count: result.scoredCount, override_count: scores.filter((s) => s.override_value !== null).length,
  });
  return result;
}

function indicatorOf(method: MethodRow, code: string) {
  const ind = method.indicators.find((i) => i.code === code);
  if (!ind) throw new AppError('NOT_FOUND', { code }, undefined, 'compliance.unknownIndicator');
  return ind;
}

function checkValue(ctx: RequestContext, method: MethodRow, code: string, field: string, v: number | null | undefined) {
  if (v === null || v === undefined) return;
  const ind = indicatorOf(method, code);
  if (!valueAllowed(ind.scale, v)) throw fieldError(ctx.locale, field, 'compliance.valueOutOfScale', scaleBounds(ind.scale));
}

const statusText = (ctx: RequestContext, s: AssessmentStatus) => t(ctx.locale, `compliance.status.${s}`);

/**
 * The unit's own score, note, gap owner and due date of one indicator. Score and note only
 * while the assessment is a draft; the gap's owner and due date may be planned at any time.
 */
export async function setScore(db: Db, ctx: RequestContext, tenantId: string, id: string, code: string, body: TScoreBody) {
  const row = await readable(db, ctx, tenantId, id, 'compliance.assessment.edit');
  const method = (await loadMethod(db, tenantId, row.method_id))!;
  indicatorOf(method, code);
  checkValue(ctx, method, code, 'value', body.value);
  await db.transaction().execute(async (tx) => {
    const locked = await repo.lockAssessment(tx, tenantId, id);
    if (!locked) throw new AppError('NOT_FOUND');
    const touchesScore = body.value !== undefined || body.note !== undefined;
    if (touchesScore && locked.status !== 'draft') throw new AppError('TRANSITION_NOT_ALLOWED', { status: statusText(ctx, locked.status) }, undefined, 'compliance.locked');
    const before = (await repo.listScores(tx, tenantId, id)).find((s) => s.indicator_code === code) ?? null;
    const set: Parameters<typeof repo.upsertScore>[2] = {};
    if (body.value !== undefined) set.value = body.value;
    if (body.note !== undefined) set.note = body.note?.trim() || null;
    if (body.gapOwner !== undefined) set.gap_owner = body.gapOwner?.trim() || null;
    if (body.gapDueDate !== undefined) set.gap_due_date = body.gapDueDate;
    await repo.upsertScore(tx, { tenant_id: tenantId, assessment_id: id, indicator_code: code }, set, ctx.actor?.userId ?? null);
    const result = await rescore(tx, tenantId, id, method);
    await recordAudit(tx, ctx, tenantId, {
      action: 'compliance.score.set', entityType: 'compliance_assessment', entityId: id,
      before: before ? { indicator: code, value: before.value, note: before.note, gap_owner: before.gap_owner, gap_due_date: before.gap_due_date, score: Number(locked.score) } : { indicator: code, score: Number(locked.score) },
      after: { indicator: code, ...set, score: result.score, grade: result.band?.grade ?? null, zone: result.band?.zone ?? null },
    });
  });
  return getAssessment(db, ctx, tenantId, id);
}

/** The Inspektorat's override of one indicator on a submitted assessment: both values kept, reason mandatory, audited. */
export async function overrideScore(db: Db, ctx: RequestContext, tenantId: string, id: string, code: string, body: TOverrideBody) {
  const row = await readable(db, ctx, tenantId, id, 'compliance.assessment.verify');
  const method = (await loadMethod(db, tenantId, row.method_id))!;
  checkValue(ctx, method, code, 'value', body.value);
  const reason = body.reason.trim();
  if (reason.length < 5) throw fieldError(ctx.locale, 'reason', 'validation.tooShort', { limit: 5 });
  await db.transaction().execute(async (tx) => {
    const locked = await repo.lockAssessment(tx, tenantId, id);
    if (!locked) throw new AppError('NOT_FOUND');
    if (locked.status !== 'submitted') throw new AppError('TRANSITION_NOT_ALLOWED', {}, undefined, 'compliance.overrideState');
    const before = (await repo.listScores(tx, tenantId, id)).find((s) => s.indicator_code === code) ?? null;
    const actor = ctx.actor!;
    await repo.upsertScore(tx, { tenant_id: tenantId, assessment_id: id, indicator_code: code }, {
      override_value: body.value, override_reason: reason, override_by: actor.userId, override_by_label: actor.name, override_at: new Date(),
    }, actor.userId);
    const result = await rescore(tx, tenantId, id, method);
    await recordAudit(tx, ctx, tenantId, {
      action: 'compliance.score.override', entityType: 'compliance_assessment', entityId: id,
      before: { indicator: code, self_value: before?.value ?? null, override_value: before?.override_value ?? null, score: Number(locked.score) },
      after: { indicator: code, self_value: before?.value ?? null, override_value: body.value, reason, score: result.score, grade: result.band?.grade ?? null, zone: result.band?.zone ?? null },
    });
  });
  return getAssessment(db, ctx, tenantId, id);
}

const TRANSITIONS: Record<TAssessmentAction, { from: AssessmentStatus; to: AssessmentStatus; perm: 'compliance.assessment.edit' | 'compliance.assessment.verify' }> = {
  submit: { from: 'draft', to: 'submitted', perm: 'compliance.assessment.edit' },
  return: { from: 'submitted', to: 'draft', perm: 'compliance.assessment.verify' },
  verify: { from: 'submitted', to: 'verified', perm: 'compliance.assessment.verify' },
};

export async function transition(db: Db, ctx: RequestContext, tenantId: string, id: string, action: TAssessmentAction, note: string | null | undefined) {
  const step = TRANSITIONS[action];
  const row = await readable(db, ctx, tenantId, id, step.perm);
  const actor = ctx.actor!;
  await db.transaction().execute(async (tx) => {
    const now = new Date();
    const extra = action === 'submit' ? { submitted_at: now, submitted_by: actor.userId }
      : action === 'verify' ? { verified_at: now, verified_by: actor.userId, verified_by_label: actor.name }
        : { submitted_at: null, submitted_by: null };
    const moved = await repo.updateStatus(tx, tenantId, id, step.from, step.to, extra);
    if (!moved) {
      const current = (await repo.lockAssessment(tx, tenantId, id))?.status ?? row.status;
      throw new AppError('TRANSITION_NOT_ALLOWED', { status: statusText(ctx, current), action: t(ctx.locale, `compliance.action.${action}`) }, undefined, 'compliance.transition');
    }
    await recordAudit(tx, ctx, tenantId, {
      action: `compliance.assessment.${action}`, entityType: 'compliance_assessment', entityId: id,
      before: { status: step.from, score: Number(row.score) }, after: { status: step.to, note: note?.trim() || null },
    });
  });
  return getAssessment(db, ctx, tenantId, id);
}
