/**
 * Which tenant a request is about. In order: a `/r/{slug}/` path prefix (stripped before
 * routing), the host name (tenant.hostnames), the signed-in user's tenant, the configured
 * default tenant, or the only tenant of a single-tenant install.
 * Tenants change rarely, so lookups are cached for a few seconds per process.
 */
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { TenantRef } from './context.js';

const TTL_MS = 5_000;

export class TenantDirectory {
  #byKey = new Map<string, { at: number; tenant: TenantRef | null }>();
  constructor(private readonly db: Db, private readonly defaultCode: string | null) {}

  invalidate(): void {
    this.#byKey.clear();
  }

  async #cached(key: string, load: () => Promise<TenantRef | null>): Promise<TenantRef | null> {
    const hit = this.#byKey.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.tenant;
    const tenant = await load();
    this.#byKey.set(key, { at: Date.now(), tenant });
    return tenant;
  }

  #select() {
    return this.db
      .selectFrom('tenant')
      .select(['id', 'code', 'name', 'slug', 'timezone', 'is_demo as isDemo']);
  }

  bySlug(slug: string) {
    return this.#cached(`slug:${slug}`, async () => (await this.#select().where('slug', '=', slug).executeTakeFirst()) ?? null);
  }

  byId(id: string) {
    return this.#cached(`id:${id}`, async () => (await this.#select().where('id', '=', id).executeTakeFirst()) ?? null);
  }

  byCode(code: string) {
    return this.#cached(`code:${code}`, async () => (await this.#select().where('code', '=', code).executeTakeFirst()) ?? null);
  }

  byHost(host: string) {
    const name = host.split(':')[0].toLowerCase();
    return this.#cached(`host:${name}`, async () =>
      (await this.#select().where(sql<boolean>`${name} = ANY(hostnames)`).executeTakeFirst()) ?? null,
    );
  }

  /** The configured default tenant, else the only tenant if there is exactly one. */
  fallback() {
    return this.#cached('fallback', async () => {
      if (this.defaultCode) return (await this.#select().where('code', '=', this.defaultCode).executeTakeFirst()) ?? null;
      const rows = await this.#select().orderBy('created_at').limit(2).execute();
      return rows.length === 1 ? rows[0] : null;
    });
  }
}

const PREFIX = /^\/r\/([a-z0-9][a-z0-9-]{1,40})(\/.*)?$/;

/** Splits `/r/{slug}/rest` into the slug and the URL routed inside the tenant. */
export function splitTenantPrefix(url: string): { slug: string | null; url: string } {
  const m = PREFIX.exec(url.split('?')[0]);
  if (!m) return { slug: null, url };
  const query = url.includes('?') ? url.slice(url.indexOf('?')) : '';
  return { slug: m[1], url: (m[2] || '/') + query };
}
