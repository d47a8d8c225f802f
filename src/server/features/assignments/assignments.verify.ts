// `abitare sap verify` for assignment runs: recomputes a stored proposal from its own input
// snapshot and the ranking run it used, and compares it with what was stored (STYLE.md principle 3).
import type { DbExecutor } from '../../db/client.js';
import { recomputeAssignmentRun } from './assignments.actions.js';
import { snapshotHash } from './assignments.snapshot.js';

export async function verifyAssignmentRun(db: DbExecutor, runId: string) {
  const run = await db
    .selectFrom('assignment_runs')
    .select(['id', 'input_hash', 'inputs_snapshot'])
    .where('id', '=', runId)
    .executeTakeFirst();
  if (!run) return undefined;
  const recomputed = await recomputeAssignmentRun(db, runId);
  const recomputedHash = snapshotHash(run.inputs_snapshot, run.input_hash.startsWith('sha256:') ? 2 : 1);
  const sameHash = recomputedHash === run.input_hash;
  if (!recomputed) {
    return { runId, identical: false, sameHash, sameProposals: false, storedHash: run.input_hash, recomputedHash };
  }
  const stored = await db
    .selectFrom('assignment_proposals as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .innerJoin('applications as a', 'a.id', 'p.application_id')
    .select(['u.code', 'a.platform_id', 'p.basis'])
    .where('p.run_id', '=', runId)
    .execute();
  const key = (unit: string, application: string, basis: string) => `${unit}|${application}|${basis}`;
  const storedKeys = stored.map((p) => key(p.code, p.platform_id, p.basis)).sort();
  const recomputedKeys = recomputed.result.proposals.map((p) => key(p.unitId, p.applicationId, p.basis)).sort();
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
