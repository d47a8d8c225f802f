// /api/portal/*: marked public for the staff session check, and authorised here by the citizen
// session (its own cookie and table), so that no staff route is ever reachable with it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema, okSchema } from '../../../shared/common.js';
import {
  portalConfigSchema,
  portalBookingSchema,
  portalExplanationSchema,
  portalHouseholdListSchema,
  portalHouseholdSchema,
  portalSessionSchema,
  portalSlotListSchema,
  portalUploadResultSchema,
  portalUploadSchema,
} from '../../../shared/portal.js';
import { AppError } from '../../http/errors.js';
import { errorResponses, type App } from '../../http/route-kit.js';
import { writeAudit } from '../audit/audit.queries.js';
import { attachmentHeader } from '../communications/communications.routes.js';
import {
  CITIZEN_COOKIE,
  citizenBook,
  citizenCancelBooking,
  citizenFreeSlots,
  citizenExplanation,
  citizenHousehold,
  citizenHouseholds,
  citizenLetter,
  citizenSource,
  citizenUpload,
  closeCitizenSession,
  openCitizenSession,
  requireCitizen,
  sessionView,
} from './portal.actions.js';
import { createRelyingParty, type RelyingParty } from './portal.oidc.js';
import { insertLoginRequest, takeLoginRequest } from './portal.queries.js';

const idParams = z.object({ id: idSchema });
const errors = errorResponses;
/** A login must come back from the provider within this time. */
const LOGIN_TTL_MS = 10 * 60_000;

