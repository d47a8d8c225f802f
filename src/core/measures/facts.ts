// The facts about a household that the support measures read. Each is optional: a fact nobody
// asked or recorded is unknown (null/undefined), and a rule that needs it answers
// "missing information", never a silent pass or fail.
import type { PlainDate } from '../kernel/plain-date.js';

export const TENURES = ['private_rent', 'sap_tenant', 'owner', 'hosted', 'homeless', 'other'] as const;
export type Tenure = (typeof TENURES)[number];

/** Stages of an eviction for arrears (rules.md §6.2). */
export const EVICTION_STAGES = ['none', 'arrears', 'notice_served', 'validated', 'executed'] as const;
export type EvictionStage = (typeof EVICTION_STAGES)[number];

/** Causes of income loss of DM 30/3/2016 art. 2 (non-exhaustive) plus the Lombardy additions (rules.md §3.1). */
export const INCOME_LOSS_CAUSES = [
  'dismissal',
  'reduced_hours',
  'wage_supplementation',
  'contract_not_renewed',
  'business_closure',
  'illness_or_death',
  'family_change',
  'other',
  'none',
] as const;
export type IncomeLossCause = (typeof INCOME_LOSS_CAUSES)[number];

export type Citizenship = 'italian' | 'eu' | 'non_eu';

export interface MeasureFacts {
  readonly asOf: PlainDate;
  readonly membersCount: number;
  readonly residenceComuneId?: string | null;
  // Household composition, from the file (birth dates, invalidity, social-services care).
  readonly hasMinor?: boolean | null;
  readonly hasOver65?: boolean | null;
  readonly hasOver70?: boolean | null;
  readonly maxInvalidityPercent?: number | null;
  readonly socialServicesCare?: boolean | null;
  // Economic situation.
  readonly iseeCents?: number | null;
  readonly iseCents?: number | null;
  /** Whether an ISEE attestation is in force on asOf (rules.md §7.2). */
  readonly iseeInForce?: boolean | null;
  /** Annual taxable household income (reddito imponibile), for the rent fund's incidence. */
  readonly taxableIncomeCents?: number | null;
  readonly onlyPensionIncome?: boolean | null;
  readonly incomeLossCause?: IncomeLossCause | null;
  /** The cause arose after signing the lease and before the missed payment (Lombardy, rules.md §3.1). */
  readonly incomeLossAfterLease?: boolean | null;
  // Housing situation.
  readonly tenure?: Tenure | null;
  /** Annual rent without service charges. */
  readonly annualRentCents?: number | null;
  readonly leaseRegistered?: boolean | null;
  readonly cadastralCategory?: string | null;
  readonly monthsInUnit?: number | null;
  readonly evictionStage?: EvictionStage | null;
  readonly arrearsCents?: number | null;
  readonly homeAtAuction?: boolean | null;
  // Rights and residence.
  readonly citizenship?: Citizenship | null;
  readonly permitValid?: boolean | null;
  readonly ownsAdequateDwellingInProvince?: boolean | null;
  readonly ownsAdequateDwellingInRegion?: boolean | null;
  readonly yearsResidentInRegion?: number | null;
}
