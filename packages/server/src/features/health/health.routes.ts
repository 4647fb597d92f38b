import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';

/** Mutable readiness: the CLI flips it once migrations and the demo world are done. */
export interface Readiness {
  ready: boolean;
  stage?: string;
}

export const healthRoutes = (deps: AppDeps, readiness: Readiness): FastifyPluginAsyncZod => async (app) => {
  app.get('/healthz', { config: { public: true }, schema: { tags: ['health'], security: [], summary: 'Liveness: the process answers', response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({ status: 'ok' as const }));
  app.get('/readyz', {
    config: { public: true },
    schema: { tags: ['health'], security: [], summary: 'Readiness: migrations applied, demo world loaded, database reachable', response: { 200: z.object({ status: z.string(), database: z.string() }), 503: z.object({ status: z.string(), stage: z.string().optional() }) } },
  }, async (_request, reply) => {
    if (!readiness.ready) return reply.status(503).send({ status: 'starting', ...(readiness.stage ? { stage: readiness.stage } : {}) });
    await sql`select 1`.execute(deps.db);
    return { status: 'ready', database: deps.database.kind };
  });
};
