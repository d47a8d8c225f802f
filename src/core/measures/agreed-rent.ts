// Canone concordato (agreed rent, L. 431/1998 art. 2 c.3; rules.md §5). The landlord incentive of
// DGR XI/2065/2019 (Misura 6) [P]: 1,000 € one-off for a 3+2 contract, 1,500 € for longer ones
// (4+2, 5+2, …). Tenant requirements of the Cinisello 2020 trial [P]: ISEE between 3,500 € and 30,000 €,
// no adequate home in Lombardy. The guarantee (Cinisello 2014 [P]): up to 12 months, 7,200 €.
import { formatEuro } from '../kernel/money.js';
import type { Check } from '../sap/explained.js';
import { boolCheck, check, verdictOf, type AmountLine, type MeasureEvaluation } from './evaluation.js';
import type { MeasureFacts } from './facts.js';

export interface AgreedRentParameters {
  readonly incentiveThreePlusTwoCents: number;
  readonly incentiveLongerCents: number;
  readonly minDurationYears: number;
  readonly tenantIseeMinCents: number;
  readonly tenantIseeMaxCents: number;
  readonly guaranteeMaxMonths: number;
  readonly guaranteeMaxCents: number;
}

export const AGREED_RENT_DEFAULTS: AgreedRentParameters = {
  incentiveThreePlusTwoCents: 100_000,
  incentiveLongerCents: 150_000,
  minDurationYears: 3,
  tenantIseeMinCents: 350_000,
  tenantIseeMaxCents: 3_000_000,
  guaranteeMaxMonths: 12,
  guaranteeMaxCents: 720_000,
};
export const AGREED_RENT_UNVERIFIED: readonly (keyof AgreedRentParameters)[] = [];

export const AGREED_RENT_SOURCE = 'L. 431/1998 art. 2 c.3; DGR XI/2065/2019 Misura 6 [P]';

export interface AgreedRentContractTerms {
  readonly durationYears: number;
  readonly extensionYears: number;
}

export type AgreedRentIncentive =
  | { readonly ok: true; readonly amountCents: number; readonly lines: readonly AmountLine[] }
  | { readonly ok: false; readonly text: string };

/** The landlord's one-off incentive for an agreed-rent contract of the given duration. */
export function agreedRentIncentive(
  c: AgreedRentContractTerms,
  p: AgreedRentParameters = AGREED_RENT_DEFAULTS,
): AgreedRentIncentive {
  if (c.durationYears < p.minDurationYears) {
    return {
      ok: false,
      text: `Durata di ${c.durationYears} anni: il canone concordato richiede almeno ${p.minDurationYears} anni (3+2).`,
    };
  }
  const longer = c.durationYears > p.minDurationYears;
  const amount = longer ? p.incentiveLongerCents : p.incentiveThreePlusTwoCents;
  return {
    ok: true,
    amountCents: amount,
    lines: [
      {
        code: longer ? 'longer' : 'three_plus_two',
        label: `Contratto ${c.durationYears}+${c.extensionYears}: incentivo una tantum al proprietario`,
        amountCents: amount,
        source: AGREED_RENT_SOURCE,
      },
    ],
  };
}

/** The guarantee offered on the first months of rent, within the months and amount allowed. */
export function agreedRentGuarantee(monthlyRentCents: number, p: AgreedRentParameters = AGREED_RENT_DEFAULTS) {
  const cents = Math.min(monthlyRentCents * p.guaranteeMaxMonths, p.guaranteeMaxCents);
  return { months: p.guaranteeMaxMonths, cents };
}

/** Screening of a tenant household for an agreed-rent lease with the Agency's incentives. */
export function evaluateAgreedRent(f: MeasureFacts, p: AgreedRentParameters = AGREED_RENT_DEFAULTS): MeasureEvaluation {
  const src = 'Sperimentazione regionale canone concordato, Cinisello Balsamo 2020 [P]';
  const checks: Check[] = [];
  const isee = f.iseeCents ?? null;
  if (isee === null) checks.push(check('isee', 'missing_information', 'ISEE in corso di validità non presente.', src));
  else if (isee < p.tenantIseeMinCents || isee > p.tenantIseeMaxCents) {
    checks.push(
      check(
        'isee',
        'not_met',
        `ISEE ${formatEuro(isee)} fuori dall’intervallo ${formatEuro(p.tenantIseeMinCents)}–${formatEuro(p.tenantIseeMaxCents)}.`,
        src,
      ),
    );
  } else
    checks.push(
      check(
        'isee',
        'met',
        `ISEE ${formatEuro(isee)} entro ${formatEuro(p.tenantIseeMinCents)}–${formatEuro(p.tenantIseeMaxCents)}.`,
        src,
      ),
    );
  checks.push(
    boolCheck(
      'no_dwelling_region',
      f.ownsAdequateDwellingInRegion,
      false,
      {
        met: 'Nessun alloggio adeguato in Lombardia.',
        notMet: 'Titolare di un alloggio adeguato in Lombardia.',
        missing: 'Titolarità di alloggi in Lombardia non indicata.',
      },
      'R.R. 4/2017 art. 7 lett. d)',
    ),
  );
  if (f.tenure === 'sap_tenant' || f.tenure === 'owner') {
    checks.push(check('tenure', 'not_met', 'Misura per chi cerca o ha un alloggio in locazione privata.', src));
  }
  const verdict = verdictOf(checks);
  const incentive = agreedRentIncentive({ durationYears: 3, extensionYears: 2 }, p);
  return {
    verdict,
    checks,
    estimate:
      verdict !== 'not_eligible' && incentive.ok
        ? { amountCents: incentive.amountCents, lines: incentive.lines }
        : null,
    preferences: [],
  };
}
