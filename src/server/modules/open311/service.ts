/**
 * Open311 GeoReport v2 work: which tenant (jurisdiction) a call is about, the discovery
 * document, services (the tenant's active complaint categories) and their definitions.
 * Requests (intake and listing) live in requests.ts.
 */
import type { Locale } from '../../../shared/i18n/index.js';
import type { Executor } from '../../db/index.js';
import type { TenantRef } from '../../platform/context.js';
import type { TenantDirectory } from '../../platform/tenant.js';
import { Open311Error } from './errors.js';
import type { Document } from './format.js';
import { isoWithOffset } from './format.js';
import { msg } from './messages.js';
import { activeCategories, activeCategory } from './repo.js';
import { KINDS } from './input.js';

export const SPECIFICATION_URL = 'http://wiki.open311.org/GeoReport_v2';
const STARTED_AT = new Date();

/**
 * The tenant named by jurisdiction_id (its Kemendagri code, e.g. 63.10, or its slug).
 * Without one: the tenant the request already resolved to (path prefix, host name, the
 * caller's tenant, the configured default or the only tenant).
 */
export async function resolveJurisdiction(tenants: TenantDirectory, requestTenant: TenantRef | null, jurisdictionId: unknown): Promise<TenantRef> {
  if (jurisdictionId !== undefined && jurisdictionId !== null && jurisdictionId !== '') {
    if (typeof jurisdictionId !== 'string' || jurisdictionId.length > 100) throw new Open311Error(400, 'open311.error.invalidField', { field: 'jurisdiction_id' });
    const value = jurisdictionId.trim();
    const tenant = (/^\d{2}(\.\d{2})?$/.test(value) ? await tenants.byCode(value) : null)
      ?? (/^[a-z0-9][a-z0-9-]{1,40}$/.test(value) ? await tenants.bySlug(value) : null);
    if (!tenant) throw new Open311Error(404, 'open311.error.jurisdictionUnknown', { value: value.slice(0, 100) });
    return tenant;
  }
  if (!requestTenant) throw new Open311Error(400, 'open311.error.jurisdictionRequired');
  return requestTenant;
}

export async function discovery(db: Executor, tenant: TenantRef | null, endpointUrl: string, locale: Locale): Promise<Document> {
  let changeset = STARTED_AT;
  if (tenant) {
    const row = await db
      .selectFrom('complaint_category')
      .select((eb) => eb.fn.max('updated_at').as('at'))
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirst();
    if (row?.at) changeset = new Date(row.at as unknown as string);
  }
  const tz = tenant?.timezone ?? 'Asia/Jakarta';
  const stamp = isoWithOffset(changeset, tz);
  return {
    root: 'discovery',
    value: {
      changeset: stamp,
      contact: msg(locale, 'open311.discovery.contact', { tenant: tenant?.name ?? 'Prima' }),
      key_service: msg(locale, 'open311.discovery.keyService'),
      endpoints: [{
        specification: SPECIFICATION_URL,
        url: endpointUrl,
        changeset: stamp,
        type: tenant?.isDemo ? 'test' : 'production',
        formats: ['text/xml', 'application/json'],
      }],
    },
  };
}

export async function listServices(db: Executor, tenant: TenantRef): Promise<Document> {
  const rows = await activeCategories(db, tenant.id);
  return {
    root: 'services',
    value: rows.map((c) => ({
      service_code: c.code,
      service_name: c.name,
      description: c.description,
      // Every service takes the same attributes (kind, privacy choices, event date).
      metadata: true,
      type: 'realtime',
      keywords: null,
      group: c.groupName,
    })),
  };
}

/** The attributes every service accepts (POST as attribute[code]=value). */
export function attributes(locale: Locale) {
  const yesNo = [
    { key: 'true', name: msg(locale, 'open311.attr.yes') },
    { key: 'false', name: msg(locale, 'open311.attr.no') },
  ];
  return [
    {
      variable: true, code: 'kind', datatype: 'singlevaluelist', required: false,
      datatype_description: msg(locale, 'open311.attr.kind.help'), order: 1, description: msg(locale, 'open311.attr.kind'),
      values: KINDS.map((k) => ({ key: k, name: msg(locale, `open311.attr.kind.${k}`) })),
    },
    {
      variable: true, code: 'anonymous', datatype: 'singlevaluelist', required: false,
      datatype_description: msg(locale, 'open311.attr.yesNo'), order: 2, description: msg(locale, 'open311.attr.anonymous'), values: yesNo,
    },
    {
      variable: true, code: 'confidential', datatype: 'singlevaluelist', required: false,
      datatype_description: msg(locale, 'open311.attr.yesNo'), order: 3, description: msg(locale, 'open311.attr.confidential'), values: yesNo,
    },
    {
      variable: true, code: 'event_date', datatype: 'datetime', required: false,
      datatype_description: msg(locale, 'open311.attr.eventDate.help'), order: 4, description: msg(locale, 'open311.attr.eventDate'),
    },
  ];
}

export async function serviceDefinition(db: Executor, tenant: TenantRef, code: string, locale: Locale): Promise<Document> {
  const row = /^[a-z0-9][a-z0-9-]{1,60}$/.test(code) ? await activeCategory(db, tenant.id, code) : undefined;
  if (!row) throw new Open311Error(404, 'open311.error.serviceCodeUnknown', { value: code.slice(0, 61) });
  return { root: 'service_definition', value: { service_code: row.code, attributes: attributes(locale) } };
}
