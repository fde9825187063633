/**
 * Routing suggestions (issue #6 [G]) under /api/v1/routing: the suggestion for a report's
 * text (desk), the accuracy figure, the cold-start keyword rules and the settings (admin),
 * the model versions.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../platform/deps.js';
import { requireStaffContext } from '../../platform/policy.js';
import { ErrorResponse } from '../../../shared/schemas/common.js';
import * as S from '../../../shared/schemas/routing.js';
import * as admin from './admin-service.js';
import { presentKeywordRule, presentModel, presentSettings } from './present.js';
import { routingStats, suggest } from './suggest-service.js';

export async function routingRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;
  const tags = ['routing'];
  const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

  r.post(
    '/routing/suggest',
    {
      config: { rateLimit: { max: 300, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: "Top 3 OPDs (and categories) for a report's text, with scores, the model version and a confident flag (desk). Not confident: \"tidak yakin\" rather than a guess",
        body: S.SuggestBody,
        response: { 200: S.SuggestResponse, ...errors },
      },
    },
    async (req) => {
      const { tenant } = requireStaffContext(req.ctx);
      return suggest(db, req.ctx, tenant.id, req.body);
    },
  );

  r.get('/routing/stats', { schema: { tags, summary: 'Share of suggestions the desk accepted, last 30 and 90 days; the source in use', response: { 200: S.RoutingStats, ...errors } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return routingStats(db, req.ctx, tenant.id);
  });

  r.get('/routing/keyword-rules', { schema: { tags, summary: 'Cold-start keyword rules per OPD (generated from the OPD kinds on first use)', response: { 200: S.KeywordRuleList, ...errors } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return { items: (await admin.listKeywordRules(db, req.ctx, tenant.id)).map(presentKeywordRule) };
  });

  r.put(
    '/routing/keyword-rules/:opdId',
    { schema: { tags, summary: "Replace an OPD's keywords (admin)", params: S.OpdParams, body: S.PutKeywordRuleBody, response: { 200: S.KeywordRule, ...errors } } },
    async (req) => {
      const { tenant } = requireStaffContext(req.ctx);
      return presentKeywordRule(await admin.putKeywordRule(db, req.ctx, tenant.id, req.params.opdId, req.body));
    },
  );

  r.get('/routing/settings', { schema: { tags, summary: 'Auto-route, thresholds, when the learned model takes over', response: { 200: S.RoutingSettings, ...errors } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return presentSettings(await admin.getSettings(db, req.ctx, tenant.id));
  });

  r.patch(
    '/routing/settings',
    { schema: { tags, summary: 'Change the routing settings (admin); auto-route is off by default', body: S.PatchRoutingSettingsBody, response: { 200: S.RoutingSettings, ...errors } } },
    async (req) => {
      const { tenant } = requireStaffContext(req.ctx);
      return presentSettings(await admin.patchSettings(db, req.ctx, tenant.id, req.body));
    },
  );

  r.get('/routing/models', { schema: { tags, summary: 'Model versions of the tenant (newest first) with their figures', response: { 200: S.RoutingModelList, ...errors } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return { items: (await admin.listModels(db, req.ctx, tenant.id)).map(presentModel) };
  });
}
