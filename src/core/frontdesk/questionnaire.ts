// The front desk's needs questionnaire and how its answers, with the household file, become the
// facts the measures read. Anything not answered stays unknown (never guessed).
import { ageOn, type PlainDate } from '../kernel/plain-date.js';
import type { Citizenship, EvictionStage, IncomeLossCause, MeasureFacts, Tenure } from '../measures/facts.js';
import type { ResidenceStatus } from '../sap/requirements.js';

export interface QuestionnaireAnswers {
  // Housing situation.
  readonly tenure?: Tenure | null;
  readonly monthlyRentCents?: number | null;
  readonly leaseRegistered?: boolean | null;
  readonly cadastralCategory?: string | null;
  readonly monthsInUnit?: number | null;
  readonly ownsAdequateDwellingInProvince?: boolean | null;
  readonly ownsAdequateDwellingInRegion?: boolean | null;
  readonly yearsResidentInRegion?: number | null;
  readonly homeAtAuction?: boolean | null;
  // Income change.
  readonly incomeLossCause?: IncomeLossCause | null;
  readonly incomeLossAfterLease?: boolean | null;
  readonly taxableIncomeCents?: number | null;
  readonly iseCents?: number | null;
  readonly assetsCents?: number | null;
  readonly onlyPensionIncome?: boolean | null;
  /** Employed or self-employed work in progress (matters for a non-EU two-year permit, SAP). */
  readonly currentlyWorking?: boolean | null;
  // Eviction stage.
  readonly evictionStage?: EvictionStage | null;
  readonly arrearsCents?: number | null;
  // Past events that bar SAP access (RR 4/2017 art. 7): false means "none of them".
  readonly pastSapBarringEvents?: boolean | null;
  // Household fragility, as told at the desk (the file's recorded vulnerabilities also count).
  readonly socialServicesCare?: boolean | null;
}

export interface HouseholdSnapshot {
  readonly comuneId: string;
  readonly members: readonly {
    readonly birthDate: PlainDate;
    readonly relation: string;
    readonly citizenship: string | null;
    readonly disabilityPercent: number | null;
    readonly permitExpiresOn: PlainDate | null;
    /** The kind of residence permit recorded on the file (non-EU members). */
    readonly permitKind?: string | null;
  }[];
  readonly vulnerabilities: readonly string[];
  /** The ISEE attestation in force on the day, if any. */
  readonly isee: { readonly valueCents: number } | null;
}

export interface ScreeningFacts extends MeasureFacts {
  readonly assetsCents?: number | null;
  readonly pastSapBarringEvents?: boolean | null;
  /** A non-EU applicant's residence permit, from the file (R.R. 4/2017 art. 7 c.1 lett. a)). */
  readonly residenceStatus?: ResidenceStatus | null;
  readonly currentlyWorking?: boolean | null;
}

const RESIDENCE_STATUSES: readonly string[] = [
  'long_term_eu',
  'two_years_work',
  'international_protection',
  'other',
] satisfies readonly ResidenceStatus[];

export function householdFacts(h: HouseholdSnapshot, a: QuestionnaireAnswers, asOf: PlainDate): ScreeningFacts {
  const ages = h.members.map((m) => ageOn(m.birthDate, asOf));
  const applicant = h.members.find((m) => m.relation === 'applicant') ?? h.members[0];
  const cz = (applicant?.citizenship ?? null) as Citizenship | null;
  const invalidity = h.members.map((m) => m.disabilityPercent ?? 0);
  const recordedCare = h.vulnerabilities.includes('social_services_care');
  return {
    asOf,
    membersCount: h.members.length,
    residenceComuneId: h.comuneId,
    hasMinor: ages.some((x) => x < 18),
    hasOver65: ages.some((x) => x >= 65),
    hasOver70: ages.some((x) => x >= 70),
    maxInvalidityPercent: invalidity.length > 0 ? Math.max(...invalidity) : 0,
    socialServicesCare:
      recordedCare || a.socialServicesCare === true ? true : (a.socialServicesCare ?? (recordedCare ? true : null)),
    iseeCents: h.isee?.valueCents ?? null,
    iseeInForce: h.isee !== null,
    iseCents: a.iseCents ?? null,
    taxableIncomeCents: a.taxableIncomeCents ?? null,
    onlyPensionIncome: a.onlyPensionIncome ?? null,
    incomeLossCause: a.incomeLossCause ?? null,
    incomeLossAfterLease: a.incomeLossAfterLease ?? null,
    tenure: a.tenure ?? null,
    annualRentCents: a.monthlyRentCents === null || a.monthlyRentCents === undefined ? null : a.monthlyRentCents * 12,
    leaseRegistered: a.leaseRegistered ?? null,
    cadastralCategory: a.cadastralCategory ?? null,
    monthsInUnit: a.monthsInUnit ?? null,
    evictionStage: a.evictionStage ?? null,
    arrearsCents: a.arrearsCents ?? null,
    homeAtAuction: a.homeAtAuction ?? null,
    citizenship: cz === 'italian' || cz === 'eu' || cz === 'non_eu' ? cz : null,
    permitValid:
      cz === 'non_eu'
        ? applicant?.permitExpiresOn
          ? applicant.permitExpiresOn >= asOf
          : null
        : cz === null
          ? null
          : true,
    ownsAdequateDwellingInProvince: a.ownsAdequateDwellingInProvince ?? null,
    ownsAdequateDwellingInRegion: a.ownsAdequateDwellingInRegion ?? null,
    yearsResidentInRegion: a.yearsResidentInRegion ?? null,
    assetsCents: a.assetsCents ?? null,
    pastSapBarringEvents: a.pastSapBarringEvents ?? null,
    // The kind of permit is on the file; only a non-EU applicant's counts (R.R. 4/2017 art. 7 c.1 lett. a)).
    residenceStatus:
      cz === 'non_eu' && applicant?.permitKind && RESIDENCE_STATUSES.includes(applicant.permitKind)
        ? (applicant.permitKind as ResidenceStatus)
        : null,
    currentlyWorking: a.currentlyWorking ?? null,
  };
}
