import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { issueFromZod } from '@lianjian/core';
import type { AppDeps } from '../../app-context.ts';
import { AppError, invalid } from '../../http/app-error.ts';
import { contextOf } from '../../http/authenticate.ts';
import { listQuery, pageOf } from '../../http/list-query.ts';
import { idempotencyKeyHeaders } from '../idempotency/idempotency-header.ts';
import { AttachmentsService, formatLimit } from './attachments.service.ts';

const SUBJECTS = ['batch', 'material_receipt', 'organization'] as const;
const fieldsSchema = z.object({
  subjectType: z.enum(SUBJECTS),
  subjectId: z.coerce.number().int().positive(),
  documentKey: z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{0,79}$/),
  title: z.string().trim().max(200).optional(),
}).strict();
const attachment = z.object({
  id: z.number(), subjectType: z.enum(SUBJECTS), subjectId: z.number(), organizationId: z.number(), regionCode: z.string(), documentKey: z.string(), version: z.number(),
  title: z.string().nullable(), fileName: z.string(), sha256: z.string(), sizeBytes: z.number(), mediaType: z.string(), createdAt: z.string(), contentUrl: z.string(),
});
const idParam = z.object({ id: z.coerce.number().int().positive() });

/** RFC 6266 / 5987: an ASCII fallback name and the UTF-8 name (Chinese file names survive). */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Attachments (process documents): multipart upload, lists, metadata and download. */
export const attachmentsRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  // Registered in this plugin's scope only: no other route accepts multipart bodies.
  await app.register(multipart, { limits: { files: 1, fields: 10, fieldSize: 1024, parts: 12 } });
  const service = new AttachmentsService(deps);

  app.post('/api/attachments', {
    schema: {
      tags: ['attachments'], consumes: ['multipart/form-data'],
      summary: 'Upload a process document (PDF, PNG, JPEG; multipart fields subjectType, subjectId, documentKey, title, then the part "file")',
      description: 'The type is decided by the file content, not its Content-Type. Same content as the newest version of the document answers 200 with that version.',
      headers: idempotencyKeyHeaders,
    },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    service.assertCanUpload(ctx);
    const limit = service.maxBytes;
    const fields: Record<string, string> = {};
    let file: { content: Buffer; fileName: string } | undefined;
    try {
      for await (const part of request.parts({ limits: { fileSize: limit } })) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file' || file) {
            await part.toBuffer();
            continue;
          }
          file = { content: await part.toBuffer(), fileName: part.filename };
        } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'attachment.too_large', { limit: formatLimit(limit) });
      if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError(415, 'request.unsupported_media_type', { contentType: request.headers['content-type'] ?? '' });
      throw error;
    }
    const parsed = fieldsSchema.safeParse(fields);
    if (!parsed.success) throw invalid(parsed.error.issues.map((i) => issueFromZod(i, [], fields)));
    if (!file) throw invalid([{ code: 'attachment.file_missing', path: ['file'] }]);
    const r = await service.upload(ctx, parsed.data, file, request.headers['idempotency-key']);
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(r.status).send(r.body);
  });

  app.get('/api/attachments', {
    schema: {
      tags: ['attachments'], summary: 'Attachments in your scope (every version, newest first per document)',
      querystring: listQuery.omit({ format: true }).extend({ subjectType: z.enum(SUBJECTS).optional(), subjectId: z.coerce.number().int().positive().optional(), documentKey: z.string().max(80).optional() }),
      response: { 200: z.object({ items: z.array(attachment), total: z.number() }) },
    },
  }, async (request) => {
    const q = request.query;
    return service.list(contextOf(request), { ...(q.subjectType && { subjectType: q.subjectType }), ...(q.subjectId && { subjectId: q.subjectId }), ...(q.documentKey && { documentKey: q.documentKey }) }, pageOf({ ...q, format: 'json' }));
  });

  app.get('/api/attachments/:id', {
    schema: { tags: ['attachments'], summary: 'One attachment\'s metadata', params: idParam, response: { 200: attachment } },
  }, async (request) => service.get(contextOf(request), request.params.id));

  app.get('/api/attachments/:id/content', {
    schema: { tags: ['attachments'], summary: 'Download an attachment (scope-checked, audited)', params: idParam },
  }, async (request, reply) => {
    const { attachment: a, content } = await service.download(contextOf(request), request.params.id);
    return reply
      .type(a.mediaType)
      .header('content-disposition', contentDisposition(a.fileName))
      .header('x-content-sha256', a.sha256)
      .header('cache-control', 'private, no-store')
      .send(content);
  });
};
