/**
 * HTTP routes of the complaints core (registered under /api/v1 by modules/index.ts).
 * Public (no login, rate limited per client address): filing a report (idempotent by the
 * Idempotency-Key header), tracking it by its code, the citizen's confirm / dispute / add
 * information, the categories, the recent public reports. Staff: intake on behalf of a
 * reporter, categories, routing rules (+ the routing suggestion), deadline rules.
 * B2's desk and OPD routes (staff-routes.ts) are mounted from here.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { authorize, requireStaffContext } from '../../platform/policy.js';
import type { TenantRef } from '../../platform/context.js';
import { IdParams } from '../../../shared/schemas/common.js';
import * as S from '../../../shared/schemas/complaints.js';
import * as intake from './intake-service.js';
import * as categories from './categories-service.js';
import * as routing from './routing-service.js';
import { can } from './policy.js';
import { presentCategory, presentDeadlineRule, presentForReporter, presentPublic, presentPublicCategory, presentReceipt, presentRoutingRule } from './present.js';
import { REPORTER_KEY_HEADER } from './reporter-key.js';
import type { ReporterProof } from './reporter-access.js';
import * as repo from './repo.js';
import { complaintsStaffRoutes } from './staff-routes.js';
import { complaintsSimilarRoutes } from './similar-routes.js';

const tags = ['complaints'];

/**
 * Per client address. Filing: a citizen files a few reports, an office behind one NAT a
 * few dozen an hour. Tracking and citizen actions: 20 a minute, so the 32^8 codes cannot
 * be enumerated (≈ 10^12 guesses per hit).
 */
export const SUBMIT_RATE_LIMIT = { rateLimit: { max: 60, timeWindow: '1 minute' } };
export const TRACK_RATE_LIMIT = { rateLimit: { max: 20, timeWindow: '1 minute' } };
const READ_RATE_LIMIT = { rateLimit: { max: 300, timeWindow: '1 minute' } };

function publicTenant(req: FastifyRequest): TenantRef {
  if (!req.ctx.tenant) throw new AppError('TENANT_UNKNOWN');
  return req.ctx.tenant;
}

/** What the caller offers as proof of being the reporter: the key header and the session. */
function reporterProof(req: FastifyRequest): ReporterProof {
  const v = req.headers[REPORTER_KEY_HEADER];
  return { key: typeof v === 'string' && v !== '' ? v : null, actor: req.ctx.actor };
}

/** The reporter's view when they proved it, else the public one (null for rahasia). */
function trackedView(found: { row: repo.ComplaintRow; events: repo.EventRow[]; attachments: repo.AttachmentMeta[]; isReporter: boolean }) {
  return found.isReporter ? presentForReporter(found.row, found.events, found.attachments) : presentPublic(found.row, found.events, found.attachments);
}

function idempotencyKey(req: FastifyRequest): string | null {
  const v = req.headers['idempotency-key'];
  return typeof v === 'string' && v !== '' ? v : null;
}

