import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditPageSchema, auditQuerySchema } from '../../../shared/audit.js';
import { errorBodySchema } from '../../../shared/errors.js';
import { deny, requestContext, type App } from '../../http/route-kit.js';
import { canReadAuditLog } from './audit.access.js';
import { listAudit, writeAudit } from './audit.queries.js';

export function registerAuditRoutes(api: FastifyInstance, app: App) {
  api.withTypeProvider<ZodTypeProvider>().get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first, filtered by user or household (managers and administrators)',
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema, 403: errorBodySchema },
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
