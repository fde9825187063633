/**
 * Signing in, with login throttling that protects accounts without handing anyone a way
 * to lock their owners out (docs/adr/0026-login-throttling.md; rules in throttle.ts):
 *  1. the route's in-process rate limit per address and e-mail stops floods early;
 *  2. the attempt reserves a failure on its counters in PostgreSQL (shared by every app
 *     process): its client network across accounts, the e-mail from unknown clients, and
 *     the e-mail from this client. A blocked counter refuses the attempt before any
 *     password is checked: 429 RATE_LIMITED (address, account delay) or 423
 *     ACCOUNT_LOCKED (this client), with when to retry, in the user's language;
 *  3. a browser that once signed the user in (a device cookie) is a known client: it draws
 *     only on its own counter, so failures elsewhere never stop it;
 *  4. unknown e-mails are counted, answered and timed like wrong passwords (a dummy hash
 *     is verified), so no answer tells which accounts exist;
 *  5. a correct password gives the reservation back, forgets the account's delay and this
 *     client's count, and renews or issues the device cookie.
 * Failed checks, locks, delays and address blocks are audited; refused attempts are not
 * (they change nothing, and would let anyone write to the append-only trail at will).
 */
import type { Deps } from '../../platform/deps.js';
import type { Actor, RequestContext, TenantRef } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { Executor } from '../../db/index.js';
import { t, type Locale } from '../../../shared/i18n/index.js';
import type { TLoginBody, TSessionResponse } from '../../../shared/schemas/auth.js';
import { recordAudit } from '../audit/record.js';
import { verifyDummy, verifyPassword } from './password.js';
import { randomToken, sha256 } from './tokens.js';
import { presentSessionUser } from './present.js';
import * as repo from './repo.js';
import * as throttleRepo from './throttle-repo.js';
import {
  blockedFor, clientNetwork, countFailure, deviceCookieValue, DEVICE_DAYS, DEVICES_PER_USER, RULES, throttleKeys,
  type ThrottleKey, type ThrottleState,
} from './throttle.js';

/** Bytes of randomness in a session id and a device token (256 bits), and a CSRF token (192 bits). */
const SESSION_ID_BYTES = 32;
const DEVICE_TOKEN_BYTES = 32;
const CSRF_TOKEN_BYTES = 24;
const USER_AGENT_MAX = 300;
const DAY_MS = 86_400_000;

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
  /** The session cookie the browser sent, if any: replaced by the new session. */
  oldSessionToken?: string;
  /** Device tokens from the browser's device cookie (throttle.ts parseDeviceCookie). */
  deviceTokens?: string[];
}

export interface LoginResult {
  sessionToken: string;
  /** The browser's new device cookie value. */
  deviceCookie: string;
  body: TSessionResponse;
}

/** One counter drawn on by this attempt, after its reservation. */
interface Reserved {
  key: ThrottleKey;
  state: ThrottleState;
}

async function resolveLoginTenant(deps: Deps, ctx: RequestContext, key: string | undefined): Promise<TenantRef> {
  if (key) {
    const tenant = await repo.tenantByKey(deps.db, key.trim());
    if (!tenant) throw new AppError('TENANT_UNKNOWN');
    return tenant;
  }
  if (!ctx.tenant) throw new AppError('TENANT_UNKNOWN', {}, undefined, 'auth.tenantRequired');
  return ctx.tenant;
}

/** "45 detik" / "3 menit": how long to wait, in the user's language. */
function waitText(locale: Locale, ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds < 120 ? t(locale, 'auth.wait.seconds', { n: seconds }) : t(locale, 'auth.wait.minutes', { n: Math.ceil(seconds / 60) });
}

/** The answer to an attempt refused (or just locked) by a counter; `seconds` feeds Retry-After. */
function refusal(scope: ThrottleKey['scope'], ms: number, locale: Locale): AppError {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (scope === 'client') return new AppError('ACCOUNT_LOCKED', { minutes, seconds }, undefined, 'auth.throttle.client');
  if (scope === 'address') return new AppError('RATE_LIMITED', { minutes, seconds }, undefined, 'auth.throttle.address');
  return new AppError('RATE_LIMITED', { wait: waitText(locale, ms), seconds }, undefined, 'auth.throttle.account');
}

