/**
 * Group writes of the public intake (ADR 0023), on PGlite and PostgreSQL: reports that
 * arrive together are stored by one multi-row statement, each report whole (report,
 * reporter, public event, audit row, outbox message) and once; a bundle the batch cannot
 * take (tracking code or idempotency key taken) is left to the single-row statement.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../db/index.js';
import { ALONE } from '../../db/group-writer.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildRegion, buildTenant, type TestTenant } from '../../../../test/helpers/factories.js';
import { seedDefaultDeadlineRules } from './deadlines.js';
import { intakeWriter } from './intake-service.js';
import * as repo from './repo.js';
import { generateTrackingCode } from './tracking-code.js';

let handle: DbHandle;
let app: FastifyInstance;
let tenant: TestTenant;
let desa: string;
let categoryId: string;

beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
  tenant = await buildTenant(handle.db);
  desa = `${await buildRegion(handle.db, tenant)}.2001`;
  await seedDefaultDeadlineRules(handle.db, tenant.id);
  categoryId = (await handle.db.insertInto('complaint_category').values({ tenant_id: tenant.id, code: 'jalan', name: 'Jalan', description: null, service_id: null }).returning('id').executeTakeFirstOrThrow()).id;
});

afterAll(async () => {
  await app.close();
  await handle.close();
});

function bundle(n: number, over: { key?: string; code?: string; email?: string | null; anonymous?: boolean } = {}): repo.IntakeBundle {
  const email = over.email === undefined ? `warga${n}@example.id` : over.email;
  return {
    complaint: {
      tenant_id: tenant.id, tracking_code: over.code ?? generateTrackingCode(), kind: 'pengaduan', channel: 'web', title: `Laporan ${n}`, description: `Uraian laporan ${n}`,
      category_id: categoryId, region_code: desa, latitude: n % 2 ? -3.4 : null, longitude: n % 2 ? 115.6 : null, address_text: null, event_date: '2026-11-02',
      is_anonymous: over.anonymous ?? false, is_confidential: false, status: 'received', due_at: new Date('2026-11-25T08:00:00Z'), due_stage: 'verification',
      idempotency_key: over.key ?? `batch-${crypto.randomUUID()}`, created_by: null, received_at: new Date('2026-11-22T01:00:00Z'),
      due_from: new Date('2026-11-22T01:00:00Z'), due_rule_id: null, due_provisional_year: null,
    },
    reporter: { id: crypto.randomUUID(), name: `Warga ${n}`, phone: null, email, user_id: null, locale: 'id', wants_updates: true },
    event: { actor_id: null, actor_label: 'Warga', data: JSON.stringify({ by: 'citizen', n }) },
    audit: { actorId: null, actorLabel: 'Warga', requestId: `req-${n}` },
    notification: email ? { channel: 'email', recipient: email, template: 'complaint.received', locale: 'id', params: { n }, relatedType: null, relatedId: null, failedWith: null } : null,
  };
}

/** Everything the intake stored for one report. */
async function storedWhole(complaintId: string) {
  const db = handle.db;
  const [reporters, events, audit, outbox] = await Promise.all([
    db.selectFrom('complaint_reporter').selectAll().where('tenant_id', '=', tenant.id).where('complaint_id', '=', complaintId).execute(),
    db.selectFrom('complaint_event').selectAll().where('tenant_id', '=', tenant.id).where('complaint_id', '=', complaintId).execute(),
    db.selectFrom('audit_log').select(['action', 'after', 'request_id']).where('tenant_id', '=', tenant.id).where('entity_id', '=', complaintId).execute(),
    db.selectFrom('notification').select(['recipient', 'dedupe_key', 'template']).where('tenant_id', '=', tenant.id).where('related_id', '=', complaintId).execute(),
  ]);
  return { reporters, events, audit, outbox };
}

