/**
 * Who may see the job queue: a tenant's admin sees the tenant's jobs; a superadmin also
 * sees the install's own jobs (tenant-less: schedules, housekeeping).
 */
import type { Actor } from '../../platform/context.js';
import { hasAnyRole, isSuperadmin } from '../../platform/policy.js';

export type JobAction = 'job.list' | 'job.listSystem';

export function can(actor: Actor | null, action: JobAction, resource: { tenantId: string }): boolean {
  switch (action) {
    case 'job.list':
      return hasAnyRole(actor, resource.tenantId, ['admin', 'superadmin']);
    case 'job.listSystem':
      return isSuperadmin(actor);
  }
}
