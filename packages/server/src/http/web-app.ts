import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { AppError } from './app-error.ts';

/** Paths that belong to the server, never to the single-page app. */
const SERVER_PREFIXES = ['/api/', '/epcis/', '/docs', '/openapi.json', '/healthz', '/readyz'];

/** True when a GET should get the app's index.html: a page address (not the API) asked for by a browser. */
export function isAppRequest(url: string, accept: string | undefined): boolean {
  const path = url.split('?')[0] ?? '';
  if (SERVER_PREFIXES.some((p) => path === p.replace(/\/$/, '') || path.startsWith(p))) return false;
  if (path.startsWith('/assets/')) return false; // a missing hashed file is a 404, not the app
  return (accept ?? '').includes('text/html');
}

/**
 * Serves the built web app (packages/web/dist): hashed assets cached for a year, index.html never
 * cached, and any other page address a browser asks for (`/trace?code=…`, `/lots/…`) answered with
 * index.html so the app's router takes over. Everything else keeps the usual 404 problem.
 */
export async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  if (!existsSync(join(root, 'index.html'))) return;
  await app.register(fastifyStatic, {
    root, prefix: '/', index: ['index.html'], wildcard: false,
    setHeaders: (reply, path) => void reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  app.get('/*', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    // Files are routed when the server starts; one built since (a rebuild while running) is served from here.
    const path = decodeURIComponent(request.url.split('?')[0] ?? '');
    if (path.startsWith('/assets/') && !path.includes('..') && existsSync(join(root, path))) {
      return reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile(path.slice(1));
    }
    if (!isAppRequest(request.url, request.headers.accept)) {
      throw new AppError(404, 'route.not_found', { method: request.method, url: request.url.split('?')[0] ?? '' });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
