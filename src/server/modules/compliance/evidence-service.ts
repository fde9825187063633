/**
 * Evidence per indicator: a photo or document (its type read from the content by the
 * attachments module's sniffer; a file whose name or declared type lies is refused with
 * 400 FILE_INVALID; photo metadata such as GPS stripped) stored in this module's own
 * table, or a link. Added and removed while the assessment is a draft; read by whoever may
 * read the assessment.
 */
import crypto from 'node:crypto';
import type { Db } from '../../db/index.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { t } from '../../../shared/i18n/index.js';
import type { TEvidenceLinkBody } from '../../../shared/schemas/compliance.js';
import { recordAudit } from '../audit/record.js';
import { FileRejected, fileInvalid } from '../attachments/errors.js';
import { safeFilename } from '../attachments/service.js';
import { checkFileType } from '../attachments/sniff.js';
import { sanitizeFile } from '../attachments/strip.js';
import { readable } from './assessment-service.js';
import { loadMethod } from './methods-service.js';
import { can } from './policy.js';
import * as repo from './repo.js';

/** Largest evidence file: a scanned decree or a phone photo fits comfortably. */
export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;

export interface EvidenceUpload {
  filename: string;
  declaredType: string | null;
  data: Buffer;
}

async function editableIndicator(db: Db, ctx: RequestContext, tenantId: string, id: string, code: string) {
  const row = await readable(db, ctx, tenantId, id, 'compliance.assessment.edit');
  const method = await loadMethod(db, tenantId, row.method_id);
  if (!method?.indicators.some((i) => i.code === code)) throw new AppError('NOT_FOUND', { code }, undefined, 'compliance.unknownIndicator');
  if (row.status !== 'draft') throw new AppError('TRANSITION_NOT_ALLOWED', { status: t(ctx.locale, `compliance.status.${row.status}`) }, undefined, 'compliance.locked');
  return row;
}

export async function uploadEvidence(db: Db, ctx: RequestContext, tenantId: string, id: string, code: string, file: EvidenceUpload) {
  await editableIndicator(db, ctx, tenantId, id, code);
  let data: Buffer;
  let type: ReturnType<typeof checkFileType>;
  try {
    type = checkFileType(file.data, file.filename, file.declaredType);
    data = sanitizeFile(file.data, type, { keepMetadata: false }).data;
  } catch (err) {
    if (err instanceof FileRejected) throw fileInvalid(err, file.filename);
    throw err;
  }
  const filename = safeFilename(file.filename, type);
  return db.transaction().execute(async (tx) => {
    const row = await repo.insertEvidence(tx, {
      tenant_id: tenantId, assessment_id: id, indicator_code: code, kind: 'file', url: null, label: null,
      filename, content_type: type, size_bytes: data.length, sha256: crypto.createHash('sha256').update(data).digest('hex'), data, created_by: ctx.actor?.userId ?? null,
    });
    await recordAudit(tx, ctx, tenantId, { action: 'compliance.evidence.add', entityType: 'compliance_assessment', entityId: id, before: null, after: { evidence_id: row.id, indicator: code, kind: 'file', filename, content_type: type, size_bytes: data.length } });
    return row;
  });
}

export async function addLink(db: Db, ctx: RequestContext, tenantId: string, id: string, code: string, body: TEvidenceLinkBody) {
  await editableIndicator(db, ctx, tenantId, id, code);
  return db.transaction().execute(async (tx) => {
    const row = await repo.insertEvidence(tx, {
      tenant_id: tenantId, assessment_id: id, indicator_code: code, kind: 'link', url: body.url.trim(), label: body.label?.trim() || null,
      filename: null, content_type: null, size_bytes: null, sha256: null, data: null, created_by: ctx.actor?.userId ?? null,
    });
    await recordAudit(tx, ctx, tenantId, { action: 'compliance.evidence.add', entityType: 'compliance_assessment', entityId: id, before: null, after: { evidence_id: row.id, indicator: code, kind: 'link', url: row.url } });
    return row;
  });
}

/** The file of a piece of evidence (staff who may read its assessment). */
export async function getEvidenceFile(db: Db, ctx: RequestContext, tenantId: string, evidenceId: string) {
  const row = await repo.findEvidence(db, tenantId, evidenceId);
  if (!row || row.kind !== 'file' || !row.data) throw new AppError('NOT_FOUND');
  authorize(can(ctx.actor, 'compliance.assessment.read', { tenantId, opdId: row.opd_id }));
  return row as typeof row & { data: Buffer; content_type: string; filename: string; sha256: string };
}

export async function removeEvidence(db: Db, ctx: RequestContext, tenantId: string, evidenceId: string) {
  const found = await repo.findEvidence(db, tenantId, evidenceId);
  if (!found) throw new AppError('NOT_FOUND');
  await editableIndicator(db, ctx, tenantId, found.assessment_id, found.indicator_code);
  await db.transaction().execute(async (tx) => {
    await repo.deleteEvidence(tx, tenantId, evidenceId);
    await recordAudit(tx, ctx, tenantId, { action: 'compliance.evidence.remove', entityType: 'compliance_assessment', entityId: found.assessment_id, before: { evidence_id: found.id, indicator: found.indicator_code, kind: found.kind, filename: found.filename, url: found.url }, after: null });
  });
}
