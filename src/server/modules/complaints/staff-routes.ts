/**
 * Staff routes of the complaint desk (issue #3, B2), mounted by routes.ts under /api/v1:
 * inboxes, the case page, staff actions, escalation requests, the leaders' list, similar
 * reports and merging, CSV export, and the public statistics.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../platform/deps.js';
import { requireStaffContext } from '../../platform/policy.js';
import { ErrorResponse, IdParams } from '../../../shared/schemas/common.js';
import {
  ActionBody, ActionParams, CasePageResponse, EscalationRequestBody, ExportQuery, InboxQuery, InboxResponse, MergeBody, MergeResponse,
  ExportStatus, SimilarResponse, StatsQuery, StatsResponse,
} from '../../../shared/schemas/complaints-staff.js';
import { AppError } from '../../platform/errors.js';
import { exportCsv, getExport, presentExport } from './export-service.js';
import { publicStats } from './stats-service.js';
import { similarTo } from './duplicates.js';
import { mergeInto } from './merge-service.js';
import { act, getCasePage, listEscalations, listInbox, requestEscalation } from './inbox-service.js';

export async function complaintsStaffRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

  r.get(
    '/complaints',
    {
      schema: {
        tags: ['complaints'],
        summary: "Inbox: the desk's verification queue, an OPD's new / due soon / overdue cases, escalated, or all; Indonesian full-text search and filters, keyset pages",
        querystring: InboxQuery,
        response: { 200: InboxResponse, ...errors },
      },
    },
    async (req) => {
      const { actor, tenant } = requireStaffContext(req.ctx);
      return listInbox(deps.db, actor, tenant, req.query);
    },
  );

  r.get(
    '/complaints/:id',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Case page: the report, its timeline, reporters (hidden from the OPD and leaders when anonim) and the actions the caller may take',
        params: IdParams,
        response: { 200: CasePageResponse, ...errors },
      },
    },
    async (req) => {
      const { actor, tenant } = requireStaffContext(req.ctx);
      return getCasePage(deps.db, actor, tenant.id, req.params.id);
    },
  );

  r.post(
    '/complaints/:id/actions/:action',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Take a step on a case (as the desk or as the OPD holding it, by role)',
        params: ActionParams,
        body: ActionBody,
        response: { 200: CasePageResponse, ...errors, 409: ErrorResponse },
      },
    },
    async (req) => {
      const { tenant } = requireStaffContext(req.ctx);
      return act(deps.db, req.ctx, tenant.id, req.params.id, req.params.action, req.body ?? {});
    },
  );

  r.post(
    '/complaints/:id/escalation-request',
    {
      schema: {
        tags: ['complaints'],
        summary: 'The OPD asks to escalate a case beyond its authority or capacity (one level up)',
        params: IdParams,
        body: EscalationRequestBody,
        response: { 200: CasePageResponse, ...errors, 409: ErrorResponse },
      },
    },
    async (req) => {
      const { tenant } = requireStaffContext(req.ctx);
      return requestEscalation(deps.db, req.ctx, tenant, req.params.id, req.body.reason);
    },
  );

  r.get(
    '/leaders/escalations',
    {
      schema: {
        tags: ['complaints'],
        summary: "Escalated open cases, for the leaders' dashboard (pimpinan)",
        querystring: Type.Object(
          { cursor: Type.Optional(Type.String({ maxLength: 200 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })), opdId: Type.Optional(Type.String({ format: 'uuid' })) },
          { additionalProperties: false },
        ),
        response: { 200: InboxResponse, ...errors },
      },
    },
    async (req) => {
      const { actor, tenant } = requireStaffContext(req.ctx);
      return listEscalations(deps.db, actor, tenant, req.query);
    },
  );

  r.get(
    '/complaints/:id/similar',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Similar open reports (possible duplicates): same category and kecamatan, similar title or words (desk)',
        params: IdParams,
        response: { 200: SimilarResponse, ...errors },
      },
    },
    async (req) => {
      const { actor, tenant } = requireStaffContext(req.ctx);
      return similarTo(deps.db, actor, tenant.id, req.params.id);
    },
  );

  r.post(
    '/complaints/:id/merge',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Merge this report into another: its reporters move there and are told (desk)',
        params: IdParams,
        body: MergeBody,
        response: { 200: MergeResponse, ...errors, 409: ErrorResponse },
      },
    },
    async (req) => {
      const { tenant } = requireStaffContext(req.ctx);
      return mergeInto(deps.db, req.ctx, tenant.id, req.params.id, req.body.intoId, req.body.note);
    },
  );

  r.get(
    '/complaints/export.csv',
    {
      schema: {
        tags: ['complaints'],
        summary: 'CSV export of the inbox with its filters (reporters only for the desk and the inspectorate). Up to 5,000 rows at once; more: 202 and a background export to download',
        querystring: ExportQuery,
        response: {
          200: { description: 'CSV, UTF-8 with a byte-order mark', content: { 'text/csv': { schema: Type.String() } } },
          202: ExportStatus,
          ...errors,
          413: ErrorResponse,
        },
      },
    },
    async (req, reply) => {
      const { actor, tenant } = requireStaffContext(req.ctx);
      const out = await exportCsv(deps.db, actor, tenant, req.query);
      if (out.kind === 'background') {
        return reply.status(202).send(presentExport(await getExport(deps.db, actor, tenant.id, out.id)));
      }
      const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="pengaduan-${tenant.slug}-${day}.csv"`)
        .header('cache-control', 'no-store')
        .header('x-export-rows', String(out.rows))
        .send(out.csv);
    },
  );

  r.get(
    '/complaints/exports/:id',
    {
      schema: { tags: ['complaints'], summary: 'State of a background export (only its requester)', params: IdParams, response: { 200: ExportStatus, ...errors } },
    },
    async (req) => {
      const { actor, tenant } = requireStaffContext(req.ctx);
      return presentExport(await getExport(deps.db, actor, tenant.id, req.params.id));
    },
  );

  r.get(
    '/complaints/exports/:id/download',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Download a finished background export (only its requester)',
        params: IdParams,
        response: { 200: { description: 'CSV, UTF-8 with a byte-order mark', content: { 'text/csv': { schema: Type.String() } } }, ...errors, 409: ErrorResponse },
      },
    },
    async (req, reply) => {
      const { actor, tenant } = requireStaffContext(req.ctx);
      const row = await getExport(deps.db, actor, tenant.id, req.params.id, { withCsv: true });
      if (row.status !== 'done' || !row.csv) throw new AppError('CONFLICT');
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="pengaduan-${tenant.slug}-${row.id.slice(0, 8)}.csv"`)
        .header('cache-control', 'no-store')
        .send(row.csv);
    },
  );

  r.get(
    '/public/stats',
    {
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: ['complaints'],
        summary: 'Public statistics per OPD and per kecamatan: counts by status and on-time rate (no personal data)',
        querystring: StatsQuery,
        response: { 200: StatsResponse, 404: ErrorResponse },
      },
    },
    async (req) => {
      if (!req.ctx.tenant) throw new AppError('TENANT_UNKNOWN');
      return publicStats(deps.db, req.ctx.tenant, req.ctx.locale, req.query);
    },
  );
}
