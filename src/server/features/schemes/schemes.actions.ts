// Points schemes for calls scored locally (issue 3 item 9): versioned data edited by an
// administrator or a manager, validated by the rules, never overwritten (a change is a new version).
import type { PlainDate } from '../../../core/kernel/plain-date.js';
import { plainDateOf } from '../../../core/kernel/plain-date.js';
import { householdFacts } from '../../../core/scoring/household-facts.js';
import { scoreWithScheme, validateScheme, type PointsScheme } from '../../../core/scoring/points-scheme.js';
import type { PointsSchemeInput } from '../../../shared/schemes.js';
import type { DbExecutor } from '../../db/client.js';
import type { RequestContext } from '../../http/context.js';
import { AppError, forbidden, notFound, validationFailed } from '../../http/errors.js';
import { newId } from '../../ids.js';
import { writeAudit } from '../audit/audit.queries.js';
import { canReadHousehold } from '../households/households.access.js';
import { findHouseholdFacts } from '../households/households.queries.js';
import { findScheme, insertScheme, listVersions, loadHouseholdRecords } from './schemes.queries.js';

/** Schemes decide who is helped first: only administrators and managers write them. */
export function canWriteSchemes(role: string): boolean {
  return role === 'admin' || role === 'manager';
}

export async function createScheme(root: DbExecutor, ctx: RequestContext, input: PointsSchemeInput) {
  if (!canWriteSchemes(ctx.actor.role)) {
    await writeAudit(root, ctx, { action: 'create', entityType: 'scoring_scheme', outcome: 'denied' });
    throw forbidden();
  }
  const scheme = input as PointsScheme;
  return root.transaction().execute(async (db) => {
    const others = await listVersions(db, scheme.id);
    if (others.some((o) => o.version === scheme.version)) {
      throw new AppError(
        409,
        'CONFLICT',
        `La versione ${scheme.version} dello schema esiste già: le versioni non si modificano.`,
      );
    }
    const errors = validateScheme(scheme, others);
    if (errors.length > 0) {
      throw validationFailed(
        errors.map((e) => ({ path: e.path, code: e.code, message: e.text })),
        'Lo schema non è valido.',
      );
    }
    await insertScheme(db, { id: newId(), scheme, at: ctx.now.toISOString(), by: ctx.actor.userId });
    await writeAudit(db, ctx, {
      action: 'create',
      entityType: 'scoring_scheme',
      entityId: `${scheme.id}@${scheme.version}`,
    });
    return { code: scheme.id, version: scheme.version };
  });
}

/** Scores one household with a scheme, explained criterion by criterion (reads personal data: audited). */
export async function scoreHousehold(
  root: DbExecutor,
  ctx: RequestContext,
  code: string,
  version: string,
  householdId: string,
  asOf?: PlainDate,
) {
  const scheme = await findScheme(root, code, version);
  if (!scheme) throw notFound('Lo schema di punteggio');
  const facts = await findHouseholdFacts(root, householdId, ctx.now.toISOString());
  if (!facts) throw notFound('Il nucleo familiare');
  if (!canReadHousehold(ctx.actor, facts)) {
    await writeAudit(root, ctx, {
      action: 'score',
      entityType: 'household',
      entityId: householdId,
      householdId,
      outcome: 'denied',
    });
    throw forbidden();
  }
  const on = asOf ?? plainDateOf(ctx.now, 'Europe/Rome');
  const record = (await loadHouseholdRecords(root, [householdId], on)).get(householdId);
  if (!record) throw notFound('Il nucleo familiare');
  const score = scoreWithScheme(householdFacts(record, on), scheme, { asOf: on });
  if (!score.ok) throw new AppError(409, 'CONFLICT', score.error.text);
  await writeAudit(root, ctx, {
    action: 'score',
    entityType: 'household',
    entityId: householdId,
    householdId,
    details: { scheme: `${code}@${version}` },
  });
  return {
    householdId,
    scheme: { code: scheme.id, version: scheme.version, name: scheme.name },
    asOf: on,
    eligibility: score.eligibility,
    criteria: score.criteria,
    total: score.total,
    pointsPending: score.pointsPending,
    text: score.text,
  };
}
