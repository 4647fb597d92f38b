import { patientIdentityGrantInputSchema } from '@lianjian/core/records/patient-identity-grant';
import { PATIENT_IDENTITY_REQUEST_STATUSES } from '@lianjian/core/records/patient-identity-request';
import { PATIENT_KEY_PATTERN } from '@lianjian/core/records/submissions';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { sendCsv } from '../../http/csv.ts';
import { listQuery, pageOf } from '../../http/list-query.ts';
import { idempotencyKeyHeaders } from '../idempotency/idempotency-header.ts';
import { identityRequestsRoutes } from './identity-requests.routes.ts';
import { grantSchema } from './privacy-schemas.ts';
import { PrivacyService } from './privacy.service.ts';

const identity = z.object({
  patientKey: z.string(), masked: z.boolean().describe('False only while you hold a live grant'), name: z.string(), idNumber: z.string().nullable(),
  birthDate: z.string().nullable(), grant: z.object({ id: z.number(), purpose: z.string(), expiresAt: z.string() }).nullable(),
  request: z.object({
    id: z.number(), status: z.enum(PATIENT_IDENTITY_REQUEST_STATUSES), purpose: z.string(), createdAt: z.string(), decidedAt: z.string().nullable(), decisionReason: z.string().nullable(),
  }).nullable().describe("Only masked, for a caller who may ask: their newest request to see this identity"),
});

export const privacyRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const service = new PrivacyService(deps);
  const tags = ['privacy'];
  await app.register(identityRequestsRoutes(deps));

  app.get('/api/patients/:patientKey/identity', {
    schema: {
      tags, summary: "A patient's identity: masked, or unmasked with a privacy officer's live grant (audited)",
      params: z.object({ patientKey: z.string().regex(PATIENT_KEY_PATTERN) }), response: { 200: identity },
    },
  }, async (request) => service.identity(contextOf(request), request.params.patientKey));

  app.post('/api/patient-identity-grants', {
    schema: {
      tags, summary: "Grant a user the right to see one patient's identity unmasked (privacy officer)",
      headers: idempotencyKeyHeaders, body: patientIdentityGrantInputSchema, response: { 201: grantSchema },
    },
  }, async (request, reply) => {
    const r = await service.grant(contextOf(request), request.body, request.headers['idempotency-key']);
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(r.body);
  });

  app.get('/api/patient-identity-grants/grantees', {
    schema: {
      tags, summary: 'Accounts a grant may name (privacy officer): active users whose role can read an identity, by username, name or organisation',
      querystring: z.object({ q: z.string().trim().max(100).optional(), limit: z.coerce.number().int().min(1).max(50).default(20) }),
      response: { 200: z.object({ items: z.array(z.object({
        id: z.number(), username: z.string(), displayName: z.string(), role: z.string(), department: z.string().nullable(), jurisdictionCode: z.string().nullable(), organizationName: z.string().nullable(),
      })) }) },
    },
  }, async (request) => ({ items: await service.grantees(contextOf(request), request.query.q || undefined, request.query.limit) }));

  app.get('/api/patient-identity-grants', {
    schema: {
      tags, summary: 'Grants (privacy officer)',
      querystring: listQuery.extend({ patientKey: z.string().regex(PATIENT_KEY_PATTERN).optional(), userId: z.coerce.number().int().optional(), active: z.enum(['true', 'false']).optional() }),
      response: { 200: z.object({ items: z.array(grantSchema), total: z.number() }) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const result = await service.list(contextOf(request), { ...(q.patientKey && { patientKey: q.patientKey }), ...(q.userId !== undefined && { userId: q.userId }), ...(q.active && { active: q.active === 'true' }) }, pageOf(q));
    if (q.format === 'csv') {
      return sendCsv(reply, 'patient-identity-grants', result.items, [
        { header: 'id', value: (g) => g.id }, { header: '患者假名键 patient key', value: (g) => g.patientKey }, { header: '被授权人 grantee', value: (g) => g.granteeUsername },
        { header: '用途 purpose', value: (g) => g.purpose }, { header: '到期 expires', value: (g) => g.expiresAt }, { header: '授权人 granted by', value: (g) => g.grantedByUsername },
        { header: '撤销 revoked', value: (g) => g.revokedAt }, { header: '有效 active', value: (g) => g.active },
      ]);
    }
    return result;
  });

  app.delete('/api/patient-identity-grants/:id', {
    schema: { tags, summary: 'Revoke a grant (privacy officer); the grant stays listed as revoked', params: z.object({ id: z.coerce.number().int() }), response: { 200: grantSchema } },
  }, async (request) => service.revoke(contextOf(request), request.params.id));
};
