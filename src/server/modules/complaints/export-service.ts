/**
 * CSV export of the inbox (GET /complaints/export.csv), with the inbox's scope and filters.
 * Personal data (reporters' names, phones, e-mails) goes by the presenter's rule
 * (present.ts): the personal columns are in a bulk file only for the audiences that see
 * every reporter — the desk (verifikator, admin) and the inspectorate — and each row names
 * only the reporters `seesReporter` lets that audience see, so an anonim reporter never
 * reaches OPD staff or the leaders. Cells that a spreadsheet would run as a formula are
 * prefixed with an apostrophe (CSV injection).
 *
 * Up to EXPORT_INLINE_MAX rows are sent back at once. A larger export is stored as a
 * `complaint_export` row and built by the `complaints.export` job; the requester polls
 * GET /complaints/exports/:id and downloads the file (only they can, for EXPORT_KEEP_DAYS).
 * The scope and the personal-data decision are fixed at request time and kept on the row.
 */
import { stringify } from 'csv-stringify/sync';
import { sql } from 'kysely';
import type { Db, Executor } from '../../db/index.js';
import type { Actor, TenantRef } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { enqueueJob } from '../jobs/service.js';
import * as inboxRepo from './inbox-repo.js';
import { inboxFilter, type InboxFilterInput } from './inbox-service.js';
import { audienceFor } from './policy.js';
import { seesAnonimReporters, seesReporter, type StaffAudience } from './present.js';

export const EXPORT_INLINE_MAX = 5000;
/** Largest background export (a file kept in the database). */
export const EXPORT_BACKGROUND_MAX = 200_000;
export const EXPORT_KEEP_DAYS = 7;
const PAGE = 1000;

export const EXPORT_COLUMNS = [
  'tracking_code', 'received_at', 'kind', 'channel', 'status', 'title', 'description', 'category', 'region_code', 'region',
  'opd', 'due_at', 'due_stage', 'overdue', 'escalation_level', 'is_anonymous', 'is_confidential', 'reporter_count',
  'resolved_at', 'closed_at', 'rating',
] as const;
export const PERSONAL_COLUMNS = ['reporter_names', 'reporter_phones', 'reporter_emails'] as const;

/** Neutralises spreadsheet formulas (=, +, -, @, tab, CR at the start of a cell). */
export function safeCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = v instanceof Date ? v.toISOString() : String(v);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/**
 * The audience whose rule the personal columns follow, or null when the export carries
 * none. Bulk files are data minimised: only audiences that see every reporter get them.
 */
export function personalDataAudience(actor: Actor, tenantId: string): StaffAudience | null {
  const audience = audienceFor(actor, { tenantId });
  return audience && seesAnonimReporters(audience) ? audience : null;
}

type Filter = Omit<inboxRepo.InboxFilter, 'after' | 'limit'>;
/** A filter as JSON (dates as ISO strings). */
export type StoredFilter = Omit<Filter, 'now' | 'dueSoonUntil' | 'receivedFrom' | 'receivedBefore'> & {
  now: string; dueSoonUntil: string; receivedFrom?: string; receivedBefore?: string;
};

function storeFilter(f: Filter): StoredFilter {
  return {
    ...f,
    now: f.now.toISOString(),
    dueSoonUntil: f.dueSoonUntil.toISOString(),
    receivedFrom: f.receivedFrom?.toISOString(),
    receivedBefore: f.receivedBefore?.toISOString(),
  };
}

function loadFilter(s: StoredFilter): Filter {
  return {
    ...s,
    now: new Date(s.now),
    dueSoonUntil: new Date(s.dueSoonUntil),
    receivedFrom: s.receivedFrom ? new Date(s.receivedFrom) : undefined,
    receivedBefore: s.receivedBefore ? new Date(s.receivedBefore) : undefined,
  };
}

/** The CSV of every row the filter matches, in pages of PAGE over the inbox keyset. */
export async function buildCsv(db: Executor, tenantId: string, filter: Filter, personal: StaffAudience | null): Promise<{ csv: string; rows: number }> {
  const header = personal ? [...EXPORT_COLUMNS, ...PERSONAL_COLUMNS] : [...EXPORT_COLUMNS];
  const records: string[][] = [header];
  let after: inboxRepo.InboxFilter['after'] = null;
  for (;;) {
    const rows = await inboxRepo.listInbox(db, { ...filter, after, limit: PAGE, withDescription: true });
    const who = new Map<string, { names: string[]; phones: string[]; emails: string[] }>();
    if (personal) {
      const anonim = new Map(rows.map((x) => [x.id, { is_anonymous: x.is_anonymous }]));
      for (const r of await inboxRepo.reportersOf(db, tenantId, rows.map((x) => x.id))) {
        if (!seesReporter(anonim.get(r.complaint_id) ?? { is_anonymous: true }, r, personal)) continue;
        const w = who.get(r.complaint_id) ?? { names: [], phones: [], emails: [] };
        if (r.name) w.names.push(r.name);
        if (r.phone) w.phones.push(r.phone);
        if (r.email) w.emails.push(r.email);
        who.set(r.complaint_id, w);
      }
    }
    for (const r of rows) {
      const overdue = !!r.due_at && r.due_stage !== 'auto_close' && new Date(r.due_at).getTime() <= filter.now.getTime();
      const line = [
        r.tracking_code, r.received_at, r.kind, r.channel, r.status, r.title, r.description, r.category_name, r.region_code, r.region_name,
        r.opd_name, r.due_at, r.due_stage, overdue ? 'true' : 'false', r.escalation_level, String(r.is_anonymous), String(r.is_confidential),
        r.reporter_count, r.resolved_at, r.closed_at, r.rating,
      ].map(safeCell);
      if (personal) {
        const w = who.get(r.id);
        line.push(safeCell(w?.names.join('; ')), safeCell(w?.phones.join('; ')), safeCell(w?.emails.join('; ')));
      }
      records.push(line);
    }
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1]!;
    after = { k: last.sort_key ? new Date(last.sort_key).toISOString() : null, id: last.id };
  }
  // A BOM so spreadsheet programs read UTF-8 (names with diacritics) correctly.
  return { csv: `\uFEFF${stringify(records)}`, rows: records.length - 1 };
}

