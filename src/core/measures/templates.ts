// Configurable measures: the municipal rent contribution and the Lombardy measures 1–5 of
// DGR XI/606/2018 (rules.md §4.1). Their amounts and several requirements are not verified [U]:
// each is a parameter that the administrator sets, and the UI shows which ones are unverified.
import { formatEuro } from '../kernel/money.js';
import type { Check } from '../sap/explained.js';
import { boolCheck, check, verdictOf, type MeasureEvaluation } from './evaluation.js';
import type { MeasureFacts, Tenure } from './facts.js';

export type TemplateAmount =
  | { readonly mode: 'none' }
  | { readonly mode: 'fixed'; readonly cents: number }
  | { readonly mode: 'months_of_rent'; readonly months: number; readonly capCents: number };

export interface TemplateParameters {
  readonly iseeMaxCents: number | null;
  readonly iseeMinCents: number | null;
  /** Housing situations admitted (null: any). */
  readonly tenures: readonly Tenure[] | null;
  /** SAP tenants excluded (DGR 606/2018). */
  readonly excludeSapTenants: boolean;
  /** Not subject to release (eviction) procedures. */
  readonly requireNoEviction: boolean;
  /** Initial or small arrears (Misura 2). */
  readonly requireArrears: boolean;
  /** Income only from pensions (Misura 4). */
  readonly requireOnlyPensionIncome: boolean;
  /** Own home at auction after foreclosure (Misura 3). */
  readonly requireHomeAtAuction: boolean;
  readonly requireNoAdequateDwellingInRegion: boolean;
  readonly minYearsResidentInRegion: number | null;
  readonly minMonthsInUnit: number | null;
  /** Residence in one of these Comuni (null: anywhere). */
  readonly residenceComuneIds: readonly string[] | null;
  /** A measure for landlords only (Misura 5): households are referred, not screened. */
  readonly landlordsOnly: boolean;
  readonly amount: TemplateAmount;
}

const BASE: TemplateParameters = {
  iseeMaxCents: null,
  iseeMinCents: null,
  tenures: null,
  excludeSapTenants: false,
  requireNoEviction: false,
  requireArrears: false,
  requireOnlyPensionIncome: false,
  requireHomeAtAuction: false,
  requireNoAdequateDwellingInRegion: false,
  minYearsResidentInRegion: null,
  minMonthsInUnit: null,
  residenceComuneIds: null,
  landlordsOnly: false,
  amount: { mode: 'none' },
};

/** Common requirements of DGR XI/606/2018 (rules.md §4.1) [P]; the 5-year residence pre-dates Corte cost. 44/2020 [U]. */
const DGR_606_COMMON: TemplateParameters = {
  ...BASE,
  iseeMaxCents: 1_500_000,
  excludeSapTenants: true,
  requireNoAdequateDwellingInRegion: true,
  minYearsResidentInRegion: 5,
};

export const TEMPLATE_KINDS = [
  'contributo_comunale',
  'lombardia_misura_1',
  'lombardia_misura_2',
  'lombardia_misura_3',
  'lombardia_misura_4',
  'lombardia_misura_5',
] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const TEMPLATE_DEFAULTS: Record<TemplateKind, TemplateParameters> = {
  // Cinisello 2020 measure [P]: ISEE ≤ 26,000 €, ≥ 1 year in the unit, no eviction, no adequate home in
  // Lombardy, paid to the landlord; amount as DGR XII/5292/2025 [P]: up to 3 months' rent, max 1,000 €.
  contributo_comunale: {
    ...BASE,
    iseeMaxCents: 2_600_000,
    tenures: ['private_rent'],
    requireNoEviction: true,
    requireNoAdequateDwellingInRegion: true,
    minMonthsInUnit: 12,
    residenceComuneIds: ['comune-cinisello'],
    amount: { mode: 'months_of_rent', months: 3, capCents: 100_000 },
  },
  lombardia_misura_1: { ...DGR_606_COMMON },
  lombardia_misura_2: {
    ...DGR_606_COMMON,
    tenures: ['private_rent'],
    requireNoEviction: true,
    requireArrears: true,
    amount: { mode: 'fixed', cents: 150_000 },
  },
  lombardia_misura_3: { ...DGR_606_COMMON, requireHomeAtAuction: true, amount: { mode: 'fixed', cents: 500_000 } },
  lombardia_misura_4: {
    ...DGR_606_COMMON,
    tenures: ['private_rent'],
    requireNoEviction: true,
    requireOnlyPensionIncome: true,
    amount: { mode: 'fixed', cents: 150_000 },
  },
  lombardia_misura_5: { ...BASE, landlordsOnly: true },
};

