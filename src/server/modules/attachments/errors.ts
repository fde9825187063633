/**
 * Why a file is refused. The byte-level code (sniff.ts, strip.ts) throws `FileRejected`
 * with a reason; the service turns it into `AppError('FILE_INVALID')` with the file name
 * and the reason's message in the caller's language (i18n/attachments.ts).
 */
import { AppError } from '../../platform/errors.js';
import type { MessageKey } from '../../../shared/i18n/index.js';

export type RejectReason = 'empty' | 'unsupported' | 'mismatch' | 'malformed';

export class FileRejected extends Error {
  constructor(
    readonly reason: RejectReason,
    readonly extra: { actual?: string; detail?: string } = {},
  ) {
    super(`file rejected: ${reason}${extra.detail ? ` (${extra.detail})` : ''}`);
  }
}

const REASON_KEYS: Record<RejectReason, MessageKey> = {
  empty: 'attachments.invalid.empty',
  unsupported: 'attachments.invalid.unsupported',
  mismatch: 'attachments.invalid.mismatch',
  malformed: 'attachments.invalid.malformed',
};

/** Human names of the accepted types, for messages. */
const TYPE_LABELS: Record<string, string> = {
  'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP', 'application/pdf': 'PDF',
};

/** 400 FILE_INVALID for a refused file; `details.reason` is machine-readable. */
export function fileInvalid(rejected: FileRejected, filename: string): AppError {
  const actual = rejected.extra.actual;
  return new AppError(
    'FILE_INVALID',
    { name: filename, actual: actual ? (TYPE_LABELS[actual] ?? actual) : '' },
    { reason: rejected.reason, ...(actual ? { detectedType: actual } : {}) },
    REASON_KEYS[rejected.reason],
  );
}
