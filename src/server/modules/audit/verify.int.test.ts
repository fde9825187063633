/**
 * Verification finds rows altered or deleted by hand in SQL (the guard trigger is
 * bypassed inside the test, see test/helpers/audit.ts `tamper`), and `audit:verify`
 * reports them with exit code 1.
 */
import { afterAll, beforeAll, describe, expect, it} from 'vitest';
import { sql } from 'kysely';
import type { DbHandle } from '../../db/index.js';
import type { CliContext } from '../../../cli/command.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { testConfig } from '../../../../test/helpers/app.js';
import { buildTenant, type TestTenant } from '../../../../test/helpers/factories.js';
import { chainOf, tamper, unsealedCount, writeAuditRows } from '../../../../test/helpers/audit.js';
import { sealTenant } from './seal.js';
import { verifyChain } from './verify.js';
import { chainBatch } from './repo.js';
import { rowHash } from './hash.js';
import { auditVerifyCommand } from './cli.js';

// The projects in vitest.config.ts do not inherit its root timeouts (vitest needs
// `extends: true` for that); opening PGlite on a busy 2-core machine takes seconds.

let handle: DbHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

/** A tenant with `n` sealed rows; returns the tenant and its chain (id by position). */
async function sealedTenant(n: number) {
  const tenant = await buildTenant(handle.db);
  await writeAuditRows(handle.db, tenant.id, n);
  await sealTenant(handle.db, tenant.id);
  const chain = await chainOf(handle.db, tenant.id);
  expect(chain).toHaveLength(n);
  return { tenant, ids: chain.map((r) => Number(r.id)) };
}

const atPos = (tenantId: string, pos: number) => sql`tenant_id = ${tenantId} AND chain_pos = ${pos}`;

describe('verifyChain', () => {
  it('passes an intact chain and an empty one, counting unsealed rows without sealing them', async () => {
    const { db } = handle;
    const { tenant } = await sealedTenant(4);
    await writeAuditRows(db, tenant.id, 2, 'pending');
    expect(await verifyChain(db, tenant.id)).toEqual({ ok: true, checked: 4, unsealed: 2, problem: null });
    expect(await unsealedCount(db, tenant.id)).toBe(2);
    const empty = await buildTenant(db);
    expect(await verifyChain(db, empty.id)).toEqual({ ok: true, checked: 0, unsealed: 0, problem: null });
  });

  it('finds a row whose content was altered by hand, naming its chain position', async () => {
    const { db } = handle;
    const { tenant, ids } = await sealedTenant(3);
    await tamper(db, async (tx) => {
      await sql`UPDATE audit_log SET action = 'opd.delete' WHERE ${atPos(tenant.id, 2)}`.execute(tx);
    });
    const res = await verifyChain(db, tenant.id);
    expect(res).toMatchObject({ ok: false, checked: 1, problem: { kind: 'altered', chainPos: 2, id: ids[1] } });
    expect(res.problem!.message).toContain('position 2');
    expect(res.problem!.message).toContain(`id ${ids[1]}`);
    expect((await verifyChain(db, tenant.id, { locale: 'id' })).problem!.message).toContain('posisi rantai 2');
  });

  it('notices a one-microsecond change of the time and a change inside the JSON', async () => {
    const { db } = handle;
    const a = await sealedTenant(3);
    await tamper(db, async (tx) => {
      await sql`UPDATE audit_log SET "at" = "at" + interval '1 microsecond' WHERE ${atPos(a.tenant.id, 3)}`.execute(tx);
    });
    expect((await verifyChain(db, a.tenant.id)).problem).toMatchObject({ kind: 'altered', chainPos: 3, id: a.ids[2] });

    const b = await sealedTenant(3);
    await tamper(db, async (tx) => {
      await sql`UPDATE audit_log SET "after" = jsonb_set("after", '{nested,b,1}', '3') WHERE ${atPos(b.tenant.id, 1)}`.execute(tx);
    });
    expect((await verifyChain(db, b.tenant.id)).problem).toMatchObject({ kind: 'altered', chainPos: 1, id: b.ids[0] });
  });

  it('is not fooled by reordering keys of the stored JSON', async () => {
    const { db } = handle;
    const { tenant } = await sealedTenant(2);
    // Same value written again: jsonb normalises it, and the hash is over sorted keys.
    await tamper(db, async (tx) => {
      await sql`UPDATE audit_log SET "after" = '{"nested": {"a": "x", "b": [1, 2]}, "n": 0}'::jsonb WHERE ${atPos(tenant.id, 1)}`.execute(tx);
    });
    expect((await verifyChain(db, tenant.id)).ok).toBe(true);
  });

  it('reports a broken link when a row was rewritten with a recomputed hash', async () => {
    const { db } = handle;
    const { tenant, ids } = await sealedTenant(3);
    const [row2] = await chainBatch(db, tenant.id, 1, 2, 1);
    const forgedHash = rowHash({ ...row2, action: 'forged' }, 2, row2.prevHash!);
    await tamper(db, async (tx) => {
      await sql`UPDATE audit_log SET action = 'forged', hash = ${forgedHash} WHERE ${atPos(tenant.id, 2)}`.execute(tx);
    });
    expect((await verifyChain(db, tenant.id)).problem).toMatchObject({ kind: 'broken_link', chainPos: 3, id: ids[2] });
  });

  it('finds a deleted middle row as missing', async () => {
    const { db } = handle;
    const { tenant } = await sealedTenant(3);
    await tamper(db, async (tx) => {
      await sql`DELETE FROM audit_log WHERE ${atPos(tenant.id, 2)}`.execute(tx);
    });
    const res = await verifyChain(db, tenant.id);
    expect(res).toMatchObject({ ok: false, checked: 1, problem: { kind: 'missing', chainPos: 2, id: null } });
    expect(res.problem!.message).toContain('position 2 is missing');
  });

  it('finds a deleted first row as missing', async () => {
    const { db } = handle;
    const { tenant } = await sealedTenant(2);
    await tamper(db, async (tx) => {
      await sql`DELETE FROM audit_log WHERE ${atPos(tenant.id, 1)}`.execute(tx);
    });
    expect((await verifyChain(db, tenant.id)).problem).toMatchObject({ kind: 'missing', chainPos: 1 });
  });

  it('finds a deleted last row through the chain head', async () => {
    const { db } = handle;
    const { tenant } = await sealedTenant(3);
    await tamper(db, async (tx) => {
      await sql`DELETE FROM audit_log WHERE ${atPos(tenant.id, 3)}`.execute(tx);
    });
    const res = await verifyChain(db, tenant.id);
    expect(res).toMatchObject({ ok: false, checked: 2, problem: { kind: 'head_mismatch', chainPos: 3, id: null } });
  });

  it('finds a deleted or altered chain head, and sealed rows beyond the head', async () => {
    const { db } = handle;
    const a = await sealedTenant(2);
    await tamper(db, async (tx) => {
      await tx.deleteFrom('audit_chain_head').where('tenant_id', '=', a.tenant.id).execute();
    });
    expect((await verifyChain(db, a.tenant.id)).problem).toMatchObject({ kind: 'head_mismatch' });

    const b = await sealedTenant(2);
    await tamper(db, async (tx) => {
      await tx.updateTable('audit_chain_head').set({ last_hash: 'f'.repeat(64) }).where('tenant_id', '=', b.tenant.id).execute();
    });
    expect((await verifyChain(db, b.tenant.id)).problem).toMatchObject({ kind: 'head_mismatch', chainPos: 2, id: b.ids[1] });

    // A head rolled back to position 2 (consistent in itself): row 3 lies beyond it.
    const c = await sealedTenant(3);
    const [, second] = await chainOf(db, c.tenant.id);
    await tamper(db, async (tx) => {
      await tx.updateTable('audit_chain_head').set({ last_pos: 2, last_hash: second.hash! }).where('tenant_id', '=', c.tenant.id).execute();
    });
    const res = await verifyChain(db, c.tenant.id);
    expect(res).toMatchObject({ checked: 2, problem: { kind: 'head_mismatch', chainPos: 3 } });
    expect(res.problem!.message).toContain('beyond position 2');
  });

  it('walks the chain in bounded batches and still finds a problem past the first batch', async () => {
    const { db } = handle;
    const { tenant, ids } = await sealedTenant(7);
    expect(await verifyChain(db, tenant.id, { batchSize: 2 })).toMatchObject({ ok: true, checked: 7 });
    await tamper(db, async (tx) => {
      await sql`UPDATE audit_log SET entity_id = 'other' WHERE ${atPos(tenant.id, 6)}`.execute(tx);
    });
    expect(await verifyChain(db, tenant.id, { batchSize: 2 })).toMatchObject({ checked: 5, problem: { kind: 'altered', chainPos: 6, id: ids[5] } });
  });
});

