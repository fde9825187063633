/**
 * HTTP routes of the standards module (registered under /api/v1 by modules/index.ts).
 * Staff: the list per OPD/unit with status and level, a version with its 14 components,
 * edits, life-cycle steps, uploads (signed decree PDF, flow diagram; multipart parsing
 * only in this module's upload scope), comment answers, settings, maklumat.
 * The public routes (catalogue, service page, comments, poster) are in public-routes.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { authorize, requireStaffContext } from '../../platform/policy.js';
import { IdParams } from '../../../shared/schemas/common.js';
import * as S from '../../../shared/schemas/standards.js';
import { allowedActions, MAKLUMAT_STEPS } from './lifecycle.js';
import * as maklumat from './maklumat-service.js';
import { can } from './policy.js';
import { presentComment, presentListItem, presentMaklumat, presentStandard } from './present.js';
import { standardsPublicRoutes } from './public-routes.js';
import * as repo from './repo.js';
import * as service from './service.js';
import { sendFile } from './http.js';

const tags = ['standards'];

export async function standardsRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;

  const view = async (req: FastifyRequest, tenantId: string, id: string) => presentStandard(await service.getStandardView(db, req.ctx, tenantId, id));

  r.get('/standards', { schema: { tags, summary: 'Services with the status and availability level (0–5) of their standard', querystring: S.StandardListQuery, response: { 200: S.StandardList } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'standard.read', { tenantId: tenant.id }));
    const rows = await service.listStandards(db, tenant.id, req.query);
    return { items: rows.map((x) => presentListItem(x.ref, x.summary)) };
  });

  r.post('/standards', { schema: { tags, summary: 'Start the standard of a service (version 1, draft)', body: S.CreateStandardBody, response: { 201: S.Standard } } }, async (req, reply) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'standard.read', { tenantId: tenant.id }));
    const row = await service.createStandard(db, req.ctx, tenant.id, req.body.serviceId);
    return reply.status(201).send(await view(req, tenant.id, row.id));
  });

  r.get('/standards/settings', { schema: { tags, summary: 'Review interval of published standards', response: { 200: S.Settings } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'standard.read', { tenantId: tenant.id }));
    return service.getSettings(db, tenant.id);
  });

  r.put('/standards/settings', { schema: { tags, summary: 'Set the review interval in months (admin)', body: S.Settings, response: { 200: S.Settings } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'standard.settings', { tenantId: tenant.id }));
    return service.setSettings(db, req.ctx, tenant.id, req.body.reviewIntervalMonths);
  });

  r.get('/standards/:id', { schema: { tags, summary: 'One version: 14 components, comments, versions, level, open steps', params: IdParams, response: { 200: S.Standard } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'standard.read', { tenantId: tenant.id }));
    return view(req, tenant.id, req.params.id);
  });

  r.patch('/standards/:id', { schema: { tags, summary: 'Change components of a draft', params: IdParams, body: S.PatchStandardBody, response: { 200: S.Standard } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'standard.read', { tenantId: tenant.id }));
    await service.patchStandard(db, req.ctx, tenant.id, req.params.id, req.body.components);
    return view(req, tenant.id, req.params.id);
  });

  r.post('/standards/:id/actions', { schema: { tags, summary: 'Take a life-cycle step (revise answers with the new draft version)', params: IdParams, body: S.StandardActionBody, response: { 200: S.Standard } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'standard.read', { tenantId: tenant.id }));
    const row = await service.actOnStandard(db, req.ctx, tenant.id, req.params.id, req.body);
    return view(req, tenant.id, row.id);
  });

  r.post('/standards/comments/:commentId/answer', { schema: { tags, summary: "Answer a citizen's consultation comment", params: S.CommentParams, body: S.AnswerBody, response: { 200: S.Comment } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'standard.read', { tenantId: tenant.id }));
    return presentComment(await service.answerComment(db, req.ctx, tenant.id, req.params.commentId, req.body.answer));
  });

  for (const [path, which] of [['signed-pdf', 'signed_pdf'], ['flow-diagram', 'flow_image']] as const) {
    r.get(`/standards/:id/${path}`, { schema: { tags, summary: which === 'signed_pdf' ? 'The signed decree PDF' : 'The flow diagram image', params: IdParams } }, async (req, reply) => {
      const { actor, tenant } = requireStaffContext(req.ctx);
      authorize(can(actor, 'standard.read', { tenantId: tenant.id }));
      const file = await repo.getFile(db, tenant.id, req.params.id, which);
      if (!file) throw new AppError('NOT_FOUND');
      return sendFile(reply, file, 'private, no-store');
    });
  }

  // --- uploads: multipart only in this scope ------------------------------------------------
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: service.MAX_UPLOAD_BYTES, files: 1, fields: 0, parts: 2 } });
    const u = scope.withTypeProvider<TypeBoxTypeProvider>();
    for (const [path, which, summary] of [['signed-pdf', 'signed_pdf', 'Upload the signed decree (a PDF, checked by content)'], ['flow-diagram', 'flow_image', 'Upload the flow diagram (JPEG/PNG/WebP; metadata removed)']] as const) {
      u.post(`/standards/:id/${path}`, { config: { rateLimit: { max: 60, timeWindow: '1 minute' } }, schema: { tags, summary, consumes: ['multipart/form-data'], params: IdParams, response: { 200: S.Standard } } }, async (req) => {
        const { actor, tenant } = requireStaffContext(req.ctx);
        authorize(can(actor, 'standard.read', { tenantId: tenant.id }));
        const file = await readFile(req);
        await service.uploadFile(db, req.ctx, tenant.id, req.params.id, which, file);
        return view(req, tenant.id, req.params.id);
      });
    }
  });

  // --- maklumat -----------------------------------------------------------------------------
  r.get('/maklumat', { schema: { tags, summary: 'Service pledges of units (all versions)', querystring: S.MaklumatQuery, response: { 200: S.MaklumatList } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'standard.read', { tenantId: tenant.id }));
    const rows = await maklumat.listMaklumat(db, req.ctx, tenant.id, req.query);
    return { items: rows.map((m) => presentMaklumat(m.row, m.unitName, allowedActions(MAKLUMAT_STEPS, m.row.status, m.performers))) };
  });

  r.post('/maklumat', { schema: { tags, summary: "Start a unit's service pledge (draft)", body: S.CreateMaklumatBody, response: { 201: S.Maklumat } } }, async (req, reply) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'standard.read', { tenantId: tenant.id }));
    const row = await maklumat.createMaklumat(db, req.ctx, tenant.id, req.body);
    return reply.status(201).send(await maklumatView(req, tenant.id, row.id));
  });

  r.patch('/maklumat/:id', { schema: { tags, summary: 'Change a draft pledge', params: IdParams, body: S.PatchMaklumatBody, response: { 200: S.Maklumat } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'standard.read', { tenantId: tenant.id }));
    const row = await maklumat.patchMaklumat(db, req.ctx, tenant.id, req.params.id, req.body);
    return maklumatView(req, tenant.id, row.id);
  });

  r.post('/maklumat/:id/actions', { schema: { tags, summary: 'Establish, publish or revise a pledge', params: IdParams, body: S.MaklumatActionBody, response: { 200: S.Maklumat } } }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'standard.read', { tenantId: tenant.id }));
    const row = await maklumat.actOnMaklumat(db, req.ctx, tenant.id, req.params.id, req.body.action);
    return maklumatView(req, tenant.id, row.id);
  });

  async function maklumatView(req: FastifyRequest, tenantId: string, id: string) {
    const row = (await maklumat.listMaklumat(db, req.ctx, tenantId, {})).find((m) => m.row.id === id);
    if (!row) throw new AppError('NOT_FOUND');
    return presentMaklumat(row.row, row.unitName, allowedActions(MAKLUMAT_STEPS, row.row.status, row.performers));
  }

  await standardsPublicRoutes(app, deps);
}

/** Exactly one file part named "file"; parser limits become clear 4xx errors. */
async function readFile(req: FastifyRequest): Promise<service.Upload> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', {}, undefined, 'attachments.notMultipart');
  let file: service.Upload | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type !== 'file' || part.fieldname !== 'file' || file) throw new AppError('VALIDATION', { field: part.fieldname }, [{ field: part.fieldname }], 'attachments.badField');
      file = { filename: part.filename, declaredType: part.mimetype, data: await part.toBuffer() };
    }
  } catch (err: any) {
    if (err instanceof AppError) throw err;
    if (err?.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', { maxMb: service.MAX_UPLOAD_BYTES / 1024 / 1024 }, { maxBytes: service.MAX_UPLOAD_BYTES }, 'attachments.tooLarge');
    if (typeof err?.code === 'string' && err.code.startsWith('FST_')) throw new AppError('VALIDATION', {}, undefined, 'attachments.tooManyParts');
    if (err instanceof Error && !(err as any).statusCode) throw new AppError('BAD_REQUEST');
    throw err;
  }
  if (!file) throw new AppError('VALIDATION', {}, undefined, 'attachments.noFile');
  return file;
}
