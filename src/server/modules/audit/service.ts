/** The audit module's read side: listing the trail and verifying the chain. */
import type { Executor } from '../../db/index.js';
import type { Locale } from '../../../shared/i18n/index.js';
import { AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX, type TAuditListQuery } from '../../../shared/schemas/audit.js';
import { listAuditRows, type AuditListRow } from './repo.js';
import { verifyChain, type VerifyResult } from './verify.js';

export interface AuditPage {
  rows: AuditListRow[];
  /** Id to pass as `before` for the next page, or null on the last one. */
  nextCursor: number | null;
}

/** Keyset pagination by id, newest first: stable while new rows arrive, unlike OFFSET. */
export async function listAudit(db: Executor, tenantId: string, q: TAuditListQuery): Promise<AuditPage> {
  const limit = Math.min(q.limit ?? AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX);
  // One extra row tells whether another page exists without a COUNT.
  const rows = await listAuditRows(db, tenantId, {
    entityType: q.entityType,
    entityId: q.entityId,
    actorId: q.actorId,
    action: q.action,
    beforeId: q.before,
    limit: limit + 1,
  });
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { rows: page, nextCursor: more ? Number(page[page.length - 1].id) : null };
}

export async function verifyTenant(db: Executor, tenantId: string, locale: Locale): Promise<VerifyResult> {
  return verifyChain(db, tenantId, { locale });
}
