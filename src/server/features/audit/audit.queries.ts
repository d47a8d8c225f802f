import type { DbExecutor } from '../../db/client.js';
import type { RequestContext } from '../../http/context.js';
import { newId } from '../../ids.js';

export interface AuditEntry {
  readonly action: string;
  readonly entityType: string;
  readonly entityId?: string | null;
  readonly householdId?: string | null;
  readonly outcome?: 'ok' | 'denied' | 'failed';
  readonly details?: Record<string, unknown> | null;
}

export interface AuditSource {
  readonly actor?: { readonly userId: string; readonly username: string; readonly role: string } | null;
  readonly requestId?: string | null;
  readonly ip?: string | null;
  readonly method?: string | null;
  readonly path?: string | null;
  readonly now: Date;
}

/** Appends one row to the audit log. Call it inside the use case's transaction, so both land or neither. */
export async function writeAudit(
  db: DbExecutor,
  source: AuditSource | RequestContext,
  entry: AuditEntry,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: source.now.toISOString(),
      user_id: source.actor?.userId ?? null,
      username: source.actor?.username ?? null,
      role: source.actor?.role ?? null,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      household_id: entry.householdId ?? null,
      outcome: entry.outcome ?? 'ok',
      request_id: source.requestId ?? null,
      method: source.method ?? null,
      path: source.path ?? null,
      ip: source.ip ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}

export interface AuditFilter {
  readonly userId?: string | undefined;
  readonly username?: string | undefined;
  readonly householdId?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

export async function listAudit(db: DbExecutor, filter: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (filter.userId) q = q.where('user_id', '=', filter.userId);
  if (filter.username) q = q.where('username', '=', filter.username);
  if (filter.householdId) q = q.where('household_id', '=', filter.householdId);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      username: r.username,
      role: r.role,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      householdId: r.household_id,
      outcome: r.outcome,
      requestId: r.request_id,
      method: r.method,
      path: r.path,
      ip: r.ip,
      details: r.details,
    })),
  };
}
