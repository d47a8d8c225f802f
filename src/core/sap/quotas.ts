// Quotas and reserves of the SAP assignment (rules.md §2.7): how many units of the units available
// go first to indigent households, to the reserve categories, to the police forces and to SAT.
// Percentages, thresholds and roundings are a versioned parameter set; a configured percentage
// above its legal cap is refused with an explained error value.

import { formatEuro, type Cents } from '../kernel/money.js';
import type { PlainDate } from '../kernel/plain-date.js';
import { findInForce, formatNumberIt, type Check, type RuleError, type Validity } from './explained.js';

export type OwnerKind = 'comune' | 'aler';
/** ceil: any fraction rounds up; half_up: .5 and above round up; floor: fractions are dropped. */
export type Rounding = 'ceil' | 'half_up' | 'floor';

interface QuotaRule {
  readonly percent: number;
  readonly rounding: Rounding;
  readonly source: string;
}

export interface QuotaParameters extends Validity {
  readonly version: string;
  /** Share of units for indigent households, per owner; per Comune for ALER. */
  readonly indigent: QuotaRule & { readonly comuniMayExceedOnOwnStock: boolean };
  /** Maximum share an owner may reserve for the art. 14 categories. */
  readonly reserve: QuotaRule;
  /** Maximum share per Comune for the police forces (art. 7 bis State forces, art. 7 ter Polizia Locale). */
  readonly policeForces: QuotaRule;
  /** Maximum share per owner set aside for transitional housing (SAT), a planning figure. */
  readonly sat: QuotaRule;
  /** Indigence: ISEE at most this, plus the social services' attestation. */
  readonly indigenceIseeMaxCents: Cents;
  readonly indigenceSource: string;
}

/**
 * The current text. [U] The reserve and police caps come from RR 2/2025 (BURL 10/3/2025): for calls
 * published before it, transcribe the earlier text into its own version and close this one's
 * validFrom at 2025-03-10.
 */
export const QUOTA_PARAMETERS_RR_4_2017: QuotaParameters = {
  version: 'rr-4-2017-quotas-2025',
  validFrom: '2018-02-08' as PlainDate,
  validTo: null,
  indigent: {
    percent: 20,
    rounding: 'ceil',
    comuniMayExceedOnOwnStock: true,
    source: 'L.R. 16/2016 art. 23 c.3; R.R. 4/2017 art. 13 (20% arrotondato per eccesso; per ALER per Comune)',
  },
  reserve: {
    percent: 20,
    rounding: 'half_up',
    source:
      'R.R. 4/2017 art. 4 c.3 lett. c bis, art. 15 c.1 ter (fino al 20%, arrotondamento all’unità superiore da 0,5)',
  },
  policeForces: {
    percent: 20,
    // [U] The rule gives only the cap; we round as the reserves of the same article (c bis).
    rounding: 'half_up',
    source: 'R.R. 4/2017 art. 4 c.3 lett. d bis (fino al 20% per Comune; artt. 7 bis e 7 ter)',
  },
  sat: {
    percent: 10,
    // [U] "Up to 10%" is a cap; rounding down keeps the figure within it.
    rounding: 'floor',
    source: 'L.R. 16/2016 art. 23 c.13 (fino al 10% delle unità disponibili annualmente)',
  },
  indigenceIseeMaxCents: 300_000 as Cents,
  indigenceSource: 'R.R. 4/2017 art. 13; L.R. 16/2016 art. 23 c.3',
};

export const QUOTA_PARAMETERS: readonly QuotaParameters[] = [QUOTA_PARAMETERS_RR_4_2017];

export function findQuotaParameters(on: PlainDate, versions: readonly QuotaParameters[] = QUOTA_PARAMETERS) {
  return findInForce(versions, on);
}

/**
 * `percent` of `units`, rounded as asked, in integer arithmetic (percent to basis points) so that
 * 20% of 5 is exactly 1 and 2.5 rounds half-up to 3.
 */
export function applyPercent(units: number, percent: number, rounding: Rounding): number {
  if (!Number.isInteger(units) || units < 0) throw new RangeError(`Units must be a non-negative integer: ${units}`);
  if (!Number.isFinite(percent) || percent < 0) throw new RangeError(`Percent must be non-negative: ${percent}`);
  const product = units * Math.round(percent * 100);
  switch (rounding) {
    case 'ceil':
      return Math.floor((product + 9_999) / 10_000);
    case 'half_up':
      return Math.floor((product + 5_000) / 10_000);
    case 'floor':
      return Math.floor(product / 10_000);
  }
}

export interface QuotaUnit {
  readonly id: string;
  readonly ownerId: string;
  readonly ownerKind: OwnerKind;
  readonly comune: string;
}

/** An owner (comune null), a Comune (owner null) or an ALER owner within one Comune. */
export interface QuotaScope {
  readonly ownerId: string | null;
  readonly comune: string | null;
}

