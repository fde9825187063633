/**
 * SQL of the attachments module. Every query filters by tenant_id, except the cleanup
 * job's sweep over all tenants' stale unlinked uploads (a bounded batch by age).
 */
import type { Selectable } from 'kysely';
import type { Executor } from '../../db/index.js';
import type { AttachmentTable } from '../complaints/tables.js';
import type { AttachmentType } from './sniff.js';

/** Columns without the file's bytes (for listings, linking, audit). */
const META = ['tenant_id', 'id', 'complaint_id', 'event_id', 'filename', 'content_type', 'size_bytes', 'sha256', 'is_public', 'created_at'] as const;

export type AttachmentMeta = Omit<Selectable<AttachmentTable>, 'data'>;
export type AttachmentFile = AttachmentMeta & { data: Buffer };

/** bytea comes back as a Buffer from node-postgres and a Uint8Array from PGlite. */
function asBuffer(v: Uint8Array): Buffer {
  return Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

export async function insertAttachment(
  db: Executor,
  row: { tenantId: string; filename: string; contentType: AttachmentType; data: Buffer; sha256: string },
): Promise<AttachmentMeta> {
  return db
    .insertInto('attachment')
    .values({
      tenant_id: row.tenantId,
      complaint_id: null,
      event_id: null,
      filename: row.filename,
      content_type: row.contentType,
      size_bytes: row.data.length,
      sha256: row.sha256,
      data: row.data,
    })
    .returning(META)
    .executeTakeFirstOrThrow();
}

/**
 * Links uploads that are still unlinked, in this tenant, to a complaint (and optionally
 * one of its events). The `complaint_id IS NULL` condition is the claim: an upload linked
 * by a concurrent request is not linked again.
 */
export async function linkUnlinked(
  db: Executor,
  tenantId: string,
  complaintId: string,
  ids: string[],
  opts: { eventId: number | null; isPublic: boolean },
): Promise<AttachmentMeta[]> {
  if (ids.length === 0) return [];
  return db
    .updateTable('attachment')
    .set({ complaint_id: complaintId, event_id: opts.eventId, is_public: opts.isPublic })
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .where('complaint_id', 'is', null)
    .returning(META)
    .execute();
}

/** One attachment with its bytes and what decides who may read it (its complaint's OPD and privacy flags). */
export async function findAttachmentWithCase(db: Executor, tenantId: string, id: string) {
  const row = await db
    .selectFrom('attachment as a')
    .leftJoin('complaint as c', (j) => j.onRef('c.tenant_id', '=', 'a.tenant_id').onRef('c.id', '=', 'a.complaint_id'))
    .select(['a.tenant_id', 'a.id', 'a.complaint_id', 'a.event_id', 'a.filename', 'a.content_type', 'a.size_bytes', 'a.sha256', 'a.is_public', 'a.created_at', 'a.data'])
    .select(['c.opd_id as case_opd_id', 'c.is_confidential as case_is_confidential', 'c.is_anonymous as case_is_anonymous', 'c.status as case_status'])
    // A reporter who filed anonim and was merged into this case hides the identity too.
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('complaint_reporter as r')
            .select('r.id')
            .whereRef('r.tenant_id', '=', 'a.tenant_id')
            .whereRef('r.complaint_id', '=', 'a.complaint_id')
            .where('r.is_anonymous', '=', true),
        )
        .as('case_has_anonim_reporter'),
    )
    .where('a.tenant_id', '=', tenantId)
    .where('a.id', '=', id)
    .executeTakeFirst();
  return row ? { ...row, data: asBuffer(row.data) } : undefined;
}

export async function listForComplaint(db: Executor, tenantId: string, complaintId: string): Promise<AttachmentMeta[]> {
  return db.selectFrom('attachment').select(META).where('tenant_id', '=', tenantId).where('complaint_id', '=', complaintId).orderBy('created_at').orderBy('id').execute();
}

/**
 * Deletes at most `limit` unlinked uploads created before `olderThan`, any tenant;
 * returns what went (for the audit trail). `FOR UPDATE SKIP LOCKED` lets two cleanup runs
 * share the work, and an upload being linked right now (row locked) is skipped.
 */
export async function deleteStaleUnlinked(db: Executor, olderThan: Date, limit: number) {
  return db
    .deleteFrom('attachment')
    .where(({ eb, refTuple, selectFrom }) =>
      eb(
        refTuple('tenant_id', 'id'),
        'in',
        selectFrom('attachment')
          .select(['tenant_id', 'id'])
          .where('complaint_id', 'is', null)
          .where('created_at', '<', olderThan)
          .orderBy('created_at')
          .limit(limit)
          .forUpdate()
          .skipLocked() as any,
      ),
    )
    .where('complaint_id', 'is', null)
    .returning(['tenant_id', 'id', 'filename', 'content_type', 'size_bytes', 'sha256', 'created_at'])
    .execute();
}
