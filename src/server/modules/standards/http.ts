/** Sending stored files inert: stored type, nosniff, PDFs sandboxed. */
import type { FastifyReply } from 'fastify';

export function sendFile(reply: FastifyReply, file: { data: Buffer; contentType: string; filename: string }, cache: string) {
  reply.header('content-type', file.contentType).header('x-content-type-options', 'nosniff').header('cache-control', cache)
    .header('content-disposition', `inline; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`);
  if (file.contentType === 'application/pdf') reply.header('content-security-policy', 'sandbox');
  return reply.send(file.data);
}