describe('multi-row intake statement', () => {
  it('stores each bundle whole, as the single-row statement does, and hands back its rows', async () => {
    const bundles = [bundle(1), bundle(2, { email: null }), bundle(3, { anonymous: true }), bundle(4)];
    const results = await repo.insertComplaintBundles(handle.db, bundles);
    expect(results.every((r) => r !== ALONE)).toBe(true);
    for (const [i, r] of results.entries()) {
      if (r === ALONE || !r) throw new Error('expected rows');
      const b = bundles[i];
      expect(r.complaint).toMatchObject({ tracking_code: b.complaint.tracking_code, title: b.complaint.title, is_anonymous: b.complaint.is_anonymous, status: 'received' });
      expect(r.complaint.due_at).toEqual(b.complaint.due_at);
      expect(r.reporter).toMatchObject({ complaint_id: r.complaint.id, name: b.reporter.name, email: b.reporter.email });
      expect(r.event).toMatchObject({ complaint_id: r.complaint.id, type: 'received', to_status: 'received', visibility: 'public' });
      const whole = await storedWhole(r.complaint.id);
      expect(whole.reporters).toHaveLength(1);
      expect(whole.events).toHaveLength(1);
      expect(whole.audit).toHaveLength(1);
      expect(whole.audit[0]).toMatchObject({ action: 'complaint.create', request_id: b.audit.requestId });
      // the audit row names the reporter by id, never by name or address
      expect(whole.audit[0].after).toMatchObject({ tracking_code: b.complaint.tracking_code, reporter_id: r.reporter.id, event_id: Number(r.event.id) });
      expect(JSON.stringify(whole.audit[0].after)).not.toContain('Warga');
      expect(whole.outbox).toEqual(
        b.notification ? [{ recipient: b.reporter.email, template: 'complaint.received', dedupe_key: `complaint:${r.complaint.id}:received:${r.reporter.id}` }] : [],
      );
    }
  });

  it('skips only the bundles whose tracking code or idempotency key is taken (ALONE), within the batch too', async () => {
    const [first] = await repo.insertComplaintBundles(handle.db, [bundle(10), bundle(11)]);
    if (first === ALONE || !first) throw new Error('expected rows');
    const sharedKey = `batch-${crypto.randomUUID()}`;
    const bundles = [
      bundle(12, { code: first.complaint.tracking_code }), // code taken
      bundle(13, { key: first.complaint.idempotency_key! }), // key taken
      bundle(14, { key: sharedKey }),
      bundle(15, { key: sharedKey }), // same key twice in one statement: the second waits its turn
      bundle(16),
    ];
    const results = await repo.insertComplaintBundles(handle.db, bundles);
    expect(results.map((r) => (r === ALONE ? 'alone' : 'stored'))).toEqual(['alone', 'alone', 'stored', 'alone', 'stored']);
    const titles = await handle.db.selectFrom('complaint').select('title').where('tenant_id', '=', tenant.id).where('title', 'in', ['Laporan 12', 'Laporan 13', 'Laporan 15']).execute();
    expect(titles).toEqual([]); // a skipped bundle left no half-written rows
    const orphans = await handle.db.selectFrom('complaint_reporter').select('id').where('tenant_id', '=', tenant.id).where('name', 'in', ['Warga 12', 'Warga 13', 'Warga 15']).execute();
    expect(orphans).toEqual([]);
  });
});

describe('the intake writer', () => {
  it('bundles written in the same moment share one statement; a taken key still fails on its own', async () => {
    const db = handle.db;
    const before = intakeWriter.stats(db);
    const [stored] = await repo.insertComplaintBundles(db, [bundle(20), bundle(21)]);
    if (stored === ALONE || !stored) throw new Error('expected rows');
    const bundles = [bundle(22), bundle(23), bundle(24, { key: stored.complaint.idempotency_key! }), bundle(25)];
    const results = await Promise.allSettled(bundles.map((b) => intakeWriter.write(db, b)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    // the single-row statement reports the taken key as PostgreSQL's unique violation: intake answers it as a replay
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/complaint_idempotency_uq|duplicate key/);
    const after = intakeWriter.stats(db);
    expect(after.batches - before.batches).toBe(1);
    expect(after.batchedItems - before.batchedItems).toBe(4);
    expect(after.alone - before.alone).toBe(1);
  });

  it('citizens filing at the same time over HTTP each get their own whole report; a resent key gets the same one', async () => {
    const report = (n: number) => ({ kind: 'pengaduan', title: `Serentak ${n}`, description: `Laporan serentak nomor ${n}.`, categoryId, regionCode: desa, isAnonymous: false, isConfidential: false, reporter: { email: `serentak${n}@example.id` } });
    const keys = Array.from({ length: 20 }, () => `k-${crypto.randomUUID()}`);
    // reports 0..19, and resends of 0, 1 and 2 racing their originals
    const sends = [...keys.map((k, n) => ({ n, k })), { n: 0, k: keys[0] }, { n: 1, k: keys[1] }, { n: 2, k: keys[2] }];
    const responses = await Promise.all(
      sends.map(({ n, k }, i) =>
        app.inject({ method: 'POST', url: `/r/${tenant.slug}/api/v1/public/complaints`, payload: report(n), headers: { 'idempotency-key': k }, remoteAddress: `10.77.0.${i + 1}` }),
      ),
    );
    for (const r of responses) expect([200, 201], r.body).toContain(r.statusCode);
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(20);
    const codeOf = (i: number) => responses[i].json().trackingCode as string;
    expect([codeOf(20), codeOf(21), codeOf(22)]).toEqual([codeOf(0), codeOf(1), codeOf(2)]);
    const rows = await handle.db.selectFrom('complaint').select(['id', 'title', 'tracking_code']).where('tenant_id', '=', tenant.id).where('title', 'like', 'Serentak %').execute();
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((r) => r.tracking_code)).size).toBe(20);
    for (const row of rows) {
      const whole = await storedWhole(row.id);
      expect([whole.reporters.length, whole.events.length, whole.audit.length, whole.outbox.length]).toEqual([1, 1, 1, 1]);
    }
  });
});
