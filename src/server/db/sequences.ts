import type { DbExecutor } from './client.js';

/**
 * The next value of a named sequence. Call it inside the transaction that uses the number: the row
 * lock taken by the update keeps two writers from getting the same value, on SQLite and PostgreSQL.
 */
export async function nextSequenceValue(db: DbExecutor, name: string): Promise<number> {
  await db
    .insertInto('sequences')
    .values({ name, value: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .updateTable('sequences')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
