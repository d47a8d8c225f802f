// `abitare sap verify` for assignment runs: recomputes a stored proposal from its own input
// snapshot and the ranking run it used, and compares it with what was stored (STYLE.md principle 3).
import {
  DEFAULT_REFUSAL_POLICY,
  proposeAssignments,
  REFUSAL_POLICIES,
  type AssignmentApplication,
  type AssignmentUnit,
  type Refusal,
} from '../../../core/sap/assignment.js';
import { fnv1a64Hex } from '../../../core/sap/fingerprint.js';
import type { QuotaFigure } from '../../../core/sap/quotas.js';
import type { DbExecutor } from '../../db/client.js';
import { findRun, loadRunEntries, toCoreRun } from '../rankings/rankings.queries.js';

interface AssignmentSnapshot {
  readonly units: AssignmentUnit[];
  readonly applications: AssignmentApplication[];
  readonly rankingRunId: string;
  readonly quotas: { readonly indigent: QuotaFigure[]; readonly reserve: QuotaFigure[] };
  readonly refusals: Refusal[];
  readonly policy: string;
}

export async function verifyAssignmentRun(db: DbExecutor, runId: string) {
  const run = await db.selectFrom('assignment_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run) return undefined;
  const snapshot = JSON.parse(run.inputs_snapshot) as AssignmentSnapshot;
  const rankingRun = await findRun(db, snapshot.rankingRunId);
  if (!rankingRun)
    return {
      runId,
      identical: false,
      sameHash: false,
      sameProposals: false,
      storedHash: run.input_hash,
      recomputedHash: '',
    };
  const ranking = toCoreRun(rankingRun, await loadRunEntries(db, rankingRun.id));
  const policy = REFUSAL_POLICIES.find((p) => p.id === snapshot.policy) ?? DEFAULT_REFUSAL_POLICY;
  const result = proposeAssignments({
    units: snapshot.units,
    applications: snapshot.applications,
    ranking,
    quotas: snapshot.quotas,
    refusals: snapshot.refusals,
    refusalPolicy: policy,
  });
  const stored = await db
    .selectFrom('assignment_proposals as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .innerJoin('applications as a', 'a.id', 'p.application_id')
    .select(['u.code', 'a.platform_id', 'p.basis'])
    .where('p.run_id', '=', runId)
    .execute();
  const key = (unit: string, application: string, basis: string) => `${unit}|${application}|${basis}`;
  const storedKeys = stored.map((p) => key(p.code, p.platform_id, p.basis)).sort();
  const recomputedKeys = result.proposals.map((p) => key(p.unitId, p.applicationId, p.basis)).sort();
  const recomputedHash = fnv1a64Hex(run.inputs_snapshot);
  const sameHash = recomputedHash === run.input_hash;
  const sameProposals = storedKeys.join('\n') === recomputedKeys.join('\n');
  return {
    runId,
    identical: sameHash && sameProposals,
    sameHash,
    sameProposals,
    storedHash: run.input_hash,
    recomputedHash,
  };
}
