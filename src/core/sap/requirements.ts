// SAP eligibility requirements of RR 4/2017 art. 7 (rules.md §2.3) that the data allows us to check.
// Each check returns met / not_met / missing_information with the values it compared and its
// source: missing data is never a silent pass. The officer admits or excludes; these only inform.

import { formatEuro, type Cents } from '../kernel/money.js';
import { addMonths, type PlainDate } from '../kernel/plain-date.js';
import {
  findInForce,
  formatDateIt,
  formatNumberIt,
  type Check,
  type CheckOutcome,
  type Validity,
} from './explained.js';

export interface RequirementParameters extends Validity {
  readonly version: string;
  readonly iseeMaxCents: Cents;
  /** Asset threshold for a household of one. */
  readonly assetSingleCents: Cents;
  /** Asset threshold for two or more: base + perPse × PSE. */
  readonly assetBaseCents: Cents;
  readonly assetPerPseCents: Cents;
  /**
   * ISEE equivalence scale in hundredths for 1..n members, and the step for each further member
   * (DPCM 159/2013, rules.md §7.2). [U] The rule does not say whether the PSE includes the DPCM
   * increments (children, working parents, disability): 'base_scale' uses the table without them;
   * 'attestation' uses the PSE printed on the household's ISEE attestation.
   */
  readonly pseScaleHundredths: readonly number[];
  readonly pseFurtherMemberHundredths: number;
  readonly pseFrom: 'base_scale' | 'attestation';
  /** Years an earlier loss of assignment, eviction for arrears or illegal occupation bars access. */
  readonly lookbackYears: number;
}

export const REQUIREMENT_PARAMETERS_RR_4_2017: RequirementParameters = {
  version: 'rr-4-2017-art-7',
  validFrom: '2018-02-08' as PlainDate,
  validTo: null,
  iseeMaxCents: 1_600_000 as Cents,
  assetSingleCents: 2_200_000 as Cents,
  assetBaseCents: 1_600_000 as Cents,
  assetPerPseCents: 500_000 as Cents,
  pseScaleHundredths: [100, 157, 204, 246, 285],
  pseFurtherMemberHundredths: 35,
  pseFrom: 'base_scale',
  lookbackYears: 5,
};

export const REQUIREMENT_PARAMETERS: readonly RequirementParameters[] = [REQUIREMENT_PARAMETERS_RR_4_2017];

export function findRequirementParameters(on: PlainDate, versions = REQUIREMENT_PARAMETERS) {
  return findInForce(versions, on);
}

export type Citizenship = 'italian' | 'eu' | 'non_eu';
/**
 * Status of a non-EU national, as far as art. 7 c.1 a) cares:
 * - long_term_eu: permesso UE per soggiornanti di lungo periodo (d.lgs. 3/2007) → met;
 * - two_years_work: permit valid at least 2 years, met only with current employed or self-employed
 *   work (d.lgs. 286/1998 art. 40 c.6). [P] Trib. Milano ord. 16/07/2025 referred this requirement
 *   to the Corte costituzionale: pending;
 * - international_protection: refugee or subsidiary protection, equal treatment under state law
 *   (d.lgs. 251/2007) → met;
 * - other: any other permit → not met.
 */
export type ResidenceStatus = 'long_term_eu' | 'two_years_work' | 'international_protection' | 'other';

/** A past event that bars access: none, or one on a known day. Undefined facts mean "not known". */
export type PastEvent = { readonly occurred: false } | { readonly occurred: true; readonly on?: PlainDate | null };

export interface RequirementFacts {
  readonly membersCount: number;
  readonly citizenship?: Citizenship | null;
  readonly residenceStatus?: ResidenceStatus | null;
  readonly currentlyWorking?: boolean | null;
  readonly iseeCents?: Cents | null;
  /** Combined financial and real-estate assets of the household ([U] gross or net of the ISEE allowances). */
  readonly assetsCents?: Cents | null;
  /** PSE from the ISEE attestation, in hundredths; used when the parameters say so. */
  readonly attestationPseHundredths?: number | null;
  readonly ownsAdequateDwelling?: boolean | null;
  /** Decadenza or annulment of a social-housing assignment with termination of the lease. */
  readonly assignmentLoss?: PastEvent | null;
  readonly evictionForArrears?: PastEvent | null;
  readonly illegalOccupation?: PastEvent | null;
}

