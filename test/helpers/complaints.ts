/**
 * Complaint factories (issue #3, desk helper B2): rows written directly into the tables,
 * so the desk's queries (inbox, sweep, duplicates, stats) can be tested on their own.
 * Behaviour under test goes through the services and the HTTP API.
 */
import crypto from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Db } from '../../src/server/db/index.js';
import type { ComplaintReporterTable, ComplaintTable } from '../../src/server/modules/complaints/tables.js';
import { generateTrackingCode } from '../../src/server/modules/complaints/tracking-code.js';
import type { TestTenant } from './factories.js';

export const randomTrackingCode = generateTrackingCode;

export type ComplaintOverrides = Partial<Omit<Insertable<ComplaintTable>, 'tenant_id'>> & {
  /** Reporter row; `null` for none. Defaults to a named reporter with phone and e-mail. */
  reporter?: Partial<Omit<Insertable<ComplaintReporterTable>, 'tenant_id' | 'complaint_id'>> | null;
};

export async function buildComplaint(db: Db, tenant: TestTenant, overrides: ComplaintOverrides = {}) {
  const { reporter, ...fields } = overrides;
  const n = crypto.randomBytes(3).toString('hex');
  const complaint = await db
    .insertInto('complaint')
    .values({
      tracking_code: randomTrackingCode(),
      kind: 'pengaduan',
      channel: 'web',
      title: `Laporan uji ${n}`,
      description: `Uraian laporan uji ${n}`,
      category_id: null,
      region_code: null,
      latitude: null,
      longitude: null,
      address_text: null,
      event_date: null,
      opd_id: null,
      due_at: null,
      due_stage: null,
      escalated_at: null,
      reminded_for_due: null,
      merged_into_id: null,
      rating: null,
      rating_comment: null,
      idempotency_key: null,
      created_by: null,
      routed_at: null,
      first_response_at: null,
      resolved_at: null,
      closed_at: null,
      ...fields,
      tenant_id: tenant.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  let reporterRow = null;
  if (reporter !== null) {
    reporterRow = await db
      .insertInto('complaint_reporter')
      .values({
        name: `Warga ${n}`,
        phone: `+62812${String(crypto.randomInt(10_000_000)).padStart(7, '0')}`,
        email: `warga-${n}@contoh.id`,
        user_id: null,
        original_complaint_id: complaint.id,
        ...reporter,
        tenant_id: tenant.id,
        complaint_id: complaint.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  return { complaint, reporter: reporterRow };
}

export async function buildCategory(db: Db, tenant: TestTenant, code = `kat-${crypto.randomBytes(3).toString('hex')}`, name = `Kategori ${code}`) {
  return db.insertInto('complaint_category').values({ tenant_id: tenant.id, code, name, description: null, service_id: null }).returningAll().executeTakeFirstOrThrow();
}
