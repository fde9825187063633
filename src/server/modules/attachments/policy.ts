/**
 * Who may upload and read attachments (staff side; the public side has its own rule in
 * service.ts: only `is_public` files of a complaint that is not rahasia).
 *  - upload: every staff role of the tenant (evidence, letters, photos from the field);
 *  - read: the complaint desk (verifikator), admin/superadmin and inspektorat — every
 *    attachment of the tenant; operator_opd / kepala_opd — only attachments of cases
 *    currently routed to their own OPD (never unlinked uploads). pimpinan, warga and
 *    anyone else: nothing (see docs/adr/0015-attachments.md).
 */
import type { Role } from '../auth/tables.js';
import type { Actor } from '../../platform/context.js';
import { hasAnyRole, opdScopes, STAFF_ROLES } from '../../platform/policy.js';

export type AttachmentAction = 'attachment.upload' | 'attachment.read';

export interface AttachmentResource {
  tenantId: string;
  /** The OPD the attachment's complaint is routed to (null: not routed, or not linked). */
  caseOpdId?: string | null;
}

const READ_ALL: readonly Role[] = ['verifikator', 'admin', 'superadmin', 'inspektorat'];

export function can(actor: Actor | null, action: AttachmentAction, resource: AttachmentResource): boolean {
  if (!actor) return false;
  const { tenantId } = resource;
  switch (action) {
    case 'attachment.upload':
      return hasAnyRole(actor, tenantId, STAFF_ROLES);
    case 'attachment.read':
      if (hasAnyRole(actor, tenantId, READ_ALL)) return true;
      return !!resource.caseOpdId && opdScopes(actor, tenantId).includes(resource.caseOpdId);
  }
}