export async function complaintsRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;

  // --- public -------------------------------------------------------------------------------
  r.post(
    '/public/complaints',
    {
      config: SUBMIT_RATE_LIMIT,
      schema: {
        tags,
        summary: 'File a complaint, aspiration or information request (no login; send an Idempotency-Key header)',
        headers: S.IdempotencyHeaders,
        body: S.PublicComplaintBody,
        response: { 200: S.SubmitResponse, 201: S.SubmitResponse },
      },
    },
    async (req, reply) => {
      const tenant = publicTenant(req);
      const channel = req.ctx.actor?.viaToken ? 'api' : 'web';
      const { complaint, created, events: fresh, reporterKey } = await intake.createComplaint(db, req.ctx, tenant.id, req.body, {
        channel,
        idempotencyKey: idempotencyKey(req),
      });
      const [events, attachments] = await Promise.all([
        fresh ?? repo.listEvents(db, tenant.id, complaint.id, { publicOnly: true }),
        req.body.attachmentIds?.length ? repo.listAttachmentMeta(db, tenant.id, complaint.id, { publicOnly: true }) : Promise.resolve([]),
      ]);
      return reply.status(created ? 201 : 200).send(presentReceipt(complaint, events, attachments, reporterKey));
    },
  );

  r.get(
    '/public/complaints/:code',
    {
      config: TRACK_RATE_LIMIT,
      schema: {
        tags,
        summary: 'Track a report by its code (public timeline and due dates); with the reporter key, the reporter also follows a rahasia report',
        params: S.TrackingParams,
        headers: S.ReporterKeyHeaders,
        response: { 200: S.PublicComplaint },
      },
    },
    async (req) => {
      const found = await intake.trackPublic(db, publicTenant(req).id, req.params.code, reporterProof(req));
      if (!found) throw new AppError('NOT_FOUND');
      return trackedView(found)!;
    },
  );

  // The reporter's steps: only with their reporter key (X-Reporter-Key) or their own session.
  const act = (action: intake.CitizenAction) => async (req: FastifyRequest<{ Params: { code: string }; Body: Record<string, unknown> }>) => {
    const found = await intake.citizenAct(db, req.ctx, publicTenant(req).id, req.params.code, action, req.body as never, reporterProof(req));
    return trackedView(found)!;
  };
  const citizenStep = (summary: string, body: typeof S.ConfirmBody | typeof S.DisputeBody | typeof S.InfoBody) => ({
    config: TRACK_RATE_LIMIT,
    schema: { tags, summary, params: S.TrackingParams, headers: S.ReporterKeyHeaders, body, response: { 200: S.PublicComplaint } },
  });
  r.post('/public/complaints/:code/confirm', citizenStep('Confirm the resolution and rate it 1–5 (closes the report; the reporter only)', S.ConfirmBody), act('confirm'));
  r.post('/public/complaints/:code/dispute', citizenStep('Dispute the resolution (reopens the report at the OPD; the reporter only)', S.DisputeBody), act('dispute'));
  r.post(
    '/public/complaints/:code/info',
    citizenStep('Add the information the desk asked for (a held report goes back to verification; the reporter only)', S.InfoBody),
    act('info'),
  );

  r.get('/public/complaints', { config: READ_RATE_LIMIT, schema: { tags, summary: 'Recent public reports (never rahasia, never personal data)', querystring: S.PublicListQuery, response: { 200: S.PublicComplaintList } } }, async (req) => {
    const items = await intake.listRecentPublic(db, publicTenant(req).id, req.query.limit ?? 20);
    return { items: items.map((i) => presentPublic(i.row, i.events, i.attachments)!) };
  });

  r.get('/public/categories', { config: READ_RATE_LIMIT, schema: { tags, summary: 'Categories a citizen can choose', response: { 200: S.PublicCategoryList } } }, async (req) => ({
    items: (await repo.listCategories(db, publicTenant(req).id)).map(presentPublicCategory),
  }));

  // --- staff intake ---------------------------------------------------------------------------
  r.post(
    '/complaints',
    { schema: { tags, summary: 'Desk intake on behalf of a walk-in, phone, WhatsApp, SMS, letter, outreach or e-mail reporter', headers: S.IdempotencyHeaders, body: S.StaffComplaintBody, response: { 200: S.StaffIntakeResponse, 201: S.StaffIntakeResponse } } },
    async (req, reply) => {
      const { actor, tenant } = requireStaffContext(req.ctx);
      authorize(can(actor, 'complaint.intake', { tenantId: tenant.id }));
      const { channel, ...input } = req.body;
      const { complaint, created, reporterKey } = await intake.createComplaint(db, req.ctx, tenant.id, input, {
        channel,
        idempotencyKey: idempotencyKey(req),
        createdBy: actor.userId,
      });
      // The desk hands the reporter key to the walk-in reporter with the code (the receipt).
      return reply.status(created ? 201 : 200).send({
        id: complaint.id,
        trackingCode: complaint.tracking_code,
        status: complaint.status,
        dueAt: complaint.due_at ? new Date(complaint.due_at).toISOString() : null,
        created,
        reporterKey,
      });
    },
  );

  // --- categories -----------------------------------------------------------------------------
  r.get('/complaint-categories', { schema: { tags, summary: 'Complaint categories of the tenant', querystring: S.CategoryQuery, response: { 200: S.CategoryList } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return { items: (await categories.listCategories(db, req.ctx, tenant.id, req.query)).map(presentCategory) };
  });
  r.post('/complaint-categories', { schema: { tags, summary: 'Create a category (admin)', body: S.CreateCategoryBody, response: { 201: S.Category } } }, async (req, reply) => {
    const { tenant } = requireStaffContext(req.ctx);
    return reply.status(201).send(presentCategory(await categories.createCategory(db, req.ctx, tenant.id, req.body)));
  });
  r.get('/complaint-categories/:id', { schema: { tags, summary: 'One category', params: IdParams, response: { 200: S.Category } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return presentCategory(await categories.getCategory(db, req.ctx, tenant.id, req.params.id));
  });
  r.patch('/complaint-categories/:id', { schema: { tags, summary: 'Change or deactivate a category (admin)', params: IdParams, body: S.PatchCategoryBody, response: { 200: S.Category } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return presentCategory(await categories.updateCategory(db, req.ctx, tenant.id, req.params.id, req.body));
  });

  // --- routing rules --------------------------------------------------------------------------
  r.get('/routing-rules', { schema: { tags, summary: 'Routing table: category × region → OPD', querystring: S.RoutingRuleQuery, response: { 200: S.RoutingRuleList } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return { items: (await routing.listRoutingRules(db, req.ctx, tenant.id, req.query)).map(presentRoutingRule) };
  });
  r.post('/routing-rules', { schema: { tags, summary: 'Add a routing rule (admin; no region = the whole tenant)', body: S.CreateRoutingRuleBody, response: { 201: S.RoutingRule } } }, async (req, reply) => {
    const { tenant } = requireStaffContext(req.ctx);
    return reply.status(201).send(presentRoutingRule(await routing.createRoutingRule(db, req.ctx, tenant.id, req.body)));
  });
  r.patch('/routing-rules/:id', { schema: { tags, summary: 'Change a routing rule (admin)', params: IdParams, body: S.PatchRoutingRuleBody, response: { 200: S.RoutingRule } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return presentRoutingRule(await routing.updateRoutingRule(db, req.ctx, tenant.id, req.params.id, req.body));
  });
  r.delete('/routing-rules/:id', { schema: { tags, summary: 'Delete a routing rule (admin)', params: IdParams } }, async (req, reply) => {
    const { tenant } = requireStaffContext(req.ctx);
    await routing.deleteRoutingRule(db, req.ctx, tenant.id, req.params.id);
    return reply.status(204).send();
  });
  r.get('/routing/resolve', { schema: { tags, summary: 'The OPD the routing table suggests for a category and region (the desk confirms or overrides)', querystring: S.ResolveQuery, response: { 200: S.RoutingSuggestion } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return { suggestion: await routing.resolveRoutingFor(db, req.ctx, tenant.id, req.query) };
  });

  // --- deadline rules -------------------------------------------------------------------------
  r.get('/deadline-rules', { schema: { tags, summary: 'Deadline rules, every version (the one in force: most specific, latest valid_from)', response: { 200: S.DeadlineRuleList } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return { items: (await categories.listDeadlineRules(db, req.ctx, tenant.id)).map(presentDeadlineRule) };
  });
  r.post('/deadline-rules', { schema: { tags, summary: 'Add a deadline rule version valid from a date (admin)', body: S.CreateDeadlineRuleBody, response: { 201: S.DeadlineRule } } }, async (req, reply) => {
    const { tenant } = requireStaffContext(req.ctx);
    return reply.status(201).send(presentDeadlineRule(await categories.addDeadlineRule(db, req.ctx, tenant.id, req.body)));
  });

  // --- the desk's and the OPDs' routes (B2) ---------------------------------------------------
  await complaintsStaffRoutes(app, deps);
  await complaintsSimilarRoutes(app, deps); // intake duplicate suggestions
}
