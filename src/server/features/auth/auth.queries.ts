import type { DbExecutor } from '../../db/client.js';
import { newId } from '../../ids.js';

export async function findUserByUsername(db: DbExecutor, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function listUserComuni(db: DbExecutor, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('user_comuni').select('comune_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.comune_id).sort();
}

export async function countRecentFailures(
  db: DbExecutor,
  by: { readonly username?: string; readonly ip?: string },
  since: string,
): Promise<number> {
  let q = db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('succeeded', '=', 0)
    .where('attempted_at', '>=', since);
  if (by.username !== undefined) q = q.where('username', '=', by.username);
  if (by.ip !== undefined) q = q.where('ip', '=', by.ip);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function recordLoginAttempt(
  db: DbExecutor,
  attempt: { readonly username: string; readonly ip: string; readonly succeeded: boolean; readonly at: string },
): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values({
      id: newId(),
      username: attempt.username,
      ip: attempt.ip,
      succeeded: attempt.succeeded ? 1 : 0,
      attempted_at: attempt.at,
    })
    .execute();
}

export async function insertSession(
  db: DbExecutor,
  s: {
    readonly id: string;
    readonly userId: string;
    readonly csrfToken: string;
    readonly now: string;
    readonly expiresAt: string;
    readonly ip: string;
    readonly userAgent: string | null;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      created_at: s.now,
      last_seen_at: s.now,
      expires_at: s.expiresAt,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

export async function findSessionWithUser(db: DbExecutor, sessionId: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sessionId',
      'sessions.csrf_token as csrfToken',
      'sessions.expires_at as expiresAt',
      'sessions.last_seen_at as lastSeenAt',
      'users.id as userId',
      'users.username as username',
      'users.display_name as displayName',
      'users.role as role',
      'users.partner_id as partnerId',
      'users.active as active',
    ])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
}

export async function touchSession(db: DbExecutor, sessionId: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: DbExecutor, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteExpiredSessions(db: DbExecutor, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}
