/**
 * The organisation module's errors, with the field named in the caller's language
 * (`details: [{ field, message }]`, like validation errors).
 */
import { t, type Locale } from '../../../shared/i18n/index.js';
import { AppError, pgCode, PG } from '../../platform/errors.js';

export type OrgField = 'name' | 'shortName' | 'code' | 'slug' | 'hostnames' | 'opdId' | 'unitId';

function label(locale: Locale, field: OrgField): string {
  return t(locale, `organisation.field.${field}`);
}

/** 409 DUPLICATE naming the field, e.g. "Data dengan nama yang sama sudah ada." */
export function duplicate(locale: Locale, field: OrgField): AppError {
  const params = { field: label(locale, field) };
  return new AppError('DUPLICATE', params, [{ field, message: t(locale, 'error.DUPLICATE', params) }]);
}

/** 400 INVALID_REGION: the code is not one of the tenant's regions (or not in the data). */
export function invalidRegion(locale: Locale, code: string, field = 'regionCode'): AppError {
  return new AppError('INVALID_REGION', { code }, [{ field, message: t(locale, 'error.INVALID_REGION', { code }) }]);
}

/** 400 INVALID_REFERENCE: an id in the body names nothing in this tenant. */
export function invalidReference(locale: Locale, field: OrgField): AppError {
  const params = { field: label(locale, field) };
  return new AppError('INVALID_REFERENCE', params, [{ field, message: t(locale, 'error.INVALID_REFERENCE', params) }]);
}

/** Unique indexes → the field they protect (a concurrent write that slipped past a check). */
const UNIQUE_FIELDS: Record<string, OrgField> = {
  opd_name_uq: 'name',
  opd_short_name_uq: 'shortName',
  service_unit_name_uq: 'name',
  service_name_uq: 'name',
  tenant_code_key: 'code',
  tenant_slug_key: 'slug',
};

/** Turns a unique violation into DUPLICATE with its field; rethrows anything else. */
export function rethrowUnique(locale: Locale): (err: unknown) => never {
  return (err: unknown) => {
    if (pgCode(err) === PG.UNIQUE_VIOLATION) {
      const field = UNIQUE_FIELDS[String((err as { constraint?: string }).constraint ?? '')];
      if (field) throw duplicate(locale, field);
    }
    throw err;
  };
}
