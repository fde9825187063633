/**
 * Factories: each test builds its own tenant (a fresh region code), OPDs, units and users,
 * with overrides for what the test cares about. They write through the database directly;
 * behaviour under test goes through the HTTP API.
 */
import crypto from 'node:crypto';
import argon2 from 'argon2';
import type { Db } from '../../src/server/db/index.js';
import type { Role } from '../../src/server/modules/auth/tables.js';
import type { OpdType } from '../../src/server/modules/organisation/tables.js';
import { SESSION_COOKIE, randomToken, sha256 } from '../../src/server/modules/auth/tokens.js';

export const TEST_PASSWORD = 'rahasia-uji-123';
let passwordHash: string | null = null;

async function hashOnce() {
  // argon2 is slow on purpose; one hash serves every factory user.
  passwordHash ??= await argon2.hash(TEST_PASSWORD, { type: argon2.argon2id });
  return passwordHash;
}

export interface TestTenant {
  id: string;
  code: string;
  slug: string;
  name: string;
}

/** A tenant with a random unused (and unreal) regency code. Retries on a collision. */
export async function buildTenant(db: Db, overrides: Partial<{ name: string; timezone: 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura'; hostnames: string[] }> = {}): Promise<TestTenant> {
  for (let attempt = 0; attempt < 50; attempt++) {
    // Province 01–10 is used by no real province, so a test tenant never takes a real code.
    const code = `${String(1 + crypto.randomInt(10)).padStart(2, '0')}.${String(1 + crypto.randomInt(99)).padStart(2, '0')}`;
    const slug = `t-${crypto.randomBytes(5).toString('hex')}`;
    const row = await db
      .insertInto('tenant')
      .values({ code, slug, name: overrides.name ?? `Kabupaten Uji ${code}`, level: 'kabupaten', timezone: overrides.timezone ?? 'Asia/Makassar', hostnames: overrides.hostnames ?? [] })
      .onConflict((oc) => oc.doNothing())
      .returning(['id', 'code', 'slug', 'name'])
      .executeTakeFirst();
    if (row) return row;
  }
  throw new Error('could not find a free tenant code');
}

export async function buildRegion(db: Db, tenant: TestTenant, suffix = '01') {
  const kec = `${tenant.code}.${suffix}`;
  await db.insertInto('region').values([
    { tenant_id: tenant.id, code: kec, parent_code: null, level: 'kecamatan', name: `Kecamatan ${suffix}` },
    { tenant_id: tenant.id, code: `${kec}.2001`, parent_code: kec, level: 'desa', name: `Desa ${suffix}-1` },
    { tenant_id: tenant.id, code: `${kec}.1001`, parent_code: kec, level: 'kelurahan', name: `Kelurahan ${suffix}-1` },
  ]).execute();
  return kec;
}

export async function buildOpd(db: Db, tenant: TestTenant, overrides: Partial<{ name: string; short_name: string; type: OpdType }> = {}) {
  const n = crypto.randomBytes(3).toString('hex');
  return db
    .insertInto('opd')
    .values({ tenant_id: tenant.id, name: overrides.name ?? `Dinas Uji ${n}`, short_name: overrides.short_name ?? `DU${n}`, type: overrides.type ?? 'dinas', head_name: null, head_title: null, region_code: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildUnit(db: Db, tenant: TestTenant, opdId: string, name = `Unit ${crypto.randomBytes(3).toString('hex')}`) {
  return db.insertInto('service_unit').values({ tenant_id: tenant.id, opd_id: opdId, name, address: null, region_code: null }).returningAll().executeTakeFirstOrThrow();
}

export interface TestUser {
  id: string;
  tenantId: string;
  email: string;
  password: string;
}

export async function buildUser(db: Db, tenant: TestTenant, roles: Array<{ role: Role; opdId?: string }>, overrides: Partial<{ email: string; name: string }> = {}): Promise<TestUser> {
  const email = overrides.email ?? `user-${crypto.randomBytes(4).toString('hex')}@uji.go.id`;
  const user = await db
    .insertInto('app_user')
    .values({ tenant_id: tenant.id, email, name: overrides.name ?? 'Pengguna Uji', phone: null, password_hash: await hashOnce(), last_login_at: null })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  if (roles.length) {
    await db.insertInto('user_role').values(roles.map((r) => ({ tenant_id: tenant.id, user_id: user.id, role: r.role, opd_id: r.opdId ?? null }))).execute();
  }
  return { id: user.id, tenantId: tenant.id, email, password: TEST_PASSWORD };
}

/** Headers of a signed-in browser session for `user` (cookie + CSRF token), made directly in the table. */
export async function sessionHeaders(db: Db, user: TestUser): Promise<Record<string, string>> {
  const token = randomToken();
  const csrf = randomToken(18);
  await db.insertInto('session').values({ id_hash: sha256(token), tenant_id: user.tenantId, user_id: user.id, csrf_token: csrf, expires_at: new Date(Date.now() + 3600_000), ip: null, user_agent: 'test' }).execute();
  return { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': csrf };
}
