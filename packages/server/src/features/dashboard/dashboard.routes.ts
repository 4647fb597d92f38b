import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { DashboardService, TREND_MONTHS } from './dashboard.service.ts';

const count = z.number().int().min(0);
const summary = z.object({
  organizationsByRegion: z.array(z.object({ regionCode: z.string(), count }))
    .describe('Organisations in your scope per GB/T 2260 region code (the list GET /api/organizations counted)'),
  adverseEventsByMonth: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), count }))
    .describe(`Adverse-event reports in your scope per month of their date known, the last ${TREND_MONTHS} calendar months in Asia/Shanghai, oldest first, months without reports as 0`),
  totals: z.object({
    organizations: count.describe('What GET /api/organizations answers as total'),
    adverseEvents: count.describe('What GET /api/adverse-events answers as total (every report in scope, not only the trend months)'),
  }),
});

export const dashboardRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const service = new DashboardService(deps);
  app.get('/api/dashboard/summary', {
    schema: {
      tags: ['dashboard'],
      summary: 'The overview figures in one answer: organisations per region, adverse-event reports per month, totals',
      description: 'Needs the permissions of both lists (organizations.read, adverse_events.read) and counts in the same scope they show.',
      response: { 200: summary },
    },
  }, async (request) => service.summary(contextOf(request)));
};
