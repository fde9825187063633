/**
 * File routes of the SKM module, in their own plugin scope (multipart is accepted only here):
 * QR codes (PNG/SVG) and posters (PDF), the paper-form template and import, the Laporan SKM
 * PDF, follow-up evidence upload and download.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { requireStaffContext } from '../../platform/policy.js';
import { ErrorResponse, IdParams } from '../../../shared/schemas/common.js';
import * as S from '../../../shared/schemas/skm.js';
import { getResults } from './dashboard-service.js';
import { followupList } from './followup-routes.js';
import { importFile, MAX_IMPORT_BYTES, templateCsv, templateXlsx } from './import-service.js';
import { localParts } from './period.js';
import { surveyUrl } from './present.js';
import { posterPdf, qrPng, qrSvg } from './qr.js';
import { getQuestionnaires } from './questionnaire-service.js';
import { reportPdf } from './report-pdf.js';
import * as repo from './repo.js';
import * as staff from './staff-service.js';

const tags = ['skm'];
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

async function readOneFile(req: FastifyRequest): Promise<{ filename: string; mimetype: string; data: Buffer }> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', {}, undefined, 'attachments.notMultipart');
  let file: { filename: string; mimetype: string; data: Buffer } | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type !== 'file') continue;
      if (file) throw new AppError('VALIDATION', {}, undefined, 'attachments.oneFile');
      file = { filename: part.filename, mimetype: part.mimetype, data: await part.toBuffer() };
    }
  } catch (err: any) {
    if (err instanceof AppError) throw err;
    if (err?.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE');
    if (err?.code === 'FST_FILES_LIMIT') throw new AppError('VALIDATION', {}, undefined, 'attachments.oneFile');
    throw new AppError('BAD_REQUEST');
  }
  if (!file) throw new AppError('VALIDATION', {}, undefined, 'attachments.noFile');
  return file;
}

const attachment = (name: string) => `attachment; filename="${name.replace(/[^\w.\-]+/g, '_')}"`;

export async function skmFileRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: Math.max(MAX_IMPORT_BYTES, staff.MAX_EVIDENCE_BYTES), files: 1, fields: 5, parts: 6 } });
    const r = scope.withTypeProvider<TypeBoxTypeProvider>();
    const { db, config } = deps;

    // --- QR codes and posters -----------------------------------------------------------------
    r.get('/skm/qr', { schema: { tags, summary: 'QR code of the survey link of a unit (counter, officer) as PNG or SVG', querystring: S.SkmQrQuery, produces: ['image/png', 'image/svg+xml'] } }, async (req, reply) => {
      const { actor, tenant } = requireStaffContext(req.ctx);
      const unit = await staff.unitFor(db, actor, tenant.id, req.query.unitId, 'skm.read');
      const url = surveyUrl(config.publicUrl, tenant.slug, unit.id, req.query.loket, req.query.petugas);
      const name = `qr-skm-${req.query.loket ?? 'unit'}`;
      if (req.query.format === 'svg') return reply.type('image/svg+xml').header('content-disposition', attachment(`${name}.svg`)).send(await qrSvg(url));
      return reply.type('image/png').header('content-disposition', attachment(`${name}.png`)).send(await qrPng(url));
    });
    r.get('/skm/poster', { schema: { tags, summary: 'Printable A4/A5 poster (PDF) with the unit name and the QR code', querystring: S.SkmPosterQuery, produces: ['application/pdf'] } }, async (req, reply) => {
      const { actor, tenant } = requireStaffContext(req.ctx);
      const unit = await staff.unitFor(db, actor, tenant.id, req.query.unitId, 'skm.read');
      const counter = req.query.loket ? await repo.findCounterByCode(db, tenant.id, unit.id, req.query.loket) : undefined;
      const pdf = await posterPdf({
        url: surveyUrl(config.publicUrl, tenant.slug, unit.id, req.query.loket, req.query.petugas),
        tenantName: tenant.name, unitName: unit.name, opdName: unit.opd_name, counterName: counter?.name ?? req.query.loket ?? null, size: req.query.size ?? 'A4', locale: req.ctx.locale,
      });
      return reply.type('application/pdf').header('content-disposition', attachment(`poster-skm-${req.query.size ?? 'A4'}.pdf`)).send(pdf);
    });

    // --- paper forms ----------------------------------------------------------------------------
    r.get('/skm/periods/:id/import-template', { schema: { tags, summary: 'Paper-form template (CSV or XLSX) with the columns of the current questionnaire', params: IdParams, querystring: S.SkmTemplateQuery, produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] } }, async (req, reply) => {
      const { actor, tenant } = requireStaffContext(req.ctx);
      await staff.periodFor(db, actor, tenant.id, req.params.id, 'skm.manage');
      if (req.query.format === 'xlsx') {
        return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', attachment('template-skm.xlsx')).send(await templateXlsx(db, tenant.id, req.ctx.locale));
      }
      return reply.type('text/csv; charset=utf-8').header('content-disposition', attachment('template-skm.csv')).send(await templateCsv(db, tenant.id));
    });
    r.post('/skm/periods/:id/import', { schema: { tags, summary: 'Import filled paper forms (CSV or XLSX, multipart field "file"); any bad row → 400 IMPORT_INVALID with every row/column/why, nothing imported', params: IdParams, consumes: ['multipart/form-data'], response: { 201: S.SkmImportResult, ...errors } } }, async (req, reply) => {
      const { actor, tenant } = requireStaffContext(req.ctx);
      await staff.periodFor(db, actor, tenant.id, req.params.id, 'skm.manage');
      const file = await readOneFile(req);
      if (file.data.length > MAX_IMPORT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
      return reply.status(201).send(await importFile(db, req.ctx, actor, tenant, req.params.id, file));
    });

    // --- Laporan SKM ----------------------------------------------------------------------------
    r.get('/skm/periods/:id/report.pdf', { schema: { tags, summary: 'Laporan SKM (PDF) of a unit period, sections of PermenPANRB 14/2017', params: IdParams, produces: ['application/pdf'] } }, async (req, reply) => {
      const { actor, tenant } = requireStaffContext(req.ctx);
      const today = localParts(new Date(), tenant.timezone).date;
      const results = await getResults(db, actor, tenant, req.ctx.locale, { periodId: req.params.id });
      const [fl, latest] = await Promise.all([followupList(db, tenant.id, req.params.id, today, ''), repo.latestQuestionnaire(db, tenant.id)]);
      const qs = await getQuestionnaires(db, tenant.id, latest ? [latest.id] : []);
      const pdf = await reportPdf({ tenantName: tenant.name, results, followups: fl.items, questionnaire: [...qs.values()][0], locale: req.ctx.locale, generatedOn: today });
      return reply.type('application/pdf').header('content-disposition', attachment(`laporan-skm-${results.period.startsOn}.pdf`)).send(pdf);
    });

    // --- follow-up evidence ---------------------------------------------------------------------
    r.post('/skm/followups/:id/evidence', { schema: { tags, summary: 'Upload evidence for a follow-up (JPEG/PNG/WebP/PDF, checked by content, metadata stripped)', params: IdParams, consumes: ['multipart/form-data'], response: { 201: S.SkmEvidence, ...errors } } }, async (req, reply) => {
      const { actor, tenant } = requireStaffContext(req.ctx);
      await staff.followupFor(db, actor, tenant.id, req.params.id, 'skm.manage');
      const row = await staff.addEvidence(db, req.ctx, actor, tenant.id, req.params.id, await readOneFile(req));
      return reply.status(201).send({ id: row.id, filename: row.filename, contentType: row.content_type, size: row.size, createdAt: new Date(row.created_at).toISOString(), url: `/r/${tenant.slug}/api/v1/skm/evidence/${row.id}` });
    });
    r.get('/skm/evidence/:id', { schema: { tags, summary: 'Download a follow-up evidence file', params: IdParams } }, async (req, reply) => {
      const { actor, tenant } = requireStaffContext(req.ctx);
      const row = await staff.getEvidence(db, actor, tenant.id, req.params.id);
      reply.type(row.content_type).header('content-disposition', attachment(row.filename)).header('x-content-type-options', 'nosniff');
      if (row.content_type === 'application/pdf') reply.header('content-security-policy', 'sandbox');
      return reply.send(Buffer.from(row.data));
    });
  });
}
