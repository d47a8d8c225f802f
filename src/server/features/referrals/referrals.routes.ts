import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../shared/common.js';
import {
  referralDecisionSchema,
  referralInputSchema,
  referralListQuerySchema,
  referralListSchema,
  referralRevocationSchema,
  referralSchema,
} from '../../../shared/referrals.js';
import { errorResponses, requestContext, type App } from '../../http/route-kit.js';
import { decideReferral, listReferralsFor, readReferral, referHousehold, revokeReferral } from './referrals.actions.js';

const idParams = z.object({ id: idSchema });

export function registerReferralRoutes(api: FastifyInstance, app: App) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;
  const tags = ['referrals'];

  r.get(
    '/referrals',
    {
      schema: {
        tags,
        summary: 'Referrals between the agency and partners (a partner sees only its own)',
        querystring: referralListQuerySchema,
        response: { 200: referralListSchema, ...errorResponses },
      },
    },
    async (req) => ({ items: await listReferralsFor(db.kysely, requestContext(req, now), req.query) }),
  );

  r.post(
    '/referrals',
    {
      schema: {
        tags,
        summary: 'Refer a household to a partner (shares the file) or, as a partner, back to the agency',
        body: referralInputSchema,
        response: { 201: referralSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, now);
      const id = await referHousehold(db.kysely, ctx, req.body);
      return reply.status(201).send(await readReferral(db.kysely, ctx, id));
    },
  );

  r.get(
    '/referrals/:id',
    {
      schema: { tags, summary: 'One referral', params: idParams, response: { 200: referralSchema, ...errorResponses } },
    },
    async (req) => readReferral(db.kysely, requestContext(req, now), req.params.id),
  );

  r.post(
    '/referrals/:id/decision',
    {
      schema: {
        tags,
        summary: 'Accept or decline a referral (declining ends the share it opened)',
        params: idParams,
        body: referralDecisionSchema,
        response: { 200: referralSchema, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      await decideReferral(db.kysely, ctx, req.params.id, req.body);
      return readReferral(db.kysely, ctx, req.params.id);
    },
  );

  r.post(
    '/referrals/:id/revocation',
    {
      schema: {
        tags,
        summary: 'Revoke a referral (ends the share it opened)',
        params: idParams,
        body: referralRevocationSchema,
        response: { 200: referralSchema, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = requestContext(req, now);
      await revokeReferral(db.kysely, ctx, req.params.id, req.body.reason);
      return readReferral(db.kysely, ctx, req.params.id);
    },
  );
}