/**
 * Reserves one failure on each counter, in one transaction: all of them, or (when one is
 * blocked) none, and the refusal is thrown.
 */
async function reserve(tx: Executor, tenantId: string, keys: ThrottleKey[], userId: string | null, now: Date, locale: Locale): Promise<Reserved[]> {
  const out: Reserved[] = [];
  for (const key of keys) {
    const current = await throttleRepo.lockCounter(tx, tenantId, key, key.scope === 'address' ? null : userId, now);
    const wait = blockedFor(current, now);
    if (wait > 0) throw refusal(key.scope, wait, locale);
    const next = countFailure(current, RULES[key.scope], now);
    await throttleRepo.saveCounter(tx, tenantId, key, key.scope === 'address' ? null : userId, next);
    out.push({ key, state: next });
  }
  return out;
}

/**
 * Checks the credentials and opens a new session. Returns the session cookie value, the
 * device cookie value (both shown to the browser only) and the session answer. Throws
 * LOGIN_FAILED, ACCOUNT_LOCKED or RATE_LIMITED.
 */
export async function login(deps: Deps, ctx: RequestContext, input: TLoginBody, client: ClientInfo): Promise<LoginResult> {
  const { db, config } = deps;
  const tenant = await resolveLoginTenant(deps, ctx, input.tenant);
  const email = input.email.trim().toLowerCase();
  const now = new Date();
  const network = clientNetwork(client.ip);
  const user = await repo.findUserForLogin(db, tenant.id, email);
  // Looked up whether or not the e-mail is an account, so both take the same path.
  const presented = client.deviceTokens ?? [];
  const devices = await throttleRepo.findDevices(db, presented.map(sha256), now);
  const device = user ? devices.find((d) => d.tenant_id === tenant.id && d.user_id === user.id) : undefined;
  const keys = throttleKeys(email, device ? { deviceId: device.id } : { network });
  const reserved = await db.transaction().execute((tx) => reserve(tx, tenant.id, keys, user?.id ?? null, now, ctx.locale));

  const ok = user?.is_active && user.password_hash
    ? await verifyPassword(user.password_hash, input.password)
    : await verifyDummy(input.password);
  if (!ok || !user) {
    const clientLock = reserved.find((r) => r.key.scope === 'client' && r.state.blockedUntil);
    await recordFailure(deps, ctx, tenant.id, user ?? null, reserved, { ip: client.ip, network, knownDevice: !!device });
    // Thrown after the commit, so the counts and the audit rows stay.
    if (clientLock) throw refusal('client', clientLock.state.blockedUntil!.getTime() - now.getTime(), ctx.locale);
    throw new AppError('LOGIN_FAILED');
  }

  const sessionToken = randomToken(SESSION_ID_BYTES);
  const csrfToken = randomToken(CSRF_TOKEN_BYTES);
  const deviceToken = device ? presented.find((x) => sha256(x) === device.token_hash)! : randomToken(DEVICE_TOKEN_BYTES);
  const deviceExpires = new Date(now.getTime() + DEVICE_DAYS * DAY_MS);
  const roles = await repo.rolesOf(db, tenant.id, user.id);
  const actor: Actor = { userId: user.id, tenantId: tenant.id, name: user.name, email: user.email, roles, viaToken: false };
  await db.transaction().execute(async (tx) => {
    // The reservation on the shared address counter goes back; the account's delay and
    // this client's count are forgotten (another client's lock stays: it is an attacker's).
    const address = reserved.find((r) => r.key.scope === 'address');
    if (address) await throttleRepo.releaseFailure(tx, tenant.id, address.key, RULES.address.limit);
    const accountKey = throttleKeys(email, { network }).filter((k) => k.scope === 'account');
    await throttleRepo.deleteCounters(tx, tenant.id, [...accountKey, ...keys.filter((k) => k.scope === 'client')]);
    if (device) await throttleRepo.touchDevice(tx, tenant.id, device.id, now, deviceExpires);
    else {
      const newDevice = { tenantId: tenant.id, userId: user.id, tokenHash: sha256(deviceToken), expiresAt: deviceExpires };
      await throttleRepo.insertDevice(tx, newDevice);
      await throttleRepo.trimDevices(tx, tenant.id, user.id, DEVICES_PER_USER);
    }
    // Rotation: whatever session the browser had is ended, so a session id planted before
    // sign-in (session fixation) never becomes an authenticated one.
    if (client.oldSessionToken) await repo.deleteSessionByHash(tx, sha256(client.oldSessionToken));
    await repo.recordLoginSuccess(tx, tenant.id, user.id, now);
    await repo.insertSession(tx, {
      idHash: sha256(sessionToken),
      tenantId: tenant.id,
      userId: user.id,
      csrfToken,
      expiresAt: new Date(now.getTime() + config.sessionTtlHours * 3600_000),
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
    });
    await recordAudit(tx, { ...ctx, actor }, tenant.id, {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      after: { ip: client.ip, knownDevice: !!device },
    });
  });
  // Tokens of other live devices stay in the cookie (other users of a shared office PC).
  const others = presented.filter((x) => devices.some((d) => d.token_hash === sha256(x)));
  const grants = await repo.grantsOf(db, tenant.id, [user.id]);
  const body = { user: presentSessionUser(user, grants, tenant), csrfToken };
  return { sessionToken, deviceCookie: deviceCookieValue(deviceToken, others), body };
}

