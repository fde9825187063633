/**
 * Tenant path prefix. A multi-tenant install names the tenant in the URL (`/r/{slug}/...`,
 * the server strips it before routing, see platform/tenant.ts). The client keeps the
 * prefix as the router basename and in front of every API call, so the server resolves the
 * same tenant for the page and for its data.
 */
const PREFIX = /^\/r\/([a-z0-9][a-z0-9-]{1,40})(?=\/|$)/;

export interface Base {
  /** Tenant slug from the URL, or null on a single-tenant / host-named install. */
  slug: string | null;
  /** Router basename: '/r/{slug}' or ''. */
  basename: string;
  /** Prefix of every API path: '/r/{slug}/api/v1' or '/api/v1'. */
  api: string;
}

export function detectBase(pathname: string): Base {
  const m = PREFIX.exec(pathname);
  const basename = m ? `/r/${m[1]}` : '';
  return { slug: m ? m[1] : null, basename, api: `${basename}/api/v1` };
}

export const base: Base = detectBase(typeof location === 'undefined' ? '/' : location.pathname);
