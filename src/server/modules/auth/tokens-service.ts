/**
 * API tokens for integrations: `prm_` + 256 random bits, shown once at creation; only the
 * sha256 is stored (a leaked table does not leak usable tokens). A token lives in its
 * owner's tenant and acts as its owner.
 */
import type { Db } from '../../db/index.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import type { TApiToken, TCreateApiTokenBody, TCreatedApiToken } from '../../../shared/schemas/auth.js';
import { recordAudit } from '../audit/record.js';
import { can } from './policy.js';
import { presentToken } from './present.js';
import { API_TOKEN_PREFIX, randomToken, sha256 } from './tokens.js';
import * as repo from './repo.js';

/** Characters of a token kept in clear to tell tokens apart: `prm_` and 8 more. */
const VISIBLE_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 8;
const TOKEN_BYTES = 32;
const DAY_MS = 86_400_000;

/** The actor's own tokens, or (admin) another user's tokens of the request's tenant. */
export async function listTokens(db: Db, actor: Actor, tenantId: string, userId?: string): Promise<TApiToken[]> {
  const own = !userId || (userId === actor.userId && tenantId === actor.tenantId);
  const owner = own ? { tenantId: actor.tenantId, userId: actor.userId } : { tenantId, userId: userId! };
  authorize(can(actor, 'token.list', owner));
  return (await repo.listTokens(db, owner.tenantId, owner.userId)).map(presentToken);
}

export async function createToken(db: Db, ctx: RequestContext, actor: Actor, input: TCreateApiTokenBody): Promise<TCreatedApiToken> {
  if (actor.viaToken) throw new AppError('FORBIDDEN', {}, undefined, 'auth.sessionRequired');
  authorize(can(actor, 'token.create', { tenantId: actor.tenantId }));
  const token = `${API_TOKEN_PREFIX}${randomToken(TOKEN_BYTES)}`;
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * DAY_MS) : null;
  const row = await db.transaction().execute(async (tx) => {
    const row = await repo.insertToken(tx, {
      tenantId: actor.tenantId,
      userId: actor.userId,
      name: input.name.trim(),
      prefix: token.slice(0, VISIBLE_PREFIX_LENGTH),
      tokenHash: sha256(token),
      expiresAt,
    });
    await recordAudit(tx, ctx, actor.tenantId, {
      action: 'token.create',
      entityType: 'api_token',
      entityId: row.id,
      after: { name: row.name, prefix: row.prefix, userId: row.user_id, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return row;
  });
  return { id: row.id, name: row.name, prefix: row.prefix, token, expiresAt: row.expires_at?.toISOString() ?? null };
}

/** Revokes a token (idempotent). Looked up in the request's tenant, then in the actor's own. */
export async function revokeToken(db: Db, ctx: RequestContext, actor: Actor, tenantId: string, id: string): Promise<void> {
  const token = (await repo.findToken(db, tenantId, id)) ?? (actor.tenantId !== tenantId ? await repo.findToken(db, actor.tenantId, id) : undefined);
  if (!token) throw new AppError('NOT_FOUND');
  authorize(can(actor, 'token.revoke', { tenantId: token.tenant_id, userId: token.user_id }));
  const at = new Date();
  await db.transaction().execute(async (tx) => {
    if (!(await repo.revokeToken(tx, token.tenant_id, token.id, at))) return;
    await recordAudit(tx, ctx, token.tenant_id, {
      action: 'token.revoke',
      entityType: 'api_token',
      entityId: token.id,
      before: { name: token.name, prefix: token.prefix, userId: token.user_id, revokedAt: null },
      after: { revokedAt: at.toISOString() },
    });
  });
}