describe('audit:verify', () => {
  async function runCli(args: Record<string, string | boolean> = {}) {
    const lines: string[] = [];
    const ctx: CliContext = { config: testConfig(), openDb: async () => handle, args, positional: [], out: (l) => lines.push(l) };
    const code = await auditVerifyCommand.run(ctx);
    return { code, lines, text: lines.join('\n') };
  }

  let good: TestTenant;
  let bad: TestTenant;
  let badId: number;
  beforeAll(async () => {
    ({ tenant: good } = await sealedTenant(3));
    const b = await sealedTenant(3);
    bad = b.tenant;
    badId = b.ids[1];
    await tamper(handle.db, async (tx) => {
      await sql`UPDATE audit_log SET actor_label = 'someone else' WHERE ${atPos(bad.id, 2)}`.execute(tx);
    });
  });

  it('prints OK and exits 0 for an intact tenant', async () => {
    const { code, lines } = await runCli({ tenant: good.code });
    expect(code).toBe(0);
    expect(lines).toEqual([`${good.code} ${good.name}: OK — 3 sealed rows checked, 0 not yet sealed.`]);
  });

  it('names the altered row and exits 1', async () => {
    const { code, text } = await runCli({ tenant: bad.code });
    expect(code).toBe(1);
    expect(text).toContain(`${bad.code} ${bad.name}: PROBLEM (altered)`);
    expect(text).toContain(`chain position 2 (id ${badId})`);
  });

  it('checks every tenant by default and exits 1 when any chain is broken', async () => {
    const { code, lines } = await runCli();
    expect(code).toBe(1);
    expect(lines).toContain(`${good.code} ${good.name}: OK — 3 sealed rows checked, 0 not yet sealed.`);
    expect(lines.find((l) => l.startsWith(`${bad.code} `))).toContain('PROBLEM (altered)');
  });

  it('speaks Indonesian on request and refuses an unknown tenant with exit code 2', async () => {
    expect((await runCli({ tenant: bad.code, lang: 'id' })).text).toContain('MASALAH');
    const unknown = await runCli({ tenant: '99.99' });
    expect(unknown.code).toBe(2);
    expect(unknown.text).toContain('99.99');
    expect((await runCli({ tenant: true })).code).toBe(2);
  });
});
