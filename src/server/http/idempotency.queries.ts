// The SQL of the idempotency mechanism (idempotency.ts).
import type { DbExecutor } from '../db/client.js';

export interface IdempotencyKeyRef {
  readonly userId: string;
  readonly key: string;
}

export async function findIdempotencyKey(db: DbExecutor, ref: IdempotencyKeyRef) {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('user_id', '=', ref.userId)
    .where('idempotency_key', '=', ref.key)
    .executeTakeFirst();
}

/** Claims a key for a first request; false when another request already holds it. */
export async function claimIdempotencyKey(
  db: DbExecutor,
  row: IdempotencyKeyRef & { method: string; route: string; requestHash: string; at: string },
): Promise<boolean> {
  const result = await db
    .insertInto('idempotency_keys')
    .values({
      user_id: row.userId,
      idempotency_key: row.key,
      method: row.method,
      route: row.route,
      request_hash: row.requestHash,
      status_code: null,
      content_type: null,
      response_body: null,
      created_at: row.at,
      completed_at: null,
    })
    .onConflict((oc) => oc.columns(['user_id', 'idempotency_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Takes over a key left in progress by a request that never finished (e.g. a crashed process). */
export async function takeOverStaleKey(
  db: DbExecutor,
  ref: IdempotencyKeyRef,
  staleBefore: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('idempotency_keys')
    .set({ created_at: at })
    .where('user_id', '=', ref.userId)
    .where('idempotency_key', '=', ref.key)
    .where('status_code', 'is', null)
    .where('created_at', '<', staleBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function completeIdempotencyKey(
  db: DbExecutor,
  ref: IdempotencyKeyRef,
  response: { status: number; contentType: string | null; body: string | null; at: string },
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({
      status_code: response.status,
      content_type: response.contentType,
      response_body: response.body,
      completed_at: response.at,
    })
    .where('user_id', '=', ref.userId)
    .where('idempotency_key', '=', ref.key)
    .execute();
}

export async function releaseIdempotencyKey(db: DbExecutor, ref: IdempotencyKeyRef): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('user_id', '=', ref.userId)
    .where('idempotency_key', '=', ref.key)
    .where('status_code', 'is', null)
    .execute();
}

/** Forgets completed keys older than the given instant (the retention job calls it). */
export async function purgeIdempotencyKeys(db: DbExecutor, before: string): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
