/** Follow-up plan (rencana tindak lanjut) per weak unsur of a period: list, add, change, delete. Evidence upload is in files-routes.ts. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Db } from '../../db/index.js';
import type { Deps } from '../../platform/deps.js';
import { requireStaffContext } from '../../platform/policy.js';
import { ErrorResponse, IdParams } from '../../../shared/schemas/common.js';
import * as S from '../../../shared/schemas/skm.js';
import { localParts } from './period.js';
import { presentFollowup } from './present.js';
import { unsurNames } from './questionnaire-service.js';
import * as repo from './repo.js';
import * as staff from './staff-service.js';

const tags = ['skm'];
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const API = '/api/v1';

export async function followupList(db: Db, tenantId: string, periodId: string, today: string, apiBase: string) {
  const rows = await repo.listFollowups(db, tenantId, periodId);
  const [names, evidence] = await Promise.all([unsurNames(db, tenantId), repo.listEvidence(db, tenantId, rows.map((f) => f.id))]);
  const items = rows.map((f) => presentFollowup(f, names, evidence, today, apiBase));
  const counted = items.filter((f) => f.status !== 'cancelled');
  return { items, donePercent: counted.length ? Math.round((counted.filter((f) => f.status === 'done').length / counted.length) * 10000) / 100 : null };
}

export async function skmFollowupRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;
  const base = (slug: string) => `/r/${slug}${API}`;

  r.get('/skm/periods/:id/followups', { schema: { tags, summary: 'Follow-up plan of a period, with the share of planned actions done', params: IdParams, response: { 200: S.SkmFollowupList, ...errors } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    await staff.periodFor(db, actor, tenant.id, req.params.id, 'skm.read');
    return followupList(db, tenant.id, req.params.id, localParts(new Date(), tenant.timezone).date, base(tenant.slug));
  });
  r.post('/skm/periods/:id/followups', { schema: { tags, summary: 'Plan a follow-up action for a weak unsur (action, owner, due date)', params: IdParams, body: S.SkmCreateFollowupBody, response: { 201: S.SkmFollowup, ...errors } } }, async (req, reply) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    const row = await staff.createFollowup(db, req.ctx, actor, tenant.id, req.params.id, req.body);
    return reply.status(201).send(presentFollowup(row, await unsurNames(db, tenant.id), [], localParts(new Date(), tenant.timezone).date, base(tenant.slug)));
  });
  r.patch('/skm/followups/:id', { schema: { tags, summary: 'Change a follow-up (status planned → in_progress → done; evidence note)', params: IdParams, body: S.SkmPatchFollowupBody, response: { 200: S.SkmFollowup, ...errors } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    const today = localParts(new Date(), tenant.timezone).date;
    const row = await staff.patchFollowup(db, req.ctx, actor, tenant.id, req.params.id, req.body, today);
    return presentFollowup(row, await unsurNames(db, tenant.id), await repo.listEvidence(db, tenant.id, [row.id]), today, base(tenant.slug));
  });
  r.delete('/skm/followups/:id', { schema: { tags, summary: 'Delete a follow-up', params: IdParams, response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    await staff.deleteFollowup(db, req.ctx, actor, tenant.id, req.params.id);
    return reply.status(204).send(null);
  });
}
