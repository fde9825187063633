/**
 * Turns Ajv validation errors (from the TypeBox schemas on each route) into field errors
 * in the user's language: `[{ field, message }]`.
 */
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import { t, type Locale } from '../../shared/i18n/index.js';

export interface FieldError {
  field: string;
  message: string;
}

export function fieldErrors(errors: FastifySchemaValidationError[], context: string | undefined, locale: Locale): FieldError[] {
  return errors.map((e) => {
    const base = (e.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
    const p = e.params as Record<string, any>;
    let field = base || context || 'body';
    let message: string;
    switch (e.keyword) {
      case 'required':
        field = base ? `${base}.${p.missingProperty}` : p.missingProperty;
        message = t(locale, 'validation.required', { field });
        break;
      case 'additionalProperties':
        field = base ? `${base}.${p.additionalProperty}` : p.additionalProperty;
        message = t(locale, 'validation.unknownField', { field });
        break;
      case 'type':
        message = t(locale, 'validation.type', { field, type: String(p.type) });
        break;
      case 'maxLength':
      case 'maxItems':
        message = t(locale, 'validation.tooLong', { field, limit: p.limit });
        break;
      case 'minLength':
      case 'minItems':
        message = t(locale, 'validation.tooShort', { field, limit: p.limit });
        break;
      case 'enum':
        message = t(locale, 'validation.enum', { field, values: (p.allowedValues ?? []).join(', ') });
        break;
      case 'const':
        message = t(locale, 'validation.enum', { field, values: String(p.allowedValue) });
        break;
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        message = t(locale, 'validation.range', { field });
        break;
      default:
        message = t(locale, 'validation.format', { field });
    }
    return { field, message };
  });
}