export type RequirementCode =
  | 'citizenship'
  | 'isee'
  | 'assets'
  | 'no_adequate_dwelling'
  | 'no_assignment_loss'
  | 'no_eviction_for_arrears'
  | 'no_illegal_occupation';

export type RequirementCheck = Check<RequirementCode>;

const SRC = {
  citizenship: 'R.R. 4/2017 art. 7 c.1 lett. a); L.R. 16/2016 art. 22 c.1 lett. a)',
  isee: 'R.R. 4/2017 art. 7 c.1 lett. c); DPCM 159/2013',
  assets: 'R.R. 4/2017 art. 7 c.1 lett. c) (soglia patrimoniale); DPCM 159/2013 (scala di equivalenza)',
  dwelling: 'R.R. 4/2017 art. 7 c.1 lett. d) (testo sostituito da R.R. 2/2025 [U]); L.R. 16/2016 art. 22 c.1 lett. d)',
  loss: 'L.R. 16/2016 art. 22 c.1 lett. e); R.R. 4/2017 art. 7 [P]',
  eviction: 'R.R. 4/2017 art. 7 [P] (sfratto per morosità da alloggio SAP)',
  occupation: 'L.R. 16/2016 art. 22 c.1 lett. f); R.R. 4/2017 art. 7 [P]',
} as const;

export function checkCitizenship(facts: RequirementFacts): RequirementCheck {
  const check = (outcome: CheckOutcome, evidence: string): RequirementCheck => ({
    code: 'citizenship',
    outcome,
    evidence,
    source: SRC.citizenship,
  });
  switch (facts.citizenship ?? null) {
    case null:
      return check('missing_information', 'Cittadinanza non indicata.');
    case 'italian':
      return check('met', 'Cittadinanza italiana.');
    case 'eu':
      return check('met', 'Cittadinanza di uno Stato dell’Unione europea.');
    case 'non_eu':
      break;
  }
  switch (facts.residenceStatus ?? null) {
    case null:
      return check('missing_information', 'Cittadino di Stato non UE: titolo di soggiorno non indicato.');
    case 'long_term_eu':
      return check('met', 'Permesso UE per soggiornanti di lungo periodo (d.lgs. 3/2007).');
    case 'international_protection':
      return check('met', 'Titolare di protezione internazionale: parità di trattamento (d.lgs. 251/2007).');
    case 'other':
      return check('not_met', 'Titolo di soggiorno diverso da quelli previsti dall’art. 7 c.1 lett. a).');
    case 'two_years_work': {
      const working = facts.currentlyWorking ?? null;
      if (working === null) {
        return check(
          'missing_information',
          'Permesso di durata almeno biennale: manca l’indicazione dell’attività lavorativa in corso (d.lgs. 286/1998 art. 40 c.6).',
        );
      }
      return working
        ? check(
            'met',
            'Permesso di durata almeno biennale e attività lavorativa in corso (d.lgs. 286/1998 art. 40 c.6).',
          )
        : check(
            'not_met',
            'Permesso di durata almeno biennale senza attività lavorativa in corso (d.lgs. 286/1998 art. 40 c.6).',
          );
    }
  }
}

export function checkIsee(facts: RequirementFacts, params = REQUIREMENT_PARAMETERS_RR_4_2017): RequirementCheck {
  const limit = formatEuro(params.iseeMaxCents);
  if (facts.iseeCents === null || facts.iseeCents === undefined) {
    return {
      code: 'isee',
      outcome: 'missing_information',
      evidence: `ISEE non indicato (soglia ${limit}).`,
      source: SRC.isee,
    };
  }
  const met = facts.iseeCents <= params.iseeMaxCents;
  return {
    code: 'isee',
    outcome: met ? 'met' : 'not_met',
    evidence: `ISEE ${formatEuro(facts.iseeCents)} ${met ? '≤' : '>'} soglia ${limit}.`,
    source: SRC.isee,
  };
}

