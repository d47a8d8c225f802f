import type { DbExecutor } from '../db/client.js';
import { newId } from '../ids.js';

export async function upsertScheduledJob(db: DbExecutor, name: string, schedule: string, at: string) {
  await db
    .insertInto('scheduled_jobs')
    .values({ name, schedule, registered_at: at, last_slot: null, last_status: null, last_finished_at: null })
    .onConflict((oc) => oc.column('name').doUpdateSet({ schedule }))
    .execute();
}

/**
 * Claims a slot for this runner: a new (job, slot) row, or a takeover of a run whose lease expired
 * (its process died) or a failed run still within its attempts. Returns the run id, or undefined
 * when another runner holds or finished the slot.
 */
export async function claimSlot(
  db: DbExecutor,
  claim: { job: string; slot: string; runnerId: string; now: string; leaseUntil: string; maxAttempts: number },
): Promise<string | undefined> {
  const inserted = await db
    .insertInto('job_runs')
    .values({
      id: newId(),
      job_name: claim.job,
      slot: claim.slot,
      runner_id: claim.runnerId,
      status: 'running',
      attempts: 1,
      started_at: claim.now,
      lease_until: claim.leaseUntil,
      finished_at: null,
      error: null,
    })
    .onConflict((oc) => oc.columns(['job_name', 'slot']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return inserted.id;
  const taken = await db
    .updateTable('job_runs')
    .set((eb) => ({
      runner_id: claim.runnerId,
      status: 'running',
      attempts: eb('attempts', '+', 1),
      started_at: claim.now,
      lease_until: claim.leaseUntil,
      error: null,
    }))
    .where('job_name', '=', claim.job)
    .where('slot', '=', claim.slot)
    .where('lease_until', '<', claim.now)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'running'),
        eb.and([eb('status', '=', 'failed'), eb('attempts', '<', claim.maxAttempts)]),
      ]),
    )
    .returning('id')
    .executeTakeFirst();
  return taken?.id;
}

/** Ends a run, if this runner still holds it (a runner whose lease was taken over records nothing). */
export async function finishRun(
  db: DbExecutor,
  run: { id: string; runnerId: string; job: string; slot: string },
  outcome: { status: 'done' | 'failed'; at: string; error: string | null; retryAfter: string },
): Promise<boolean> {
  const updated = await db
    .updateTable('job_runs')
    .set({
      status: outcome.status,
      finished_at: outcome.at,
      error: outcome.error,
      // A failed run may be retried once this passes.
      lease_until: outcome.status === 'failed' ? outcome.retryAfter : outcome.at,
    })
    .where('id', '=', run.id)
    .where('runner_id', '=', run.runnerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return false;
  await db
    .updateTable('scheduled_jobs')
    .set({ last_slot: run.slot, last_status: outcome.status, last_finished_at: outcome.at })
    .where('name', '=', run.job)
    .execute();
  return true;
}

export async function listJobRuns(db: DbExecutor, job: string) {
  return db.selectFrom('job_runs').selectAll().where('job_name', '=', job).orderBy('slot').execute();
}

export async function listScheduledJobs(db: DbExecutor) {
  return db.selectFrom('scheduled_jobs').selectAll().orderBy('name').execute();
}
