// Points schemes for calls Abitare scores itself (issue 3 item 9; rules.md §2.6 "implementation
// guidance"): municipal calls, temporary-housing selections, other regions. A scheme is DATA —
// versioned, with validity dates, JSON-serialisable — and every score is broken down by
// criterion with its points and source. Evaluation is pure; the date is a parameter.
//
// Conditions use three-valued logic: a fact that is missing makes a comparison UNKNOWN, which is
// never a pass: an unknown eligibility rule gives 'missing_information', an unknown criterion
// awards no points and says so.

import type { PlainDate } from '../kernel/plain-date.js';
import {
  findLatestInForce,
  formatDateIt,
  formatNumberIt,
  isInForce,
  versionsConflict,
  type CheckOutcome,
  type RuleError,
  type Validity,
} from '../sap/explained.js';
import { TIE_BREAK_KEYS, type TieBreakKey } from '../sap/ranking.js';

type FactType = 'boolean' | 'integer' | 'cents' | 'percent' | 'string' | 'enum';

export interface FactDefinition {
  readonly type: FactType;
  /** Italian label, used in explanations. */
  readonly label: string;
  /** Allowed values of an enum fact. */
  readonly values?: readonly string[];
}

/** The household facts a condition may use. Adding a fact here makes it available to every scheme. */
export const FACTS = {
  members_count: { type: 'integer', label: 'numero di componenti' },
  adults_count: { type: 'integer', label: 'numero di adulti' },
  minors_count: { type: 'integer', label: 'numero di minori' },
  has_minors: { type: 'boolean', label: 'presenza di minori' },
  children_under_3_count: { type: 'integer', label: 'numero di bambini sotto i 3 anni' },
  elderly_over_65_count: { type: 'integer', label: 'numero di persone oltre i 65 anni' },
  highest_invalidity_percent: { type: 'percent', label: 'invalidità civile più alta nel nucleo' },
  applicant_sex: { type: 'enum', label: 'sesso del richiedente', values: ['F', 'M'] },
  applicant_age: { type: 'integer', label: 'età del richiedente' },
  isee_cents: { type: 'cents', label: 'ISEE' },
  assets_cents: { type: 'cents', label: 'patrimonio' },
  income_cents: { type: 'cents', label: 'reddito annuo' },
  no_income: { type: 'boolean', label: 'nucleo senza reddito' },
  residence_comune: { type: 'string', label: 'Comune di residenza' },
  resides_in_ambito: { type: 'boolean', label: 'residenza in un Comune dell’Ambito' },
  years_of_residence_in_comune: { type: 'integer', label: 'anni di residenza nel Comune' },
  lone_parent: { type: 'boolean', label: 'genitore solo' },
  eviction_validated: { type: 'boolean', label: 'sfratto convalidato' },
  eviction_executed: { type: 'boolean', label: 'sfratto eseguito' },
  domestic_violence: { type: 'boolean', label: 'vittima di violenza domestica' },
  homeless: { type: 'boolean', label: 'senza dimora' },
  improper_housing: { type: 'boolean', label: 'alloggio improprio' },
  overcrowding: { type: 'boolean', label: 'sovraffollamento' },
  architectural_barriers: { type: 'boolean', label: 'barriere architettoniche con persona disabile' },
  separated_parent: { type: 'boolean', label: 'genitore separato o divorziato in difficoltà' },
  new_family: { type: 'boolean', label: 'famiglia di nuova formazione' },
  social_services_care: { type: 'boolean', label: 'in carico ai servizi sociali' },
  followed_by_agency_team: { type: 'boolean', label: 'seguito dall’équipe dell’Agenzia per la Casa' },
} as const satisfies Record<string, FactDefinition>;

export type FactName = keyof typeof FACTS;
export type FactValue = number | boolean | string;
/** What we know of a household; a fact absent or null is unknown. Money in cents. */
export type HouseholdFacts = Readonly<Partial<Record<FactName, FactValue | null>>>;

export const COMPARISON_OPS = ['=', '!=', '<', '<=', '>', '>='] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

export type Condition =
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition }
  | { readonly fact: string; readonly op: ComparisonOp; readonly value: FactValue }
  | { readonly fact: string; readonly op: 'in'; readonly value: readonly (string | number)[] };

