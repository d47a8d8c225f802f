// Issue 4: screening one household against 50 active measures and open calls (median of repeated
// runs, target < 20 ms), and a payment batch of 10,000 approved grants (target < 10 s) whose budget
// check stays exact (the fund's paid total equals the committed one, to the cent).
import { randomUUID } from 'node:crypto';
import { plainDateOf, type PlainDate } from '../../core/kernel/plain-date.js';
import { ibanCheckDigits } from '../../core/kernel/iban.js';
import type { QuestionnaireAnswers } from '../../core/frontdesk/questionnaire.js';
import { loadDemoData } from '../../server/features/demo/demo.actions.js';
import { screenHouseholdOn } from '../../server/features/frontdesk/frontdesk.actions.js';
import { createPaymentBatch } from '../../server/features/funds/funds.actions.js';
import type { RequestContext } from '../../server/http/context.js';
import { seedMeasuresBench } from './measures-data.queries.js';
import { withBenchDb } from './bench-db.js';
import { median, ms, timed, type BenchRow } from './table.js';

interface SectionContext {
  readonly dialects: readonly ('sqlite' | 'postgres')[];
}

export interface MeasuresBenchOptions {
  /** Active measures plus open calls the household is screened against. */
  readonly targets: number;
  readonly screenings: number;
  readonly grants: number;
}

export const MEASURES_BENCH_DEFAULTS: MeasuresBenchOptions = { targets: 50, screenings: 50, grants: 10_000 };

const ANSWERS: QuestionnaireAnswers = {
  tenure: 'private_rent',
  monthlyRentCents: 60_000,
  leaseRegistered: true,
  cadastralCategory: 'A3',
  monthsInUnit: 36,
  evictionStage: 'notice_served',
  arrearsCents: 300_000,
  incomeLossCause: 'dismissal',
  incomeLossAfterLease: true,
  taxableIncomeCents: 1_000_000,
  ownsAdequateDwellingInProvince: false,
  ownsAdequateDwellingInRegion: false,
};

export function measuresSection(opts: MeasuresBenchOptions = MEASURES_BENCH_DEFAULTS) {
  return {
    name: 'measures',
    run: async (ctx: SectionContext): Promise<BenchRow[]> => {
      const rows: BenchRow[] = [];
      for (const dialect of ctx.dialects) {
        await withBenchDb(dialect, async ({ db }) => {
          const now = new Date();
          const today = plainDateOf(now) as PlainDate;
          console.error(`[measures] ${dialect}: demo data and ${opts.targets} screening targets…`);
          await loadDemoData(db, { households: 60, password: `bench-${randomUUID()}`, now });
          const seeded = await seedMeasuresBench(db.kysely, {
            targets: opts.targets,
            grants: opts.grants,
            today,
            at: now.toISOString(),
            iban: (n) => iban(n),
          });
          await screenHouseholdOn(db.kysely, seeded.householdId, ANSWERS, today); // warm-up
          const times: number[] = [];
          let resultsCount = 0;
          for (let i = 0; i < opts.screenings; i++) {
            const t = await timed(() => screenHouseholdOn(db.kysely, seeded.householdId, ANSWERS, today));
            times.push(t.ms);
            resultsCount = t.result.length;
          }
          rows.push({
            dialect,
            figure: `screening of one household against ${resultsCount} active measures and open calls (median of ${opts.screenings})`,
            value: `${median(times).toFixed(1)} ms`,
            baseline: '—',
            ratio: '—',
            target: '< 20 ms',
          });
          console.error(`[measures] ${dialect}: payment batch of ${opts.grants} approved grants…`);
          const reqCtx: RequestContext = {
            actor: {
              userId: seeded.managerId,
              username: 'bench',
              displayName: 'Bench',
              role: 'manager',
              partnerId: null,
              comuneIds: [],
            },
            requestId: randomUUID(),
            ip: '127.0.0.1',
            method: 'POST',
            path: '/api/payment-batches',
            now,
          };
          const batch = await timed(() =>
            createPaymentBatch(db.kysely, reqCtx, {
              fundId: seeded.fundId,
              accountingReference: 'BENCH/1',
              paidOn: today,
            }),
          );
          const fund = await db.kysely
            .selectFrom('funds')
            .selectAll()
            .where('id', '=', seeded.fundId)
            .executeTakeFirstOrThrow();
          const exact =
            Number(fund.paid_cents) === seeded.totalCents && Number(fund.committed_cents) === Number(fund.budget_cents);
          rows.push({
            dialect,
            figure: `payment batch of ${opts.grants} approved grants (IBANs checked, budget ${exact ? 'exact to the cent' : 'MISMATCH'})`,
            value: ms(batch.ms),
            baseline: '—',
            ratio: '—',
            target: '< 10 s',
          });
          if (!exact) throw new Error(`budget mismatch: paid ${fund.paid_cents}, expected ${seeded.totalCents}`);
        });
      }
      return rows;
    },
  };
}

function iban(n: number): string {
  const bban = `X0542811101${String(n).padStart(12, '0')}`;
  return `IT${ibanCheckDigits('IT', bban)}${bban}`;
}
