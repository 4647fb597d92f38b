import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { DossiersService } from './dossiers.service.ts';
import { LOT_PAGE_MAX, ProductDossierService } from './product-dossier.service.ts';

/** Lot and organisation dossiers (issue 4, item 5); the product dossier (issue 6 §2). */
export const dossiersRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const service = new DossiersService(deps);
  const products = new ProductDossierService(deps);

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

  app.get('/api/products/:id/dossier', {
    schema: {
      tags: ['dossiers'],
      summary: 'Product dossier: registration and DIs, lots with quantities in circulation and measures in force, holders by region, adverse events by month, open alerts (audited)',
      params: z.object({ id: z.coerce.number().int().positive() }),
      querystring: z.object({ lotLimit: z.coerce.number().int().min(1).max(LOT_PAGE_MAX).default(50), lotOffset: z.coerce.number().int().min(0).default(0) }),
    },
  }, async (request) => products.product(contextOf(request), request.params.id, { limit: request.query.lotLimit, offset: request.query.lotOffset }));
};
