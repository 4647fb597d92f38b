import { formatIssue, issueFromZod, negotiateLocale, type Issue, type Locale } from '@lianjian/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { mapDatabaseError } from '../db/database-errors.ts';
import { AppError } from './app-error.ts';

/**
 * One handler turns every error into RFC 9457 application/problem+json in the caller's language
 * (Accept-Language; zh-CN by default). Field problems are listed in `errors` with their path,
 * rule code, message and fix hint. A 5xx says nothing about internals, only a trace id.
 */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance: string;
  code: string;
  params?: Issue['params'];
  errors?: { code: string; path: string; message: string; hint?: string; params?: Issue['params'] }[];
  traceId: string;
}

export function problemFor(error: AppError, request: FastifyRequest, locale: Locale = negotiateLocale(request.headers['accept-language'])): ProblemBody {
  const text = formatIssue({ code: error.code, params: { ...error.params, traceId: request.id } }, locale);
  const body: ProblemBody = {
    type: `urn:lianjian:problem:${error.code}`,
    title: text.message,
    status: error.status,
    instance: request.url,
    code: error.code,
    traceId: request.id,
  };
  if (text.hint) body.detail = text.hint;
  if (error.params && Object.keys(error.params).length) body.params = error.params;
  if (error.issues.length) {
    body.errors = error.issues.map((issue) => {
      const t = formatIssue(issue, locale);
      return { code: issue.code, path: (issue.path ?? []).join('.'), message: t.message, ...(t.hint ? { hint: t.hint } : {}), ...(issue.params ? { params: issue.params } : {}) };
    });
  }
  return body;
}

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  const body = problemFor(error, reply.request);
  if (error.status === 429 && error.params?.retryAfter) reply.header('retry-after', String(error.params.retryAfter));
  return reply.status(error.status).type('application/problem+json; charset=utf-8').send(body);
}

function pathFromInstancePath(instancePath: string): (string | number)[] {
  return instancePath
    .split('/')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** Converts anything thrown into an AppError; unknown errors become 500 and are logged with their stack. */
export function toAppError(error: unknown, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return new AppError(422, 'validation.failed', { count: error.issues.length }, error.issues.map((i) => issueFromZod(i)));
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as { validationContext?: string }).validationContext ?? 'body';
    // What was sent, so an empty enum field reads "missing" rather than "not one of the options".
    const sent: unknown = where === 'querystring' ? request.query : where === 'params' ? request.params : where === 'headers' ? request.headers : request.body;
    const issues = error.validation.map((v) => {
      const p = v.params as Record<string, unknown>;
      return issueFromZod({ ...p, code: v.keyword, message: v.message ?? '', path: pathFromInstancePath(v.instancePath) } as Parameters<typeof issueFromZod>[0], where === 'body' ? [] : [where], sent);
    });
    return new AppError(422, 'validation.failed', { count: issues.length }, issues);
  }
  const db = mapDatabaseError(error);
  if (db) return db;
  const fe = error as FastifyError;
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(413, 'request.too_large', { limit: `${Math.round((request.routeOptions.config as { bodyLimit?: number }).bodyLimit ?? 1048576) / 1024} KiB` });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(415, 'request.unsupported_media_type', { contentType: request.headers['content-type'] ?? '' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError(400, 'request.invalid', { reason: 'JSON' });
  }
  if (fe.statusCode === 429) return new AppError(429, 'request.rate_limited', { retryAfter: 60 });
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    if (error instanceof SyntaxError) return new AppError(400, 'request.invalid', { reason: 'JSON' });
    return new AppError(fe.statusCode, 'request.invalid', { reason: fe.code ?? 'request' });
  }
  request.log.error({ err: error }, 'unhandled error');
  return new AppError(500, 'internal');
}

export function registerProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => sendProblem(reply, toAppError(error, request)));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, new AppError(404, 'route.not_found', { method: request.method, url: request.url.split('?')[0] ?? '' })),
  );
}
