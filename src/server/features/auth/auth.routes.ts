import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { loginRequestSchema, roleSchema, sessionUserSchema, type SessionUser } from '../../../shared/auth.js';
import { okSchema } from '../../../shared/common.js';
import { errorBodySchema } from '../../../shared/errors.js';
import type { AppConfig } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { App } from '../../http/route-kit.js';
import { AppError, unauthenticated } from '../../http/errors.js';
import { writeAudit } from '../audit/audit.queries.js';
import {
  countRecentFailures,
  deleteSession,
  findSessionWithUser,
  findUserByUsername,
  insertSession,
  listUserComuni,
  recordLoginAttempt,
  touchSession,
} from './auth.queries.js';
import { verifyAgainstDummy, verifyPassword } from './passwords.js';
import { isSessionAlive, newCsrfToken, newSessionToken, sessionIdFromToken } from './sessions.js';

export const SESSION_COOKIE = 'abitare_session';
/** last_seen_at is written at most this often, to keep reads cheap. */
const TOUCH_EVERY_MS = 60_000;

/** Loads the session behind a cookie token into the request; an expired session is removed. */
export async function loadSession(req: FastifyRequest, token: string, db: Db, config: AppConfig, now: Date) {
  const sessionId = sessionIdFromToken(token);
  const row = await findSessionWithUser(db.kysely, sessionId);
  if (!row) return;
  if (row.active !== 1 || !isSessionAlive(row, now, config.session.idleMinutes)) {
    await deleteSession(db.kysely, sessionId);
    return;
  }
  if (now.getTime() - Date.parse(row.lastSeenAt) > TOUCH_EVERY_MS) {
    await touchSession(db.kysely, sessionId, now.toISOString());
  }
  req.sessionId = sessionId;
  req.csrfToken = row.csrfToken;
  req.actor = {
    userId: row.userId,
    username: row.username,
    displayName: row.displayName,
    role: roleSchema.parse(row.role),
    partnerId: row.partnerId,
    comuneIds: await listUserComuni(db.kysely, row.userId),
  };
  req.sessionExpiresAt = row.expiresAt;
}

function cookieSecure(config: AppConfig, req: FastifyRequest): boolean {
  return config.cookieSecure === 'auto' ? req.protocol === 'https' : config.cookieSecure;
}

function setSessionCookie(reply: FastifyReply, req: FastifyRequest, config: AppConfig, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: cookieSecure(config, req),
    maxAge: Math.round(config.session.absoluteHours * 3600),
  });
}

export function registerAuthRoutes(api: FastifyInstance, app: App) {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { db, config, now } = app.deps;

  r.post(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Log in with username and password; sets the session cookie',
        body: loginRequestSchema,
        response: { 200: sessionUserSchema, 401: errorBodySchema, 429: errorBodySchema },
      },
    },
    async (req, reply): Promise<SessionUser> => {
      const at = now();
      const { username, password } = req.body;
      const since = new Date(at.getTime() - config.login.windowMinutes * 60_000).toISOString();
      const [byUser, byIp] = await Promise.all([
        countRecentFailures(db.kysely, { username }, since),
        countRecentFailures(db.kysely, { ip: req.ip }, since),
      ]);
      if (byUser >= config.login.maxAttempts || byIp >= config.login.maxAttempts * 4) {
        await writeAudit(
          db.kysely,
          { now: at, requestId: req.id, ip: req.ip, method: req.method, path: req.url },
          {
            action: 'login',
            entityType: 'user',
            outcome: 'denied',
            details: { username, reason: 'throttled' },
          },
        );
        throw new AppError(
          429,
          'TOO_MANY_ATTEMPTS',
          `Troppi tentativi di accesso non riusciti: riprova tra ${config.login.windowMinutes} minuti.`,
        );
      }
      const user = await findUserByUsername(db.kysely, username);
      const ok = user && user.active === 1 ? await verifyPassword(user.password_hash, password) : false;
      if (!user) await verifyAgainstDummy(password);
      await recordLoginAttempt(db.kysely, { username, ip: req.ip, succeeded: ok, at: at.toISOString() });
      if (!ok || !user) {
        await writeAudit(
          db.kysely,
          { now: at, requestId: req.id, ip: req.ip, method: req.method, path: req.url },
          {
            action: 'login',
            entityType: 'user',
            entityId: user?.id ?? null,
            outcome: 'failed',
            details: { username },
          },
        );
        throw new AppError(401, 'INVALID_CREDENTIALS', 'Nome utente o password non corretti.');
      }
      // A new token at every login: a session id known before login is never reused.
      if (req.sessionId) await deleteSession(db.kysely, req.sessionId);
      const token = newSessionToken();
      const csrfToken = newCsrfToken();
      const expiresAt = new Date(at.getTime() + config.session.absoluteHours * 3_600_000).toISOString();
      await db.kysely.transaction().execute(async (trx) => {
        await insertSession(trx, {
          id: sessionIdFromToken(token),
          userId: user.id,
          csrfToken,
          now: at.toISOString(),
          expiresAt,
          ip: req.ip,
          userAgent: req.headers['user-agent']?.slice(0, 300) ?? null,
        });
        await writeAudit(
          trx,
          {
            now: at,
            actor: { userId: user.id, username: user.username, role: user.role },
            requestId: req.id,
            ip: req.ip,
            method: req.method,
            path: req.url,
          },
          { action: 'login', entityType: 'user', entityId: user.id },
        );
      });
      setSessionCookie(reply, req, config, token);
      return {
        id: user.id,
        username: user.username,
        displayName: user.display_name,
        role: roleSchema.parse(user.role),
        partnerId: user.partner_id,
        comuneIds: await listUserComuni(db.kysely, user.id),
        csrfToken,
        expiresAt,
      };
    },
  );

  r.get(
    '/auth/session',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'The current session, with its CSRF token',
        response: { 200: sessionUserSchema, 401: errorBodySchema },
      },
    },
    async (req): Promise<SessionUser> => {
      const actor = req.actor;
      if (!actor || !req.csrfToken) throw unauthenticated();
      return {
        id: actor.userId,
        username: actor.username,
        displayName: actor.displayName,
        role: actor.role,
        partnerId: actor.partnerId,
        comuneIds: [...actor.comuneIds],
        csrfToken: req.csrfToken,
        expiresAt: req.sessionExpiresAt ?? '',
      };
    },
  );

  r.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End the session',
        response: { 200: okSchema, 401: errorBodySchema },
      },
    },
    async (req, reply) => {
      const at = now();
      if (req.sessionId) {
        await db.kysely.transaction().execute(async (trx) => {
          await deleteSession(trx, req.sessionId as string);
          await writeAudit(
            trx,
            { now: at, actor: req.actor, requestId: req.id, ip: req.ip, method: req.method, path: req.url },
            { action: 'logout', entityType: 'user', entityId: req.actor?.userId ?? null },
          );
        });
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );
}
