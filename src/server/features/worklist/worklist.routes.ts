// The agency's work list: alerts from the eviction register and from temporary housing, on a day.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PlainDate } from '../../../core/kernel/plain-date.js';
import { plainDateSchema } from '../../../shared/common.js';
import { roleReadsEvictions, worklistSchema, type Worklist } from '../../../shared/evictions.js';
import type { DbExecutor } from '../../db/client.js';
import type { RequestContext } from '../../http/context.js';
import { errorResponses, requestContext, type App } from '../../http/route-kit.js';
import { writeAudit } from '../audit/audit.queries.js';
import { evictionAlertsFor } from '../evictions/evictions.actions.js';
import { applicantNames, refuse, today } from '../partners/emergency-kit.js';
import { placementScope } from '../temporary-housing/temporary-housing.access.js';
import { placementAlertsFor } from '../temporary-housing/temporary-housing.actions.js';

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

/** Alerts the actor may see, most urgent first. A partner sees only its own units' stays. */
export async function worklist(root: DbExecutor, ctx: RequestContext, on: PlainDate = today(ctx)): Promise<Worklist> {
  const scope = placementScope(ctx.actor);
  if (scope.kind === 'none') return refuse(root, ctx, { action: 'worklist', entityType: 'alert' });
  const comuni = ctx.actor.comuneIds.length === 0 ? 'all' : ctx.actor.comuneIds;
  const evictions = roleReadsEvictions(ctx.actor.role) ? await evictionAlertsFor(root, comuni, on) : [];
  const placements = await placementAlertsFor(root, scope, on);
  const all = [...evictions, ...placements];
  const names = await applicantNames(
    root,
    all.map((a) => a.householdId),
  );
  const items = all
    .map((a) => ({ ...a, applicantName: names.get(a.householdId) ?? '' }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') ||
        a.subjectCode.localeCompare(b.subjectCode),
    );
  await writeAudit(root, ctx, { action: 'worklist', entityType: 'alert', details: { on, count: items.length } });
  return { on, items };
}

export function registerWorklistRoutes(api: FastifyInstance, app: App) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;
  r.get(
    '/worklist',
    {
      schema: {
        tags: ['worklist'],
        summary: 'Alerts of the agency’s work list on a day (evictions and temporary housing)',
        querystring: z.object({ on: plainDateSchema.optional() }),
        response: { 200: worklistSchema, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      return req.query.on ? worklist(db.kysely, ctx, req.query.on) : worklist(db.kysely, ctx);
    },
  );
}
