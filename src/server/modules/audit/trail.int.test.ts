/**
 * The audit trail in the database: same-transaction writes, the append-only guard,
 * batch sealing, late commits, and sealing under concurrent writers and sealers.
 */
import { afterAll, beforeAll, describe, expect, it} from 'vitest';
import { sql } from 'kysely';
import type { DbHandle } from '../../db/index.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTenant } from '../../../../test/helpers/factories.js';
import { auditTestContext, chainOf, unsealedCount, writeAuditRows } from '../../../../test/helpers/audit.js';
import { recordAudit } from './record.js';
import { GENESIS_HASH } from './hash.js';
import { sealAll, sealTenant } from './seal.js';
import { verifyChain } from './verify.js';
import { getChainHead } from './repo.js';
import { auditJobs, auditSealJob } from './jobs.js';
import { testConfig } from '../../../../test/helpers/app.js';

// The projects in vitest.config.ts do not inherit its root timeouts (vitest needs
// `extends: true` for that); opening PGlite on a busy 2-core machine takes seconds.

let handle: DbHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

const APPEND_ONLY = /append-only/;

function expectContiguous(chain: Array<{ chain_pos: number | null; prev_hash: string | null; hash: string | null }>, n: number) {
  expect(chain.map((r) => Number(r.chain_pos))).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  expect(chain[0].prev_hash).toBe(GENESIS_HASH);
  for (let i = 1; i < chain.length; i++) expect(chain[i].prev_hash).toBe(chain[i - 1].hash);
}

