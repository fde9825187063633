/**
 * The one way the web client talks to the server: JSON over fetch, same-origin cookies,
 * the CSRF token of the session on every write, and server errors surfaced as `ApiError`
 * with the server's `{code, message}` (already in the user's language: the request carries
 * the chosen language in `Accept-Language`, and the `prima_lang` cookie when set).
 */
import { base } from '../app/base.js';
import type { Locale } from '../../shared/i18n/index.js';

export interface FieldProblem {
  row?: number;
  column?: string;
  field?: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

/** Error code the client uses when the server could not be reached at all. */
export const NETWORK_ERROR = 'NETWORK';

let csrfToken: string | null = null;
let locale: Locale = 'id';
/** Called when a request finds the session gone (401), so the shell can show the login page. */
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
export function setApiLocale(l: Locale): void {
  locale = l;
}
export function setOnUnauthenticated(fn: (() => void) | null): void {
  onUnauthenticated = fn;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function apiUrl(path: string, query?: Query): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  }
  const s = qs.toString();
  return `${base.api}${path}${s ? `?${s}` : ''}`;
}

interface RequestOptions {
  query?: Query;
  /** JSON body (objects) or raw text (with `contentType`). */
  body?: unknown;
  contentType?: string;
  /** Extra request headers (e.g. Idempotency-Key). */
  headers?: Record<string, string>;
  /** Don't report a 401 to the shell (the session probe and the login form expect it). */
  quiet401?: boolean;
}

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': locale };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    // The browser writes the multipart content type with its boundary.
    body = opts.body;
  } else if (opts.body !== undefined) {
    if (opts.contentType) {
      headers['content-type'] = opts.contentType;
      body = opts.body as string;
    } else {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  Object.assign(headers, opts.headers);

  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, NETWORK_ERROR, '');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: any = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const err = new ApiError(res.status, data?.code ?? `HTTP_${res.status}`, data?.message ?? '', data?.details, data?.requestId);
    if (res.status === 401 && !opts.quiet401) onUnauthenticated?.();
    throw err;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query, opts?: Omit<RequestOptions, 'query' | 'body'>) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) => request<T>('POST', path, { ...opts, body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  del: (path: string) => request<void>('DELETE', path),
  /** Sends text (CSV) as the request body. */
  postText: <T>(path: string, text: string, contentType: string) => request<T>('POST', path, { body: text, contentType }),
  /** Sends a multipart form (file uploads). */
  postForm: <T>(path: string, form: FormData, opts?: Omit<RequestOptions, 'body' | 'contentType'>) => request<T>('POST', path, { ...opts, body: form }),
};
