// The scheduled jobs of the application, started by `abitare serve` in every process (each slot
// still runs once: see runner.ts). Each area adds its registration here.
import type { AppConfig } from '../config.js';
import type { Db } from '../db/client.js';
import { registerCommunicationJobs } from '../features/communications/communications.jobs.js';
import { registerObservatoryJobs } from '../features/observatory/observatory.jobs.js';
import { registerPrivacyJobs } from '../features/privacy/privacy.jobs.js';
import { createJobRunner, type JobRunner } from './runner.js';

export function createAppJobs(
  config: AppConfig,
  db: Db,
  now: () => Date = () => new Date(),
  log: (message: string) => void = console.error,
): JobRunner {
  const runner = createJobRunner({
    db,
    now,
    onError: (job, error) => log(`Job ${job}: ${error instanceof Error ? error.message : String(error)}`),
  });
  registerCommunicationJobs(runner, config, now);
  registerObservatoryJobs(runner);
  registerPrivacyJobs(runner, config);
  return runner;
}
