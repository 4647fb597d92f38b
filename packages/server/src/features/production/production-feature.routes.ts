import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-context.ts';
import { attachmentsRoutes } from '../attachments/attachments.routes.ts';
import { dossiersRoutes } from '../dossiers/dossiers.routes.ts';
import { productionRoutes } from './production.routes.ts';

/** Issue 4's production part as one registration in app.ts: records, attachments, dossiers. */
export const productionFeatureRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  await app.register(productionRoutes(deps));
  await app.register(attachmentsRoutes(deps));
  await app.register(dossiersRoutes(deps));
};
