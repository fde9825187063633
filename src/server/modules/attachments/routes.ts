/**
 * HTTP routes of the attachments module (registered under /api/v1 by modules/index.ts).
 * Multipart parsing is registered in this module's own plugin scope, so no other route
 * accepts multipart bodies.
 *  - POST /public/attachments  (no login, rate limited per IP) and POST /attachments (staff):
 *    one file → 201 {id, filename, contentType, size}
 *  - GET /public/attachments/:id (public files of non-rahasia complaints) and
 *    GET /attachments/:id (staff by policy): the bytes, served inert.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { requireStaffContext } from '../../platform/policy.js';
import { IdParams } from '../../../shared/schemas/common.js';
import { Attachment, UploadDescription } from '../../../shared/schemas/attachments.js';
import { contentDisposition, presentAttachment } from './present.js';
import { getAttachmentForStaff, getPublicAttachment, MAX_FILE_BYTES, uploadAttachment, type UploadInput } from './service.js';

const tags = ['attachments'];
/** Citizens' uploads: a report rarely has more than a handful of photos. */
export const PUBLIC_UPLOAD_RATE_LIMIT = { max: 20, timeWindow: '1 minute' };
const PUBLIC_READ_RATE_LIMIT = { max: 300, timeWindow: '1 minute' };
const STAFF_UPLOAD_RATE_LIMIT = { max: 120, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => `att-up|${req.ctx?.actor?.userId ?? req.ip}` };

const MULTIPART_LIMITS = { fileSize: MAX_FILE_BYTES, files: 5, fields: 10, fieldSize: 1024, fieldNameSize: 100, parts: 15 };

export async function attachmentsRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: MULTIPART_LIMITS });
    const r = scope.withTypeProvider<TypeBoxTypeProvider>();
    const { db } = deps;

    r.post(
      '/public/attachments',
      {
        config: { rateLimit: PUBLIC_UPLOAD_RATE_LIMIT },
        schema: { tags, summary: 'Upload a file for a report (no login)', description: UploadDescription, consumes: ['multipart/form-data'], response: { 201: Attachment } },
      },
      async (req, reply) => {
        if (!req.ctx.tenant) throw new AppError('TENANT_UNKNOWN');
        const upload = await readUpload(req);
        // A citizen's upload acts as nobody, even from a browser with a staff session.
        const ctx = { ...req.ctx, actor: null };
        const row = await uploadAttachment(db, ctx, req.ctx.tenant.id, upload);
        return reply.status(201).send(presentAttachment(row));
      },
    );

    r.post(
      '/attachments',
      {
        config: { rateLimit: STAFF_UPLOAD_RATE_LIMIT },
        schema: { tags, summary: 'Upload a file (staff)', description: UploadDescription, consumes: ['multipart/form-data'], response: { 201: Attachment } },
      },
      async (req, reply) => {
        const { tenant } = requireStaffContext(req.ctx);
        const upload = await readUpload(req);
        const row = await uploadAttachment(db, req.ctx, tenant.id, upload);
        return reply.status(201).send(presentAttachment(row));
      },
    );

    r.get(
      '/public/attachments/:id',
      { config: { rateLimit: PUBLIC_READ_RATE_LIMIT }, schema: { tags, summary: 'A public attachment of a public (non-rahasia) report', params: IdParams } },
      async (req, reply) => {
        if (!req.ctx.tenant) throw new AppError('TENANT_UNKNOWN');
        const row = await getPublicAttachment(db, req.ctx.tenant.id, req.params.id);
        return sendFile(reply, row, 'public');
      },
    );

    r.get('/attachments/:id', { schema: { tags, summary: 'An attachment (staff, by role and OPD)', params: IdParams } }, async (req, reply) => {
      const { tenant } = requireStaffContext(req.ctx);
      const row = await getAttachmentForStaff(db, req.ctx, tenant.id, req.params.id);
      return sendFile(reply, row, 'staff');
    });
  });
}

/** The file bytes, inert: stored type, nosniff, inline with a safe name, PDFs sandboxed. */
function sendFile(reply: FastifyReply, row: { data: Buffer; content_type: string; filename: string; sha256: string }, audience: 'public' | 'staff') {
  reply
    .header('content-type', row.content_type)
    .header('content-disposition', contentDisposition(row.filename))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', audience === 'public' ? 'no-cache' : 'private, no-store')
    .header('etag', `"${row.sha256}"`);
  if (row.content_type === 'application/pdf') reply.header('content-security-policy', 'sandbox');
  return reply.send(row.data);
}

/**
 * Reads the multipart body: exactly one file part named "file" and the optional field
 * keepLocation. Parser limits become clear 4xx errors.
 */
async function readUpload(req: FastifyRequest): Promise<UploadInput> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', {}, undefined, 'attachments.notMultipart');
  let file: { filename: string; mimetype: string; data: Buffer } | null = null;
  let keepLocation = false;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw new AppError('VALIDATION', { field: part.fieldname }, [{ field: part.fieldname }], 'attachments.badField');
        if (file) throw new AppError('VALIDATION', {}, undefined, 'attachments.oneFile');
        file = { filename: part.filename, mimetype: part.mimetype, data: await part.toBuffer() };
      } else if (part.fieldname === 'keepLocation') {
        const v = String(part.value).trim().toLowerCase();
        if (!['true', 'false', '1', '0', 'on', ''].includes(v)) throw new AppError('VALIDATION', { field: 'keepLocation' }, [{ field: 'keepLocation' }], 'attachments.badField');
        keepLocation = v === 'true' || v === '1' || v === 'on';
      } else {
        throw new AppError('VALIDATION', { field: part.fieldname }, [{ field: part.fieldname }], 'attachments.badField');
      }
    }
  } catch (err: any) {
    if (err instanceof AppError) throw err;
    switch (err?.code) {
      case 'FST_REQ_FILE_TOO_LARGE':
        throw new AppError('PAYLOAD_TOO_LARGE', { maxMb: MAX_FILE_BYTES / 1024 / 1024 }, { maxBytes: MAX_FILE_BYTES }, 'attachments.tooLarge');
      case 'FST_FILES_LIMIT':
        throw new AppError('VALIDATION', {}, undefined, 'attachments.oneFile');
      case 'FST_PARTS_LIMIT':
      case 'FST_FIELDS_LIMIT':
        throw new AppError('VALIDATION', {}, undefined, 'attachments.tooManyParts');
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', {}, undefined, 'attachments.notMultipart');
      default:
        // busboy errors on a malformed body (no boundary, truncated parts)
        if (err instanceof Error && !(err as any).statusCode) throw new AppError('BAD_REQUEST');
        throw err;
    }
  }
  if (!file) throw new AppError('VALIDATION', {}, undefined, 'attachments.noFile');
  return { filename: file.filename, declaredType: file.mimetype, data: file.data, keepLocation };
}
