import { SUBMISSION_KINDS, submissionSchemas, type SubmissionKind } from '@lianjian/core/records/submissions';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { idempotencyKeyHeaders } from '../idempotency/idempotency-header.ts';
import { SubmissionsService } from './submissions.service.ts';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const answer = z.object({
  kind: z.enum(SUBMISSION_KINDS), eventId: z.number(), eventHash: z.string().describe('Canonical GS1 event hash (ni:///sha-256;…?ver=CBV2.0)'),
  eventType: z.string(), bizStep: z.string(), disposition: z.string().nullable(), eventTime: z.string(),
  duplicate: z.boolean().describe('The same event was already stored; eventId is the earlier one'),
  captureId: z.string(), captureLocation: z.string(),
  violations: z.array(z.object({ rule: z.string(), path: z.string(), params: z.record(z.string(), scalar), message: z.string(), hint: z.string().optional() }))
    .describe('Business rules the event breaks: it is stored all the same, as evidence'),
});

const SUMMARIES: Record<SubmissionKind, string> = {
  commission: 'Commission serialised units or a lot (ObjectEvent ADD, commissioning)',
  pack: 'Pack units or containers into a container (AggregationEvent ADD, packing)',
  unpack: 'Unpack a container, wholly or some of its contents (AggregationEvent DELETE, unpacking)',
  ship: 'Ship to another organisation, citing purchase orders / delivery notes (shipping, in_transit)',
  receive: 'Receive and accept (or refuse) a delivery with the counted quantity and its condition (receiving)',
  store: 'Record storage at a site with temperature readings (storing)',
  use: 'Dispense / use units on a patient: department, procedure, pseudonymous patient key (dispensing)',
  return: 'Return goods to an organisation (shipping, returned)',
  destroy: 'Destroy units or a quantity of a lot (destroying)',
};

/** `POST /api/submissions/{kind}`: plain forms for organisations without an EPCIS system. */
export const submissionsRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const service = new SubmissionsService(deps);
  for (const kind of SUBMISSION_KINDS) {
    app.post(`/api/submissions/${kind}`, {
      schema: {
        tags: ['submissions'], summary: SUMMARIES[kind],
        description: 'Becomes one EPCIS 2.0 event in the event store (see /epcis/capture for the same checks). At your own sites only; labels in any GS1 form. Send an Idempotency-Key to retry safely.',
        headers: idempotencyKeyHeaders,
        body: submissionSchemas[kind],
        response: { 201: answer },
      },
    }, async (request, reply) => {
      const result = await service.submit(contextOf(request), kind, request.body as never, request.headers['idempotency-key']);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(result.body);
    });
  }
};