export interface EligibilityRule {
  readonly code: string;
  readonly label: string;
  readonly condition: Condition;
  readonly source: string;
}

export interface Criterion {
  readonly code: string;
  readonly label: string;
  readonly condition: Condition;
  /** Points awarded when the condition holds: ≥ 0, at most two decimals. */
  readonly points: number;
  readonly source: string;
  /** Whether the points come from a law or are the body's own choice (said in the UI). */
  readonly basis: 'law' | 'municipal_choice';
}

export interface PointsScheme extends Validity {
  readonly id: string;
  readonly version: string;
  readonly name: string;
  readonly eligibility: readonly EligibilityRule[];
  readonly criteria: readonly Criterion[];
  readonly tieBreakKeys: readonly TieBreakKey[];
}

export type Truth = 'true' | 'false' | 'unknown';

function isFactName(name: string): name is FactName {
  return Object.prototype.hasOwnProperty.call(FACTS, name);
}

function compare(actual: FactValue, op: ComparisonOp, expected: FactValue): boolean {
  switch (op) {
    case '=':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
  }
}

/** Kleene logic: `all` is false if any part is false, `any` true if any part is true, else unknown wins. */
export function evaluateCondition(condition: Condition, facts: HouseholdFacts): Truth {
  if ('all' in condition) {
    let result: Truth = 'true';
    for (const part of condition.all) {
      const t = evaluateCondition(part, facts);
      if (t === 'false') return 'false';
      if (t === 'unknown') result = 'unknown';
    }
    return result;
  }
  if ('any' in condition) {
    let result: Truth = 'false';
    for (const part of condition.any) {
      const t = evaluateCondition(part, facts);
      if (t === 'true') return 'true';
      if (t === 'unknown') result = 'unknown';
    }
    return result;
  }
  if ('not' in condition) {
    const t = evaluateCondition(condition.not, facts);
    return t === 'unknown' ? 'unknown' : t === 'true' ? 'false' : 'true';
  }
  const actual = isFactName(condition.fact) ? facts[condition.fact] : undefined;
  if (actual === undefined || actual === null) return 'unknown';
  if (condition.op === 'in') return condition.value.includes(actual as string | number) ? 'true' : 'false';
  if (typeof actual !== typeof condition.value) {
    throw new TypeError(
      `Fact ${condition.fact} is a ${typeof actual}, the condition compares a ${typeof condition.value}`,
    );
  }
  return compare(actual, condition.op, condition.value) ? 'true' : 'false';
}

function valueText(fact: string, value: FactValue | readonly (string | number)[] | null | undefined): string {
  if (value === null || value === undefined) return 'non indicato';
  if (Array.isArray(value)) return value.map((v) => valueText(fact, v as FactValue)).join(', ');
  const type = isFactName(fact) ? FACTS[fact].type : 'string';
  if (typeof value === 'boolean') return value ? 'sì' : 'no';
  if (type === 'cents' && typeof value === 'number') return `${formatNumberIt(value / 100)} €`;
  if (type === 'percent' && typeof value === 'number') return `${formatNumberIt(value)}%`;
  return typeof value === 'number' ? formatNumberIt(value) : String(value);
}

const OP_TEXT: Record<ComparisonOp | 'in', string> = {
  '=': '=',
  '!=': '≠',
  '<': '<',
  '<=': '≤',
  '>': '>',
  '>=': '≥',
  in: 'tra',
};

/** The condition in Italian with the household's values, e.g. "numero di minori ≥ 1 (valore: 2)". */
export function describeCondition(condition: Condition, facts: HouseholdFacts): string {
  if ('all' in condition) return condition.all.map((c) => wrap(c, facts)).join(' e ');
  if ('any' in condition) return condition.any.map((c) => wrap(c, facts)).join(' oppure ');
  if ('not' in condition) return `non (${describeCondition(condition.not, facts)})`;
  const label = isFactName(condition.fact) ? FACTS[condition.fact].label : condition.fact;
  const actual = isFactName(condition.fact) ? facts[condition.fact] : undefined;
  return `${label} ${OP_TEXT[condition.op]} ${valueText(condition.fact, condition.value)} (valore: ${valueText(condition.fact, actual)})`;
}

