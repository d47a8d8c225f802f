import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyReply } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { ErrorBody } from '../../shared/errors.js';
import type { AppConfig } from '../config.js';
import type { Db } from '../db/client.js';
import { newId } from '../ids.js';
import { registerAmbitoRoutes } from '../features/ambito/ambito.routes.js';
import { registerAssignmentRoutes } from '../features/assignments/assignments.routes.js';
import { registerAuditRoutes } from '../features/audit/audit.routes.js';
import { loadSession, registerAuthRoutes, SESSION_COOKIE } from '../features/auth/auth.routes.js';
import { sameToken } from '../features/auth/sessions.js';
import { registerHealthRoutes } from '../features/health/health.routes.js';
import { registerHouseholdRoutes } from '../features/households/households.routes.js';
import { registerCallRoutes } from '../features/calls/calls.routes.js';
import { registerApplicationRoutes } from '../features/applications/applications.routes.js';
import { registerUnitRoutes } from '../features/units/units.routes.js';
import { registerRankingRoutes } from '../features/rankings/rankings.routes.js';
import { registerSchemeRoutes } from '../features/schemes/schemes.routes.js';
import { registerPrivacyRoutes } from '../features/privacy/privacy.routes.js';
import { registerCommunicationRoutes } from '../features/communications/communications.routes.js';
import { registerPortalRoutes } from '../features/portal/portal.routes.js';
import { registerObservatoryRoutes } from '../features/observatory/observatory.routes.js';
import { registerFrontdeskRoutes } from '../features/frontdesk/frontdesk.routes.js';
import { registerFundRoutes } from '../features/funds/funds.routes.js';
import { registerMeasureRoutes } from '../features/measures/measures.routes.js';
import { registerEvictionRoutes } from '../features/evictions/evictions.routes.js';
import { registerReferralRoutes } from '../features/referrals/referrals.routes.js';
import { registerPartnerRoutes } from '../features/partners/partners.routes.js';
import { registerTemporaryHousingRoutes } from '../features/temporary-housing/temporary-housing.routes.js';
import { registerPlanRoutes } from '../features/plans/plans.routes.js';
import { registerWorklistRoutes } from '../features/worklist/worklist.routes.js';
import type { Actor } from './context.js';
import { AppError, unauthenticated } from './errors.js';
import { registerIdempotency } from './idempotency.js';
import type { App } from './route-kit.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    csrfToken: string | null;
    sessionExpiresAt: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, health, documentation). */
    public?: boolean;
  }
}

export interface AppDeps {
  readonly config: AppConfig;
  readonly db: Db;
  /** The clock, a parameter so that tests can move time. */
  readonly now?: () => Date;
  /** Folder of the built web app; defaults to dist/web at the project root. */
  readonly webRoot?: string | null;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function defaultWebRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');
}

function errorPath(instancePath: string): string {
  return instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
}