describe('recording', () => {
  it('leaves no row when the writing transaction rolls back', async () => {
    const { db } = handle;
    const tenant = await buildTenant(db);
    await expect(
      db.transaction().execute(async (tx) => {
        await recordAudit(tx, auditTestContext(), tenant.id, { action: 'opd.create', entityType: 'opd', entityId: 'x', after: { name: 'Dinas' } });
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    const rows = await db.selectFrom('audit_log').select('id').where('tenant_id', '=', tenant.id).execute();
    expect(rows).toEqual([]);
  });

  it('stores actor, entity, before/after (secrets redacted) and request id, unsealed', async () => {
    const { db } = handle;
    const tenant = await buildTenant(db);
    await db.transaction().execute((tx) =>
      recordAudit(tx, auditTestContext('seed'), tenant.id, {
        action: 'user.update', entityType: 'user', entityId: 'u1', before: { name: 'A', password_hash: 'secret' }, after: { name: 'B' },
      }),
    );
    const row = await db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenant.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      actor_id: null, actor_label: 'seed', action: 'user.update', entity_type: 'user', entity_id: 'u1',
      before: { name: 'A', password_hash: '[redacted]' }, after: { name: 'B' }, request_id: 'req-seed',
      chain_pos: null, prev_hash: null, hash: null,
    });
  });
});

describe('append-only guard', () => {
  it('refuses to UPDATE a sealed row, content or seal', async () => {
    const { db } = handle;
    const tenant = await buildTenant(db);
    await writeAuditRows(db, tenant.id, 2);
    await sealTenant(db, tenant.id);
    const [first] = await chainOf(db, tenant.id);
    const byId = (q: any) => q.where('tenant_id', '=', tenant.id).where('id', '=', first.id).execute();
    await expect(byId(db.updateTable('audit_log').set({ action: 'forged' }))).rejects.toThrow(APPEND_ONLY);
    await expect(byId(db.updateTable('audit_log').set({ hash: 'f'.repeat(64) }))).rejects.toThrow(APPEND_ONLY);
    await expect(byId(db.updateTable('audit_log').set({ chain_pos: null, prev_hash: null, hash: null }))).rejects.toThrow(APPEND_ONLY);
  });

  it('refuses to change the content of an unsealed row', async () => {
    const { db } = handle;
    const tenant = await buildTenant(db);
    await writeAuditRows(db, tenant.id, 1);
    const q = db.updateTable('audit_log').where('tenant_id', '=', tenant.id);
    await expect(q.set({ action: 'forged' }).execute()).rejects.toThrow(APPEND_ONLY);
    await expect(sql`UPDATE audit_log SET "after" = '{"n": 99}'::jsonb WHERE tenant_id = ${tenant.id}`.execute(db)).rejects.toThrow(APPEND_ONLY);
    await expect(q.set({ actor_label: 'someone else' }).execute()).rejects.toThrow(APPEND_ONLY);
    await expect(sql`UPDATE audit_log SET "at" = "at" - interval '1 day' WHERE tenant_id = ${tenant.id}`.execute(db)).rejects.toThrow(APPEND_ONLY);
    expect(await unsealedCount(db, tenant.id)).toBe(1);
  });

  it('refuses to DELETE sealed and unsealed rows', async () => {
    const { db } = handle;
    const tenant = await buildTenant(db);
    await writeAuditRows(db, tenant.id, 1);
    await sealTenant(db, tenant.id);
    await writeAuditRows(db, tenant.id, 1, 'late');
    const del = () => db.deleteFrom('audit_log').where('tenant_id', '=', tenant.id).execute();
    await expect(del()).rejects.toThrow(APPEND_ONLY);
    await expect(db.deleteFrom('audit_log').where('tenant_id', '=', tenant.id).where('chain_pos', 'is', null).execute()).rejects.toThrow(APPEND_ONLY);
    const rows = await db.selectFrom('audit_log').select('id').where('tenant_id', '=', tenant.id).execute();
    expect(rows).toHaveLength(2);
  });
});

describe('guards added by the audit migration', () => {
  // Each attempt runs in a transaction that is always rolled back: if a guard were
  // missing, the shared test database must not lose its audit trail.
  async function attempt(statement: ReturnType<typeof sql>) {
    await db().transaction().execute(async (tx) => {
      await statement.execute(tx);
      throw new Error('statement went through');
    });
  }
  const db = () => handle.db;

  it('refuses TRUNCATE of the trail and of the chain heads', async () => {
    await expect(attempt(sql`TRUNCATE audit_log`)).rejects.toThrow(APPEND_ONLY);
    await expect(attempt(sql`TRUNCATE audit_chain_head`)).rejects.toThrow(APPEND_ONLY);
  });

  it('lets the chain head only move forward', async () => {
    const tenant = await buildTenant(db());
    await writeAuditRows(db(), tenant.id, 2);
    await sealTenant(db(), tenant.id, 1);
    await expect(attempt(sql`DELETE FROM audit_chain_head WHERE tenant_id = ${tenant.id}`)).rejects.toThrow(/only moves forward/);
    await expect(attempt(sql`UPDATE audit_chain_head SET last_pos = 0 WHERE tenant_id = ${tenant.id}`)).rejects.toThrow(/only moves forward/);
    await expect(attempt(sql`UPDATE audit_chain_head SET last_hash = 'x' WHERE tenant_id = ${tenant.id}`)).rejects.toThrow(/only moves forward/);
    // The sealer's forward move is allowed.
    expect(await sealTenant(db(), tenant.id, 1)).toEqual({ sealed: 1, lastPos: 2 });
  });
});

describe('sealing', () => {
  it('seals in batches into one contiguous, linked chain with a matching head', async () => {
    const { db } = handle;
    const tenant = await buildTenant(db);
    await writeAuditRows(db, tenant.id, 7);
    expect(await sealTenant(db, tenant.id, 3)).toEqual({ sealed: 3, lastPos: 3 });
    expect(await sealTenant(db, tenant.id, 3)).toEqual({ sealed: 3, lastPos: 6 });
    expect(await sealTenant(db, tenant.id, 3)).toEqual({ sealed: 1, lastPos: 7 });
    expect(await sealTenant(db, tenant.id, 3)).toEqual({ sealed: 0, lastPos: 7 });

    const chain = await chainOf(db, tenant.id);
    expectContiguous(chain, 7);
    // Sealed in id order within the batches.
    expect(chain.map((r) => Number(r.id))).toEqual([...chain.map((r) => Number(r.id))].sort((a, b) => a - b));
    expect(await getChainHead(db, tenant.id)).toEqual({ lastPos: 7, lastHash: chain[6].hash });
    expect(await verifyChain(db, tenant.id)).toEqual({ ok: true, checked: 7, unsealed: 0, problem: null });
  });

  it('keeps each tenant in its own chain', async () => {
    const { db } = handle;
    const a = await buildTenant(db);
    const b = await buildTenant(db);
    await writeAuditRows(db, a.id, 2);
    await writeAuditRows(db, b.id, 3);
    await sealTenant(db, a.id);
    expect(await unsealedCount(db, b.id)).toBe(3);
    await sealTenant(db, b.id);
    expectContiguous(await chainOf(db, a.id), 2);
    expectContiguous(await chainOf(db, b.id), 3);
  });

  it('seals a late-committing row (lower id, committed after a higher id was sealed) in a later batch', async () => {
    const { db } = handle;
    const tenant = await buildTenant(db);
    // Reserve an id the way a slow transaction holds one, then let a higher id commit and seal.
    const { rows } = await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('audit_log', 'id')) AS id`.execute(db);
    const lateId = Number(rows[0].id);
    await writeAuditRows(db, tenant.id, 2);
    await sealTenant(db, tenant.id);
    // The slow transaction commits now, with its lower id.
    await sql`INSERT INTO audit_log (tenant_id, id, actor_label, action, entity_type, entity_id, request_id)
              OVERRIDING SYSTEM VALUE VALUES (${tenant.id}, ${lateId}, 'slow', 'test.late', 'test', 'late', 'req-late')`.execute(db);
    expect(await sealTenant(db, tenant.id)).toEqual({ sealed: 1, lastPos: 3 });

    const chain = await chainOf(db, tenant.id);
    expectContiguous(chain, 3);
    expect(Number(chain[2].id)).toBe(lateId);
    expect(Number(chain[2].id)).toBeLessThan(Number(chain[0].id));
    expect((await verifyChain(db, tenant.id)).ok).toBe(true);
  });

  it('gives every row exactly one position when two sealers of one tenant race', async () => {
    const { db } = handle;
    const tenant = await buildTenant(db);
    await writeAuditRows(db, tenant.id, 50);
    const sealer = async () => {
      let total = 0;
      for (;;) {
        const { sealed } = await sealTenant(db, tenant.id, 5);
        if (sealed === 0) return total;
        total += sealed;
      }
    };
    const [x, y] = await Promise.all([sealer(), sealer()]);
    // A row sealed twice would be refused by the guard and counted twice here.
    expect(x + y).toBe(50);
    expectContiguous(await chainOf(db, tenant.id), 50);
    expect(await verifyChain(db, tenant.id)).toMatchObject({ ok: true, checked: 50, unsealed: 0 });
  });

  it('seals everything written by 20 concurrent writers while two sealAll loops run', async () => {
    const { db } = handle;
    const tenant = await buildTenant(db);
    const ROWS_PER_WRITER = 3;
    let writersDone = false;
    const writers = Array.from({ length: 20 }, (_, w) =>
      db.transaction().execute(async (tx) => {
        for (let k = 0; k < ROWS_PER_WRITER; k++) {
          await recordAudit(tx, auditTestContext(`writer-${w}`), tenant.id, {
            action: 'test.concurrent', entityType: 'test', entityId: `${w}-${k}`, after: { w, k },
          });
        }
      }),
    );
    const sealerLoop = async () => {
      do await sealAll(db, { batchSize: 4 });
      while (!writersDone);
    };
    const sealers = [sealerLoop(), sealerLoop()];
    await Promise.all(writers).finally(() => (writersDone = true));
    await Promise.all(sealers);
    // Rows committed after a loop's last scan are picked up by the next run, as the job would.
    await sealAll(db);

    const n = 20 * ROWS_PER_WRITER;
    expect(await unsealedCount(db, tenant.id)).toBe(0);
    const chain = await chainOf(db, tenant.id);
    expectContiguous(chain, n);
    expect(new Set(chain.map((r) => Number(r.id))).size).toBe(n);
    expect(await getChainHead(db, tenant.id)).toEqual({ lastPos: n, lastHash: chain[n - 1].hash });
    expect(await verifyChain(db, tenant.id)).toEqual({ ok: true, checked: n, unsealed: 0, problem: null });
  });

  it('sealAll is bounded per tenant and the next run continues', async () => {
    const { db } = handle;
    const tenant = await buildTenant(db);
    await writeAuditRows(db, tenant.id, 5);
    await sealAll(db, { batchSize: 2, maxBatchesPerTenant: 1 });
    expect(await unsealedCount(db, tenant.id)).toBe(3);
    await sealAll(db, { batchSize: 2, maxBatchesPerTenant: 10 });
    expect(await unsealedCount(db, tenant.id)).toBe(0);
    expectContiguous(await chainOf(db, tenant.id), 5);
  });

  it('refuses a nonsensical batch size', async () => {
    await expect(sealTenant(handle.db, '00000000-0000-4000-8000-000000000000', 0)).rejects.toThrow(RangeError);
  });
});

describe('audit.seal job', () => {
  it('is scheduled every 5 seconds and seals pending rows of every tenant', async () => {
    const { db } = handle;
    expect(auditJobs).toContain(auditSealJob);
    expect(auditSealJob).toMatchObject({ name: 'audit.seal', schedule: { everySeconds: 5 } });
    const a = await buildTenant(db);
    const b = await buildTenant(db);
    await writeAuditRows(db, a.id, 2);
    await writeAuditRows(db, b.id, 3);
    const logged: object[] = [];
    const log = { info: (o: object) => logged.push(o), warn: () => {}, error: () => {} };
    await auditSealJob.run({ config: testConfig(), db, handle }, {}, { jobId: 1, attempt: 1, tenantId: null, log });
    expect(await unsealedCount(db, a.id)).toBe(0);
    expect(await unsealedCount(db, b.id)).toBe(0);
    expect(await verifyChain(db, b.id)).toMatchObject({ ok: true, checked: 3 });
    expect(logged[0]).toMatchObject({ sealed: expect.any(Number) });
  });
});
