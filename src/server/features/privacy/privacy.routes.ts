// Data-protection routes: the export of everything held about a person (art. 15 GDPR), as JSON
// and as PDF/A, for managers and administrators; every export and every refusal is audited.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { personExportParamsSchema, personExportSchema } from '../../../shared/privacy.js';
import { errorResponses, requestContext, type App } from '../../http/route-kit.js';
import { exportPersonDataForRequest, personExportPdf } from './privacy.actions.js';

export function registerPrivacyRoutes(api: FastifyInstance, app: App) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/privacy/persons/:fiscalCode/export',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Everything held about a fiscal code, as JSON (art. 15 GDPR; managers and administrators; audited)',
        params: personExportParamsSchema,
        response: { 200: personExportSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, app.deps.now);
      const data = await exportPersonDataForRequest(app, ctx, req.params.fiscalCode);
      reply.header('cache-control', 'no-store');
      return data;
    },
  );
  r.get(
    '/privacy/persons/:fiscalCode/export.pdf',
    {
      schema: {
        tags: ['privacy'],
        summary: 'The same export as a PDF/A document (managers and administrators; audited)',
        params: personExportParamsSchema,
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, app.deps.now);
      const data = await exportPersonDataForRequest(app, ctx, req.params.fiscalCode);
      const pdf = await personExportPdf(data);
      return reply
        .header('cache-control', 'no-store')
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="dati-personali-${data.fiscalCode}.pdf"`)
        .send(pdf);
    },
  );
}
