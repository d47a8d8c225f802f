// What the emergency features (evictions, temporary housing, plans, partners, referrals) share:
// refusals audited outside the use case's transaction, rule refusals with stable codes, the day.
import { plainDateOf, type PlainDate } from '../../../core/kernel/plain-date.js';
import type { DbExecutor } from '../../db/client.js';
import type { RequestContext } from '../../http/context.js';
import { AppError, forbidden } from '../../http/errors.js';
import { writeAudit } from '../audit/audit.queries.js';

export const TIME_ZONE = 'Europe/Rome';

export function today(ctx: Pick<RequestContext, 'now'>): PlainDate {
  return plainDateOf(ctx.now, TIME_ZONE);
}

/** Refusals are audited on the root connection, so that they survive the use case's rollback. */
export async function refuse(
  root: DbExecutor,
  ctx: RequestContext,
  entry: { action: string; entityType: string; entityId?: string | null; householdId?: string | null },
): Promise<never> {
  await writeAudit(root, ctx, { ...entry, outcome: 'denied' });
  throw forbidden();
}

/**
 * A refusal by a rule (dates out of order, capacity, renewals, transitions): 409 CONFLICT with the
 * rule's stable code in `details[0].code` and a clear Italian message; nothing is written.
 */
export function ruleRefused(code: string, message: string, path = ''): AppError {
  return new AppError(409, 'CONFLICT', message, [{ path, code, message }]);
}

/** Bad input the schema cannot see (dates out of order between fields): 400 with the field's path. */
export function inputRefused(code: string, message: string, path: string): AppError {
  return new AppError(400, 'VALIDATION_FAILED', message, [{ path, code, message }]);
}

/** Applicant's "Surname Name" per household, for lists. */
export async function applicantNames(db: DbExecutor, householdIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (householdIds.length === 0) return out;
  const rows = await db
    .selectFrom('members')
    .select(['household_id', 'first_name', 'last_name', 'relation', 'position'])
    .where('household_id', 'in', [...new Set(householdIds)])
    .orderBy('position')
    .execute();
  for (const r of rows) {
    if (!out.has(r.household_id) || r.relation === 'applicant')
      out.set(r.household_id, `${r.last_name} ${r.first_name}`);
  }
  return out;
}
