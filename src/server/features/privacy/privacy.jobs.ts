// The retention job runs every night in the scheduled-job runner (once, whatever the number of processes).
import type { AppConfig } from '../../config.js';
import type { JobRunner } from '../../jobs/runner.js';
import { runRetention } from './privacy.actions.js';

export function registerPrivacyJobs(runner: JobRunner, config: AppConfig): void {
  runner.registerJob(
    'privacy.retention',
    { dailyAt: config.retentionAt, timeZone: config.timeZone },
    async ({ db, now }) => {
      await runRetention(
        db,
        { now, actor: null, method: 'JOB', path: 'privacy.retention' },
        {
          years: config.retentionYears,
          dryRun: false,
          timeZone: config.timeZone,
          documentsDir: config.documentsDir,
        },
      );
    },
  );
}
