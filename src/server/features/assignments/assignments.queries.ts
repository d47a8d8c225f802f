// Reads of the assignment run that are too large for row objects: 100,000 applications of a call.
import { sql } from 'kysely';
import type { DbExecutor } from '../../db/client.js';
import { APPLICATION_LINE_FIELDS, FIELD_SEPARATOR, LINE_SEPARATOR } from './assignments.snapshot.js';

/**
 * Every application of the call as one text: a line per application (by platform id) with the
 * fields of APPLICATION_LINE_FIELDS (assignments.snapshot.ts). One string instead of 100,000 row
 * objects: the database joins them (string_agg, in SQLite since 3.44 and in PostgreSQL), and the
 * run stores the same text as its snapshot. Units are named by code and Comuni by Belfiore code
 * (both unique), and the decision (kept on the application by a trigger, migration 202611262100)
 * by its first letter: the text is 40% of the ids' length, and reading, storing and hashing it is
 * most of the run. Empty text stands for null. Portable SQL on both databases (format, string_agg).
 */
export async function loadApplicationText(db: DbExecutor, callId: string): Promise<string> {
  // One format() per row (SQLite and PostgreSQL both print a null %s as empty text) instead of
  // twenty concatenations.
  const pattern = APPLICATION_LINE_FIELDS.map(() => '%s').join(FIELD_SEPARATOR);
  const result = await sql<{ text: string | null }>`
    select string_agg(line, ${LINE_SEPARATOR} order by platform_id) as text from (
      select a.platform_id, format(${pattern}, a.platform_id, a.members_count, a.max_invalidity_percent,
        a.indigent, a.indigence_attested, c.belfiore_code, a.reserve_categories, u1.code, u2.code,
        substr(a.latest_decision, 1, 1)) as line
      from applications a
      left join comuni c on c.id = a.residence_comune_id
      left join units u1 on u1.id = a.choice_1_unit_id
      left join units u2 on u2.id = a.choice_2_unit_id
      where a.call_id = ${callId}
    ) lines`.execute(db);
  return result.rows[0]?.text ?? '';
}

/** Comune ids by Belfiore code, as the application lines name them. */
export async function loadComuneCodes(db: DbExecutor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('comuni').select(['id', 'belfiore_code']).execute();
  return new Map(rows.map((r) => [r.belfiore_code, r.id]));
}

/** Internal ids of the call's applications with the given platform ids (a run's proposals). */
export async function findApplicationIds(db: DbExecutor, callId: string, platformIds: readonly string[]) {
  const found = new Map<string, string>();
  for (let i = 0; i < platformIds.length; i += 500) {
    const rows = await db
      .selectFrom('applications')
      .select(['id', 'platform_id'])
      .where('call_id', '=', callId)
      .where('platform_id', 'in', platformIds.slice(i, i + 500))
      .execute();
    for (const r of rows) found.set(r.platform_id, r.id);
  }
  return found;
}
