/**
 * Merging a duplicate into another report (the desk): the duplicate becomes 'merged'
 * through the state machine (B1's applyTransition 'merge', which tells its reporters), its
 * reporters move to the target (each keeps original_complaint_id, the report it filed),
 * the target's reporter_count grows — the public page says how many citizens reported it —
 * and the moved reporters are told the target's tracking code. One transaction, one audit row
 * per report.
 */
import type { Db } from '../../db/index.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { hasAnyRole } from '../../platform/policy.js';
import { recordAudit } from '../audit/record.js';
import * as inboxRepo from './inbox-repo.js';
import { DESK_ROLES } from './inbox-service.js';
import * as repo from './repo.js';
import { applyTransition, notifyReporters } from './transitions.js';

export async function mergeInto(db: Db, ctx: RequestContext, tenantId: string, id: string, intoId: string, note?: string | null) {
  const actor = ctx.actor;
  if (!actor || !hasAnyRole(actor, tenantId, DESK_ROLES)) throw new AppError('FORBIDDEN');
  if (id === intoId) throw new AppError('VALIDATION', {}, [{ field: 'intoId' }], 'complaintsStaff.merge.invalidTarget' as MessageKey);
  return db.transaction().execute(async (tx) => {
    await inboxRepo.lockCases(tx, tenantId, [id, intoId]);
    const dup = await repo.getComplaint(tx, tenantId, id);
    if (!dup) throw new AppError('NOT_FOUND');
    const target = await repo.getComplaint(tx, tenantId, intoId);
    if (!target || !inboxRepo.MERGEABLE.includes(target.status)) throw new AppError('VALIDATION', {}, [{ field: 'intoId' }], 'complaintsStaff.merge.invalidTarget' as MessageKey);

    // The duplicate's own step (status check, event, audit, its reporters told).
    await applyTransition(tx, ctx, { tenantId, complaintId: id, action: 'merge', by: 'desk', note: note ?? null, visibility: 'public', data: { intoId, intoTrackingCode: target.tracking_code } });
    const movedIds = new Set(await inboxRepo.moveReporters(tx, tenantId, id, intoId));
    const moved = movedIds.size;
    const updated = await inboxRepo.addReporterCount(tx, tenantId, intoId, dup.reporter_count);
    if (!updated) throw new AppError('VALIDATION', {}, [{ field: 'intoId' }], 'complaintsStaff.merge.invalidTarget' as MessageKey);
    await inboxRepo.insertDeskEvent(tx, tenantId, {
      complaintId: intoId, type: 'duplicate_merged', note: null, actorId: actor.userId, actorLabel: `${actor.name} <${actor.email}>`, opdId: target.opd_id,
      data: { fromId: id, fromTrackingCode: dup.tracking_code, movedReporters: moved, reporterCount: updated.reporter_count },
    });
    await recordAudit(tx, ctx, tenantId, {
      action: 'complaint.merge_into', entityType: 'complaint', entityId: intoId,
      before: { reporter_count: target.reporter_count }, after: { reporter_count: updated.reporter_count, from_id: id, moved_reporters: moved },
    });
    // Every moved reporter learns the code to follow from now on.
    const movedReporters = (await repo.listReporters(tx, tenantId, intoId)).filter((r) => movedIds.has(r.id));
    await notifyReporters(tx, movedReporters, {
      tenantId,
      template: 'complaint.status_changed',
      params: { trackingCode: updated.tracking_code, title: updated.title, status: updated.status },
      dedupeKey: `complaint:${intoId}:merged-from:${id}`,
      complaintId: intoId,
    });
    return { mergedId: id, intoId, movedReporters: moved, reporterCount: updated.reporter_count };
  });
}
