import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { recallScopeWorkbook, XLSX_TYPE } from './recall-scope.excel.ts';
import { RecallScopeService } from './recall-scope.service.ts';
import { TraceService } from './trace.service.ts';

const date = z.iso.date();
const recallBody = z.union([
  z.object({ lots: z.array(z.object({ di: z.string().min(1).max(50), lot: z.string().min(1).max(50) })).min(1).max(1000) }),
  z.object({ di: z.string().min(1).max(50), producedFrom: date, producedTo: date }),
]);

/** Trace of any label form (`GET /api/trace/{code}`) and recall scope (`POST /api/recall-scope`, JSON or Excel). */
export const traceRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const trace = new TraceService(deps);
  const recall = new RecallScopeService(deps);
  // Trace reads are audited in deferred batches: write what is queued before the database goes away.
  app.addHook('onClose', async () => deps.audit.drain());

  app.get('/api/trace/:code', {
    schema: {
      tags: ['trace'], summary: 'Full-chain trace of a UDI in any form (raw scan, element string, Digital Link, EPC URN, MA code), URL-encoded',
      params: z.object({ code: z.string().min(1).max(500) }),
    },
  }, async (request) => trace.trace(contextOf(request), request.params.code));

  app.post('/api/recall-scope', {
    schema: {
      tags: ['trace'], summary: `Current holders of lots with counts; Accept: ${XLSX_TYPE} for the Excel file`,
      body: recallBody,
    },
  }, async (request, reply) => {
    const result = await recall.scope(contextOf(request), request.body);
    if ((request.headers.accept ?? '').includes(XLSX_TYPE)) {
      const file = await recallScopeWorkbook(result);
      return reply.type(XLSX_TYPE).header('content-disposition', 'attachment; filename="recall-scope.xlsx"').send(file);
    }
    return result;
  });
};
