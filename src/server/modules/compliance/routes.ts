/**
 * HTTP routes of the compliance module (registered under /api/v1 by modules/index.ts).
 * Methods (read by staff, added by admins), assessments (list, create, detail, score an
 * indicator, the Inspektorat's override, submit/return/verify), evidence (upload a file —
 * multipart, in this module's own plugin scope — or add a link; read; remove) and the
 * unit → OPD → tenant results of a method version and year.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { authorize, requireStaffContext } from '../../platform/policy.js';
import { IdParams } from '../../../shared/schemas/common.js';
import * as S from '../../../shared/schemas/compliance.js';
import * as assessments from './assessment-service.js';
import * as evidence from './evidence-service.js';
import * as methods from './methods-service.js';
import { can } from './policy.js';
import { presentAssessmentDetail, presentAssessmentSummary, presentEvidence, presentMethod, presentMethodSummary, presentResults } from './present.js';
import { results } from './results-service.js';

const tags = ['compliance'];
const UPLOAD_LIMITS = { fileSize: evidence.EVIDENCE_MAX_BYTES, files: 1, fields: 2, fieldSize: 1024, fieldNameSize: 100, parts: 3 };

export async function complianceRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;

  // --- methods ------------------------------------------------------------------------------
  r.get('/compliance/methods', { schema: { tags, summary: 'Assessment methods: the reference versions and the tenant’s own', querystring: S.MethodQuery, response: { 200: S.MethodList } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'compliance.method.read', { tenantId: tenant.id }));
    return { items: (await methods.listMethods(db, tenant.id, req.query.kind)).map(presentMethodSummary) };
  });
  r.get('/compliance/methods/:id', { schema: { tags, summary: 'One method version with its dimensions, indicators and bands', params: IdParams, response: { 200: S.Method } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'compliance.method.read', { tenantId: tenant.id }));
    return presentMethod(await methods.getMethod(db, tenant.id, req.params.id));
  });
  r.post('/compliance/methods', { schema: { tags, summary: 'Add a method version (admin; also the JSON import): weights sum to 100 %, bands without overlap or gap', body: S.CreateMethodBody, response: { 201: S.Method } } }, async (req, reply) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'compliance.method.write', { tenantId: tenant.id }));
    return reply.status(201).send(presentMethod(await methods.createMethod(db, req.ctx, tenant.id, req.body)));
  });

  // --- assessments --------------------------------------------------------------------------
  r.get('/compliance/assessments', { schema: { tags, summary: 'Assessments the caller may see (OPD staff: their own OPD)', querystring: S.AssessmentQuery, response: { 200: S.AssessmentList } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return { items: (await assessments.listAssessments(db, req.ctx, tenant.id, req.query)).map(presentAssessmentSummary) };
  });
  r.post('/compliance/assessments', { schema: { tags, summary: 'Start an assessment of a unit (or an OPD) for a year under a method version', body: S.CreateAssessmentBody, response: { 201: S.AssessmentDetail } } }, async (req, reply) => {
    const { tenant } = requireStaffContext(req.ctx);
    return reply.status(201).send(presentAssessmentDetail(await assessments.createAssessment(db, req.ctx, tenant.id, req.body)));
  });
  r.get('/compliance/assessments/:id', { schema: { tags, summary: 'An assessment: indicators with scores, overrides and evidence; score, zone, grade; gap list', params: IdParams, response: { 200: S.AssessmentDetail } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return presentAssessmentDetail(await assessments.getAssessment(db, req.ctx, tenant.id, req.params.id));
  });
  r.patch('/compliance/assessments/:id/indicators/:code', { schema: { tags, summary: 'Score an indicator (draft only), or plan its gap (owner, due date)', params: S.IndicatorParams, body: S.ScoreBody, response: { 200: S.AssessmentDetail } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return presentAssessmentDetail(await assessments.setScore(db, req.ctx, tenant.id, req.params.id, req.params.code, req.body));
  });
  r.post('/compliance/assessments/:id/indicators/:code/override', { schema: { tags, summary: 'Inspektorat: override an indicator score with a reason (both values kept, audited)', params: S.IndicatorParams, body: S.OverrideBody, response: { 200: S.AssessmentDetail } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return presentAssessmentDetail(await assessments.overrideScore(db, req.ctx, tenant.id, req.params.id, req.params.code, req.body));
  });
  r.post('/compliance/assessments/:id/actions/:action', { schema: { tags, summary: 'submit (unit), return or verify (Inspektorat)', params: S.ActionParams, body: S.ActionBody, response: { 200: S.AssessmentDetail } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return presentAssessmentDetail(await assessments.transition(db, req.ctx, tenant.id, req.params.id, req.params.action, req.body.note));
  });

  // --- evidence -----------------------------------------------------------------------------
  r.post('/compliance/assessments/:id/indicators/:code/links', { schema: { tags, summary: 'Add a link as evidence', params: S.IndicatorParams, body: S.EvidenceLinkBody, response: { 201: S.Evidence } } }, async (req, reply) => {
    const { tenant } = requireStaffContext(req.ctx);
    return reply.status(201).send(presentEvidence(await evidence.addLink(db, req.ctx, tenant.id, req.params.id, req.params.code, req.body)));
  });
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: UPLOAD_LIMITS });
    scope.withTypeProvider<TypeBoxTypeProvider>().post('/compliance/assessments/:id/indicators/:code/files', {
      schema: { tags, summary: 'Upload a photo or document as evidence (multipart, one part "file"; type read from the content)', params: S.IndicatorParams, consumes: ['multipart/form-data'], response: { 201: S.Evidence } },
    }, async (req, reply) => {
      const { tenant } = requireStaffContext(req.ctx);
      const file = await readFile(req);
      return reply.status(201).send(presentEvidence(await evidence.uploadEvidence(db, req.ctx, tenant.id, req.params.id, req.params.code, file)));
    });
  });
  r.get('/compliance/evidence/:id', { schema: { tags, summary: 'The file of a piece of evidence', params: IdParams } }, async (req, reply) => {
    const { tenant } = requireStaffContext(req.ctx);
    return sendFile(reply, await evidence.getEvidenceFile(db, req.ctx, tenant.id, req.params.id));
  });
  r.delete('/compliance/evidence/:id', { schema: { tags, summary: 'Remove a piece of evidence (draft only)', params: IdParams } }, async (req, reply) => {
    const { tenant } = requireStaffContext(req.ctx);
    await evidence.removeEvidence(db, req.ctx, tenant.id, req.params.id);
    return reply.status(204).send();
  });

  // --- results ------------------------------------------------------------------------------
  r.get('/compliance/results', { schema: { tags, summary: 'Scores per unit, OPD (mean of units) and tenant (mean of all) for a method version and year', querystring: S.ResultsQuery, response: { 200: S.Results } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return presentResults(await results(db, req.ctx, tenant.id, req.query.year, req.query.methodId));
  });
}

function sendFile(reply: FastifyReply, row: { data: Buffer; content_type: string; filename: string; sha256: string }) {
  reply
    .header('content-type', row.content_type)
    .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(row.filename)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('etag', `"${row.sha256}"`);
  if (row.content_type === 'application/pdf') reply.header('content-security-policy', 'sandbox');
  return reply.send(row.data);
}

/** Exactly one file part named "file"; parser limits become clear 4xx errors. */
async function readFile(req: FastifyRequest): Promise<evidence.EvidenceUpload> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', {}, undefined, 'compliance.notMultipart');
  let file: evidence.EvidenceUpload | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type !== 'file' || part.fieldname !== 'file' || file) throw new AppError('VALIDATION', { field: part.fieldname }, [{ field: part.fieldname }], 'compliance.badField');
      file = { filename: part.filename, declaredType: part.mimetype, data: await part.toBuffer() };
    }
  } catch (err: any) {
    if (err instanceof AppError) throw err;
    if (err?.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', { maxMb: evidence.EVIDENCE_MAX_BYTES / 1024 / 1024 }, undefined, 'compliance.tooLarge');
    if (err?.code === 'FST_FILES_LIMIT' || err?.code === 'FST_PARTS_LIMIT' || err?.code === 'FST_FIELDS_LIMIT') throw new AppError('VALIDATION', { field: 'file' }, [{ field: 'file' }], 'compliance.badField');
    if (err instanceof Error && !(err as any).statusCode) throw new AppError('BAD_REQUEST');
    throw err;
  }
  if (!file) throw new AppError('VALIDATION', {}, [{ field: 'file' }], 'compliance.noFile');
  return file;
}
