/** Test helpers of the auth module: signing in over HTTP and reading the session cookie back. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DEVICE_COOKIE, SESSION_COOKIE } from '../../src/server/modules/auth/tokens.js';

/** The `prima_sid=...` pair from a response's Set-Cookie header, or null. */
export function sessionCookieOf(res: LightMyRequestResponse): string | null {
  const c = res.cookies.find((x) => x.name === SESSION_COOKIE);
  return c && c.value ? `${SESSION_COOKIE}=${c.value}` : null;
}

/** The `prima_dev=...` pair (known-device cookie) from a response's Set-Cookie header, or null. */
export function deviceCookieOf(res: LightMyRequestResponse): string | null {
  const c = res.cookies.find((x) => x.name === DEVICE_COOKIE);
  return c && c.value ? `${DEVICE_COOKIE}=${c.value}` : null;
}

export interface LoggedIn {
  cookie: string;
  csrf: string;
  /** Cookie and CSRF header, for writes. */
  headers: Record<string, string>;
}

/** Signs in through POST /api/v1/auth/login; fails the test unless it answers 200. */
export async function login(app: FastifyInstance, email: string, password: string, tenant: string, extraHeaders: Record<string, string> = {}): Promise<LoggedIn> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: extraHeaders, payload: { email, password, tenant } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookieOf(res);
  if (!cookie) throw new Error('login set no session cookie');
  const csrf = res.json().csrfToken as string;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}
