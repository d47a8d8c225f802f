import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../shared/common.js';
import { errorBodySchema } from '../../../shared/errors.js';
import { deny, requestContext, type App } from '../../http/route-kit.js';
import { canReadAuditLog } from './audit.access.js';
import { listAudit, writeAudit } from './audit.queries.js';

const auditItemSchema = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  householdId: z.string().nullable(),
  outcome: z.enum(['ok', 'denied', 'failed']),
  requestId: z.string().nullable(),
  method: z.string().nullable(),
  path: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.string().nullable(),
});

export function registerAuditRoutes(api: FastifyInstance, app: App) {
  api.withTypeProvider<ZodTypeProvider>().get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first, filtered by user or household (managers and administrators)',
        querystring: z.object({
          userId: idSchema.optional(),
          username: z.string().trim().max(100).optional(),
          householdId: idSchema.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
        }),
        response: { 200: z.object({ items: z.array(auditItemSchema), total: z.number() }), 403: errorBodySchema },
      },
    },
    async (req) => {
      const ctx = requestContext(req, app.deps.now);
      if (!canReadAuditLog(ctx.actor)) await deny(app, ctx, { action: 'read', entityType: 'audit_log' });
      const result = await listAudit(app.deps.db.kysely, req.query);
      // Reading the log is itself recorded: it names people and what was done to their files.
      await writeAudit(app.deps.db.kysely, ctx, {
        action: 'read',
        entityType: 'audit_log',
        householdId: req.query.householdId ?? null,
        details: { filter: req.query, returned: result.items.length },
      });
      return result;
    },
  );
}
