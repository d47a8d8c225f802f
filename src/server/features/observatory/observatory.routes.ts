import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  comuneFilterSchema,
  dashboardSchema,
  observatoryFilterSchema,
  offerPlanQuerySchema,
} from '../../../shared/observatory.js';
import { errorResponses, requestContext, type App } from '../../http/route-kit.js';
import { attachmentHeader } from '../communications/communications.routes.js';
import {
  exportApplicationsMicrodata,
  exportDataset,
  offerPlanDraft,
  readDashboard,
  refreshObservatory,
} from './observatory.actions.js';

const errors = errorResponses;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerObservatoryRoutes(api: FastifyInstance, app: App) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { now } = app.deps;
  const tags = ['observatory'];

  r.get(
    '/observatory/dashboards/:group',
    {
      schema: {
        tags,
        summary: 'A dashboard (demand, supply, emergency, measures): each chart with its table',
        params: z.object({ group: z.string().max(20) }),
        querystring: observatoryFilterSchema,
        response: { 200: dashboardSchema, ...errors },
      },
    },
    async (req) => readDashboard(app, requestContext(req, now), req.params.group, req.query),
  );

  r.post(
    '/observatory/refresh',
    {
      schema: {
        tags,
        summary: 'Rebuild the pre-aggregated figures now (a scheduled job does it every 15 minutes)',
        response: { 200: z.object({ refreshedAt: z.string() }), ...errors },
      },
    },
    async (req) => refreshObservatory(app, requestContext(req, now)),
  );

  r.get(
    '/observatory/datasets/:file',
    {
      schema: {
        tags,
        summary: 'Export one table as CSV or XLSX (…/stock.csv, …/stock.xlsx); ?open=1 gives the open-data version',
        params: z.object({ file: z.string().regex(/^[a-z-]+\.(csv|xlsx)$/) }),
        querystring: observatoryFilterSchema.extend({ open: z.enum(['0', '1']).optional() }),
      },
    },
    async (req, reply) => {
      const [id = '', ext] = req.params.file.split('.');
      const { open, ...filter } = req.query;
      const result = await exportDataset(
        app,
        requestContext(req, now),
        id,
        filter,
        ext === 'xlsx' ? 'xlsx' : 'csv',
        open === '1',
      );
      return reply.type(result.type).header('content-disposition', attachmentHeader(result.name)).send(result.body);
    },
  );

  r.get(
    '/observatory/exports/applications.xlsx',
    {
      schema: {
        tags,
        summary: 'Every application without personal data (ISEE in bands), as a streamed XLSX',
        querystring: observatoryFilterSchema,
      },
    },
    async (req, reply) => {
      const body = await exportApplicationsMicrodata(app, requestContext(req, now), req.query);
      return reply.type(XLSX).header('content-disposition', attachmentHeader('domande-sap.xlsx')).send(body);
    },
  );

  r.get(
    '/observatory/offer-plan.xlsx',
    {
      schema: {
        tags,
        summary: 'Draft of the annual offer plan of the Ambito (units expected, quotas, SAT share), editable XLSX',
        querystring: offerPlanQuerySchema.extend({ comuneId: comuneFilterSchema }),
      },
    },
    async (req, reply) => {
      const result = await offerPlanDraft(app, requestContext(req, now), req.query);
      return reply.type(XLSX).header('content-disposition', attachmentHeader(result.name)).send(result.body);
    },
  );
}
