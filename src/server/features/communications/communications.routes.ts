import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../shared/common.js';
import {
  documentRequestListSchema,
  messageListSchema,
  newDocumentRequestSchema,
  newMessageSchema,
  outboxResolutionResultSchema,
  outboxResolutionSchema,
  outboxViewSchema,
} from '../../../shared/communications.js';
import { errorResponses, requestContext, type App } from '../../http/route-kit.js';
import {
  downloadRequestDocument,
  readDocumentRequests,
  readHouseholdMessages,
  readLetter,
  readOutbox,
  requestDocuments,
  resolveOutboxDelivery,
  sendStaffMessage,
} from './communications.actions.js';

const idParams = z.object({ id: idSchema });
const errors = errorResponses;

/** ASCII-only file name for Content-Disposition, with the UTF-8 name alongside (RFC 6266). */
export function attachmentHeader(name: string, inline = false): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function registerCommunicationRoutes(api: FastifyInstance, app: App) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { now } = app.deps;
  const tags = ['communications'];

  r.get(
    '/households/:id/messages',
    {
      schema: {
        tags,
        summary: 'Messages and letters sent to a household, with their deliveries',
        params: idParams,
        response: { 200: messageListSchema, ...errors },
      },
    },
    async (req) => readHouseholdMessages(app, requestContext(req, now), req.params.id),
  );

  r.post(
    '/households/:id/messages',
    {
      schema: {
        tags,
        summary: 'Write a message from a template (a letter gets a protocol number) and queue its deliveries',
        params: idParams,
        body: newMessageSchema,
        response: { 201: z.object({ id: z.string(), protocol: z.string().nullable() }), ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await sendStaffMessage(app, requestContext(req, now), req.params.id, req.body)),
  );

  r.post(
    '/households/:id/document-requests',
    {
      schema: {
        tags,
        summary: 'Ask a household for documents: a protocolled letter and one request per document',
        params: idParams,
        body: newDocumentRequestSchema,
        response: {
          201: z.object({
            messageId: z.string().nullable(),
            protocol: z.string().nullable(),
            requestIds: z.array(z.string()),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await requestDocuments(app, requestContext(req, now), req.params.id, req.body)),
  );

  r.get(
    '/households/:id/document-requests',
    {
      schema: {
        tags,
        summary: 'Documents asked of a household and the files uploaded for them',
        params: idParams,
        response: { 200: documentRequestListSchema, ...errors },
      },
    },
    async (req) => readDocumentRequests(app, requestContext(req, now), req.params.id),
  );

  r.get(
    '/request-documents/:id',
    { schema: { tags, summary: 'Download a file uploaded for a document request', params: idParams } },
    async (req, reply) => {
      const { document, bytes } = await downloadRequestDocument(app, requestContext(req, now), req.params.id);
      return reply
        .type(document.mediaType)
        .header('content-disposition', attachmentHeader(document.originalName))
        .header('x-content-type-options', 'nosniff')
        .send(bytes);
    },
  );

  r.get(
    '/messages/:id/letter.pdf',
    { schema: { tags, summary: 'The letter of a message as PDF/A (heading, protocol number)', params: idParams } },
    async (req, reply) => {
      const { pdf, protocol } = await readLetter(app, requestContext(req, now), req.params.id);
      const name = `lettera-${(protocol ?? req.params.id).replace(/\//g, '-')}.pdf`;
      return reply.type('application/pdf').header('content-disposition', attachmentHeader(name)).send(pdf);
    },
  );

  r.get(
    '/communications/outbox',
    {
      schema: {
        tags,
        summary: 'Deliveries by channel and state, and the ones that failed or need checking',
        response: { 200: outboxViewSchema, ...errors },
      },
    },
    async (req) => readOutbox(app, requestContext(req, now)),
  );

  r.post(
    '/communications/outbox/:id/resolution',
    {
      schema: {
        tags,
        summary: 'An operator decides on a failed or uncertain delivery: delivered (checked), send again, or abandon',
        params: idParams,
        body: outboxResolutionSchema,
        response: { 200: outboxResolutionResultSchema, ...errors },
      },
    },
    async (req) => resolveOutboxDelivery(app, requestContext(req, now), req.params.id, req.body),
  );
}
