// Fondo sostegno affitto (FSA): L. 9/12/1998 n. 431 art. 11 and DM 7/6/1999 (rules.md §4.2).
// Band A: income ≤ 2 INPS minimum pensions and rent/income ≥ 14%; the contribution brings the
// incidence down to 14%, at most 3,100 € a year. Band B: income ≤ the regional ERP access limit and
// rent/income ≥ 24%; down to 24%, at most 2,325 €. Fragile households (over 65, disabled, similar):
// the contribution or the income limits may be raised by up to 25%.
import { formatEuro } from '../kernel/money.js';
import type { Check } from '../sap/explained.js';
import { check, percentOf, verdictOf, type AmountLine, type MeasureEvaluation } from './evaluation.js';
import type { MeasureFacts } from './facts.js';

export interface RentFundParameters {
  /** Two INPS minimum pensions a year: changes every year. [U] set by the administrator. */
  readonly bandAIncomeMaxCents: number;
  /** The regional ERP access income limit. [U] set by the administrator. */
  readonly bandBIncomeMaxCents: number;
  readonly bandAIncidencePercent: number;
  readonly bandBIncidencePercent: number;
  readonly bandACapCents: number;
  readonly bandBCapCents: number;
  /** At most 25 (DM 7/6/1999). */
  readonly fragilityRaisePercent: number;
  /** What the raise applies to: the DM allows the contribution or the income limits. [U] regional choice. */
  readonly fragilityRaiseAppliesTo: 'contribution' | 'income_limits' | 'both';
}

export const RENT_FUND_SOURCE = 'L. 431/1998 art. 11; DM 7/6/1999 art. 2';

export const RENT_FUND_DEFAULTS: RentFundParameters = {
  // 2 × the INPS minimum pension × 13 monthly payments: 2 × 603,40 € × 13 (2025) — to be updated yearly.
  bandAIncomeMaxCents: 1_568_840,
  bandBIncomeMaxCents: 1_600_000,
  bandAIncidencePercent: 14,
  bandBIncidencePercent: 24,
  bandACapCents: 310_000,
  bandBCapCents: 232_500,
  fragilityRaisePercent: 25,
  fragilityRaiseAppliesTo: 'contribution',
};
export const RENT_FUND_UNVERIFIED: readonly (keyof RentFundParameters)[] = [
  'bandAIncomeMaxCents',
  'bandBIncomeMaxCents',
  'fragilityRaiseAppliesTo',
];

export type RentFundBand = 'A' | 'B';

export interface RentFundResult {
  readonly band: RentFundBand | null;
  readonly amountCents: number;
  readonly lines: readonly AmountLine[];
  /** Why no band applies, in Italian, when band is null. */
  readonly reason: string | null;
}

const pct = (rent: number, income: number) =>
  income <= 0 ? '∞' : `${((rent / income) * 100).toLocaleString('it-IT', { maximumFractionDigits: 2 })}%`;

