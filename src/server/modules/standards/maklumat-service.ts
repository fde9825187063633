/**
 * The maklumat pelayanan (service pledge) of a unit: drafted by the unit's team,
 * established and published by the head of the OPD or an admin (lifecycle.ts
 * MAKLUMAT_STEPS), revised as a new version. Audited like the standards.
 */
import type { Db, Executor } from '../../db/index.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, PG, pgCode } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { t, type MessageKey } from '../../../shared/i18n/index.js';
import { cleanText, hasContent } from '../../../shared/schemas/standards-markup.js';
import { recordAudit } from '../audit/record.js';
import { MAKLUMAT_STEPS, plan, type MaklumatAction } from './lifecycle.js';
import { can, performersFor } from './policy.js';
import * as repo from './repo.js';

async function unitOpd(db: Executor, tenantId: string, unitId: string): Promise<{ id: string; name: string; opd_id: string }> {
  const unit = await db.selectFrom('service_unit').select(['id', 'name', 'opd_id']).where('tenant_id', '=', tenantId).where('id', '=', unitId).executeTakeFirst();
  if (!unit) throw new AppError('INVALID_REFERENCE', {}, [{ field: 'unitId' }], 'standards.unknownUnit');
  return unit;
}

const clean = (s: string | undefined) => (s === undefined ? undefined : cleanText(s).trim());

export async function createMaklumat(db: Db, ctx: RequestContext, tenantId: string, input: { unitId: string; body?: string; signerName?: string; signerTitle?: string }): Promise<repo.MaklumatRow> {
  const unit = await unitOpd(db, tenantId, input.unitId);
  authorize(can(ctx.actor, 'standard.write', { tenantId, opdId: unit.opd_id }));
  try {
    return await db.transaction().execute(async (tx) => {
      const version = (await repo.maxMaklumatVersion(tx, tenantId, unit.id)) + 1;
      const row = await repo.insertMaklumat(tx, { tenantId, unitId: unit.id, version, body: clean(input.body) ?? '', signerName: clean(input.signerName) || null, signerTitle: clean(input.signerTitle) || null });
      await recordAudit(tx, ctx, tenantId, { action: 'standards.maklumat.create', entityType: 'unit_maklumat', entityId: row.id, before: null, after: row });
      return row;
    });
  } catch (err) {
    if (pgCode(err) === PG.UNIQUE_VIOLATION) throw new AppError('CONFLICT', {}, undefined, 'standards.openVersionExists');
    throw err;
  }
}

async function loadForWrite(db: Executor, ctx: RequestContext, tenantId: string, id: string) {
  const row = await repo.getMaklumat(db, tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  const unit = await unitOpd(db, tenantId, row.unit_id);
  authorize(can(ctx.actor, 'standard.write', { tenantId, opdId: unit.opd_id }));
  return { row, unit };
}

export async function patchMaklumat(db: Db, ctx: RequestContext, tenantId: string, id: string, input: { body?: string; signerName?: string; signerTitle?: string }): Promise<repo.MaklumatRow> {
  const { row } = await loadForWrite(db, ctx, tenantId, id);
  if (row.status !== 'draft') throw new AppError('CONFLICT', { version: row.version, status: t(ctx.locale, `standards.status.${row.status}` as MessageKey) }, undefined, 'standards.notEditable');
  return db.transaction().execute(async (tx) => {
    const updated = await repo.updateMaklumatIf(tx, tenantId, id, 'draft', {
      ...(input.body !== undefined ? { body: clean(input.body)! } : {}),
      ...(input.signerName !== undefined ? { signer_name: clean(input.signerName) || null } : {}),
      ...(input.signerTitle !== undefined ? { signer_title: clean(input.signerTitle) || null } : {}),
    });
    if (!updated) throw new AppError('CONFLICT');
    await recordAudit(tx, ctx, tenantId, { action: 'standards.maklumat.update', entityType: 'unit_maklumat', entityId: id, before: row, after: updated });
    return updated;
  });
}

export async function actOnMaklumat(db: Db, ctx: RequestContext, tenantId: string, id: string, action: MaklumatAction): Promise<repo.MaklumatRow> {
  const { row, unit } = await loadForWrite(db, ctx, tenantId, id);
  const step = plan(MAKLUMAT_STEPS, action, row.status, performersFor(ctx.actor, tenantId, unit.opd_id));
  const actionLabel = t(ctx.locale, `standards.action.${action}` as MessageKey);
  if (!step.ok && step.reason === 'performer') throw new AppError('FORBIDDEN', { action: actionLabel }, undefined, 'standards.performerRefused');
  if (!step.ok) throw new AppError('TRANSITION_NOT_ALLOWED', { action: actionLabel, status: t(ctx.locale, `standards.status.${row.status}` as MessageKey) }, { action, status: row.status }, 'standards.transitionRefused');
  if (action === 'establish') {
    const gaps = [!hasContent(row.body) ? 'body' : null, !row.signer_name ? 'signerName' : null, !row.signer_title ? 'signerTitle' : null].filter((g): g is string => !!g);
    if (gaps.length) {
      const names = gaps.map((g) => t(ctx.locale, `standards.field.${g}` as MessageKey));
      throw new AppError('VALIDATION', { fields: names.join(', ') }, gaps.map((g, i) => ({ field: g, message: names[i] })), 'standards.missingFields');
    }
  }
  const now = new Date();
  try {
    return await db.transaction().execute(async (tx) => {
      const updated = await repo.updateMaklumatIf(tx, tenantId, id, row.status, {
        status: step.to,
        ...(action === 'establish' ? { established_at: now } : {}),
        ...(action === 'publish' ? { published_at: now } : {}),
      });
      if (!updated) throw new AppError('CONFLICT');
      await recordAudit(tx, ctx, tenantId, { action: `standards.maklumat.${action}`, entityType: 'unit_maklumat', entityId: id, before: { status: row.status }, after: { status: updated.status } });
      if (action === 'publish') await repo.supersedeOlderMaklumat(tx, tenantId, row.unit_id, row.version);
      if (action !== 'revise') return updated;
      const next = await repo.insertMaklumat(tx, { tenantId, unitId: row.unit_id, version: row.version + 1, body: row.body, signerName: row.signer_name, signerTitle: row.signer_title });
      await recordAudit(tx, ctx, tenantId, { action: 'standards.maklumat.create', entityType: 'unit_maklumat', entityId: next.id, before: null, after: { ...next, revisionOf: id } });
      return next;
    });
  } catch (err) {
    if (pgCode(err) === PG.UNIQUE_VIOLATION) throw new AppError('CONFLICT', {}, undefined, 'standards.openVersionExists');
    throw err;
  }
}

export async function listMaklumat(db: Db, ctx: RequestContext, tenantId: string, f: { unitId?: string; opdId?: string }) {
  const rows = await repo.listMaklumat(db, tenantId, f);
  return rows.map((r) => ({ row: r, unitName: r.unit_name, performers: performersFor(ctx.actor, tenantId, r.opd_id) }));
}
