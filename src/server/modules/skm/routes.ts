/**
 * HTTP routes of the SKM module (registered under /api/v1 by modules/index.ts).
 * Public (no login, rate limited per client address): the survey form of a unit, answer
 * submission (idempotent by clientId), published results. Staff: questionnaires, periods,
 * counters, results, flagged answers. Files (QR, posters, import, reports, evidence) live
 * in files-routes.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../platform/deps.js';
import type { TenantRef } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { authorize, requireStaffContext } from '../../platform/policy.js';
import { ErrorResponse, IdParams } from '../../../shared/schemas/common.js';
import * as S from '../../../shared/schemas/skm.js';
import { can } from './policy.js';
import { createVersion, currentQuestionnaire, listQuestionnaires } from './questionnaire-service.js';
import { publicForm, submitResponse } from './submit-service.js';
import * as staff from './staff-service.js';
import { getResults, publicResults } from './dashboard-service.js';
import { presentCounter, presentPeriod, presentPublication, presentQuestionnaire, presentResponse, surveyUrl } from './present.js';
import * as repo from './repo.js';
import { skmFileRoutes } from './files-routes.js';
import { skmFollowupRoutes } from './followup-routes.js';

const tags = ['skm'];
/** Per client address: a kiosk at a busy counter sends about one answer a minute; an office behind one NAT a few dozen. */
export const SKM_SUBMIT_RATE_LIMIT = { rateLimit: { max: 60, timeWindow: '1 minute' } };
const SKM_READ_RATE_LIMIT = { rateLimit: { max: 120, timeWindow: '1 minute' } };
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

function publicTenant(req: FastifyRequest): TenantRef {
  if (!req.ctx.tenant) throw new AppError('TENANT_UNKNOWN');
  return req.ctx.tenant;
}

