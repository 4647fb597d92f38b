import {
  PATIENT_IDENTITY_REQUEST_STATUSES, patientIdentityRequestApprovalSchema, patientIdentityRequestDeclineSchema, patientIdentityRequestInputSchema,
} from '@lianjian/core/records/patient-identity-request';
import { PATIENT_KEY_PATTERN } from '@lianjian/core/records/submissions';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { sendCsv } from '../../http/csv.ts';
import { listQuery, pageOf, sortOf } from '../../http/list-query.ts';
import { idempotencyKeyHeaders } from '../idempotency/idempotency-header.ts';
import { REQUEST_SORTS } from './identity-requests.repository.ts';
import { IdentityRequestsService } from './identity-requests.service.ts';
import { grantSchema, requestSchema as request } from './privacy-schemas.ts';


export const identityRequestsRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const service = new IdentityRequestsService(deps);
  const tags = ['privacy'];
  const params = z.object({ id: z.coerce.number().int() });

  app.post('/api/patient-identity-requests', {
    schema: {
      tags, summary: "Ask a privacy officer to see one patient's identity (a patient met in a use record or a report in your scope)",
      headers: idempotencyKeyHeaders, body: patientIdentityRequestInputSchema, response: { 201: request },
    },
  }, async (request, reply) => {
    const r = await service.request(contextOf(request), request.body, request.headers['idempotency-key']);
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(r.body);
  });

  app.get('/api/patient-identity-requests', {
    schema: {
      tags, summary: "Requests: a privacy officer's queue and history, anyone else's own",
      querystring: listQuery.extend({ status: z.enum(PATIENT_IDENTITY_REQUEST_STATUSES).optional(), patientKey: z.string().regex(PATIENT_KEY_PATTERN).optional() }),
      response: { 200: z.object({ items: z.array(request), total: z.number() }) },
    },
  }, async (request, reply) => {
    const q = request.query;
    // Newest first unless asked otherwise.
    const sort = q.sort ? sortOf(q.sort, REQUEST_SORTS, REQUEST_SORTS.createdAt) : { column: REQUEST_SORTS.createdAt, direction: 'desc' as const };
    const result = await service.list(contextOf(request), { ...(q.status && { status: q.status }), ...(q.patientKey && { patientKey: q.patientKey }) }, sort, pageOf(q));
    if (q.format === 'csv') {
      return sendCsv(reply, 'patient-identity-requests', result.items, [
        { header: 'id', value: (r) => r.id }, { header: '患者假名键 patient key', value: (r) => r.patientKey }, { header: '申请人 requester', value: (r) => r.requesterUsername },
        { header: '单位 organization', value: (r) => r.requesterOrganizationName }, { header: '用途 purpose', value: (r) => r.purpose }, { header: '状态 status', value: (r) => r.status },
        { header: '申请时间 requested', value: (r) => r.createdAt }, { header: '处理人 decided by', value: (r) => r.decidedByUsername }, { header: '处理时间 decided', value: (r) => r.decidedAt },
        { header: '驳回理由 reason', value: (r) => r.decisionReason }, { header: '授权 grant', value: (r) => r.grantId }, { header: '授权到期 grant expires', value: (r) => r.grantExpiresAt },
      ]);
    }
    return result;
  });

  app.get('/api/patient-identity-requests/pending-count', {
    schema: { tags, summary: 'How many requests wait for a privacy officer', response: { 200: z.object({ pending: z.number() }) } },
  }, async (request) => ({ pending: await service.pendingCount(contextOf(request)) }));

  app.post('/api/patient-identity-requests/:id/approve', {
    schema: {
      tags, summary: 'Approve a request (privacy officer): grants the requester access until the expiry given',
      params, headers: idempotencyKeyHeaders, body: patientIdentityRequestApprovalSchema, response: { 200: z.object({ request, grant: grantSchema }) },
    },
  }, async (request, reply) => {
    const r = await service.approve(contextOf(request), request.params.id, request.body, request.headers['idempotency-key']);
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return r.body;
  });

  app.post('/api/patient-identity-requests/:id/decline', {
    schema: { tags, summary: 'Decline a request with a reason the requester sees (privacy officer)', params, body: patientIdentityRequestDeclineSchema, response: { 200: request } },
  }, async (request) => service.decline(contextOf(request), request.params.id, request.body));

  app.post('/api/patient-identity-requests/:id/withdraw', {
    schema: { tags, summary: 'Withdraw your own request while it waits', params, response: { 200: request } },
  }, async (request) => service.withdraw(contextOf(request), request.params.id));
};
