// THE scheduled-job runner: jobs are registered by name with a schedule; every app process runs a
// runner, and each (job, slot) is claimed in the database, so that with several processes on one
// PostgreSQL a slot runs once. A run whose process died is taken over when its lease expires.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';
import { claimSlot, finishRun, upsertScheduledJob } from './jobs.queries.js';
import { describeSchedule, slotAt, type Schedule } from './schedule.js';

export interface JobContext {
  readonly db: Db;
  readonly slot: string;
  /** The runner's clock at the start of the run. */
  readonly now: Date;
  readonly runId: string;
}

export type JobFn = (ctx: JobContext) => Promise<void>;

export interface JobRunnerOptions {
  readonly db: Db;
  /** The clock, a parameter so that tests can move time. */
  readonly now?: () => Date;
  readonly runnerId?: string;
  /** How often the runner looks for due slots. */
  readonly pollMs?: number;
  /** How long a claimed run is protected from takeover. */
  readonly leaseMs?: number;
  /** Attempts of a failing slot before it is left failed. */
  readonly maxAttempts?: number;
  readonly retryAfterMs?: number;
  readonly onError?: (job: string, error: unknown) => void;
}

export interface TickResult {
  /** Jobs this runner ran, with their outcome. */
  readonly ran: { readonly job: string; readonly slot: string; readonly ok: boolean }[];
}

export interface JobRunner {
  readonly runnerId: string;
  registerJob(name: string, schedule: Schedule, fn: JobFn): void;
  /** One pass: claims and runs every due slot (tests call this directly). */
  tick(): Promise<TickResult>;
  start(): void;
  /** Stops polling and waits for the run in progress. */
  stop(): Promise<void>;
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const runnerId = options.runnerId ?? `runner-${randomBytes(6).toString('hex')}`;
  const pollMs = options.pollMs ?? 30_000;
  const leaseMs = options.leaseMs ?? 10 * 60_000;
  const maxAttempts = options.maxAttempts ?? 3;
  const retryAfterMs = options.retryAfterMs ?? 5 * 60_000;
  const jobs = new Map<string, { schedule: Schedule; fn: JobFn; registered: boolean }>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<TickResult> | null = null;
  let stopped = false;

  async function runOne(name: string, job: { schedule: Schedule; fn: JobFn; registered: boolean }) {
    const at = now();
    if (!job.registered) {
      await upsertScheduledJob(db.kysely, name, describeSchedule(job.schedule), at.toISOString());
      job.registered = true;
    }
    const slot = slotAt(job.schedule, at);
    if (slot === null) return null;
    const runId = await claimSlot(db.kysely, {
      job: name,
      slot,
      runnerId,
      now: at.toISOString(),
      leaseUntil: new Date(at.getTime() + leaseMs).toISOString(),
      maxAttempts,
    });
    if (!runId) return null;
    let error: unknown = null;
    try {
      await job.fn({ db, slot, now: at, runId });
    } catch (e) {
      error = e;
      options.onError?.(name, e);
    }
    const end = now();
    await finishRun(
      db.kysely,
      { id: runId, runnerId, job: name, slot },
      {
        status: error === null ? 'done' : 'failed',
        at: end.toISOString(),
        error: error === null ? null : error instanceof Error ? error.message : String(error),
        retryAfter: new Date(end.getTime() + retryAfterMs).toISOString(),
      },
    );
    return { job: name, slot, ok: error === null };
  }

  async function tickOnce(): Promise<TickResult> {
    const ran: TickResult['ran'] = [];
    for (const [name, job] of jobs) {
      if (stopped) break;
      try {
        const result = await runOne(name, job);
        if (result) ran.push(result);
      } catch (e) {
        options.onError?.(name, e);
      }
    }
    return { ran };
  }

  return {
    runnerId,
    registerJob(name, schedule, fn) {
      if (jobs.has(name)) throw new Error(`Job already registered: ${name}`);
      slotAt(schedule, new Date(0));
      jobs.set(name, { schedule, fn, registered: false });
    },
    async tick() {
      // One pass at a time per runner.
      while (running) await running;
      running = tickOnce();
      try {
        return await running;
      } finally {
        running = null;
      }
    },
    start() {
      if (timer) return;
      stopped = false;
      const loop = () => {
        if (running || stopped) return;
        running = tickOnce();
        void running.finally(() => {
          running = null;
        });
      };
      timer = setInterval(loop, pollMs);
      timer.unref();
      setImmediate(loop);
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      if (running) await running.catch(() => undefined);
    },
  };
}
