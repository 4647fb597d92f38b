import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { DossiersService } from './dossiers.service.ts';

/** Lot and organisation dossiers (issue 4, item 5). */
export const dossiersRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const service = new DossiersService(deps);

  app.get('/api/lots/:di/:lot', {
    schema: {
      tags: ['dossiers'],
      summary: 'Lot dossier: product, registration, manufacturer, batch materials and suppliers, environment, release tests, quality flags, distribution, adverse events, attachments (audited)',
      params: z.object({ di: z.string().min(8).max(60), lot: z.string().min(1).max(40) }),
    },
  }, async (request) => service.lot(contextOf(request), request.params.di, request.params.lot));

  app.get('/api/organizations/:id/dossier', {
    schema: {
      tags: ['dossiers'], summary: 'Organisation dossier: licences with effective status, products, batches, quality flags, adverse-event reporting timeliness (audited)',
      params: z.object({ id: z.coerce.number().int().positive() }),
    },
  }, async (request) => service.organization(contextOf(request), request.params.id));
};
