/**
 * Attachments: uploads (type from the content, metadata stripped unless the citizen shares
 * the location), linking uploads to a complaint, reading them (staff by policy, the public
 * only what the complaint module made public) and deleting uploads never linked.
 */
import crypto from 'node:crypto';
import type { Db, Executor } from '../../db/index.js';
import type { RequestContext } from '../../platform/context.js';
import { systemContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { recordAudit } from '../audit/record.js';
import { FileRejected, fileInvalid } from './errors.js';
import { can } from './policy.js';
import * as repo from './repo.js';
import type { AttachmentMeta } from './repo.js';
import { checkFileType, extensionOf, type AttachmentType } from './sniff.js';
import { sanitizeFile } from './strip.js';
import { audienceFor } from '../complaints/policy.js';
import { attachmentName, seesReporterIdentity } from '../complaints/present.js';

/** Largest accepted file (each); the multipart parser stops reading beyond it. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Unlinked uploads older than this are deleted by the cleanup job. */
export const UNLINKED_MAX_AGE_HOURS = 24;
export const CLEANUP_BATCH = 200;
export const CLEANUP_MAX_BATCHES = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_NAMES: Record<AttachmentType, string> = {
  'image/jpeg': 'lampiran.jpg', 'image/png': 'lampiran.png', 'image/webp': 'lampiran.webp', 'application/pdf': 'lampiran.pdf',
};

/**
 * A file name safe to store and show: the last path component, without control or
 * bidirectional-override characters, at most 150 characters (the extension kept).
 */
export function safeFilename(raw: string | null | undefined, type: AttachmentType): string {
  return cleanName(raw) || DEFAULT_NAMES[type];
}

function cleanName(raw: string | null | undefined): string {
  let name = (raw ?? '').split(/[\\/]/).pop() ?? '';
  name = name.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  name = name.replace(/^\.+/, '');
  if (!name) return '';
  const chars = [...name];
  if (chars.length > 150) {
    const ext = extensionOf(name);
    const keep = ext && ext.length <= 10 ? `.${ext}` : '';
    name = chars.slice(0, 150 - keep.length).join('') + keep;
  }
  return name;
}

export interface UploadInput {
  filename: string;
  /** The Content-Type the client declared for the file part (only compared, never trusted). */
  declaredType: string | null;
  data: Buffer;
  /** The citizen chose to share the location: keep the file's metadata as it is. */
  keepLocation: boolean;
}

/** Checks, cleans and stores one upload (unlinked until a complaint or event claims it). */
export async function uploadAttachment(db: Db, ctx: RequestContext, tenantId: string, input: UploadInput): Promise<AttachmentMeta> {
  if (ctx.actor) authorize(can(ctx.actor, 'attachment.upload', { tenantId }));
  const shownName = cleanName(input.filename) || 'lampiran';
  let type: AttachmentType;
  let data: Buffer;
  let removedBytes: number;
  try {
    type = checkFileType(input.data, input.filename ?? '', input.declaredType);
    ({ data, removedBytes } = sanitizeFile(input.data, type, { keepMetadata: input.keepLocation }));
  } catch (err) {
    if (err instanceof FileRejected) throw fileInvalid(err, shownName);
    throw err;
  }
  const filename = safeFilename(input.filename, type);
  const sha256 = crypto.createHash('sha256').update(data).digest('hex');
  return db.transaction().execute(async (tx) => {
    const row = await repo.insertAttachment(tx, { tenantId, filename, contentType: type, data, sha256 });
    await recordAudit(tx, ctx, tenantId, {
      action: 'attachment.upload',
      entityType: 'attachment',
      entityId: row.id,
      after: { filename, content_type: type, size_bytes: row.size_bytes, sha256, original_size_bytes: input.data.length, metadata_removed_bytes: removedBytes, kept_location: input.keepLocation, public_upload: !ctx.actor },
    });
    return row;
  });
}

/**
 * Links uploads to a complaint (and optionally one of its events), inside the caller's
 * transaction. Only uploads of this tenant that are not linked yet are linked; if any id
 * is unknown, of another tenant or already linked, nothing is linked: 400
 * INVALID_REFERENCE (the caller's transaction rolls back). Returns the linked rows.
 * `isPublic` marks the files publishable; the public may see them only while the
 * complaint is not rahasia (decided by the complaint module when it links).
 */
export async function linkAttachments(
  tx: Executor,
  tenantId: string,
  complaintId: string,
  ids: string[],
  opts: { eventId?: number | null; isPublic?: boolean } = {},
): Promise<AttachmentMeta[]> {
  const unique = [...new Set(ids)];
  const invalid = unique.filter((id) => !UUID.test(id));
  if (invalid.length) throw notLinkable(invalid);
  const rows = await repo.linkUnlinked(tx, tenantId, complaintId, unique, { eventId: opts.eventId ?? null, isPublic: opts.isPublic ?? false });
  if (rows.length !== unique.length) {
    const linked = new Set(rows.map((r) => r.id));
    throw notLinkable(unique.filter((id) => !linked.has(id)));
  }
  return rows;
}

function notLinkable(ids: string[]): AppError {
  return new AppError('INVALID_REFERENCE', { field: 'attachmentIds' }, { field: 'attachmentIds', ids }, 'attachments.notLinkable');
}

/** An attachment of the tenant with its bytes, or undefined (no policy: for other modules' services). */
export async function getAttachment(db: Executor, tenantId: string, id: string) {
  if (!UUID.test(id)) return undefined;
  return repo.findAttachmentWithCase(db, tenantId, id);
}

/** Attachments of a complaint, without bytes (for the complaint presenters). */
export async function listAttachments(db: Executor, tenantId: string, complaintId: string): Promise<AttachmentMeta[]> {
  return repo.listForComplaint(db, tenantId, complaintId);
}

/** Staff read: 404 when it does not exist in this tenant, 403 when the policy says no. */
export async function getAttachmentForStaff(db: Db, ctx: RequestContext, tenantId: string, id: string) {
  const row = await getAttachment(db, tenantId, id);
  if (!row) throw notFound();
  authorize(can(ctx.actor, 'attachment.read', { tenantId, caseOpdId: row.complaint_id ? row.case_opd_id : null }));
  if (!row.complaint_id) return row;
  // The file name follows the case page's rule: neutral where the reporter is hidden.
  const audience = audienceFor(ctx.actor, { tenantId, opdId: row.case_opd_id });
  const identity =
    !!audience &&
    seesReporterIdentity({ is_anonymous: !!row.case_is_anonymous }, row.case_has_anonim_reporter ? [{ is_anonymous: true }] : [], audience);
  return { ...row, filename: attachmentName(row, identity) };
}

/**
 * Public read: only a file marked public, linked to a complaint that is not rahasia.
 * Everything else — unknown, unlinked, not public, rahasia — is the same 404.
 */
export async function getPublicAttachment(db: Db, tenantId: string, id: string) {
  const row = await getAttachment(db, tenantId, id);
  if (!row || !row.complaint_id || !row.is_public || row.case_is_confidential !== false) throw notFound();
  return row;
}

/**
 * Deletes unlinked uploads older than a day in bounded batches (each batch one short
 * transaction with one audit row per tenant). Safe to run concurrently: rows are claimed
 * with SKIP LOCKED and re-checked as unlinked. Returns how many were deleted.
 */
export async function cleanupUnlinkedUploads(db: Db, opts: { now?: Date; maxAgeHours?: number; batchSize?: number; maxBatches?: number } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const olderThan = new Date(now.getTime() - (opts.maxAgeHours ?? UNLINKED_MAX_AGE_HOURS) * 3600_000);
  const batchSize = opts.batchSize ?? CLEANUP_BATCH;
  const maxBatches = opts.maxBatches ?? CLEANUP_MAX_BATCHES;
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const deleted = await db.transaction().execute(async (tx) => {
      const rows = await repo.deleteStaleUnlinked(tx, olderThan, batchSize);
      const byTenant = new Map<string, typeof rows>();
      for (const r of rows) byTenant.set(r.tenant_id, [...(byTenant.get(r.tenant_id) ?? []), r]);
      for (const [tenantId, list] of byTenant) {
        await recordAudit(tx, systemContext(null, 'attachments.cleanup'), tenantId, {
          action: 'attachment.cleanup',
          entityType: 'attachment',
          entityId: null,
          before: { count: list.length, ids: list.map((r) => r.id) },
          after: null,
        });
      }
      return rows.length;
    });
    total += deleted;
    if (deleted < batchSize) break;
  }
  return total;
}