/** Parameters whose shipped value is not verified on the official text. */
export const TEMPLATE_UNVERIFIED: Record<TemplateKind, readonly (keyof TemplateParameters)[]> = {
  contributo_comunale: ['iseeMaxCents', 'amount', 'residenceComuneIds'],
  lombardia_misura_1: ['amount', 'minYearsResidentInRegion'],
  lombardia_misura_2: ['amount', 'minYearsResidentInRegion'],
  lombardia_misura_3: ['amount', 'minYearsResidentInRegion'],
  lombardia_misura_4: ['amount', 'minYearsResidentInRegion'],
  lombardia_misura_5: ['amount'],
};

export const TEMPLATE_SOURCES: Record<TemplateKind, string> = {
  contributo_comunale: 'Delibera comunale (Cinisello Balsamo, misura 2020 [P]; DGR XII/5292/2025 [P])',
  lombardia_misura_1: 'DGR XI/606/2018, Misura 1 [P]',
  lombardia_misura_2: 'DGR XI/606/2018, Misura 2 [P]',
  lombardia_misura_3: 'DGR XI/606/2018, Misura 3 [P]',
  lombardia_misura_4: 'DGR XI/606/2018, Misura 4 [P]',
  lombardia_misura_5: 'DGR XI/606/2018, Misura 5 [P]',
};

const TENURE_TEXT: Record<Tenure, string> = {
  private_rent: 'in locazione sul libero mercato',
  sap_tenant: 'assegnatario di alloggio SAP',
  owner: 'proprietario',
  hosted: 'ospite',
  homeless: 'senza alloggio',
  other: 'altra situazione',
};

export function templateAmount(p: TemplateParameters, f: MeasureFacts, source: string): MeasureEvaluation['estimate'] {
  const a = p.amount;
  if (a.mode === 'none') return null;
  if (a.mode === 'fixed') {
    return {
      amountCents: a.cents,
      lines: [{ code: 'fixed', label: `Importo fisso ${formatEuro(a.cents)}`, amountCents: a.cents, source }],
    };
  }
  if (f.annualRentCents === null || f.annualRentCents === undefined) return null;
  const monthly = Math.round(f.annualRentCents / 12);
  const months = monthly * a.months;
  const amount = Math.min(months, a.capCents);
  const lines = [
    { code: 'months', label: `${a.months} mensilità di canone da ${formatEuro(monthly)}`, amountCents: months, source },
  ];
  if (amount < months)
    lines.push({ code: 'cap', label: `Massimo ${formatEuro(a.capCents)}`, amountCents: amount - months, source });
  return { amountCents: amount, lines };
}

