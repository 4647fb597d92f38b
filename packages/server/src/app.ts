import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from './app-context.ts';
import { analysisRoutes } from './features/analysis/analysis.routes.ts';
import { AuthService } from './features/auth/auth.service.ts';
import { authRoutes } from './features/auth/auth.routes.ts';
import { apiTokensRoutes } from './features/api-tokens/api-tokens.routes.ts';
import { adverseEventsRoutes } from './features/adverse-events/adverse-events.routes.ts';
import { alertsRoutes } from './features/alerts/alerts.routes.ts';
import { auditRoutes } from './features/audit/audit.routes.ts';
import { epcisRoutes } from './features/epcis/epcis.routes.ts';
import { traceRoutes } from './features/trace/trace.routes.ts';
import { submissionsRoutes } from './features/submissions/submissions.routes.ts';
import { calendarRoutes } from './features/calendar/calendar.routes.ts';
import { dashboardRoutes } from './features/dashboard/dashboard.routes.ts';
import { healthRoutes, type Readiness } from './features/health/health.routes.ts';
import { licensesRoutes } from './features/licenses/licenses.routes.ts';
import { organizationsRoutes } from './features/organizations/organizations.routes.ts';
import { productsRoutes } from './features/products/products.routes.ts';
import { riskRoutes } from './features/risk/risk.routes.ts';
import { productionFeatureRoutes } from './features/production/production-feature.routes.ts';
import { regionsRoutes } from './features/regions/regions.routes.ts';
import { securityPolicyRoutes } from './features/security-policy/security-policy.routes.ts';
import { usersRoutes } from './features/users/users.routes.ts';
import { useRecordsRoutes } from './features/use-records/use-records.routes.ts';
import { lotRestrictionsRoutes } from './features/lot-restrictions/lot-restrictions.routes.ts';
import { authenticate } from './http/authenticate.ts';
import { registerProblemHandler } from './http/problem-handler.ts';
import { registerWebApp } from './http/web-app.ts';
import { WEB_ROOT } from './paths.ts';

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: { method: string; url: string; public: boolean }[];
  }
}

export interface BuildAppOptions {
  deps: AppDeps;
  readiness?: Readiness;
  logger?: boolean;
}


/** Builds the Fastify app: plugins, the problem handler, authentication and every feature's routes. */
export async function buildApp({ deps, readiness = { ready: true }, logger = false }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: deps.config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'] } : false,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 10 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  // Every route, for the authorisation matrix test that checks no route is left out of it.
  const routeTable: { method: string; url: string; public: boolean }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, public: Boolean((route.config as { public?: boolean } | undefined)?.public) });
    }
  });
  app.decorate('routeTable', routeTable);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandler(app);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
      },
    },
  });
  await app.register(rateLimit, { max: deps.config.rateLimitPerMinute, timeWindow: '1 minute' });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lianjian 链监 API',
        version: '0.1.0',
        description: 'Full-chain supervision of medical devices. Errors are RFC 9457 problem+json in zh-CN or en (Accept-Language).',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'lj_session' },
          token: { type: 'http', scheme: 'bearer', description: 'API token issued by the system administrator (lj_…)' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', persistAuthorization: true, withCredentials: true } });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  const auth = new AuthService(deps);
  // onRequest: authenticate before the body is even parsed or validated, so strangers learn nothing.
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config as { public?: boolean } | undefined;
    const url = request.routeOptions.url ?? '';
    const needsAuth = (url.startsWith('/api/') || url.startsWith('/epcis/')) && !config?.public;
    if (needsAuth) await authenticate(request, auth);
  });

  await app.register(healthRoutes(deps, readiness));
  await app.register(authRoutes(auth, { cookieSecure: deps.config.cookieSecure, loginRateLimitPerMinute: deps.config.loginRateLimitPerMinute }));
  await app.register(usersRoutes(deps));
  await app.register(apiTokensRoutes(deps));
  await app.register(securityPolicyRoutes(deps));
  await app.register(auditRoutes(deps));
  await app.register(regionsRoutes(deps));
  await app.register(organizationsRoutes(deps));
  await app.register(licensesRoutes(deps));
  await app.register(productsRoutes(deps));
  await app.register(epcisRoutes(deps));
  await app.register(traceRoutes(deps));
  await app.register(calendarRoutes(deps));
  await app.register(analysisRoutes(deps));
  await app.register(adverseEventsRoutes(deps));
  await app.register(alertsRoutes(deps));
  await app.register(submissionsRoutes(deps));
  await app.register(productionFeatureRoutes(deps));
  await app.register(riskRoutes(deps));
  await app.register(useRecordsRoutes(deps));
  await app.register(lotRestrictionsRoutes(deps));
  await app.register(dashboardRoutes(deps));

  await registerWebApp(app, WEB_ROOT);
  return app;
}
