/**
 * Who is calling: a browser session (httpOnly cookie holding a random token; the table
 * stores its sha256) or an API token (`Authorization: Bearer prm_…`). Cookie-authenticated
 * writes must carry the session's CSRF token in the X-CSRF-Token header (synchronizer
 * token: the web client reads it from GET /api/v1/auth/session). Token calls need none,
 * since a browser never attaches them by itself. A route may opt out with
 * `config: { csrf: false }` (only POST /auth/login, which needs no session and replaces any).
 */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/index.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/context.js';
import { API_TOKEN_PREFIX, CSRF_HEADER, SESSION_COOKIE, safeEqual, sha256 } from './tokens.js';
import { findSessionActor, findTokenActor, touchSession, touchToken } from './repo.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: no CSRF check on this route even for cookie-authenticated writes. */
    csrf?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Sliding expiry is written at most this often, so reads do not each cause a write. */
const TOUCH_EVERY_MS = 60_000;

export interface Authenticated {
  actor: Actor;
  /** The session's id hash and CSRF token; absent for API tokens. */
  session?: { idHash: string; csrfToken: string };
}

export async function authenticate(req: FastifyRequest, db: Db, sessionTtlHours: number): Promise<Authenticated | null> {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) {
    const token = auth.slice(7).trim();
    if (!token.startsWith(API_TOKEN_PREFIX)) throw new AppError('UNAUTHENTICATED');
    const row = await findTokenActor(db, sha256(token));
    if (!row || !row.is_active) throw new AppError('UNAUTHENTICATED');
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > TOUCH_EVERY_MS) {
      await touchToken(db, row.tenant_id, row.id);
    }
    const roles = row.roles;
    return { actor: { userId: row.user_id, tenantId: row.tenant_id, name: row.name, email: row.email, roles, viaToken: true } };
  }

  const cookie = req.cookies?.[SESSION_COOKIE];
  if (!cookie) return null;
  const idHash = sha256(cookie);
  const row = await findSessionActor(db, idHash);
  if (!row || !row.is_active) return null;
  if (Date.now() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    await touchSession(db, idHash, new Date(Date.now() + sessionTtlHours * 3600_000));
  }
  const roles = row.roles;
  return {
    actor: { userId: row.user_id, tenantId: row.tenant_id, name: row.name, email: row.email, roles, viaToken: false },
    session: { idHash, csrfToken: row.csrf_token },
  };
}

/** Refuses a cookie-authenticated write without the session's CSRF token. */
export function checkCsrf(req: FastifyRequest, auth: Authenticated | null): void {
  if (SAFE_METHODS.has(req.method) || !auth?.session) return;
  if (req.routeOptions?.config?.csrf === false) return;
  const sent = req.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !safeEqual(sent, auth.session.csrfToken)) throw new AppError('CSRF');
}
