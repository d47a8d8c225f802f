import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../shared/common.js';
import {
  applicationDetailSchema,
  applicationInputSchema,
  applicationListQuerySchema,
  applicationListSchema,
  approvalInputSchema,
  benefitsSchema,
  contractInputSchema,
  documentSchema,
  documentUploadQuerySchema,
  landlordInputSchema,
  landlordListSchema,
  measureDetailSchema,
  measureListSchema,
  measureUpdateSchema,
  parameterVersionInputSchema,
  reviewInputSchema,
} from '../../../shared/measures.js';
import { ALLOWED_MEDIA_TYPES, findDocument, openDocument } from '../../documents/store.js';
import { AppError, notFound } from '../../http/errors.js';
import { errorResponses, requestContext, type App } from '../../http/route-kit.js';
import { writeAudit } from '../audit/audit.queries.js';
import { findHouseholdFacts } from '../households/households.queries.js';
import { canReadApplication } from './measures.access.js';
import {
  addParameterVersion,
  APPLICATION_OWNER_KIND,
  createApplication,
  createContract,
  createLandlord,
  decideApplication,
  decisionLetter,
  householdBenefits,
  listApplications,
  listLandlords,
  listMeasures,
  readApplication,
  readMeasure,
  refuse,
  reviewApplication,
  updateMeasure,
  uploadApplicationDocument,
} from './measures.actions.js';

const idParams = z.object({ id: idSchema });
const errors = { ...errorResponses, 413: errorResponses[400], 415: errorResponses[400] };
const idResult = z.object({ id: z.string() });

/**
 * Measures, applications to measures, documents, landlords. Registered in a scope of its own so
 * that the raw body parser of document uploads (PDF, JPEG, PNG) serves these routes only.
 */
export function registerMeasureRoutes(api: FastifyInstance, app: App) {
  void api.register(async (scope) => {
    scope.addContentTypeParser(
      [...ALLOWED_MEDIA_TYPES, 'application/octet-stream'],
      // A little over the limit, so that an oversized file gets DOCUMENT_TOO_LARGE from the store.
      { parseAs: 'buffer', bodyLimit: app.deps.config.documentMaxBytes + 1024 },
      (_req, body, done) => done(null, body),
    );
    measureRoutes(scope, app);
  });
}

