/** Errors of the compliance module: a clear 4xx naming the field, in the caller's language. */
import { t, type Locale, type MessageKey } from '../../../shared/i18n/index.js';
import { AppError, type ErrorCode } from '../../platform/errors.js';
import type { MethodProblem } from './method-rules.js';

/** VALIDATION (or another 4xx code) with `details: [{field, message}]` for the form. */
export function fieldError(locale: Locale, field: string, key: MessageKey, params: Record<string, string | number> = {}, code: ErrorCode = 'VALIDATION'): AppError {
  const message = t(locale, key, { field, ...params });
  return new AppError(code, { detail: message, field, ...params }, [{ field, message }], key);
}

/** All problems of a method version at once; the first one is the top-level message. */
export function methodInvalid(locale: Locale, problems: MethodProblem[]): AppError {
  const details = problems.map((p) => ({ field: p.field, message: t(locale, p.key, p.params) }));
  const first = problems[0]!;
  return new AppError('VALIDATION', { detail: details[0]!.message, ...first.params }, details, first.key);
}