/** The base ISEE equivalence-scale parameter, in hundredths (DPCM 159/2013; rules.md §7.2). */
export function basePseHundredths(membersCount: number, params = REQUIREMENT_PARAMETERS_RR_4_2017): number {
  if (!Number.isInteger(membersCount) || membersCount < 1) throw new RangeError(`Members: ${membersCount}`);
  const scale = params.pseScaleHundredths;
  const last = scale.length;
  const known = scale[Math.min(membersCount, last) - 1];
  if (known === undefined) throw new RangeError('Empty equivalence scale');
  return known + Math.max(0, membersCount - last) * params.pseFurtherMemberHundredths;
}

/** The asset threshold: 22,000 € for one person; 16,000 € + 5,000 € × PSE from two members (RR art. 7 c.1 c). */
export function assetThresholdCents(
  membersCount: number,
  pseHundredths: number,
  params = REQUIREMENT_PARAMETERS_RR_4_2017,
): Cents {
  if (membersCount === 1) return params.assetSingleCents;
  return (params.assetBaseCents + Math.round((params.assetPerPseCents * pseHundredths) / 100)) as Cents;
}

export function checkAssets(facts: RequirementFacts, params = REQUIREMENT_PARAMETERS_RR_4_2017): RequirementCheck {
  const out = (outcome: CheckOutcome, evidence: string): RequirementCheck => ({
    code: 'assets',
    outcome,
    evidence,
    source: SRC.assets,
  });
  let pse: number;
  let pseText: string;
  if (facts.membersCount === 1) {
    pse = 100;
    pseText = 'nucleo di una persona';
  } else if (params.pseFrom === 'attestation') {
    if (facts.attestationPseHundredths === null || facts.attestationPseHundredths === undefined) {
      return out('missing_information', 'Manca il parametro della scala di equivalenza dell’attestazione ISEE.');
    }
    pse = facts.attestationPseHundredths;
    pseText = `${facts.membersCount} componenti, PSE ${formatNumberIt(pse / 100)} dall’attestazione ISEE`;
  } else {
    pse = basePseHundredths(facts.membersCount, params);
    pseText = `${facts.membersCount} componenti, PSE ${formatNumberIt(pse / 100)} (scala di base, senza maggiorazioni)`;
  }
  const threshold = assetThresholdCents(facts.membersCount, pse, params);
  const thresholdText =
    facts.membersCount === 1
      ? `soglia ${formatEuro(threshold)} (${pseText})`
      : `soglia ${formatEuro(params.assetBaseCents)} + ${formatEuro(params.assetPerPseCents)} × ${formatNumberIt(pse / 100)} = ${formatEuro(threshold)} (${pseText})`;
  if (facts.assetsCents === null || facts.assetsCents === undefined) {
    return out('missing_information', `Patrimonio non indicato; ${thresholdText}.`);
  }
  const met = facts.assetsCents <= threshold;
  return out(
    met ? 'met' : 'not_met',
    `Patrimonio ${formatEuro(facts.assetsCents)} ${met ? '≤' : '>'} ${thresholdText}.`,
  );
}

export function checkNoAdequateDwelling(facts: RequirementFacts): RequirementCheck {
  const owns = facts.ownsAdequateDwelling ?? null;
  return {
    code: 'no_adequate_dwelling',
    outcome: owns === null ? 'missing_information' : owns ? 'not_met' : 'met',
    evidence:
      owns === null
        ? 'Non è indicato se il nucleo ha diritti su un alloggio adeguato, in Italia o all’estero.'
        : owns
          ? 'Il nucleo ha la proprietà o altro diritto reale di godimento su un alloggio adeguato.'
          : 'Il nucleo non ha diritti su un alloggio adeguato, in Italia o all’estero.',
    source: SRC.dwelling,
  };
}