/** The band and the contribution for a yearly taxable income and a yearly rent (both in cents). */
export function rentFundContribution(
  incomeCents: number,
  rentCents: number,
  fragile: boolean,
  p: RentFundParameters = RENT_FUND_DEFAULTS,
): RentFundResult {
  const raise = Math.min(25, Math.max(0, p.fragilityRaisePercent));
  const raiseLimits =
    fragile && (p.fragilityRaiseAppliesTo === 'income_limits' || p.fragilityRaiseAppliesTo === 'both');
  const raiseContribution =
    fragile && (p.fragilityRaiseAppliesTo === 'contribution' || p.fragilityRaiseAppliesTo === 'both');
  const limitA = raiseLimits ? p.bandAIncomeMaxCents + percentOf(p.bandAIncomeMaxCents, raise) : p.bandAIncomeMaxCents;
  const limitB = raiseLimits ? p.bandBIncomeMaxCents + percentOf(p.bandBIncomeMaxCents, raise) : p.bandBIncomeMaxCents;
  // rent / income ≥ t%  ⇔  rent × 100 ≥ t × income (exact in integers).
  const reaches = (t: number) => rentCents * 100 >= t * incomeCents;
  let band: RentFundBand | null = null;
  if (incomeCents <= limitA && reaches(p.bandAIncidencePercent)) band = 'A';
  else if (incomeCents <= limitB && reaches(p.bandBIncidencePercent)) band = 'B';
  if (band === null) {
    let reason: string;
    if (incomeCents > limitB) {
      reason = `Reddito ${formatEuro(incomeCents)} oltre il limite della fascia B (${formatEuro(limitB)}).`;
    } else if (incomeCents <= limitA) {
      reason = `Incidenza del canone sul reddito ${pct(rentCents, incomeCents)}, sotto il ${p.bandAIncidencePercent}% della fascia A.`;
    } else {
      reason = `Reddito in fascia B e incidenza del canone ${pct(rentCents, incomeCents)}, sotto il ${p.bandBIncidencePercent}%.`;
    }
    return { band, amountCents: 0, lines: [], reason };
  }
  const incidence = band === 'A' ? p.bandAIncidencePercent : p.bandBIncidencePercent;
  const cap = band === 'A' ? p.bandACapCents : p.bandBCapCents;
  const borne = percentOf(incomeCents, incidence);
  const gap = Math.max(0, rentCents - borne);
  const capped = Math.min(gap, cap);
  const lines: AmountLine[] = [
    {
      code: 'gap',
      label: `Canone annuo ${formatEuro(rentCents)} meno il ${incidence}% del reddito (${formatEuro(borne)}): fascia ${band}`,
      amountCents: gap,
      source: RENT_FUND_SOURCE,
    },
  ];
  if (capped < gap) {
    lines.push({
      code: 'cap',
      label: `Limite massimo della fascia ${band}: ${formatEuro(cap)}`,
      amountCents: capped - gap,
      source: RENT_FUND_SOURCE,
    });
  }
  let amount = capped;
  if (raiseContribution && raise > 0 && capped > 0) {
    // The raise never makes the contribution larger than the rent itself.
    const raised = Math.min(capped + percentOf(capped, raise), rentCents);
    lines.push({
      code: 'fragility_raise',
      label: `Aumento per fragilità del nucleo (fino al ${raise}%)`,
      amountCents: raised - capped,
      source: 'DM 7/6/1999 art. 2 (aumento fino al 25% per ultrasessantacinquenni, disabili o situazioni analoghe)',
    });
    amount = raised;
  }
  return { band, amountCents: amount, lines, reason: null };
}

/** Fragility for the 25% raise: over 65, a disabled member, or care by the social services. */
export function isRentFundFragile(f: MeasureFacts): boolean | null {
  const known = [f.hasOver65, f.maxInvalidityPercent, f.socialServicesCare];
  if (f.hasOver65 === true || (f.maxInvalidityPercent ?? 0) > 0 || f.socialServicesCare === true) return true;
  return known.every((v) => v !== null && v !== undefined) ? false : null;
}

export function evaluateRentFund(f: MeasureFacts, p: RentFundParameters = RENT_FUND_DEFAULTS): MeasureEvaluation {
  const checks: Check[] = [];
  const tenure = f.tenure ?? null;
  if (tenure === null)
    checks.push(check('tenant', 'missing_information', 'Situazione abitativa non indicata.', RENT_FUND_SOURCE));
  else if (tenure === 'private_rent' || tenure === 'sap_tenant') {
    checks.push(check('tenant', 'met', 'Il nucleo è conduttore di un alloggio in locazione.', RENT_FUND_SOURCE));
  } else {
    checks.push(
      check('tenant', 'not_met', 'Il contributo è riservato ai conduttori di alloggi in locazione.', RENT_FUND_SOURCE),
    );
  }
  const income = f.taxableIncomeCents ?? null;
  const rent = f.annualRentCents ?? null;
  let estimate: MeasureEvaluation['estimate'] = null;
  if (income === null || rent === null) {
    checks.push(
      check(
        'band',
        'missing_information',
        `Servono il reddito imponibile annuo${income === null ? ' (mancante)' : ''} e il canone annuo${rent === null ? ' (mancante)' : ''} per stabilire la fascia.`,
        RENT_FUND_SOURCE,
      ),
    );
  } else {
    const fragile = isRentFundFragile(f) === true;
    const r = rentFundContribution(income, rent, fragile, p);
    if (r.band === null) checks.push(check('band', 'not_met', r.reason ?? 'Nessuna fascia.', RENT_FUND_SOURCE));
    else {
      checks.push(
        check(
          'band',
          'met',
          `Fascia ${r.band}: reddito ${formatEuro(income)}, canone ${formatEuro(rent)} (incidenza ${pct(rent, income)}).`,
          RENT_FUND_SOURCE,
        ),
      );
      estimate = { amountCents: r.amountCents, lines: r.lines };
    }
  }
  return { verdict: verdictOf(checks), checks, estimate, preferences: [] };
}
