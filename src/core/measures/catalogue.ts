// Measures as data: each measure names its rule (kind); the rule reads a versioned parameter set.
// The shipped measures implement rules.md §3, §4 and §5; unverified values are flagged so the UI
// can show them as such.
import {
  AGREED_RENT_DEFAULTS,
  AGREED_RENT_UNVERIFIED,
  evaluateAgreedRent,
  type AgreedRentParameters,
} from './agreed-rent.js';
import {
  ARREARS_FUND_DEFAULTS,
  ARREARS_FUND_UNVERIFIED,
  evaluateArrearsFund,
  type ArrearsFundParameters,
} from './arrears-fund.js';
import type { MeasureEvaluation } from './evaluation.js';
import type { MeasureFacts } from './facts.js';
import { evaluateRentFund, RENT_FUND_DEFAULTS, RENT_FUND_UNVERIFIED, type RentFundParameters } from './rent-fund.js';
import {
  evaluateTemplate,
  TEMPLATE_DEFAULTS,
  TEMPLATE_KINDS,
  TEMPLATE_UNVERIFIED,
  type TemplateKind,
  type TemplateParameters,
} from './templates.js';

export const MEASURE_KINDS = ['fondo_affitto', 'morosita_incolpevole', 'canone_concordato', ...TEMPLATE_KINDS] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export type MeasureParameters = RentFundParameters | ArrearsFundParameters | AgreedRentParameters | TemplateParameters;

export function isTemplateKind(kind: string): kind is TemplateKind {
  return (TEMPLATE_KINDS as readonly string[]).includes(kind);
}

export function isMeasureKind(kind: string): kind is MeasureKind {
  return (MEASURE_KINDS as readonly string[]).includes(kind);
}

export function defaultParameters(kind: MeasureKind): MeasureParameters {
  if (kind === 'fondo_affitto') return RENT_FUND_DEFAULTS;
  if (kind === 'morosita_incolpevole') return ARREARS_FUND_DEFAULTS;
  if (kind === 'canone_concordato') return AGREED_RENT_DEFAULTS;
  return TEMPLATE_DEFAULTS[kind];
}

export function unverifiedParameters(kind: MeasureKind): readonly string[] {
  if (kind === 'fondo_affitto') return RENT_FUND_UNVERIFIED;
  if (kind === 'morosita_incolpevole') return ARREARS_FUND_UNVERIFIED;
  if (kind === 'canone_concordato') return AGREED_RENT_UNVERIFIED;
  return TEMPLATE_UNVERIFIED[kind];
}

/** Stored parameters over the defaults of the kind: a version may set only what changed. */
export function effectiveParameters(kind: MeasureKind, stored: Record<string, unknown>): MeasureParameters {
  return { ...defaultParameters(kind), ...stored } as MeasureParameters;
}

/**
 * Problems with a parameter set, in Italian (empty: valid). Only keys of the kind, with the
 * type of the default; money and percentages never negative; the FSA raise at most 25%.
 */
export function parameterProblems(kind: MeasureKind, stored: Record<string, unknown>): string[] {
  const defaults = defaultParameters(kind) as unknown as Record<string, unknown>;
  const problems: string[] = [];
  for (const [key, value] of Object.entries(stored)) {
    if (!(key in defaults)) {
      problems.push(`Parametro sconosciuto per questa misura: ${key}.`);
      continue;
    }
    const def = defaults[key];
    if (typeof def === 'number' && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
      problems.push(`${key}: deve essere un numero non negativo.`);
    } else if (typeof def === 'boolean' && typeof value !== 'boolean') {
      problems.push(`${key}: deve essere vero o falso.`);
    } else if (typeof def === 'string' && typeof value !== 'string') {
      problems.push(`${key}: deve essere un testo.`);
    } else if (Array.isArray(def) && value !== null && !Array.isArray(value)) {
      problems.push(`${key}: deve essere un elenco.`);
    } else if (def === null && value !== null && typeof value !== 'number' && !Array.isArray(value)) {
      problems.push(`${key}: valore non ammesso.`);
    }
  }
  const merged = { ...defaults, ...stored } as Record<string, unknown>;
  if (kind === 'fondo_affitto') {
    const raise = merged.fragilityRaisePercent;
    if (typeof raise === 'number' && raise > 25) problems.push('fragilityRaisePercent: al massimo 25% (DM 7/6/1999).');
    if (!['contribution', 'income_limits', 'both'].includes(String(merged.fragilityRaiseAppliesTo))) {
      problems.push('fragilityRaiseAppliesTo: contribution, income_limits o both.');
    }
  }
  if (kind === 'morosita_incolpevole') {
    const total = Number(merged.totalCapCents);
    if (Number(merged.purposeACapCents) > total || Number(merged.purposeBCapCents) > total) {
      problems.push('I massimali delle finalità non possono superare il massimale per nucleo.');
    }
  }
  if (isTemplateKind(kind)) {
    const amount = merged.amount as { mode?: unknown; cents?: unknown; months?: unknown; capCents?: unknown } | null;
    const okAmount =
      amount !== null &&
      typeof amount === 'object' &&
      (amount.mode === 'none' ||
        (amount.mode === 'fixed' && typeof amount.cents === 'number' && amount.cents >= 0) ||
        (amount.mode === 'months_of_rent' &&
          typeof amount.months === 'number' &&
          amount.months > 0 &&
          typeof amount.capCents === 'number' &&
          amount.capCents >= 0));
    if (!okAmount) problems.push('amount: modalità none, fixed (cents) o months_of_rent (months, capCents).');
  }
  return problems;
}

