/** An Open311 error: the HTTP status (also the spec's numeric `code`) and a message of this module. */
import type { Open311MessageKey } from './messages.js';

export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 422 | 429 | 500 | 503,
    readonly key: Open311MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}