export interface QuotaFigure {
  readonly scope: QuotaScope;
  readonly unitsAvailable: number;
  readonly percent: number;
  readonly rounding: Rounding;
  readonly count: number;
  /** Italian: how the figure was obtained. */
  readonly text: string;
  readonly source: string;
}

export function scopeKey(scope: QuotaScope): string {
  return JSON.stringify([scope.ownerId, scope.comune]);
}

/** The scope a unit's indigent assignments count in: the owner, or the owner and the Comune for ALER (RR art. 13). */
export function indigentScopeOf(unit: Pick<QuotaUnit, 'ownerId' | 'ownerKind' | 'comune'>): QuotaScope {
  return { ownerId: unit.ownerId, comune: unit.ownerKind === 'aler' ? unit.comune : null };
}

export type QuotaErrorCode =
  | 'INDIGENT_SHARE_BELOW_LAW'
  | 'INDIGENT_SHARE_ABOVE_LAW_FOR_ALER'
  | 'PERCENT_OUT_OF_RANGE'
  | 'RESERVE_ABOVE_CAP'
  | 'POLICE_FORCES_ABOVE_CAP'
  | 'POLICE_FORCES_ON_ORDINARY_CALL'
  | 'SAT_ABOVE_CAP';

export type QuotaError = RuleError<QuotaErrorCode>;

export interface QuotaConfig {
  readonly callKind: 'ordinary' | 'police_forces';
  /** Share each owner reserves for the art. 14 categories (0 when none). */
  readonly reservePercent: number;
  /** Only for a police-forces call (separate avvisi, RR art. 8). */
  readonly policeForcesPercent?: number | null;
  /** Planning figure for SAT, when the plan sets one. */
  readonly satPercent?: number | null;
  /** A Comune may give indigent households more than the legal share of its own stock. */
  readonly indigentPercentByOwner?: Readonly<Record<string, number>>;
}

export interface CallQuotas {
  readonly indigent: readonly QuotaFigure[];
  readonly reserve: readonly QuotaFigure[];
  readonly policeForces: readonly QuotaFigure[];
  readonly sat: readonly QuotaFigure[];
  readonly parametersVersion: string;
}

function groupBy(units: readonly QuotaUnit[], scopeOf: (u: QuotaUnit) => QuotaScope): [QuotaScope, number][] {
  const groups = new Map<string, [QuotaScope, number]>();
  for (const unit of units) {
    const scope = scopeOf(unit);
    const key = scopeKey(scope);
    const group = groups.get(key);
    if (group) group[1] += 1;
    else groups.set(key, [scope, 1]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, group]) => group);
}

const ROUNDING_TEXT: Record<Rounding, string> = {
  ceil: 'arrotondato per eccesso',
  half_up: 'arrotondato all’unità superiore da 0,5',
  floor: 'arrotondato per difetto',
};

function scopeText(scope: QuotaScope): string {
  if (scope.ownerId !== null && scope.comune !== null) return `${scope.ownerId}, Comune di ${scope.comune}`;
  return scope.ownerId ?? `Comune di ${scope.comune ?? ''}`;
}

function figure(label: string, scope: QuotaScope, units: number, percent: number, rule: QuotaRule): QuotaFigure {
  const count = applyPercent(units, percent, rule.rounding);
  return {
    scope,
    unitsAvailable: units,
    percent,
    rounding: rule.rounding,
    count,
    text: `${label} (${scopeText(scope)}): ${formatNumberIt(percent)}% di ${units} alloggi disponibili = ${formatNumberIt((units * percent) / 100)}, ${ROUNDING_TEXT[rule.rounding]}: ${count}.`,
    source: rule.source,
  };
}

function percentInRange(percent: number, field: string, source: string): QuotaError | null {
  if (Number.isFinite(percent) && percent >= 0 && percent <= 100) return null;
  return {
    code: 'PERCENT_OUT_OF_RANGE',
    text: `La percentuale ${field} (${percent}) deve essere compresa tra 0 e 100.`,
    source,
  };
}

function capped(percent: number, rule: QuotaRule, code: QuotaErrorCode, label: string): QuotaError | null {
  const range = percentInRange(percent, label, rule.source);
  if (range) return range;
  if (percent <= rule.percent) return null;
  return {
    code,
    text: `La quota ${label} configurata (${formatNumberIt(percent)}%) supera il limite di legge del ${formatNumberIt(rule.percent)}%.`,
    source: rule.source,
  };
}

/**
 * All the quotas of a call over the units available (the caller passes the units the year's plan
 * counts as available). Indigent: per owner, per Comune for ALER; reserve and SAT: per owner;
 * police forces: per Comune.
 */
