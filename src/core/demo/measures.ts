// Demo data of the front desk and the support measures (issue 4): synthetic, deterministic (seeded).
// Which households came to the desk, what they answered, and where their applications stand.
import type { QuestionnaireAnswers } from '../frontdesk/questionnaire.js';
import { createRng } from '../kernel/rng.js';
import type { ArrearsFundRequest } from '../measures/arrears-fund.js';

export type DemoApplicationStage = 'submitted' | 'review_passed' | 'review_failed' | 'approved' | 'paid';

export interface DemoDeskCase {
  readonly householdId: string;
  readonly channel: 'in_person' | 'phone' | 'email';
  readonly reason: 'high_rent' | 'eviction' | 'job_loss';
  readonly answers: QuestionnaireAnswers;
  /** The measure applied for, and how far the application went; null: contact only. */
  readonly application: {
    readonly measureCode: 'fondo_affitto' | 'morosita_incolpevole' | 'contributo_comunale';
    readonly stage: DemoApplicationStage;
    readonly arrears: ArrearsFundRequest | null;
    readonly payeeSurname: string;
  } | null;
}

const STAGES: readonly DemoApplicationStage[] = [
  'submitted',
  'review_passed',
  'review_failed',
  'approved',
  'paid',
  'paid',
];
const SURNAMES = ['Brambilla', 'Colombo', 'Ferrari', 'Galli', 'Mauri', 'Riva', 'Sala', 'Villa'];

/** Cases for the first `count` households (ids in order), with answers that the rules can judge. */
export function generateDeskCases(householdIds: readonly string[], seed: number, count = 36): DemoDeskCase[] {
  const rng = createRng(seed ^ 0x4d15);
  return householdIds.slice(0, count).map((householdId, i): DemoDeskCase => {
    const kind = i % 3;
    const monthlyRent = rng.int(45, 85) * 1000; // 450–850 €
    const income = rng.int(60, 160) * 10_000; // 6,000–16,000 €
    const base: QuestionnaireAnswers = {
      tenure: 'private_rent',
      monthlyRentCents: monthlyRent,
      leaseRegistered: true,
      cadastralCategory: rng.pick(['A2', 'A3', 'A4']),
      monthsInUnit: rng.int(14, 120),
      taxableIncomeCents: income,
      ownsAdequateDwellingInProvince: false,
      ownsAdequateDwellingInRegion: false,
      yearsResidentInRegion: rng.int(6, 40),
      pastSapBarringEvents: false,
    };
    const stage = STAGES[i % STAGES.length] as DemoApplicationStage;
    const payeeSurname = rng.pick(SURNAMES);
    if (kind === 0) {
      const arrears = rng.int(15, 60) * 10_000; // 1,500–6,000 €
      return {
        householdId,
        channel: 'in_person',
        reason: 'eviction',
        answers: {
          ...base,
          evictionStage: 'notice_served',
          arrearsCents: arrears,
          incomeLossCause: rng.pick([
            'dismissal',
            'wage_supplementation',
            'contract_not_renewed',
            'illness_or_death',
          ] as const),
          incomeLossAfterLease: true,
        },
        application:
          i % 6 === 5
            ? null
            : {
                measureCode: 'morosita_incolpevole',
                stage,
                arrears: {
                  purposes: { arrears_settlement: Math.min(arrears, 800_000) },
                  remainingLeaseYears: rng.int(2, 3),
                  landlordRenouncesEviction: true,
                },
                payeeSurname,
              },
      };
    }
    if (kind === 1) {
      return {
        householdId,
        channel: rng.pick(['in_person', 'phone'] as const),
        reason: 'high_rent',
        answers: { ...base, evictionStage: 'none', arrearsCents: 0, incomeLossCause: 'none' },
        application: { measureCode: 'fondo_affitto', stage, arrears: null, payeeSurname },
      };
    }
    return {
      householdId,
      channel: rng.pick(['in_person', 'email'] as const),
      reason: 'job_loss',
      answers: {
        ...base,
        evictionStage: 'arrears',
        arrearsCents: rng.int(5, 15) * 10_000,
        incomeLossCause: 'reduced_hours',
        incomeLossAfterLease: true,
      },
      application:
        i % 4 === 0
          ? null
          : {
              measureCode: 'contributo_comunale',
              stage: i % 2 === 0 ? 'submitted' : stage,
              arrears: null,
              payeeSurname,
            },
    };
  });
}