function sendError(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, db } = deps;
  const now = deps.now ?? (() => new Date());
  const fastify = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
          },
    bodyLimit: config.bodyLimitBytes,
    genReqId: () => newId(),
    trustProxy: config.trustProxy,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);
  fastify.decorateRequest('actor', null);
  fastify.decorateRequest('sessionId', null);
  fastify.decorateRequest('csrfToken', null);
  fastify.decorateRequest('sessionExpiresAt', null);

  await fastify.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.env === 'production',
    crossOriginEmbedderPolicy: false,
  });
  await fastify.register(cookie);

  await fastify.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Abitare API',
        description:
          'API del sistema informativo delle Agenzie per la Casa. Errori: { error: { code, message, details } }.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await fastify.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    uiHooks: {
      onRequest: (req, _reply, done) => {
        req.routeOptions.config.public = true;
        done();
      },
    },
  });

  // Session and CSRF: every /api route needs a live session unless marked public, and every
  // state-changing request carries the session's CSRF token in x-csrf-token. Checked before the
  // body is validated, so that nobody without a session learns anything from validation errors.
  fastify.addHook('preValidation', async (req) => {
    // Unknown routes answer 404 whoever asks.
    if (!req.url.startsWith('/api/') || req.is404) return;
    const isPublic = req.routeOptions.config.public === true || req.url.startsWith('/api/docs');
    const token = req.cookies[SESSION_COOKIE];
    if (token) await loadSession(req, token, db, config, now());
    if (isPublic) return;
    if (!req.actor) throw unauthenticated();
    if (UNSAFE_METHODS.has(req.method)) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !req.csrfToken || !sameToken(header, req.csrfToken)) {
        throw new AppError(
          403,
          'CSRF_TOKEN_INVALID',
          'Token di sicurezza (CSRF) mancante o non valido: ricarica la pagina.',
        );
      }
    }
  });

  // No text may hold a NUL character: PostgreSQL cannot store or compare it (SQLite can), so one
  // codebase refuses it on both, at its path, before any handler or query sees it.
  fastify.addHook('preValidation', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const at = findNul(req.query, '') ?? (Buffer.isBuffer(req.body) ? null : findNul(req.body, ''));
    if (at !== null) {
      const message = 'Il testo contiene un carattere non ammesso (NUL).';
      throw new AppError(400, 'VALIDATION_FAILED', message, [{ path: at, code: 'nul_character', message }]);
    }
  });

  // Retried state-changing requests with the same Idempotency-Key act once (after the session check).
  registerIdempotency(fastify, db, now);

  fastify.setErrorHandler((error: FastifyError | AppError, req, reply) => {
    if (error instanceof AppError) {
      return sendError(reply, error.status, {
        error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = (error as { validationContext?: string }).validationContext;
      return sendError(reply, 400, {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'Alcuni dati non sono validi.',
          details: error.validation.map((v) => ({
            path: errorPath(v.instancePath) || (where ?? ''),
            code: String((v.params as { rule?: string } | undefined)?.rule ?? v.keyword),
            message: v.message ?? 'Valore non valido.',
          })),
        },
      });
    }
    const code = (error as FastifyError).code;
    const status = (error as FastifyError).statusCode ?? 500;
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(reply, 413, { error: { code: 'PAYLOAD_TOO_LARGE', message: 'Richiesta troppo grande.' } });
    }
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendError(reply, 415, {
        error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Formato della richiesta non supportato: usare JSON.' },
      });
    }
    if (status >= 400 && status < 500) {
      return sendError(reply, status, {
        error: { code: 'BAD_REQUEST', message: 'Richiesta non valida (JSON malformato o parametri errati).' },
      });
    }
    req.log.error({ err: error }, 'unhandled error');
    return sendError(reply, 500, {
      error: { code: 'INTERNAL_ERROR', message: 'Errore interno: l’operazione non è stata eseguita. Riprova.' },
    });
  });

  const app: App = { fastify: fastify as unknown as App['fastify'], deps: { config, db, now } };
  await fastify.register(
    async (api) => {
      registerHealthRoutes(api, app);
      registerAuthRoutes(api, app);
      registerAmbitoRoutes(api, app);
      registerHouseholdRoutes(api, app);
      registerCallRoutes(api, app);
      registerApplicationRoutes(api, app);
      registerUnitRoutes(api, app);
      registerAuditRoutes(api, app);
      registerRankingRoutes(api, app);
      registerAssignmentRoutes(api, app);
      registerSchemeRoutes(api, app);
      registerPrivacyRoutes(api, app);
      registerCommunicationRoutes(api, app);
      registerPortalRoutes(api, app);
      registerObservatoryRoutes(api, app);
      registerMeasureRoutes(api, app);
      registerFundRoutes(api, app);
      registerFrontdeskRoutes(api, app);
      registerEvictionRoutes(api, app);
      registerReferralRoutes(api, app);
      registerPartnerRoutes(api, app);
      registerTemporaryHousingRoutes(api, app);
      registerPlanRoutes(api, app);
      registerWorklistRoutes(api, app);
    },
    { prefix: '/api' },
  );

  const webRoot = deps.webRoot === undefined ? defaultWebRoot() : deps.webRoot;
  const hasWeb = webRoot !== null && fs.existsSync(path.join(webRoot, 'index.html'));
  if (hasWeb) {
    await fastify.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] });
  }
  fastify.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.url === '/api' || !hasWeb || req.method !== 'GET') {
      return sendError(reply, 404, { error: { code: 'NOT_FOUND', message: 'Risorsa non trovata.' } });
    }
    // The web app routes on the client: unknown paths get its page.
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });

  return app;
}

/** The dotted path of the first string (or key) holding a NUL character, or null. */
function findNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  for (const [key, v] of Object.entries(value)) {
    const here = path === '' ? key : `${path}.${key}`;
    if (key.includes('\u0000')) return here;
    const found = findNul(v, here, depth + 1);
    if (found !== null) return found;
  }
  return null;
}
