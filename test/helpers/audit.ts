/**
 * Test helpers of the audit module: writing audit rows as a service would, and tampering
 * with sealed rows "by hand in SQL" the way an attacker with database access would.
 */
import { sql } from 'kysely';
import type { Db, Tx } from '../../src/server/db/index.js';
import { recordAudit } from '../../src/server/modules/audit/record.js';
import { systemContext } from '../../src/server/platform/context.js';

export const auditTestContext = (label = 'test') => systemContext(null, label, `req-${label}`);

/** Writes `n` audit rows for the tenant in one transaction, entity ids `${prefix}-0..n-1`. */
export async function writeAuditRows(db: Db, tenantId: string, n: number, prefix = 'row'): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < n; i++) {
      await recordAudit(tx, auditTestContext(), tenantId, {
        action: 'test.write',
        entityType: 'test',
        entityId: `${prefix}-${i}`,
        before: i % 2 ? { n: i - 1 } : null,
        after: { n: i, nested: { b: [1, 2], a: 'x' } },
      });
    }
  });
}

const GUARDS = [
  ['audit_log', 'audit_log_guard'],
  ['audit_chain_head', 'audit_chain_head_guard'],
] as const;

/**
 * Runs `fn` with the append-only guard triggers (audit_log, audit_chain_head) disabled. The ALTER TABLE runs inside the
 * transaction: its ACCESS EXCLUSIVE lock keeps every other session (other test files on
 * the shared PostgreSQL database) from ever seeing the table without its trigger, and a
 * failure rolls the DISABLE back with everything else. The finally block re-enables the
 * trigger if it is somehow still disabled.
 */
export async function tamper(db: Db, fn: (tx: Tx) => Promise<void>): Promise<void> {
  try {
    await db.transaction().execute(async (tx) => {
      for (const [table, trigger] of GUARDS) await sql`ALTER TABLE ${sql.table(table)} DISABLE TRIGGER ${sql.id(trigger)}`.execute(tx);
      await fn(tx);
      for (const [table, trigger] of GUARDS) await sql`ALTER TABLE ${sql.table(table)} ENABLE TRIGGER ${sql.id(trigger)}`.execute(tx);
    });
  } finally {
    for (const [table, trigger] of GUARDS) {
      const { rows } = await sql<{ tgenabled: string }>`SELECT tgenabled FROM pg_trigger WHERE tgname = ${trigger}`.execute(db);
      if (rows[0]?.tgenabled === 'D') await sql`ALTER TABLE ${sql.table(table)} ENABLE TRIGGER ${sql.id(trigger)}`.execute(db);
    }
  }
}

/** Chain positions of a tenant's sealed rows, in chain order, with ids and links. */
export async function chainOf(db: Db, tenantId: string) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'chain_pos', 'prev_hash', 'hash'])
    .where('tenant_id', '=', tenantId)
    .where('chain_pos', 'is not', null)
    .orderBy('chain_pos')
    .execute();
}

export async function unsealedCount(db: Db, tenantId: string): Promise<number> {
  const r = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('chain_pos', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