function wrap(condition: Condition, facts: HouseholdFacts): string {
  const text = describeCondition(condition, facts);
  return 'all' in condition || 'any' in condition ? `(${text})` : text;
}

const OUTCOME: Record<Truth, CheckOutcome> = { true: 'met', false: 'not_met', unknown: 'missing_information' };

export interface EligibilityOutcome {
  readonly code: string;
  readonly label: string;
  readonly outcome: CheckOutcome;
  readonly evidence: string;
  readonly source: string;
}

export interface CriterionOutcome {
  readonly code: string;
  readonly label: string;
  readonly outcome: CheckOutcome;
  /** Points awarded: the criterion's points when met, else 0. */
  readonly points: number;
  readonly maxPoints: number;
  readonly evidence: string;
  readonly source: string;
  readonly basis: Criterion['basis'];
}

export type SchemeScore =
  | { readonly ok: false; readonly error: RuleError<'SCHEME_NOT_IN_FORCE'> }
  | {
      readonly ok: true;
      readonly schemeId: string;
      readonly schemeVersion: string;
      readonly asOf: PlainDate;
      readonly eligibility: {
        readonly outcome: 'eligible' | 'not_eligible' | 'missing_information';
        readonly rules: readonly EligibilityOutcome[];
      };
      readonly criteria: readonly CriterionOutcome[];
      /** Sum of the awarded points (computed in hundredths, so 0.1 + 0.2 is 0.3). */
      readonly total: number;
      /** Points that could not be judged for missing facts. */
      readonly pointsPending: number;
      readonly text: string;
    };

const hundredths = (points: number) => Math.round(points * 100);

/** Scores a household with a scheme on a day, criterion by criterion, with the eligibility outcomes. */
export function scoreWithScheme(
  facts: HouseholdFacts,
  scheme: PointsScheme,
  options: { readonly asOf: PlainDate },
): SchemeScore {
  if (!isInForce(scheme, options.asOf)) {
    return {
      ok: false,
      error: {
        code: 'SCHEME_NOT_IN_FORCE',
        text: `Lo schema «${scheme.name}» (versione ${scheme.version}) vale dal ${formatDateIt(scheme.validFrom)}${scheme.validTo ? ` al ${formatDateIt(scheme.validTo)}` : ''}: non si applica al ${formatDateIt(options.asOf)}.`,
        source: scheme.id,
      },
    };
  }
  const rules = scheme.eligibility.map((rule): EligibilityOutcome => {
    const outcome = OUTCOME[evaluateCondition(rule.condition, facts)];
    return {
      code: rule.code,
      label: rule.label,
      outcome,
      evidence: describeCondition(rule.condition, facts),
      source: rule.source,
    };
  });
  const eligibility = rules.some((r) => r.outcome === 'not_met')
    ? 'not_eligible'
    : rules.some((r) => r.outcome === 'missing_information')
      ? 'missing_information'
      : 'eligible';
  let total = 0;
  let pending = 0;
  const criteria = scheme.criteria.map((criterion): CriterionOutcome => {
    const outcome = OUTCOME[evaluateCondition(criterion.condition, facts)];
    const points = outcome === 'met' ? criterion.points : 0;
    total += hundredths(points);
    if (outcome === 'missing_information') pending += hundredths(criterion.points);
    return {
      code: criterion.code,
      label: criterion.label,
      outcome,
      points,
      maxPoints: criterion.points,
      evidence: describeCondition(criterion.condition, facts),
      source: criterion.source,
      basis: criterion.basis,
    };
  });
  const met = criteria.filter((c) => c.outcome === 'met').length;
  const eligibilityText = {
    eligible: 'requisiti di accesso soddisfatti',
    not_eligible: 'requisiti di accesso non soddisfatti',
    missing_information: 'requisiti di accesso da completare',
  }[eligibility];
  return {
    ok: true,
    schemeId: scheme.id,
    schemeVersion: scheme.version,
    asOf: options.asOf,
    eligibility: { outcome: eligibility, rules },
    criteria,
    total: total / 100,
    pointsPending: pending / 100,
    text: `Punteggio ${formatNumberIt(total / 100)} (${met} criteri su ${criteria.length} soddisfatti${pending > 0 ? `; ${formatNumberIt(pending / 100)} punti da verificare per dati mancanti` : ''}); ${eligibilityText}. Schema «${scheme.name}», versione ${scheme.version}.`,
  };
}