export function computeCallQuotas(
  units: readonly QuotaUnit[],
  config: QuotaConfig,
  params: QuotaParameters = QUOTA_PARAMETERS_RR_4_2017,
): { readonly ok: true; readonly quotas: CallQuotas } | { readonly ok: false; readonly errors: readonly QuotaError[] } {
  const errors: QuotaError[] = [];
  const push = (e: QuotaError | null) => {
    if (e) errors.push(e);
  };
  push(capped(config.reservePercent, params.reserve, 'RESERVE_ABOVE_CAP', 'di riserva'));
  const police = config.policeForcesPercent ?? null;
  if (police !== null) {
    if (config.callKind !== 'police_forces' && police > 0) {
      errors.push({
        code: 'POLICE_FORCES_ON_ORDINARY_CALL',
        text: 'La quota per le Forze di Polizia si applica solo agli avvisi dedicati (avvisi separati).',
        source: `R.R. 4/2017 art. 8; ${params.policeForces.source}`,
      });
    }
    push(capped(police, params.policeForces, 'POLICE_FORCES_ABOVE_CAP', 'per le Forze di Polizia'));
  }
  const sat = config.satPercent ?? null;
  if (sat !== null) push(capped(sat, params.sat, 'SAT_ABOVE_CAP', 'per i servizi abitativi transitori (SAT)'));

  const ownerKinds = new Map(units.map((u) => [u.ownerId, u.ownerKind]));
  const overrides = Object.entries(config.indigentPercentByOwner ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [ownerId, percent] of overrides) {
    const range = percentInRange(percent, `indigenti di ${ownerId}`, params.indigent.source);
    if (range) errors.push(range);
    else if (percent < params.indigent.percent) {
      errors.push({
        code: 'INDIGENT_SHARE_BELOW_LAW',
        text: `La quota indigenti di ${ownerId} (${formatNumberIt(percent)}%) è inferiore al ${formatNumberIt(params.indigent.percent)}% previsto dalla legge.`,
        source: params.indigent.source,
      });
    } else if (
      percent > params.indigent.percent &&
      (ownerKinds.get(ownerId) !== 'comune' || !params.indigent.comuniMayExceedOnOwnStock)
    ) {
      errors.push({
        code: 'INDIGENT_SHARE_ABOVE_LAW_FOR_ALER',
        text: `Solo i Comuni, sul proprio patrimonio e sostenendone i costi, possono superare il ${formatNumberIt(params.indigent.percent)}% per gli indigenti: ${ownerId} non è un Comune proprietario degli alloggi dell’avviso.`,
        source: `${params.indigent.source}; [P] prassi del Comune di Milano 2022`,
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const byOwner = (u: QuotaUnit): QuotaScope => ({ ownerId: u.ownerId, comune: null });
  return {
    ok: true,
    quotas: {
      indigent: groupBy(units, indigentScopeOf).map(([scope, n]) =>
        figure(
          'Quota indigenti',
          scope,
          n,
          config.indigentPercentByOwner?.[scope.ownerId ?? ''] ?? params.indigent.percent,
          params.indigent,
        ),
      ),
      reserve: groupBy(units, byOwner).map(([scope, n]) =>
        figure('Riserva per le categorie dell’avviso', scope, n, config.reservePercent, params.reserve),
      ),
      policeForces:
        police === null || config.callKind !== 'police_forces'
          ? []
          : groupBy(units, (u) => ({ ownerId: null, comune: u.comune })).map(([scope, n]) =>
              figure('Quota Forze di Polizia', scope, n, police, params.policeForces),
            ),
      sat:
        sat === null ? [] : groupBy(units, byOwner).map(([scope, n]) => figure('Quota SAT', scope, n, sat, params.sat)),
      parametersVersion: params.version,
    },
  };
}

/**
 * Indigence (RR 4/2017 art. 13): ISEE at most the threshold AND the social services' attestation
 * that the household cannot meet its basic needs on its own. Unknown data is never a pass.
 */
export function checkIndigence(
  facts: {
    readonly iseeCents: Cents | null | undefined;
    readonly socialServicesAttestation: boolean | null | undefined;
  },
  params: QuotaParameters = QUOTA_PARAMETERS_RR_4_2017,
): Check<'indigence'> {
  const threshold = formatEuro(params.indigenceIseeMaxCents);
  const parts: string[] = [];
  let iseeOutcome: 'met' | 'not_met' | 'missing' = 'missing';
  if (facts.iseeCents === null || facts.iseeCents === undefined) parts.push('ISEE non indicato');
  else {
    iseeOutcome = facts.iseeCents <= params.indigenceIseeMaxCents ? 'met' : 'not_met';
    parts.push(`ISEE ${formatEuro(facts.iseeCents)} ${iseeOutcome === 'met' ? '≤' : '>'} soglia ${threshold}`);
  }
  const attestation = facts.socialServicesAttestation;
  if (attestation === null || attestation === undefined) parts.push('attestazione dei servizi sociali non indicata');
  else
    parts.push(attestation ? 'attestazione dei servizi sociali presente' : 'attestazione dei servizi sociali assente');
  const outcome =
    iseeOutcome === 'not_met' || attestation === false
      ? 'not_met'
      : iseeOutcome === 'met' && attestation === true
        ? 'met'
        : 'missing_information';
  return { code: 'indigence', outcome, evidence: `${parts.join('; ')}.`, source: params.indigenceSource };
}
