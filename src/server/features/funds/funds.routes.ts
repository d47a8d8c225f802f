import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../shared/common.js';
import {
  batchDetailSchema,
  batchInputSchema,
  batchListSchema,
  benefitsExportQuerySchema,
  budgetChangeInputSchema,
  correctionInputSchema,
  fundDetailSchema,
  fundInputSchema,
  fundListSchema,
} from '../../../shared/funds.js';
import { errorResponses, requestContext, type App } from '../../http/route-kit.js';
import {
  changeBudget,
  correctPayment,
  createFund,
  createPaymentBatch,
  exportBenefits,
  listBatches,
  listFunds,
  readBatch,
  readFund,
} from './funds.actions.js';

const idParams = z.object({ id: idSchema });
const errors = errorResponses;

export function registerFundRoutes(api: FastifyInstance, app: App) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;
  const tags = ['funds'];

  r.get(
    '/funds',
    {
      schema: {
        tags,
        summary: 'Funds with budget, committed, paid and payable totals',
        response: { 200: fundListSchema, ...errors },
      },
    },
    async (req) => ({ items: await listFunds(db.kysely, requestContext(req, now)) }),
  );
  r.post(
    '/funds',
    {
      schema: {
        tags,
        summary: 'Create a fund with its yearly budget (cents)',
        body: fundInputSchema,
        response: { 201: fundDetailSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      const id = await createFund(db.kysely, ctx, req.body);
      return reply.status(201).send(await readFund(db.kysely, ctx, id));
    },
  );
  r.get(
    '/funds/:id',
    {
      schema: {
        tags,
        summary: 'A fund with its ledger (commitments, payments, corrections)',
        params: idParams,
        response: { 200: fundDetailSchema, ...errors },
      },
    },
    async (req) => readFund(db.kysely, requestContext(req, now), req.params.id),
  );
  r.post(
    '/funds/:id/budget-changes',
    {
      schema: {
        tags,
        summary: 'Increase or reduce a fund’s budget by a later act (a new ledger entry)',
        description:
          'A reduction below what is already committed is refused with 409 `BUDGET_EXCEEDED`; managers only.',
        params: idParams,
        body: budgetChangeInputSchema,
        response: { 201: fundDetailSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      await changeBudget(db.kysely, ctx, req.params.id, req.body);
      return reply.status(201).send(await readFund(db.kysely, ctx, req.params.id));
    },
  );
  r.get(
    '/payment-batches',
    { schema: { tags, summary: 'Payment batches', response: { 200: batchListSchema, ...errors } } },
    async (req) => ({ items: await listBatches(db.kysely, requestContext(req, now)) }),
  );
  r.post(
    '/payment-batches',
    {
      schema: {
        tags,
        summary: 'Pay approved grants of a fund in one batch (IBANs validated, budget never exceeded)',
        body: batchInputSchema,
        response: { 201: batchDetailSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      const id = await createPaymentBatch(db.kysely, ctx, req.body);
      return reply.status(201).send(await readBatch(db.kysely, ctx, id));
    },
  );
  r.get(
    '/payment-batches/:id',
    {
      schema: {
        tags,
        summary: 'A batch with its payments',
        params: idParams,
        response: { 200: batchDetailSchema, ...errors },
      },
    },
    async (req) => readBatch(db.kysely, requestContext(req, now), req.params.id),
  );
  r.post(
    '/payments/:id/corrections',
    {
      schema: {
        tags,
        summary: 'Cancel or recover a wrong payment (a new entry; the payment is never edited)',
        params: idParams,
        body: correctionInputSchema,
        response: { 201: z.object({ id: z.string() }), ...errors },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send({ id: await correctPayment(db.kysely, requestContext(req, now), req.params.id, req.body) }),
  );
  r.get(
    '/payments/export.csv',
    {
      schema: {
        tags,
        summary: 'Benefits paid for national reporting: beneficiary fiscal code, benefit type, amount, dates (CSV)',
        querystring: benefitsExportQuerySchema,
      },
    },
    async (req, reply) => {
      const csv = await exportBenefits(db.kysely, requestContext(req, now), req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="prestazioni-erogate.csv"')
        .send(csv);
    },
  );
}