/** The version of a scheme in force on a day. */
export function findSchemeInForce(
  schemes: readonly PointsScheme[],
  id: string,
  on: PlainDate,
): PointsScheme | undefined {
  // A version without an end gives way to the next one (versionsConflict).
  return findLatestInForce(
    schemes.filter((s) => s.id === id),
    on,
  );
}

export type SchemeErrorCode =
  | 'UNKNOWN_FACT'
  | 'BAD_OPERATOR'
  | 'BAD_VALUE'
  | 'EMPTY_GROUP'
  | 'BAD_CONDITION'
  | 'DUPLICATE_CODE'
  | 'BAD_POINTS'
  | 'MISSING_TEXT'
  | 'BAD_VALIDITY'
  | 'OVERLAPPING_VALIDITY'
  | 'UNKNOWN_TIE_BREAK_KEY'
  | 'DUPLICATE_TIE_BREAK_KEY';

export interface SchemeError {
  readonly code: SchemeErrorCode;
  /** Where in the scheme, e.g. 'criteria[2].condition.all[0]'. */
  readonly path: string;
  readonly text: string;
}

const ORDERED_TYPES: readonly FactType[] = ['integer', 'cents', 'percent'];

function checkValue(fact: FactName, value: unknown): string | null {
  const definition: FactDefinition = FACTS[fact];
  switch (definition.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : 'un valore sì/no (true o false)';
    case 'integer':
    case 'cents':
      return typeof value === 'number' && Number.isSafeInteger(value)
        ? null
        : definition.type === 'cents'
          ? 'un importo intero in centesimi'
          : 'un numero intero';
    case 'percent':
      return typeof value === 'number' && value >= 0 && value <= 100 ? null : 'una percentuale tra 0 e 100';
    case 'string':
      return typeof value === 'string' ? null : 'un testo';
    case 'enum':
      return typeof value === 'string' && (definition.values ?? []).includes(value)
        ? null
        : `uno tra ${(definition.values ?? []).join(', ')}`;
  }
}

function validateCondition(condition: unknown, path: string, errors: SchemeError[]): void {
  if (typeof condition !== 'object' || condition === null) {
    errors.push({ code: 'BAD_CONDITION', path, text: 'La condizione deve essere un oggetto.' });
    return;
  }
  const c = condition as Record<string, unknown>;
  const shape = ['all', 'any', 'not', 'fact'].filter((k) => k in c);
  if (shape.length !== 1) {
    errors.push({
      code: 'BAD_CONDITION',
      path,
      text: 'Una condizione è esattamente una tra { all }, { any }, { not } e { fact, op, value }.',
    });
    return;
  }
  if ('all' in c || 'any' in c) {
    const key = 'all' in c ? 'all' : 'any';
    const parts = c[key];
    if (!Array.isArray(parts) || parts.length === 0) {
      errors.push({ code: 'EMPTY_GROUP', path, text: `Il gruppo «${key}» deve contenere almeno una condizione.` });
      return;
    }
    parts.forEach((part, i) => validateCondition(part, `${path}.${key}[${i}]`, errors));
    return;
  }
  if ('not' in c) {
    validateCondition(c.not, `${path}.not`, errors);
    return;
  }
  const fact = c.fact;
  if (typeof fact !== 'string' || !isFactName(fact)) {
    errors.push({
      code: 'UNKNOWN_FACT',
      path,
      text: `Dato sconosciuto «${String(fact)}»: i dati disponibili sono ${Object.keys(FACTS).join(', ')}.`,
    });
    return;
  }
  const type = FACTS[fact].type;
  const op = c.op;
  const allowed: readonly string[] = ORDERED_TYPES.includes(type)
    ? [...COMPARISON_OPS, 'in']
    : type === 'boolean'
      ? ['=', '!=']
      : ['=', '!=', 'in'];
  if (typeof op !== 'string' || !allowed.includes(op)) {
    errors.push({
      code: 'BAD_OPERATOR',
      path,
      text: `L’operatore «${String(op)}» non si applica a «${fact}» (${type}): usare ${allowed.join(' ')}.`,
    });
    return;
  }
  const values = op === 'in' ? c.value : [c.value];
  if (!Array.isArray(values) || values.length === 0) {
    errors.push({
      code: 'BAD_VALUE',
      path,
      text: `L’operatore «in» richiede un elenco non vuoto di valori per «${fact}».`,
    });
    return;
  }
  for (const value of values) {
    const expected = checkValue(fact, value);
    if (expected) {
      errors.push({
        code: 'BAD_VALUE',
        path,
        text: `Il valore ${JSON.stringify(value)} per «${fact}» deve essere ${expected}.`,
      });
    }
  }
}