export function evaluateTemplate(
  kind: TemplateKind,
  f: MeasureFacts,
  p: TemplateParameters = TEMPLATE_DEFAULTS[kind],
): MeasureEvaluation {
  const source = TEMPLATE_SOURCES[kind];
  const checks: Check[] = [];
  if (p.landlordsOnly) {
    checks.push(
      check(
        'landlords_only',
        'not_met',
        'Misura rivolta ai proprietari di alloggi sfitti: informare il proprietario.',
        source,
      ),
    );
    return { verdict: 'not_eligible', checks, estimate: null, preferences: [] };
  }
  if (p.residenceComuneIds !== null) {
    const c = f.residenceComuneId ?? null;
    checks.push(
      c === null
        ? check('residence', 'missing_information', 'Comune di residenza non indicato.', source)
        : p.residenceComuneIds.includes(c)
          ? check('residence', 'met', 'Residente in un Comune ammesso.', source)
          : check('residence', 'not_met', 'Residenza fuori dai Comuni ammessi dalla misura.', source),
    );
  }
  if (p.iseeMaxCents !== null || p.iseeMinCents !== null) {
    const isee = f.iseeCents ?? null;
    if (isee === null)
      checks.push(check('isee', 'missing_information', 'ISEE in corso di validità non presente.', source));
    else if (p.iseeMaxCents !== null && isee > p.iseeMaxCents) {
      checks.push(check('isee', 'not_met', `ISEE ${formatEuro(isee)} oltre ${formatEuro(p.iseeMaxCents)}.`, source));
    } else if (p.iseeMinCents !== null && isee < p.iseeMinCents) {
      checks.push(check('isee', 'not_met', `ISEE ${formatEuro(isee)} sotto ${formatEuro(p.iseeMinCents)}.`, source));
    } else checks.push(check('isee', 'met', `ISEE ${formatEuro(isee)} entro i limiti della misura.`, source));
  }
  const tenure = f.tenure ?? null;
  if (p.tenures !== null || p.excludeSapTenants) {
    if (tenure === null)
      checks.push(check('tenure', 'missing_information', 'Situazione abitativa non indicata.', source));
    else if (p.excludeSapTenants && tenure === 'sap_tenant') {
      checks.push(check('tenure', 'not_met', 'Gli assegnatari di alloggi SAP sono esclusi.', source));
    } else if (p.tenures !== null && !p.tenures.includes(tenure)) {
      checks.push(check('tenure', 'not_met', `Situazione abitativa (${TENURE_TEXT[tenure]}) non ammessa.`, source));
    } else checks.push(check('tenure', 'met', `Situazione abitativa ammessa (${TENURE_TEXT[tenure]}).`, source));
  }
  if (p.requireNoEviction) {
    const stage = f.evictionStage ?? null;
    checks.push(
      stage === null
        ? check('no_eviction', 'missing_information', 'Stato dello sfratto non indicato.', source)
        : stage === 'none' || stage === 'arrears'
          ? check('no_eviction', 'met', 'Nessuna procedura di rilascio in corso.', source)
          : check('no_eviction', 'not_met', 'È in corso una procedura di rilascio dell’alloggio.', source),
    );
  }
  if (p.requireArrears) {
    const a = f.arrearsCents ?? null;
    checks.push(
      a === null
        ? check('arrears', 'missing_information', 'Morosità non indicata.', source)
        : a > 0
          ? check('arrears', 'met', `Morosità iniziale di ${formatEuro(a)}.`, source)
          : check('arrears', 'not_met', 'Nessuna morosità.', source),
    );
  }
  if (p.requireOnlyPensionIncome) {
    checks.push(
      boolCheck(
        'pension_income',
        f.onlyPensionIncome,
        true,
        {
          met: 'Reddito del nucleo solo da pensione.',
          notMet: 'Il nucleo ha redditi diversi dalla pensione.',
          missing: 'Fonte del reddito non indicata.',
        },
        source,
      ),
    );
  }
  if (p.requireHomeAtAuction) {
    checks.push(
      boolCheck(
        'home_at_auction',
        f.homeAtAuction,
        true,
        {
          met: 'Abitazione di proprietà all’asta per mutuo non pagato.',
          notMet: 'Nessuna abitazione di proprietà all’asta.',
          missing: 'Non indicato se l’abitazione è all’asta.',
        },
        source,
      ),
    );
  }
  if (p.requireNoAdequateDwellingInRegion) {
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
        source,
      ),
    );
  }
  if (p.minYearsResidentInRegion !== null) {
    const y = f.yearsResidentInRegion ?? null;
    checks.push(
      y === null
        ? check('region_residence', 'missing_information', 'Anni di residenza in Lombardia non indicati.', source)
        : y >= p.minYearsResidentInRegion
          ? check('region_residence', 'met', `Residente in Lombardia da ${y} anni.`, source)
          : check(
              'region_residence',
              'not_met',
              `Residente in Lombardia da ${y} anni: ne servono ${p.minYearsResidentInRegion}.`,
              source,
            ),
    );
  }
  if (p.minMonthsInUnit !== null) {
    const m = f.monthsInUnit ?? null;
    checks.push(
      m === null
        ? check('months_in_unit', 'missing_information', 'Durata della residenza nell’alloggio non indicata.', source)
        : m >= p.minMonthsInUnit
          ? check('months_in_unit', 'met', `Nell’alloggio da ${m} mesi.`, source)
          : check('months_in_unit', 'not_met', `Nell’alloggio da ${m} mesi: ne servono ${p.minMonthsInUnit}.`, source),
    );
  }
  const verdict = verdictOf(checks);
  return {
    verdict,
    checks,
    estimate: verdict === 'not_eligible' ? null : templateAmount(p, f, source),
    preferences: [],
  };
}