export async function skmRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = deps;

  // --- public -------------------------------------------------------------------------------
  r.get(
    '/public/skm/form',
    { config: SKM_READ_RATE_LIMIT, schema: { tags, summary: 'The survey form of a service unit (from its QR link; no login)', querystring: S.SkmFormQuery, response: { 200: S.SkmPublicForm, 404: ErrorResponse } } },
    async (req) => publicForm(db, publicTenant(req), req.query),
  );

  r.post(
    '/public/skm/responses',
    {
      config: SKM_SUBMIT_RATE_LIMIT,
      schema: {
        tags,
        summary: 'Submit one respondent\'s answers (no login). Idempotent by clientId: a resend returns 200 with the first id, whatever its body.',
        description: 'answeredAt more than 10 minutes in the future or more than 30 days old → 400. Suspicious repeats are stored and flagged for staff, never dropped.',
        body: S.SkmSubmitBody,
        response: { 200: S.SkmSubmitResult, 201: S.SkmSubmitResult, 400: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (req, reply) => {
      const tenant = publicTenant(req);
      const { id, created } = await submitResponse(db, tenant, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] });
      return reply.status(created ? 201 : 200).send({ id, clientId: req.body.clientId, status: 'received' as const });
    },
  );

  r.get(
    '/public/skm/results',
    { config: SKM_READ_RATE_LIMIT, schema: { tags, summary: 'Published survey results (periods with a publication record)', querystring: S.SkmPublicResultsQuery, response: { 200: S.SkmPublicResults } } },
    async (req) => publicResults(db, publicTenant(req), req.ctx.locale, req.query.unit),
  );

  // --- questionnaires -------------------------------------------------------------------------
  r.get('/skm/questionnaires', { schema: { tags, summary: 'Questionnaire versions, newest first (version 1 = PermenPANRB 14/2017)', response: { 200: S.SkmQuestionnaireList, ...errors } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'skm.questionnaire.read', { tenantId: tenant.id }));
    return { items: (await listQuestionnaires(db, tenant.id)).map(presentQuestionnaire) };
  });
  r.get('/skm/questionnaires/current', { schema: { tags, summary: 'The questionnaire version new answers use', response: { 200: S.SkmQuestionnaire, ...errors } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'skm.questionnaire.read', { tenantId: tenant.id }));
    return presentQuestionnaire(await currentQuestionnaire(db, tenant.id));
  });
  r.post('/skm/questionnaires', { schema: { tags, summary: 'New questionnaire version: add unsur or re-weight (weights must sum to exactly 1; admin)', body: S.SkmNewQuestionnaireBody, response: { 201: S.SkmQuestionnaire, ...errors } } }, async (req, reply) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'skm.questionnaire.write', { tenantId: tenant.id }));
    return reply.status(201).send(presentQuestionnaire(await createVersion(db, req.ctx, tenant.id, req.body)));
  });

  // --- periods --------------------------------------------------------------------------------
  r.get('/skm/periods', { schema: { tags, summary: 'Survey periods of the units the caller may see', querystring: S.SkmPeriodQuery, response: { 200: S.SkmPeriodList, ...errors } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    return { items: (await staff.listPeriods(db, actor, tenant.id, req.query)).map((p) => presentPeriod(p, req.ctx.locale)) };
  });
  r.get('/skm/periods/:id', { schema: { tags, summary: 'One survey period', params: IdParams, response: { 200: S.SkmPeriod, ...errors } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    const { period, unit } = await staff.periodFor(db, actor, tenant.id, req.params.id, 'skm.read');
    const pubs = await repo.listPublications(db, tenant.id, [period.id]);
    return presentPeriod({ period, unit, published: pubs.length > 0 }, req.ctx.locale);
  });
  r.post('/skm/periods', { schema: { tags, summary: 'Create a survey period for a unit (year, semester, quarter or month; population N)', body: S.SkmCreatePeriodBody, response: { 201: S.SkmPeriod, ...errors, 409: ErrorResponse } } }, async (req, reply) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    return reply.status(201).send(presentPeriod(await staff.createPeriod(db, req.ctx, actor, tenant.id, req.body), req.ctx.locale));
  });
  r.patch('/skm/periods/:id', { schema: { tags, summary: 'Set the population N of a period', params: IdParams, body: S.SkmPatchPeriodBody, response: { 200: S.SkmPeriod, ...errors } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    return presentPeriod(await staff.patchPeriod(db, req.ctx, actor, tenant.id, req.params.id, req.body), req.ctx.locale);
  });
  r.delete('/skm/periods/:id', { schema: { tags, summary: 'Delete a period without imports or publications (answers stay)', params: IdParams, response: { 204: Type.Null(), ...errors, 409: ErrorResponse } } }, async (req, reply) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    await staff.deletePeriod(db, req.ctx, actor, tenant.id, req.params.id);
    return reply.status(204).send(null);
  });

  // --- counters -------------------------------------------------------------------------------
  r.get('/skm/units/:unitId/counters', { schema: { tags, summary: 'Counters (loket) of a unit, with their survey links', params: S.SkmUnitParams, response: { 200: S.SkmCounterList, ...errors } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    const unit = await staff.unitFor(db, actor, tenant.id, req.params.unitId, 'skm.read');
    const items = await repo.listCounters(db, tenant.id, unit.id);
    return { unitSurveyUrl: surveyUrl(config.publicUrl, tenant.slug, unit.id), items: items.map((c) => presentCounter(c, config.publicUrl, tenant.slug)) };
  });
  r.post('/skm/units/:unitId/counters', { schema: { tags, summary: 'Add a counter (loket) to a unit', params: S.SkmUnitParams, body: S.SkmCreateCounterBody, response: { 201: S.SkmCounter, ...errors, 409: ErrorResponse } } }, async (req, reply) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    return reply.status(201).send(presentCounter(await staff.createCounter(db, req.ctx, actor, tenant.id, req.params.unitId, req.body), config.publicUrl, tenant.slug));
  });
  r.patch('/skm/counters/:id', { schema: { tags, summary: 'Rename or (de)activate a counter', params: IdParams, body: S.SkmPatchCounterBody, response: { 200: S.SkmCounter, ...errors } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    return presentCounter(await staff.patchCounter(db, req.ctx, actor, tenant.id, req.params.id, req.body), config.publicUrl, tenant.slug);
  });

  // --- results --------------------------------------------------------------------------------
  r.get(
    '/skm/results',
    { schema: { tags, summary: 'IKM of a unit period, or pooled for a unit/OPD/tenant over a year, semester, quarter or month; breakdowns, trend, weakest unsur, sample adequacy', querystring: S.SkmResultsQuery, response: { 200: S.SkmResults, ...errors } } },
    async (req) => {
      const { actor, tenant } = requireStaffContext(req.ctx);
      return getResults(db, actor, tenant, req.ctx.locale, req.query);
    },
  );

  // --- flagged and excluded answers -----------------------------------------------------------
  r.get('/skm/responses', { schema: { tags, summary: 'Flagged (suspicious) and excluded answers', querystring: S.SkmResponsesQuery, response: { 200: S.SkmResponseList, ...errors } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    let unitIds: string[] | null;
    let from: string | undefined;
    let to: string | undefined;
    if (req.query.periodId) {
      const { period } = await staff.periodFor(db, actor, tenant.id, req.query.periodId, 'skm.read');
      unitIds = [period.unit_id];
      from = period.starts_on;
      to = period.ends_on;
    } else if (req.query.unitId) unitIds = [(await staff.unitFor(db, actor, tenant.id, req.query.unitId, 'skm.read')).id];
    else unitIds = (await staff.readableUnits(db, actor, tenant.id)).map((u) => u.id);
    const rows = await repo.listFlagged(db, tenant.id, { unitIds, from, to, status: req.query.status ?? 'flagged', limit: req.query.limit ?? 100 });
    const counters = new Map<string, string>();
    for (const uid of new Set(rows.map((x) => x.unit_id))) for (const c of await repo.listCounters(db, tenant.id, uid)) counters.set(c.id, c.code);
    return { items: rows.map((x) => presentResponse(x, counters)) };
  });
  r.post('/skm/responses/:id/exclude', { schema: { tags, summary: 'Exclude an answer from the index, with a reason (audited)', params: IdParams, body: S.SkmExcludeBody, response: { 200: S.SkmResponseItem, ...errors, 409: ErrorResponse } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    return presentResponse(await staff.setExclusion(db, req.ctx, actor, tenant.id, req.params.id, true, req.body.reason), new Map());
  });
  r.post('/skm/responses/:id/restore', { schema: { tags, summary: 'Put an excluded answer back into the index (audited)', params: IdParams, body: Type.Optional(Type.Object({}, { additionalProperties: false })), response: { 200: S.SkmResponseItem, ...errors, 409: ErrorResponse } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    return presentResponse(await staff.setExclusion(db, req.ctx, actor, tenant.id, req.params.id, false, null), new Map());
  });

  // --- publications ---------------------------------------------------------------------------
  r.get('/skm/periods/:id/publications', { schema: { tags, summary: 'Where and when the results of a period were published', params: IdParams, response: { 200: S.SkmPublicationList, ...errors } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    await staff.periodFor(db, actor, tenant.id, req.params.id, 'skm.read');
    const items = await repo.listPublications(db, tenant.id, [req.params.id]);
    return { items: items.map(presentPublication), channels: new Set(items.map((p) => p.channel)).size };
  });
  r.post('/skm/periods/:id/publications', { schema: { tags, summary: 'Record a publication of the results (channel, date, link)', params: IdParams, body: S.SkmCreatePublicationBody, response: { 201: S.SkmPublication, ...errors } } }, async (req, reply) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    return reply.status(201).send(presentPublication(await staff.createPublication(db, req.ctx, actor, tenant.id, req.params.id, req.body)));
  });
  r.delete('/skm/publications/:id', { schema: { tags, summary: 'Delete a publication record', params: IdParams, response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    await staff.deletePublication(db, req.ctx, actor, tenant.id, req.params.id);
    return reply.status(204).send(null);
  });

  await skmFollowupRoutes(app, deps);
  await skmFileRoutes(app, deps);
}
