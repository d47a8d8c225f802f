// What every feature's routes share: the application handle, the request context, refusals.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorBodySchema } from '../../shared/errors.js';
import type { AppConfig } from '../config.js';
import type { Db } from '../db/client.js';
import { writeAudit } from '../features/audit/audit.queries.js';
import type { RequestContext } from './context.js';
import { forbidden, unauthenticated } from './errors.js';

export interface App {
  readonly fastify: FastifyInstance;
  readonly deps: { readonly config: AppConfig; readonly db: Db; readonly now: () => Date };
}

/** The request's context for use cases; throws 401 when nobody is logged in. */
export function requestContext(req: FastifyRequest, now: () => Date): RequestContext {
  if (!req.actor) throw unauthenticated();
  return {
    actor: req.actor,
    requestId: req.id,
    ip: req.ip,
    method: req.method,
    path: req.url.split('?')[0] ?? req.url,
    now: now(),
  };
}

/** Refuses the request and records the refusal in the audit log. */
export async function deny(
  app: App,
  ctx: RequestContext,
  entry: { action: string; entityType: string; entityId?: string | null; householdId?: string | null },
): Promise<never> {
  await writeAudit(app.deps.db.kysely, ctx, { ...entry, outcome: 'denied' });
  throw forbidden();
}

/** The error responses every feature route documents in OpenAPI: `{ error: { code, message, details } }`. */
export const errorResponses = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
} as const;