export type ExportOutcome =
  | { kind: 'inline'; csv: string; rows: number; personal: boolean }
  | { kind: 'background'; id: string; rows: number; status: 'queued' };

/**
 * GET /complaints/export.csv: the file at once up to EXPORT_INLINE_MAX rows, otherwise a
 * background export (row + job in one transaction).
 */
export async function exportCsv(db: Db, actor: Actor, tenant: TenantRef, query: InboxFilterInput, now = new Date()): Promise<ExportOutcome> {
  const filter = await inboxFilter(db, actor, tenant, { ...query, view: query.view ?? 'all' }, now);
  const audience = personalDataAudience(actor, tenant.id);
  const personal = audience !== null;
  const count = await inboxRepo.countInbox(db, filter);
  if (count <= EXPORT_INLINE_MAX) return { kind: 'inline', ...(await buildCsv(db, tenant.id, filter, audience)), personal };
  if (count > EXPORT_BACKGROUND_MAX) {
    throw new AppError('PAYLOAD_TOO_LARGE', { count, limit: EXPORT_BACKGROUND_MAX }, { count, limit: EXPORT_BACKGROUND_MAX }, 'complaintsStaff.export.tooLarge' as MessageKey);
  }
  // jobs.ts imports this file for the job's work: the definition is fetched when needed.
  const { complaintsExportJob } = await import('./jobs.js');
  const id = await db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('complaint_export')
      .values({ tenant_id: tenant.id, user_id: actor.userId, filter: JSON.stringify(storeFilter(filter)), personal, row_count: count, csv: null, error: null, finished_at: null, expires_at: new Date(now.getTime() + EXPORT_KEEP_DAYS * 86_400_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueueJob(tx, complaintsExportJob, { tenantId: tenant.id, exportId: row.id }, { tenantId: tenant.id, dedupeKey: `complaints.export:${row.id}` });
    return row.id;
  });
  return { kind: 'background', id, rows: count, status: 'queued' };
}

/** The job's work: builds the file of one export row (idempotent: a done row is left alone). */
export async function runExport(db: Db, tenantId: string, exportId: string): Promise<void> {
  const row = await db.selectFrom('complaint_export').selectAll().where('tenant_id', '=', tenantId).where('id', '=', exportId).executeTakeFirst();
  await pruneExports(db);
  if (!row || row.status !== 'queued') return;
  const stored = (typeof row.filter === 'string' ? JSON.parse(row.filter) : row.filter) as StoredFilter;
  try {
    // `personal` was decided at request time: an audience that sees every reporter (the desk's rule).
    const out = await buildCsv(db, tenantId, loadFilter(stored), row.personal ? 'desk' : null);
    await db.updateTable('complaint_export').set({ status: 'done', csv: out.csv, row_count: out.rows, finished_at: sql<Date>`now()` })
      .where('tenant_id', '=', tenantId).where('id', '=', exportId).where('status', '=', 'queued').execute();
  } catch (err) {
    await db.updateTable('complaint_export').set({ status: 'failed', error: (err instanceof Error ? err.message : String(err)).slice(0, 500), finished_at: sql<Date>`now()` })
      .where('tenant_id', '=', tenantId).where('id', '=', exportId).where('status', '=', 'queued').execute();
    throw err;
  }
}

/** A background export of the requester (nobody else's: NOT_FOUND). */
export async function getExport(db: Executor, actor: Actor, tenantId: string, id: string, opts: { withCsv?: boolean } = {}) {
  const row = await db
    .selectFrom('complaint_export')
    .select(['id', 'user_id', 'status', 'row_count', 'created_at', 'finished_at', 'expires_at', 'personal'])
    .$if(!!opts.withCsv, (q) => q.select('csv'))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  if (!row || row.user_id !== actor.userId) throw new AppError('NOT_FOUND');
  return row as typeof row & { csv?: string | null };
}

export function presentExport(row: { id: string; status: string; row_count: number | null; created_at: Date; finished_at: Date | null; expires_at: Date }) {
  return {
    id: row.id,
    status: row.status,
    rows: row.row_count,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    expiresAt: new Date(row.expires_at).toISOString(),
    downloadPath: row.status === 'done' ? `/api/v1/complaints/exports/${row.id}/download` : null,
  };
}

/** Drops expired exports (each export job does this housekeeping first). */
export async function pruneExports(db: Executor, now = new Date()): Promise<number> {
  const r = await db.deleteFrom('complaint_export').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows ?? 0);
}