/** Runs a measure's rule on a household's facts. */
export function evaluateMeasure(kind: MeasureKind, params: MeasureParameters, facts: MeasureFacts): MeasureEvaluation {
  switch (kind) {
    case 'fondo_affitto':
      return evaluateRentFund(facts, params as RentFundParameters);
    case 'morosita_incolpevole':
      return evaluateArrearsFund(facts, params as ArrearsFundParameters);
    case 'canone_concordato':
      return evaluateAgreedRent(facts, params as AgreedRentParameters);
    default:
      return evaluateTemplate(kind, facts, params as TemplateParameters);
  }
}

export interface RequiredDocument {
  readonly code: string;
  readonly label: string;
}

export interface MeasureDefinition {
  readonly code: string;
  readonly kind: MeasureKind;
  readonly name: string;
  readonly legalBasis: string;
  readonly description: string;
  readonly fundCode: string;
  readonly payee: 'tenant' | 'landlord';
  readonly requiredDocuments: readonly RequiredDocument[];
  readonly approvalSteps: readonly string[];
}

const ID_DOC: RequiredDocument = { code: 'identity', label: 'Documento d’identità del richiedente' };
const LEASE_DOC: RequiredDocument = { code: 'lease', label: 'Contratto di locazione registrato' };
const STEPS = ['review', 'approval'] as const;

/** The measures that ship with Abitare (rules.md §3–§5). */
export const SHIPPED_MEASURES: readonly MeasureDefinition[] = [
  {
    code: 'fondo_affitto',
    kind: 'fondo_affitto',
    name: 'Fondo sostegno affitto',
    legalBasis: 'L. 431/1998 art. 11; DM 7/6/1999',
    description: 'Contributo che riporta l’incidenza del canone sul reddito al 14% (fascia A) o al 24% (fascia B).',
    fundCode: 'FSA',
    payee: 'tenant',
    requiredDocuments: [ID_DOC, LEASE_DOC, { code: 'income', label: 'Dichiarazione dei redditi del nucleo' }],
    approvalSteps: STEPS,
  },
  {
    code: 'morosita_incolpevole',
    kind: 'morosita_incolpevole',
    name: 'Fondo morosità incolpevole',
    legalBasis: 'DL 102/2013 art. 6 c.5; DM 30/3/2016',
    description: 'Contributo per chi non paga l’affitto per una perdita o riduzione del reddito, con sfratto intimato.',
    fundCode: 'FIMI',
    payee: 'landlord',
    requiredDocuments: [
      ID_DOC,
      LEASE_DOC,
      { code: 'eviction_notice', label: 'Intimazione di sfratto con citazione per la convalida' },
      { code: 'income_loss', label: 'Documentazione della perdita o riduzione del reddito' },
    ],
    approvalSteps: STEPS,
  },
  {
    code: 'contributo_comunale',
    kind: 'contributo_comunale',
    name: 'Contributo affitto comunale',
    legalBasis: 'Delibera comunale (parametri da impostare)',
    description:
      'Contributo del Comune al proprietario per mensilità di canone; importi impostati dall’amministratore.',
    fundCode: 'COM',
    payee: 'landlord',
    requiredDocuments: [ID_DOC, LEASE_DOC],
    approvalSteps: STEPS,
  },
  ...([1, 2, 3, 4, 5] as const).map((n): MeasureDefinition => ({
    code: `lombardia_misura_${n}`,
    kind: `lombardia_misura_${n}`,
    name: `Regione Lombardia – Misura ${n}`,
    legalBasis: 'DGR XI/606/2018',
    description: [
      'Nuove soluzioni abitative temporanee per l’emergenza.',
      'Nuclei con morosità iniziale, senza sfratto in corso, in locazione sul libero mercato.',
      'Nuclei con l’abitazione di proprietà all’asta per mutuo non pagato.',
      'Nuclei in locazione con reddito solo da pensione.',
      'Alloggi sfitti rimessi sul mercato a canone concordato o inferiore (proprietari).',
    ][n - 1] as string,
    fundCode: 'DGR606',
    payee: n === 3 || n === 1 ? 'tenant' : 'landlord',
    requiredDocuments: [ID_DOC],
    approvalSteps: STEPS,
  })),
  {
    code: 'canone_concordato',
    kind: 'canone_concordato',
    name: 'Incentivi canone concordato',
    legalBasis: 'L. 431/1998 art. 2 c.3; DGR XI/2065/2019',
    description: 'Incentivo al proprietario per un contratto a canone concordato: 1.000 € (3+2), 1.500 € (più lungo).',
    fundCode: 'CANCON',
    payee: 'landlord',
    requiredDocuments: [{ code: 'agreed_lease', label: 'Contratto a canone concordato registrato' }],
    approvalSteps: STEPS,
  },
];
