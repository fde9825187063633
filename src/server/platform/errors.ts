/**
 * One error vocabulary. Services throw `AppError` with a stable code; the error handler
 * (http.ts) turns it into `{ code, message, details?, requestId }` with the HTTP status
 * of the code and the message in the caller's language. Anything else is a 500 with
 * no internals shown.
 */
import type { MessageKey, MessageParams } from '../../shared/i18n/index.js';

/** Stable codes clients can rely on; each has its HTTP status and a message key `error.<CODE>`. */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  VALIDATION: 400,
  INVALID_JSON: 400,
  INVALID_REGION: 400,
  INVALID_REFERENCE: 400,
  IMPORT_INVALID: 400,
  FILE_INVALID: 400,
  UNAUTHENTICATED: 401,
  LOGIN_FAILED: 401,
  FORBIDDEN: 403,
  /** Only the reporter (their reporter key or their own session) may take this step on a report. */
  REPORTER_ONLY: 403,
  CSRF: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  TENANT_UNKNOWN: 404,
  CONFLICT: 409,
  TRANSITION_NOT_ALLOWED: 409,
  IDEMPOTENCY_CONFLICT: 422,
  DUPLICATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    /** Parameters for the message template. */
    readonly params: MessageParams = {},
    /** Machine-readable details (e.g. row-by-row import errors, field errors). */
    readonly details?: unknown,
    /** Overrides the default message key `error.<code>`. */
    readonly messageKey?: MessageKey,
  ) {
    super(code);
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = () => new AppError('FORBIDDEN');

/** PostgreSQL error codes we translate into AppErrors (SQLSTATE). */
export const PG = { UNIQUE_VIOLATION: '23505', FK_VIOLATION: '23503', CHECK_VIOLATION: '23514', INVALID_TEXT: '22P02' } as const;

/** The SQLSTATE of a driver error, from node-postgres or PGlite. */
export function pgCode(err: unknown): string | undefined {
  const e = err as { code?: unknown } | null;
  return e && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : undefined;
}
