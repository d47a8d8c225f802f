// Idempotency of state-changing API requests: a client that retries a POST/PUT/PATCH/DELETE with
// the same `Idempotency-Key` header (after a timeout, a lost connection, a crash) gets the stored
// response of the first attempt instead of a second action. The same key with a different request
// is refused with 422 IDEMPOTENCY_KEY_REUSED; a key whose first request is still running gets 409
// IDEMPOTENCY_KEY_IN_PROGRESS. Keys live in the database (per user), so every app process shares them.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import { AppError, validationFailed } from './errors.js';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  findIdempotencyKey,
  releaseIdempotencyKey,
  takeOverStaleKey,
  type IdempotencyKeyRef,
} from './idempotency.queries.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: IdempotencyKeyRef | null;
    /** Hash of the request as sent (before validation reshapes the body). */
    idempotencyHash: string | null;
  }
}

export interface IdempotencyOptions {
  /**
   * A key left "in progress" longer than this belongs to a request that never finished (its process
   * died; its transaction was rolled back): a retry may then run the request again.
   */
  readonly staleAfterMs?: number;
}

/** Canonical JSON (keys sorted), so that the same body always hashes the same. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export function requestHash(req: Pick<FastifyRequest, 'method' | 'url' | 'body'>): string {
  const h = createHash('sha256').update(`${req.method}\n${req.url}\n`);
  const body = req.body;
  if (Buffer.isBuffer(body)) h.update('b:').update(body);
  else if (typeof body === 'string') h.update('s:').update(body);
  else h.update('j:').update(canonical(body));
  return h.digest('hex');
}

function routeOf(req: FastifyRequest): string {
  return req.routeOptions.url ?? req.url.split('?')[0] ?? req.url;
}

export function registerIdempotency(fastify: FastifyInstance, db: Db, now: () => Date, opts: IdempotencyOptions = {}) {
  const staleAfterMs = opts.staleAfterMs ?? 5 * 60_000;
  fastify.decorateRequest('idempotency', null);
  fastify.decorateRequest('idempotencyHash', null);

  fastify.addHook('preValidation', async (req) => {
    if (UNSAFE_METHODS.has(req.method) && req.headers[IDEMPOTENCY_HEADER] !== undefined) {
      req.idempotencyHash = requestHash(req);
    }
  });

  // Runs after the session and CSRF check (registered after it), before the route's handler.
  fastify.addHook('preHandler', async (req, reply) => {
    if (!UNSAFE_METHODS.has(req.method) || !req.actor || req.is404) return;
    const header = req.headers[IDEMPOTENCY_HEADER];
    if (header === undefined) return;
    if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
      throw validationFailed([
        {
          path: 'Idempotency-Key',
          code: 'invalid',
          message: 'La chiave di idempotenza deve avere da 1 a 200 caratteri stampabili, senza spazi.',
        },
      ]);
    }
    const ref: IdempotencyKeyRef = { userId: req.actor.userId, key: header };
    const hash = req.idempotencyHash ?? requestHash(req);
    const route = routeOf(req);
    const at = now();
    if (
      await claimIdempotencyKey(db.kysely, {
        ...ref,
        method: req.method,
        route,
        requestHash: hash,
        at: at.toISOString(),
      })
    ) {
      req.idempotency = ref;
      return;
    }
    const existing = await findIdempotencyKey(db.kysely, ref);
    if (!existing) {
      // Released between our insert and our read (the first request failed with a 5xx): act now.
      if (
        await claimIdempotencyKey(db.kysely, {
          ...ref,
          method: req.method,
          route,
          requestHash: hash,
          at: at.toISOString(),
        })
      ) {
        req.idempotency = ref;
        return;
      }
      throw inProgress();
    }
    if (existing.request_hash !== hash || existing.method !== req.method || existing.route !== route) {
      throw new AppError(
        422,
        'IDEMPOTENCY_KEY_REUSED',
        'Questa chiave di idempotenza è già stata usata per una richiesta diversa: usarne una nuova.',
      );
    }
    if (existing.status_code === null) {
      const staleBefore = new Date(at.getTime() - staleAfterMs).toISOString();
      if (await takeOverStaleKey(db.kysely, ref, staleBefore, at.toISOString())) {
        req.idempotency = ref;
        return;
      }
      throw inProgress();
    }
    reply.header('idempotent-replayed', 'true');
    reply.code(existing.status_code);
    if (existing.content_type) reply.header('content-type', existing.content_type);
    const body = existing.response_body ?? '';
    return reply.send(body.startsWith('b64:') ? Buffer.from(body.slice(4), 'base64') : body.replace(/^txt:/, ''));
  });

  fastify.addHook('onSend', async (req, reply, payload) => {
    const ref = req.idempotency;
    if (!ref) return payload;
    req.idempotency = null;
    if (reply.statusCode >= 500) {
      // The request failed and changed nothing (one transaction): the key is free for a retry.
      await releaseIdempotencyKey(db.kysely, ref);
      return payload;
    }
    const body =
      typeof payload === 'string'
        ? `txt:${payload}`
        : Buffer.isBuffer(payload)
          ? `b64:${payload.toString('base64')}`
          : null;
    const type = reply.getHeader('content-type');
    await completeIdempotencyKey(db.kysely, ref, {
      status: reply.statusCode,
      contentType: typeof type === 'string' ? type : null,
      body,
      at: now().toISOString(),
    });
    return payload;
  });
}

function inProgress() {
  return new AppError(
    409,
    'IDEMPOTENCY_KEY_IN_PROGRESS',
    'Una richiesta con questa chiave di idempotenza è ancora in corso: riprovare tra poco.',
  );
}