/**
 * The audit of a failed check: for an account, the failure (or the lock or delay it
 * started); for the address, the block it started. Recorded as nobody's action: the caller
 * is not (yet) that user.
 */
async function recordFailure(
  deps: Deps,
  ctx: RequestContext,
  tenantId: string,
  user: { id: string; is_active: boolean } | null,
  reserved: Reserved[],
  client: { ip: string | null; network: string; knownDevice: boolean },
): Promise<void> {
  const of = (scope: ThrottleKey['scope']) => reserved.find((r) => r.key.scope === scope)?.state;
  const [address, account, own] = [of('address'), of('account'), of('client')!];
  const addressBlocked = address?.blockedUntil && address.failures === RULES.address.limit;
  if (!user && !addressBlocked) return;
  const anonymous = { ...ctx, actor: null, systemLabel: `sign-in attempt${client.ip ? ` from ${client.ip}` : ''}` };
  const iso = (d: Date | null | undefined) => d?.toISOString();
  await deps.db.transaction().execute(async (tx) => {
    if (user) {
      const where = { ip: client.ip, ...(client.knownDevice ? { knownDevice: true } : {}) };
      const slowed = account?.blockedUntil ? { accountDelayedUntil: iso(account.blockedUntil) } : {};
      const failed = { reason: user.is_active ? 'password' : 'inactive', ...where, failures: own.failures, ...slowed };
      const entry = { entityType: 'user', entityId: user.id } as const;
      if (own.blockedUntil) {
        const after = { scope: 'client', ...failed, lockedUntil: iso(own.blockedUntil) };
        await recordAudit(tx, anonymous, tenantId, { action: 'auth.locked', ...entry, after });
      } else {
        await recordAudit(tx, anonymous, tenantId, { action: 'auth.login_failed', ...entry, after: failed });
      }
      if (account?.blockedUntil && account.failures === RULES.account.limit) {
        const after = { scope: 'account', failures: account.failures, delayedUntil: iso(account.blockedUntil) };
        await recordAudit(tx, anonymous, tenantId, { action: 'auth.delayed', ...entry, after });
      }
    }
    if (addressBlocked) {
      await recordAudit(tx, anonymous, tenantId, {
        action: 'auth.address_blocked',
        entityType: 'login_address',
        after: { ip: client.network, failures: address.failures, blockedUntil: iso(address.blockedUntil) },
      });
    }
  });
}
