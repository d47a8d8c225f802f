import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../../../../test/db.js';
import { SHIPPED_MEASURES } from '../../../core/measures/catalogue.js';
import { loadDemoData } from '../demo/demo.actions.js';

describe.each(testDialects())('demo data of the measures area on %s', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(dialect);
    await loadDemoData(t.db, {
      households: 200,
      password: 'password-demo-2026',
      now: new Date('2026-11-26T09:30:00Z'),
    });
  });
  afterAll(async () => {
    await t.destroy();
  });

  it('ships every measure with a fund for the year, and applications in several states', async () => {
    const k = t.db.kysely;
    expect(await k.selectFrom('measures').select('code').execute()).toHaveLength(SHIPPED_MEASURES.length);
    const funds = await k.selectFrom('funds').selectAll().where('year', '=', 2026).execute();
    expect(funds.map((f) => f.code).sort()).toEqual(['CANCON', 'COM', 'DGR606', 'FIMI', 'FSA']);
    for (const f of funds) {
      expect(Number(f.paid_cents)).toBeLessThanOrEqual(Number(f.committed_cents));
      expect(Number(f.committed_cents)).toBeLessThanOrEqual(Number(f.budget_cents));
    }
    const statuses = new Set(
      (await k.selectFrom('measure_applications').select('status').execute()).map((r) => r.status),
    );
    for (const s of ['submitted', 'review_passed', 'review_failed', 'approved', 'paid']) expect(statuses).toContain(s);
    expect((await k.selectFrom('payment_batches').select('id').execute()).length).toBeGreaterThanOrEqual(1);
    expect((await k.selectFrom('frontdesk_contacts').select('id').execute()).length).toBeGreaterThan(20);
    // The committed and paid totals of each fund match its ledger.
    for (const f of funds) {
      const entries = await k
        .selectFrom('fund_entries')
        .select(['kind', 'amount_cents'])
        .where('fund_id', '=', f.id)
        .execute();
      const sum = (kind: string) =>
        entries.filter((e) => e.kind === kind).reduce((s, e) => s + Number(e.amount_cents), 0);
      expect(sum('commitment')).toBe(Number(f.committed_cents));
      expect(sum('payment')).toBe(Number(f.paid_cents));
    }
  });
});