/**
 * Checks a scheme before it is saved: known facts, operators that fit each fact, values of the
 * right type, unique codes, points ≥ 0 with at most two decimals (a need never lowers a score),
 * labels and sources present, valid dates, known tie-break keys, and no validity overlap with the
 * other versions of the same scheme. Returns every problem found, in Italian.
 */
export function validateScheme(scheme: PointsScheme, otherVersions: readonly PointsScheme[] = []): SchemeError[] {
  const errors: SchemeError[] = [];
  for (const field of ['id', 'version', 'name'] as const) {
    if (!scheme[field]?.trim()) errors.push({ code: 'MISSING_TEXT', path: field, text: `Manca il campo «${field}».` });
  }
  if (scheme.validTo !== null && scheme.validTo < scheme.validFrom) {
    errors.push({
      code: 'BAD_VALIDITY',
      path: 'validTo',
      text: `La fine validità (${formatDateIt(scheme.validTo)}) precede l’inizio (${formatDateIt(scheme.validFrom)}).`,
    });
  }
  for (const other of otherVersions) {
    if (other.id !== scheme.id || other.version === scheme.version) continue;
    if (versionsConflict(scheme, other)) {
      errors.push({
        code: 'OVERLAPPING_VALIDITY',
        path: 'validFrom',
        text: `La validità si sovrappone a quella della versione ${other.version} (dal ${formatDateIt(other.validFrom)}${other.validTo ? ` al ${formatDateIt(other.validTo)}` : ''}): in ogni giorno deve valere una sola versione.`,
      });
    }
  }
  const codes = new Set<string>();
  const checkItem = (item: { code: string; label: string; source: string; condition: Condition }, path: string) => {
    if (codes.has(item.code)) {
      errors.push({
        code: 'DUPLICATE_CODE',
        path: `${path}.code`,
        text: `Il codice «${item.code}» è usato più volte.`,
      });
    }
    codes.add(item.code);
    for (const field of ['code', 'label', 'source'] as const) {
      if (!item[field]?.trim()) {
        errors.push({
          code: 'MISSING_TEXT',
          path: `${path}.${field}`,
          text: `Manca il campo «${field}»: ogni criterio dice cosa premia e su quale base.`,
        });
      }
    }
    validateCondition(item.condition, `${path}.condition`, errors);
  };
  scheme.eligibility.forEach((rule, i) => checkItem(rule, `eligibility[${i}]`));
  scheme.criteria.forEach((criterion, i) => {
    checkItem(criterion, `criteria[${i}]`);
    const p = criterion.points;
    if (!Number.isFinite(p) || p < 0 || Math.abs(p * 100 - Math.round(p * 100)) > 1e-9) {
      errors.push({
        code: 'BAD_POINTS',
        path: `criteria[${i}].points`,
        text: `Punti non validi (${p}): servono numeri ≥ 0 con al più due decimali (un bisogno in più non abbassa mai il punteggio).`,
      });
    }
  });
  const keys = new Set<string>();
  scheme.tieBreakKeys.forEach((key, i) => {
    if (!(TIE_BREAK_KEYS as readonly string[]).includes(key)) {
      errors.push({
        code: 'UNKNOWN_TIE_BREAK_KEY',
        path: `tieBreakKeys[${i}]`,
        text: `Criterio di parità sconosciuto «${key}»: usare ${TIE_BREAK_KEYS.join(', ')}.`,
      });
    } else if (keys.has(key)) {
      errors.push({
        code: 'DUPLICATE_TIE_BREAK_KEY',
        path: `tieBreakKeys[${i}]`,
        text: `Il criterio di parità «${key}» è ripetuto.`,
      });
    }
    keys.add(key);
  });
  return errors;
}
