// Screening of one household against every active measure and every open SAP call at once: a
// verdict (eligible / not_eligible / missing_information) for each, its reasons with their legal
// source, and the estimated amount where the measure has a formula. Pure: the day is a parameter.
import { isInForce, type Check } from '../sap/explained.js';
import { checkRequirements, findRequirementParameters, type RequirementFacts } from '../sap/requirements.js';
import type { PlainDate } from '../kernel/plain-date.js';
import { evaluateMeasure, type MeasureKind, type MeasureParameters } from '../measures/catalogue.js';
import { verdictOf, type AmountEstimate, type MeasureEvaluation, type Verdict } from '../measures/evaluation.js';
import type { ScreeningFacts } from './questionnaire.js';

export interface ScreenableMeasure {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly legalBasis: string;
  readonly kind: MeasureKind;
  readonly validFrom: PlainDate;
  readonly validTo: PlainDate | null;
  readonly parameters: MeasureParameters;
  readonly parameterVersion: string;
}

export interface ScreenableCall {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly opensOn: PlainDate;
  readonly closesOn: PlainDate;
}

export interface ScreeningResult {
  readonly target: 'measure' | 'call';
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly legalBasis: string;
  readonly verdict: Verdict;
  readonly reasons: readonly Check[];
  /** What the operator should ask or collect to decide (the evidence of the missing checks). */
  readonly missing: readonly string[];
  readonly estimate: AmountEstimate | null;
  readonly preferences: MeasureEvaluation['preferences'];
  readonly parameterVersion: string | null;
}

function sapFacts(f: ScreeningFacts): RequirementFacts {
  const past = f.pastSapBarringEvents === false ? { occurred: false as const } : null;
  return {
    membersCount: f.membersCount,
    citizenship: f.citizenship ?? null,
    // A non-EU applicant's permit from the file, work in progress from the questionnaire
    // (R.R. 4/2017 art. 7 c.1 lett. a); d.lgs. 286/1998 art. 40 c.6).
    residenceStatus: f.residenceStatus ?? null,
    currentlyWorking: f.currentlyWorking ?? null,
    iseeCents: (f.iseeCents ?? null) as RequirementFacts['iseeCents'],
    assetsCents: (f.assetsCents ?? null) as RequirementFacts['assetsCents'],
    ownsAdequateDwelling: f.ownsAdequateDwellingInRegion ?? null,
    assignmentLoss: past,
    evictionForArrears: past,
    illegalOccupation: past,
  };
}

const VERDICT_ORDER: Record<Verdict, number> = { eligible: 0, missing_information: 1, not_eligible: 2 };

export function screenHousehold(
  facts: ScreeningFacts,
  measures: readonly ScreenableMeasure[],
  calls: readonly ScreenableCall[],
): ScreeningResult[] {
  const asOf = facts.asOf;
  const results: ScreeningResult[] = [];
  for (const m of measures) {
    if (!isInForce({ validFrom: m.validFrom, validTo: m.validTo }, asOf)) continue;
    const e = evaluateMeasure(m.kind, m.parameters, facts);
    results.push({
      target: 'measure',
      id: m.id,
      code: m.code,
      name: m.name,
      legalBasis: m.legalBasis,
      verdict: e.verdict,
      reasons: e.checks,
      missing: e.checks.filter((c) => c.outcome === 'missing_information').map((c) => c.evidence),
      estimate: e.estimate,
      preferences: e.preferences,
      parameterVersion: m.parameterVersion,
    });
  }
  for (const c of calls) {
    if (!(c.opensOn <= asOf && asOf <= c.closesOn)) continue;
    const params = findRequirementParameters(c.opensOn);
    const checks = params ? checkRequirements(sapFacts(facts), asOf, params) : [];
    results.push({
      target: 'call',
      id: c.id,
      code: c.code,
      name: c.name,
      legalBasis: 'L.R. 16/2016 art. 22; R.R. 4/2017 art. 7',
      verdict: params ? verdictOf(checks) : 'missing_information',
      reasons: checks,
      missing: checks.filter((x) => x.outcome === 'missing_information').map((x) => x.evidence),
      estimate: null,
      preferences: [],
      parameterVersion: params?.version ?? null,
    });
  }
  return results.sort(
    (a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] || a.name.localeCompare(b.name, 'it'),
  );
}