/**
 * "No X in the last N years", on the day of the application. An event counts while fewer than N
 * full years have passed: on its N-th anniversary it no longer bars access (ASSUMPTION).
 */
function checkPastEvent(
  code: RequirementCode,
  label: string,
  event: PastEvent | null | undefined,
  asOf: PlainDate,
  years: number,
  source: string,
): RequirementCheck {
  const since = addMonths(asOf, -12 * years);
  const period = `negli ultimi ${years} anni (dal ${formatDateIt(since)})`;
  if (event === null || event === undefined) {
    return {
      code,
      outcome: 'missing_information',
      evidence: `Non è indicato se vi sia stata ${label} ${period}.`,
      source,
    };
  }
  if (!event.occurred) return { code, outcome: 'met', evidence: `Nessuna ${label} ${period}.`, source };
  if (!event.on) {
    return {
      code,
      outcome: 'missing_information',
      evidence: `Risulta una ${label} senza data: non si può stabilire se rientri ${period}.`,
      source,
    };
  }
  const within = event.on > since && event.on <= asOf;
  return {
    code,
    outcome: within ? 'not_met' : 'met',
    evidence: `${label[0]?.toUpperCase()}${label.slice(1)} del ${formatDateIt(event.on)}, ${within ? 'entro il' : 'fuori dal'} periodo di ${years} anni (dal ${formatDateIt(since)} al ${formatDateIt(asOf)}).`,
    source,
  };
}

/** Every check of art. 7 the data allows, on the application day (rules.md §2.3). */
export function checkRequirements(
  facts: RequirementFacts,
  asOf: PlainDate,
  params: RequirementParameters = REQUIREMENT_PARAMETERS_RR_4_2017,
): RequirementCheck[] {
  return [
    checkCitizenship(facts),
    checkIsee(facts, params),
    checkAssets(facts, params),
    checkNoAdequateDwelling(facts),
    checkPastEvent(
      'no_assignment_loss',
      'decadenza o annullamento di un’assegnazione con risoluzione del contratto',
      facts.assignmentLoss,
      asOf,
      params.lookbackYears,
      SRC.loss,
    ),
    checkPastEvent(
      'no_eviction_for_arrears',
      'esecuzione di sfratto per morosità da alloggio SAP',
      facts.evictionForArrears,
      asOf,
      params.lookbackYears,
      SRC.eviction,
    ),
    checkPastEvent(
      'no_illegal_occupation',
      'occupazione senza titolo di un alloggio o di altri spazi',
      facts.illegalOccupation,
      asOf,
      params.lookbackYears,
      SRC.occupation,
    ),
  ];
}

export type RequirementVerdictCode = 'requirements_met' | 'requirements_not_met' | 'missing_information';

export interface RequirementVerdict {
  readonly code: RequirementVerdictCode;
  readonly text: string;
  readonly notMet: readonly RequirementCode[];
  readonly missing: readonly RequirementCode[];
  readonly checks: readonly RequirementCheck[];
}

/** A requirement not met decides; otherwise missing data keeps the verdict open; otherwise all are met. */
export function requirementsVerdict(checks: readonly RequirementCheck[]): RequirementVerdict {
  const notMet = checks.filter((c) => c.outcome === 'not_met').map((c) => c.code);
  const missing = checks.filter((c) => c.outcome === 'missing_information').map((c) => c.code);
  if (notMet.length > 0) {
    return {
      code: 'requirements_not_met',
      text: `Requisiti non soddisfatti: ${notMet.length} su ${checks.length}${missing.length > 0 ? `; ${missing.length} da completare` : ''}.`,
      notMet,
      missing,
      checks,
    };
  }
  if (missing.length > 0) {
    return {
      code: 'missing_information',
      text: `Mancano informazioni per ${missing.length} requisiti su ${checks.length}.`,
      notMet,
      missing,
      checks,
    };
  }
  return {
    code: 'requirements_met',
    text: `Tutti i ${checks.length} requisiti verificabili sono soddisfatti.`,
    notMet,
    missing,
    checks,
  };
}