function measureRoutes(api: FastifyInstance, app: App) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { db, now, config } = app.deps;
  const tags = ['measures'];
  const store = { dir: config.documentsDir, maxBytes: config.documentMaxBytes };

  r.get(
    '/measures',
    {
      schema: {
        tags,
        summary: 'Measures with their parameters in force',
        response: { 200: measureListSchema, ...errors },
      },
    },
    async (req) => ({ items: await listMeasures(db.kysely, requestContext(req, now)) }),
  );
  r.get(
    '/measures/:id',
    {
      schema: {
        tags,
        summary: 'A measure with every version of its parameters',
        params: idParams,
        response: { 200: measureDetailSchema, ...errors },
      },
    },
    async (req) => readMeasure(db.kysely, requestContext(req, now), req.params.id),
  );
  r.put(
    '/measures/:id',
    {
      schema: {
        tags,
        summary: 'Activate or close a measure',
        params: idParams,
        body: measureUpdateSchema,
        response: { 200: measureDetailSchema, ...errors },
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      await updateMeasure(db.kysely, ctx, req.params.id, req.body);
      return readMeasure(db.kysely, ctx, req.params.id);
    },
  );
  r.post(
    '/measures/:id/parameter-versions',
    {
      schema: {
        tags,
        summary: 'Add a version of the measure’s parameters (versions are never edited)',
        params: idParams,
        body: parameterVersionInputSchema,
        response: { 201: measureDetailSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      await addParameterVersion(db.kysely, ctx, req.params.id, req.body);
      return reply.status(201).send(await readMeasure(db.kysely, ctx, req.params.id));
    },
  );

  r.get(
    '/measure-applications',
    {
      schema: {
        tags,
        summary: 'Applications to measures (review and approval queues by status)',
        querystring: applicationListQuerySchema,
        response: { 200: applicationListSchema, ...errors },
      },
    },
    async (req) => listApplications(db.kysely, requestContext(req, now), req.query),
  );
  r.post(
    '/measure-applications',
    {
      schema: {
        tags,
        summary: 'Enter an application to a measure (ISEE in force, IBAN and caps checked)',
        body: applicationInputSchema,
        response: { 201: applicationDetailSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      const id = await createApplication(db.kysely, ctx, req.body);
      return reply.status(201).send(await readApplication(db.kysely, ctx, id));
    },
  );
  r.get(
    '/measure-applications/:id',
    {
      schema: {
        tags,
        summary: 'An application with its checks, amount breakdown, documents and history',
        params: idParams,
        response: { 200: applicationDetailSchema, ...errors },
      },
    },
    async (req) => readApplication(db.kysely, requestContext(req, now), req.params.id),
  );
  r.post(
    '/measure-applications/:id/documents',
    {
      schema: {
        tags,
        summary: 'Upload a document (PDF, JPEG or PNG, checked by content; size-limited)',
        consumes: [...ALLOWED_MEDIA_TYPES, 'application/octet-stream'],
        params: idParams,
        querystring: documentUploadQuerySchema,
        response: { 201: documentSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      if (!Buffer.isBuffer(req.body)) {
        throw new AppError(415, 'DOCUMENT_TYPE_NOT_ALLOWED', 'Inviare il file come PDF, JPEG o PNG.');
      }
      const doc = await uploadApplicationDocument(db.kysely, ctx, store, req.params.id, {
        bytes: req.body,
        fileName: req.query.fileName,
        category: req.query.category,
      });
      return reply.status(201).send({
        id: doc.id,
        category: doc.category,
        originalName: doc.originalName,
        mediaType: doc.mediaType,
        sizeBytes: doc.sizeBytes,
        sha256: doc.sha256,
        storedAt: doc.storedAt,
      });
    },
  );
  r.get(
    '/documents/:id',
    {
      schema: {
        tags,
        summary: 'Download a stored document (as an attachment, never rendered inline)',
        params: idParams,
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      const meta = await findDocument(db.kysely, req.params.id);
      if (!meta) throw notFound('Il documento');
      // Documents of this area belong to applications: the application's access rule applies.
      const household = meta.householdId
        ? await findHouseholdFacts(db.kysely, meta.householdId, ctx.now.toISOString())
        : undefined;
      const allowed =
        meta.ownerKind === APPLICATION_OWNER_KIND &&
        household !== undefined &&
        canReadApplication(ctx.actor, household);
      if (!allowed) {
        await refuse(db.kysely, ctx, {
          action: 'download',
          entityType: 'document',
          entityId: meta.id,
          householdId: meta.householdId,
        });
      }
      const opened = await openDocument(db.kysely, store, meta.id);
      if (!opened) throw notFound('Il documento');
      await writeAudit(db.kysely, ctx, {
        action: 'download',
        entityType: 'document',
        entityId: meta.id,
        householdId: meta.householdId,
      });
      const safeName = opened.document.originalName.replace(/[^\w.\- ]/g, '_');
      return reply
        .type(opened.document.mediaType)
        .header('content-disposition', `attachment; filename="${safeName}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(opened.bytes);
    },
  );
  r.post(
    '/measure-applications/:id/review',
    {
      schema: {
        tags,
        summary: 'Review (istruttoria): outcome and reason; a positive one computes the amount',
        params: idParams,
        body: reviewInputSchema,
        response: { 200: applicationDetailSchema, ...errors },
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      await reviewApplication(db.kysely, ctx, req.params.id, req.body);
      return readApplication(db.kysely, ctx, req.params.id);
    },
  );
  r.post(
    '/measure-applications/:id/decision',
    {
      schema: {
        tags,
        summary: 'Approval by a manager other than the reviewer; commits the fund’s budget',
        params: idParams,
        body: approvalInputSchema,
        response: { 200: applicationDetailSchema, ...errors },
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      await decideApplication(db.kysely, ctx, req.params.id, req.body);
      return readApplication(db.kysely, ctx, req.params.id);
    },
  );
  r.get(
    '/measure-applications/:id/letter.pdf',
    { schema: { tags, summary: 'The decision letter (PDF/A)', params: idParams } },
    async (req, reply) => {
      const letter = await decisionLetter(db.kysely, requestContext(req, now), req.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="esito-${letter.code}.pdf"`)
        .send(letter.pdf);
    },
  );
  r.get(
    '/households/:id/benefits',
    {
      schema: {
        tags,
        summary: 'A household’s applications to measures and payments received',
        params: idParams,
        response: { 200: benefitsSchema, ...errors },
      },
    },
    async (req) => householdBenefits(db.kysely, requestContext(req, now), req.params.id),
  );

  r.get(
    '/landlords',
    {
      schema: {
        tags,
        summary: 'Landlords with their agreed-rent contracts, incentives and guarantees',
        response: { 200: landlordListSchema, ...errors },
      },
    },
    async (req) => ({ items: await listLandlords(db.kysely, requestContext(req, now)) }),
  );
  r.post(
    '/landlords',
    {
      schema: {
        tags,
        summary: 'Register a landlord',
        body: landlordInputSchema,
        response: { 201: idResult, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ id: await createLandlord(db.kysely, requestContext(req, now), req.body) }),
  );
  r.post(
    '/agreed-rent-contracts',
    {
      schema: {
        tags,
        summary: 'Register an agreed-rent contract (L. 431/1998 art. 2 c.3); incentive and guarantee computed',
        body: contractInputSchema,
        response: { 201: idResult, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ id: await createContract(db.kysely, requestContext(req, now), req.body) }),
  );
}