export function registerPortalRoutes(api: FastifyInstance, app: App) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { db, config, now } = app.deps;
  const tags = ['portal'];
  const oidc = config.portal.oidc;
  const rp: RelyingParty | null = oidc ? createRelyingParty(oidc) : null;
  const isPublic = { public: true } as const;

  const redirectUri = (req: FastifyRequest) => oidc?.redirectUri ?? `${req.protocol}://${req.host}/api/portal/callback`;
  const secure = (req: FastifyRequest) =>
    config.cookieSecure === 'auto' ? req.protocol === 'https' : config.cookieSecure;
  const requireRp = () => {
    if (!rp) throw new AppError(503, 'PORTAL_LOGIN_UNAVAILABLE', 'L’accesso con SPID o CIE non è configurato.');
    return rp;
  };

  r.get(
    '/portal/config',
    {
      config: isPublic,
      schema: { tags, summary: 'Whether citizens can log in', response: { 200: portalConfigSchema } },
    },
    async () => ({ enabled: rp !== null, demoProvider: rp !== null && config.portal.devProvider }),
  );

  r.get(
    '/portal/login',
    {
      config: isPublic,
      schema: { tags, summary: 'Start the SPID/CIE (OpenID Connect) login: redirects to the provider' },
    },
    async (req, reply) => {
      const start = await requireRp().start(redirectUri(req));
      await insertLoginRequest(db.kysely, {
        state: start.state,
        nonce: start.nonce,
        codeVerifier: start.codeVerifier,
        redirectUri: redirectUri(req),
        at: now().toISOString(),
      });
      return reply.redirect(start.url, 302);
    },
  );

  r.get(
    '/portal/callback',
    {
      config: isPublic,
      schema: {
        tags,
        summary: 'The provider sends the citizen back here; opens the citizen session',
        querystring: z.looseObject({ state: z.string().max(200).optional(), code: z.string().max(2000).optional() }),
      },
    },
    async (req, reply) => {
      const at = now();
      const state = req.query.state ?? '';
      const login = state
        ? await takeLoginRequest(db.kysely, state, new Date(at.getTime() - LOGIN_TTL_MS).toISOString())
        : undefined;
      const fail = async (reason: string) => {
        await writeAudit(db.kysely, citizenSource(req, null, at), {
          action: 'login',
          entityType: 'citizen',
          outcome: 'failed',
          details: { reason },
        });
        return reply.redirect('/portale?errore=accesso', 302);
      };
      if (!login) return fail('unknown or expired state');
      const current = new URL(login.redirect_uri);
      current.search = new URL(req.url, 'http://x').search;
      let identity;
      try {
        identity = await requireRp().finish(current, {
          state: login.state,
          nonce: login.nonce,
          codeVerifier: login.code_verifier,
        });
      } catch (e) {
        return fail(e instanceof Error ? e.message : String(e));
      }
      if ('error' in identity) return fail(identity.error);
      const session = await openCitizenSession(app, req, identity);
      reply.setCookie(CITIZEN_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: secure(req),
        maxAge: Math.round(config.session.absoluteHours * 3600),
      });
      return reply.redirect('/portale', 302);
    },
  );

  r.get(
    '/portal/session',
    {
      config: isPublic,
      schema: {
        tags,
        summary: 'The citizen session, with its CSRF token',
        response: { 200: portalSessionSchema, ...errors },
      },
    },
    async (req) => sessionView(await requireCitizen(app, req)),
  );

  r.post(
    '/portal/logout',
    { config: isPublic, schema: { tags, summary: 'End the citizen session', response: { 200: okSchema, ...errors } } },
    async (req, reply) => {
      await closeCitizenSession(app, req, await requireCitizen(app, req));
      reply.clearCookie(CITIZEN_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  r.get(
    '/portal/households',
    {
      config: isPublic,
      schema: {
        tags,
        summary: 'The households the citizen is a member of',
        response: { 200: portalHouseholdListSchema, ...errors },
      },
    },
    async (req) => citizenHouseholds(app, req, await requireCitizen(app, req)),
  );

  r.get(
    '/portal/households/:id',
    {
      config: isPublic,
      schema: {
        tags,
        summary: 'One of the citizen’s households: applications, outcomes, deadlines, messages, requested documents',
        params: idParams,
        response: { 200: portalHouseholdSchema, ...errors },
      },
    },
    async (req) => citizenHousehold(app, req, await requireCitizen(app, req), req.params.id),
  );

  r.get(
    '/portal/applications/:id/explanation',
    {
      config: isPublic,
      schema: {
        tags,
        summary: 'Why the citizen’s application is where it is, in plain Italian',
        params: idParams,
        response: { 200: portalExplanationSchema, ...errors },
      },
    },
    async (req) =>
      portalExplanationSchema.parse(await citizenExplanation(app, req, await requireCitizen(app, req), req.params.id)),
  );

  r.post(
    '/portal/document-requests/:id/upload',
    {
      config: isPublic,
      // Base64 makes the body about 4/3 of the file.
      bodyLimit: Math.ceil(config.documentMaxBytes * 1.4) + 10_000,
      schema: {
        tags,
        summary: 'Upload a requested document (PDF, JPEG or PNG, base64)',
        params: idParams,
        body: portalUploadSchema,
        response: { 201: portalUploadResultSchema, ...errors, 413: errors[400], 415: errors[400] },
      },
    },
    async (req, reply) => {
      const citizen = await requireCitizen(app, req);
      return reply.status(201).send(await citizenUpload(app, req, citizen, req.params.id, req.body));
    },
  );

  r.get(
    '/portal/messages/:id/letter.pdf',
    {
      config: isPublic,
      schema: { tags, summary: 'A letter sent to the citizen’s household, as PDF', params: idParams },
    },
    async (req, reply) => {
      const pdf = await citizenLetter(app, req, await requireCitizen(app, req), req.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', attachmentHeader(`lettera-${req.params.id}.pdf`))
        .send(pdf);
    },
  );

  r.get(
    '/portal/appointment-slots',
    {
      config: isPublic,
      schema: {
        tags,
        summary: 'Free desk slots of the next 30 days',
        response: { 200: portalSlotListSchema, ...errors },
      },
    },
    async (req) => citizenFreeSlots(app, req, await requireCitizen(app, req)),
  );

  r.post(
    '/portal/households/:id/appointments',
    {
      config: isPublic,
      schema: {
        tags,
        summary: 'Book a desk appointment for one of the citizen’s households',
        params: idParams,
        body: portalBookingSchema,
        response: { 201: z.object({ id: z.string(), startsAt: z.string(), place: z.string() }), ...errors },
      },
    },
    async (req, reply) => {
      const citizen = await requireCitizen(app, req);
      return reply.status(201).send(await citizenBook(app, req, citizen, req.params.id, req.body));
    },
  );

  r.post(
    '/portal/appointments/:id/cancel',
    {
      config: isPublic,
      schema: {
        tags,
        summary: 'Cancel a desk appointment of one of the citizen’s households, before it starts',
        params: idParams,
        response: { 200: z.object({ id: z.string(), cancelled: z.literal(true) }), ...errors },
      },
    },
    async (req) => citizenCancelBooking(app, req, await requireCitizen(app, req), req.params.id),
  );
}
