/**
 * HTTP routes of the auth module (registered under /api/v1 by modules/index.ts): sign-in
 * and session, users and role grants, API tokens. Thin: authenticate → rate limit →
 * validate → one service call → presenter.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../platform/deps.js';
import { requireStaffContext } from '../../platform/policy.js';
import { IdParams } from '../../../shared/schemas/common.js';
import {
  ApiTokenList, ApiTokenListQuery, ChangePasswordBody, CreateApiTokenBody, CreatedApiToken, CreateUserBody,
  LoginBody, SessionResponse, UpdateUserBody, User, UserList, UserListQuery,
} from '../../../shared/schemas/auth.js';
import { DEVICE_COOKIE, SESSION_COOKIE } from './tokens.js';
import { dummyHash } from './password.js';
import { changePassword, currentSession, logout } from './service.js';
import { login } from './login-service.js';
import { DEVICE_DAYS, parseDeviceCookie } from './throttle.js';
import { createUser, getUser, listUsers, updateUser } from './users-service.js';
import { createToken, listTokens, revokeToken } from './tokens-service.js';

/**
 * Sign-in attempts per IP address and e-mail per minute, counted in this process: a cheap
 * first stop for floods. The real throttling (per address across accounts, per account,
 * per client) is counted in PostgreSQL by login-service.ts (ADR 0026).
 */
const LOGIN_RATE = { max: 10, timeWindow: '1 minute' };
/** Password-change attempts per user per minute (each one checks the current password). */
const PASSWORD_RATE = { max: 10, timeWindow: '1 minute' };

const tags = ['auth'];
const NoContent = { 204: Type.Null({ description: 'No content' }) };

export async function authRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // Hash the dummy password now, so the first unknown e-mail is not slower than the rest.
  void dummyHash();

  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.secureCookies,
    path: '/',
    maxAge: deps.config.sessionTtlHours * 3600,
  };
  // The known-device cookie (ADR 0026): only ever needed by the sign-in request itself, which
  // the web client sends from its own pages, so it is never sent cross-site.
  const deviceCookieOptions = { httpOnly: true, sameSite: 'strict' as const, secure: deps.config.secureCookies, path: '/', maxAge: DEVICE_DAYS * 86_400 };

  r.post('/auth/login', {
    config: {
      // Nothing to protect yet, and a stale session cookie must not block a new sign-in.
      csrf: false,
      rateLimit: {
        ...LOGIN_RATE,
        // After validation, so the key can use the e-mail from the body.
        hook: 'preHandler',
        keyGenerator: (req: FastifyRequest) => `login|${req.ip}|${String((req.body as { email?: string } | undefined)?.email ?? '').trim().toLowerCase()}`,
      },
    },
    schema: { tags, summary: 'Sign in (starts a cookie session)', body: LoginBody, response: { 200: SessionResponse } },
  }, async (req, reply) => {
    const result = await login(deps, req.ctx, req.body, {
      ip: req.ip ?? null,
      userAgent: req.headers['user-agent'] ?? null,
      oldSessionToken: req.cookies?.[SESSION_COOKIE],
      deviceTokens: parseDeviceCookie(req.cookies?.[DEVICE_COOKIE]),
    });
    reply.setCookie(SESSION_COOKIE, result.sessionToken, cookieOptions);
    reply.setCookie(DEVICE_COOKIE, result.deviceCookie, deviceCookieOptions);
    return result.body;
  });

  r.post('/auth/logout', { schema: { tags, summary: 'Sign out (ends the session)', response: NoContent } }, async (req, reply) => {
    await logout(deps, req.ctx, req.auth);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  r.get('/auth/session', { schema: { tags, summary: 'The signed-in user and the CSRF token', response: { 200: SessionResponse } } }, async (req) =>
    currentSession(deps, req.auth),
  );

  r.post('/auth/password', {
    config: { rateLimit: { ...PASSWORD_RATE, keyGenerator: (req: FastifyRequest) => `password|${req.ctx?.actor?.userId ?? req.ip}` } },
    schema: { tags, summary: 'Change your own password (ends your other sessions)', body: ChangePasswordBody, response: NoContent },
  }, async (req, reply) => {
    await changePassword(deps, req.ctx, req.auth, req.body);
    return reply.status(204).send(null);
  });

  // --- users ---

  r.get('/users', { schema: { tags, summary: 'Users you may see', querystring: UserListQuery, response: { 200: UserList } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    return { items: await listUsers(deps.db, actor, tenant.id, req.query) };
  });

  r.post('/users', { schema: { tags, summary: 'Create a user with role grants (admin)', body: CreateUserBody, response: { 201: User } } }, async (req, reply) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    return reply.status(201).send(await createUser(deps.db, req.ctx, tenant.id, req.body, actor));
  });

  r.get('/users/:id', { schema: { tags, summary: 'One user', params: IdParams, response: { 200: User } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    return getUser(deps.db, actor, tenant.id, req.params.id);
  });

  r.patch('/users/:id', { schema: { tags, summary: 'Change a user and their role grants (admin)', params: IdParams, body: UpdateUserBody, response: { 200: User } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    return updateUser(deps.db, req.ctx, tenant.id, req.params.id, req.body, actor);
  });

  // --- API tokens ---

  r.get('/tokens', { schema: { tags, summary: 'Your API tokens (admin: ?userId= for another user)', querystring: ApiTokenListQuery, response: { 200: ApiTokenList } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    return { items: await listTokens(deps.db, actor, tenant.id, req.query.userId) };
  });

  r.post('/tokens', { schema: { tags, summary: 'Create an API token (the secret is shown once)', body: CreateApiTokenBody, response: { 201: CreatedApiToken } } }, async (req, reply) => {
    const { actor } = requireStaffContext(req.ctx);
    return reply.status(201).send(await createToken(deps.db, req.ctx, actor, req.body));
  });

  r.delete('/tokens/:id', { schema: { tags, summary: 'Revoke an API token', params: IdParams, response: NoContent } }, async (req, reply) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    await revokeToken(deps.db, req.ctx, actor, tenant.id, req.params.id);
    return reply.status(204).send(null);
  });
}
