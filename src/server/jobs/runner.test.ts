import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client.js';
import { createTestDb, testDialects, type TestDb } from '../../../test/db.js';
import { openSecondConnection } from '../../../test/communications-fixtures.js';
import { listJobRuns } from './jobs.queries.js';
import { createJobRunner } from './runner.js';
import { slotAt } from './schedule.js';

describe('slotAt', () => {
  it('aligns interval slots on the epoch', () => {
    expect(slotAt({ everyMinutes: 15 }, new Date('2026-11-26T09:07:00Z'))).toBe('2026-11-26T09:00:00.000Z');
    expect(slotAt({ everyMinutes: 15 }, new Date('2026-11-26T09:15:00Z'))).toBe('2026-11-26T09:15:00.000Z');
  });
  it('makes a daily job due from its local hour, for the local day', () => {
    // 05:30 UTC is 06:30 in Rome (winter time).
    expect(slotAt({ dailyAt: '06:00' }, new Date('2026-11-26T04:30:00Z'))).toBeNull();
    expect(slotAt({ dailyAt: '06:00' }, new Date('2026-11-26T05:30:00Z'))).toBe('2026-11-26');
    expect(slotAt({ dailyAt: '06:00' }, new Date('2026-11-26T22:59:00Z'))).toBe('2026-11-26');
    expect(slotAt({ dailyAt: '06:00' }, new Date('2026-11-26T23:30:00Z'))).toBeNull();
  });
});

describe.each(testDialects())('job runner on %s', (dialect) => {
  let t: TestDb;
  let second: Db;
  beforeAll(async () => {
    t = await createTestDb(dialect);
    second = await openSecondConnection(t);
  });
  afterAll(async () => {
    await second.close();
    await t.destroy();
  });

  it('runs a slot once across two runners on two connections', async () => {
    const clock = { now: new Date('2026-11-26T09:00:00Z') };
    let count = 0;
    const job = async () => {
      count += 1;
      await new Promise((r) => setTimeout(r, 20));
    };
    const a = createJobRunner({ db: t.db, now: () => clock.now, runnerId: 'a' });
    const b = createJobRunner({ db: second, now: () => clock.now, runnerId: 'b' });
    a.registerJob('count', { everyMinutes: 60 }, job);
    b.registerJob('count', { everyMinutes: 60 }, job);
    const results = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    expect(count).toBe(1);
    expect(results.flatMap((r) => r.ran)).toHaveLength(1);
    clock.now = new Date('2026-11-26T09:59:00Z');
    await Promise.all([a.tick(), b.tick()]);
    expect(count).toBe(1);
    clock.now = new Date('2026-11-26T10:00:00Z');
    await Promise.all([b.tick(), a.tick()]);
    expect(count).toBe(2);
    const runs = await listJobRuns(t.db.kysely, 'count');
    expect(runs.map((r) => [r.slot, r.status])).toEqual([
      ['2026-11-26T09:00:00.000Z', 'done'],
      ['2026-11-26T10:00:00.000Z', 'done'],
    ]);
  });

  it('takes over a run whose process died, after its lease', async () => {
    const clock = { now: new Date('2026-11-26T09:00:00Z') };
    let started = 0;
    let finished = 0;
    const dying = createJobRunner({ db: t.db, now: () => clock.now, runnerId: 'dying', leaseMs: 60_000 });
    // The first process starts the job and never finishes (it died).
    dying.registerJob('takeover', { everyMinutes: 1440 }, () => {
      started += 1;
      return new Promise<void>(() => undefined);
    });
    void dying.tick();
    await new Promise((r) => setTimeout(r, 100));
    expect(started).toBe(1);
    const survivor = createJobRunner({ db: second, now: () => clock.now, runnerId: 'survivor', leaseMs: 60_000 });
    survivor.registerJob('takeover', { everyMinutes: 1440 }, async () => {
      finished += 1;
      await Promise.resolve();
    });
    await survivor.tick();
    expect(finished).toBe(0);
    clock.now = new Date('2026-11-26T09:02:00Z');
    await survivor.tick();
    expect(finished).toBe(1);
    const [run] = await listJobRuns(t.db.kysely, 'takeover');
    expect(run).toMatchObject({ runner_id: 'survivor', status: 'done', attempts: 2 });
  });

  it('retries a failing slot after a pause, up to the attempts allowed', async () => {
    const clock = { now: new Date('2026-11-26T09:00:00Z') };
    let calls = 0;
    const r = createJobRunner({
      db: t.db,
      now: () => clock.now,
      maxAttempts: 2,
      retryAfterMs: 60_000,
      onError: () => undefined,
    });
    r.registerJob('flaky', { everyMinutes: 1440 }, () => {
      calls += 1;
      return Promise.reject(new Error('servizio non raggiungibile'));
    });
    await r.tick();
    await r.tick();
    expect(calls).toBe(1);
    clock.now = new Date('2026-11-26T09:02:00Z');
    await r.tick();
    clock.now = new Date('2026-11-26T09:04:00Z');
    await r.tick();
    expect(calls).toBe(2);
    const [run] = await listJobRuns(t.db.kysely, 'flaky');
    expect(run).toMatchObject({ status: 'failed', attempts: 2, error: 'servizio non raggiungibile' });
  });

  it('starts polling and stops cleanly', async () => {
    let count = 0;
    const r = createJobRunner({ db: t.db, pollMs: 10 });
    r.registerJob('polled', { everyMinutes: 1440 }, async () => {
      count += 1;
      await Promise.resolve();
    });
    r.start();
    for (let i = 0; i < 100 && count === 0; i++) await new Promise((res) => setTimeout(res, 10));
    await r.stop();
    expect(count).toBe(1);
  });
});
