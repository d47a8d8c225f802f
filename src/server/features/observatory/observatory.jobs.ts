// The observatory's pre-aggregated figures are rebuilt every 15 minutes (once per slot across processes).
import type { JobRunner } from '../../jobs/runner.js';
import { refreshObservatoryCells } from './observatory.queries.js';

export function registerObservatoryJobs(runner: JobRunner): void {
  runner.registerJob('observatory.refresh', { everyMinutes: 15 }, async ({ db, now }) => {
    await refreshObservatoryCells(db.kysely, db.dialect, now.toISOString());
  });
}
