/** Messages: an error (role=alert, announced at once) or a confirmation (role=status). */
import { forwardRef, type ReactNode } from 'react';
import { ApiError, NETWORK_ERROR } from '../api/client.js';
import { useI18n, type T } from '../app/i18n.js';

/** The text to show for a failed request: the server's own message, in the user's language. */
export function errorText(err: unknown, t: T): string {
  if (err instanceof ApiError) {
    if (err.code === NETWORK_ERROR) return t('web.error.network');
    if (err.message) return err.message;
    return t('web.error.status', { status: err.status });
  }
  if (err instanceof Error && err.message) return err.message;
  return t('web.error.unexpected');
}

/** A form the client refused before sending: a summary and a message per field. */
export class FormError extends Error {
  constructor(message: string, readonly fields: Record<string, string>) {
    super(message);
  }
}

/**
 * Checks required fields before sending, with messages that name the visible label
 * (forms use `noValidate`: the browser's own bubbles speak the browser's language, not
 * the page's, and vanish before a screen reader reads them).
 */
export function checkRequired(t: T, fields: Array<[field: string, value: string, label: string]>): FormError | null {
  const missing: Record<string, string> = {};
  for (const [field, value, label] of fields) if (!value.trim()) missing[field] = t('validation.required', { field: label });
  return Object.keys(missing).length ? new FormError(t('web.form.fixFields'), missing) : null;
}

/** Field errors of a refused form or of a VALIDATION answer (`details: [{field, message}]`), by field name. */
export function fieldErrorsOf(err: unknown): Record<string, string> {
  if (err instanceof FormError) return err.fields;
  const out: Record<string, string> = {};
  if (err instanceof ApiError && err.code === 'VALIDATION' && Array.isArray(err.details)) {
    for (const d of err.details as Array<{ field?: unknown; message?: unknown }>) {
      if (typeof d?.field === 'string' && typeof d.message === 'string' && !out[d.field]) out[d.field] = d.message;
    }
  }
  return out;
}

export const ErrorAlert = forwardRef<HTMLDivElement, { error: unknown; title?: string }>(function ErrorAlert({ error, title }, ref) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <div ref={ref} className="alert alert--error" role="alert" tabIndex={-1}>
      {title ? <p className="alert-title">{title}</p> : null}
      <p>{errorText(error, t)}</p>
      {error instanceof FormError ? (
        <ul>
          {Object.values(error.fields).map((m) => <li key={m}>{m}</li>)}
        </ul>
      ) : null}
    </div>
  );
});

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert--ok" role="status">
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return <p className="muted" role="status">{t('web.loading')}</p>;
}
