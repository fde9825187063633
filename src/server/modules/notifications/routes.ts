/** HTTP routes of the notifications module (registered under /api/v1 by modules/index.ts). */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.js';
import { authorize, requireStaffContext } from '../../platform/policy.js';
import { IdParams } from '../../../shared/schemas/common.js';
import { ListNotificationsQuery, Notification, NotificationList, type TListNotificationsQuery } from '../../../shared/schemas/notifications.js';
import { can } from './policy.js';
import { presentNotification } from './present.js';
import { listNotifications, retryNotification } from './service.js';

export async function notificationsRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  app.get<{ Querystring: TListNotificationsQuery }>(
    '/notifications',
    { schema: { tags: ['notifications'], summary: "List the tenant's outgoing notifications (admin)", querystring: ListNotificationsQuery, response: { 200: NotificationList } } },
    async (req) => {
      const { actor, tenant } = requireStaffContext(req.ctx);
      authorize(can(actor, 'notification.list', { tenantId: tenant.id }));
      const rows = await listNotifications(deps.db, { tenantId: tenant.id, status: req.query.status, limit: req.query.limit });
      return { items: rows.map(presentNotification) };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/notifications/:id/retry',
    { schema: { tags: ['notifications'], summary: 'Send a failed notification again (admin)', params: IdParams, response: { 200: Notification } } },
    async (req) => {
      const { actor, tenant } = requireStaffContext(req.ctx);
      authorize(can(actor, 'notification.retry', { tenantId: tenant.id }));
      const row = await retryNotification(deps.db, req.ctx, tenant.id, req.params.id);
      return presentNotification(row);
    },
  );
}
