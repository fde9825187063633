/** Who may see and retry the outbox: the tenant's admins (and a superadmin). */
import type { Actor } from '../../platform/context.js';
import { hasAnyRole } from '../../platform/policy.js';

export type NotificationAction = 'notification.list' | 'notification.retry';

export function can(actor: Actor | null, action: NotificationAction, resource: { tenantId: string }): boolean {
  switch (action) {
    case 'notification.list':
    case 'notification.retry':
      return hasAnyRole(actor, resource.tenantId, ['admin', 'superadmin']);
  }
}
