// Assignment proposal of a SAP call: RR 4/2017 art. 15 (rules.md §2.8), with the quotas of art. 13
// and art. 4 c.3 c bis / art. 15 c.1 ter (rules.md §2.7), the adequacy of art. 9 and the rankings
// of art. 12. Pure and deterministic: the same units, applications, ranking and quotas give the
// same proposal. The officer then confirms it unit by unit; nothing here is a decision.
//
// ALGORITHM (also in docs/rulesets/sap-assignment.md)
// Input order: the ranking run's single total order (ISBAR desc, tie-break keys, application id);
// every (owner, Comune) ranking is a slice of it, so walking it walks each ranking in its order.
// A household's CANDIDATE units are its chosen units (at most 2, in the applicant's order) that
// are in this run, that it has not refused, and that are adequate for its size (art. 9).
// A household is ELIGIBLE when admitted and not excluded by the refusal policy.
//   Phase 1, indigent (art. 15 c.1; art. 13): the quota is per owner, per Comune for ALER.
//     1a. Walk the order; for each eligible, unassigned, indigent household, take its first
//         candidate that is free, not reserved, in the household's Comune of residence, and whose
//         scope still has indigent quota left.
//     1b. Walk the order again with the same rule but without the residence condition.
//     ("Preferring those resident in the Comune where the unit is": a resident precedes a better
//     ranked non-resident for the units of that Comune.)
//   Phase 2, reserves (art. 15 c.1 ter; art. 4 c.3 c bis): walk the order; for each eligible,
//     unassigned household with reserve categories, take its first candidate that is free,
//     flagged with one of those categories, and whose owner still has reserve quota left. No
//     hierarchy between categories: the ranking alone decides.
//   Phase 3, general ranking (art. 15 c.1; art. 12 c.3): walk the order; each eligible, unassigned
//     household takes its first free candidate. Reserved units left over by phase 2 are available
//     here: the reserve is a ceiling, not a set-aside that stays empty.
// Each phase walks the order once (phase 1 twice) and looks only at the household's own ≤ 2
// choices, so a run is O(applications × choices), never O(units × applications).
// Every application without a unit gets a reason code computed eagerly and an Italian text built on
// first read (a run explains up to 100,000 applications; most texts are never read in that process).
// Choices: when two candidates are free, the applicant's first choice wins (art. 15 c.1 bis lets
// the owner pick for social integration: the officer can change it when confirming).
// Owners are processed together, phase by phase, so no arbitrary owner order decides who gets a
// household choosing units of two owners: the better-ranked household chooses first.

import { ADEQUACY_TABLE_RR_4_2017, checkAdequacy, isAdequate, type AdequacyTable } from './adequacy.js';
import type { Reason } from './explained.js';
import { indigentScopeOf, scopeKey, type OwnerKind, type QuotaFigure, type QuotaScope } from './quotas.js';
import type { AssignmentRanking } from './ranking-order.js';

export interface AssignmentUnit {
  readonly id: string;
  readonly ownerId: string;
  readonly ownerKind: OwnerKind;
  readonly comune: string;
  readonly usableAreaDm2: number;
  readonly accessible: boolean | null;
  /** The art. 14 category the unit is reserved for in this call, or null. */
  readonly reserveCategory: string | null;
}

export type ApplicationStatus = 'admitted' | 'excluded' | 'under_review';

export interface AssignmentApplication {
  readonly id: string;
  readonly status: ApplicationStatus;
  readonly membersCount: number;
  readonly highestInvalidityPercent: number | null;
  /** Meets RR art. 13 (ISEE ≤ 3,000 € and the social services' attestation). */
  readonly indigent: boolean;
  readonly residenceComune: string | null;
  readonly reserveCategories: readonly string[];
  /** Chosen units, in the applicant's order (at most 2, RR art. 9 c.3). */
  readonly unitIds: readonly string[];
}

export interface Refusal {
  readonly applicationId: string;
  readonly unitId: string;
  /** Refused with a justified reason ("giustificato motivo"), as the officer recorded it. */
  readonly justified: boolean;
}

/**
 * [U] What a refusal entails is not verified (rules.md §2.8 item 6: RR art. 15/16 not retrieved):
 * it is data an administrator chooses. Under every policy a refused unit is not proposed again to
 * the same household.
 */
export interface RefusalPolicy {
  readonly id: string;
  readonly onUnjustifiedRefusal: 'exclude_from_call' | 'keep_in_ranking';
  readonly onJustifiedRefusal: 'keep_in_ranking';
  readonly verified: boolean;
  readonly text: string;
  readonly source: string;
}

export const DEFAULT_REFUSAL_POLICY: RefusalPolicy = {
  id: 'exclude_after_unjustified_refusal',
  onUnjustifiedRefusal: 'exclude_from_call',
  onJustifiedRefusal: 'keep_in_ranking',
  verified: false,
  text: 'La rinuncia senza giustificato motivo comporta l’esclusione dalla graduatoria; con giustificato motivo la domanda resta in graduatoria (regola da verificare sul testo del R.R. 4/2017).',
  source: '[U] R.R. 4/2017 artt. 15–16 (testo non verificato)',
};

export const KEEP_IN_RANKING_REFUSAL_POLICY: RefusalPolicy = {
  id: 'keep_in_ranking_after_refusal',
  onUnjustifiedRefusal: 'keep_in_ranking',
  onJustifiedRefusal: 'keep_in_ranking',
  verified: false,
  text: 'Dopo una rinuncia la domanda resta in graduatoria; l’alloggio rifiutato non le viene riproposto.',
  source: '[U] scelta dell’ente, in attesa della verifica del R.R. 4/2017 artt. 15–16',
};

export const REFUSAL_POLICIES: readonly RefusalPolicy[] = [DEFAULT_REFUSAL_POLICY, KEEP_IN_RANKING_REFUSAL_POLICY];

export interface AssignmentInput {
  readonly units: readonly AssignmentUnit[];
  /** As objects, or as columns (what a stored run reads: no object per application). */
  readonly applications: readonly AssignmentApplication[] | ApplicationColumns;
  /** A ranking run (core/sap/ranking.ts RankingRun) or its compact stored order (ranking-order.ts). */
  readonly ranking: AssignmentRanking;
  /** From computeCallQuotas: indigent per owner (per Comune for ALER), reserve per owner. A scope without a figure has 0. */
  readonly quotas: { readonly indigent: readonly QuotaFigure[]; readonly reserve: readonly QuotaFigure[] };
  readonly adequacyTable?: AdequacyTable;
  readonly refusals?: readonly Refusal[];
  readonly refusalPolicy?: RefusalPolicy;
}

export type AssignmentBasis = 'indigent' | 'reserve' | 'ranking';

export interface AssignmentProposal {
  readonly unitId: string;
  readonly applicationId: string;
  readonly basis: AssignmentBasis;
  /** Position in the ranking of the unit's owner and Comune. */
  readonly position: number;
  /** 1 or 2: which of the applicant's choices this unit is. */
  readonly choice: number;
  readonly accessibilityCheck: boolean;
  readonly explanation: string;
  readonly source: string;
}

export type UnassignedCode =
  | 'not_admitted'
  | 'excluded_after_refusal'
  | 'no_chosen_unit_available'
  | 'no_adequate_unit_among_choices'
  | 'quota_used_up'
  | 'choices_taken_by_quota'
  | 'choices_taken_by_higher_ranked';

export interface ChoiceOutcome {
  readonly unitId: string;
  readonly outcome: 'taken' | 'not_adequate' | 'not_in_run' | 'refused';
  readonly takenBy: string | null;
  /** The taker's position in the ranking of the unit's owner and Comune. */
  readonly takenByPosition: number | null;
  readonly basis: AssignmentBasis | null;
}

export interface UnassignedApplication {
  readonly applicationId: string;
  readonly reason: Reason<UnassignedCode>;
  readonly choices: readonly ChoiceOutcome[];
}

export interface QuotaUse {
  readonly scope: QuotaScope;
  readonly quota: number;
  readonly used: number;
}

export interface AssignmentResult {
  /** In the order they were made: phase 1, 2, 3, each in ranking order. */
  readonly proposals: readonly AssignmentProposal[];
  /**
   * Every application without a unit: ranked ones in ranking order, then the others by id. Empty
   * when the run was asked not to explain (`{ explain: false }`); `unassignedCount` is always set.
   */
  readonly unassigned: readonly UnassignedApplication[];
  readonly unassignedCount: number;
  /** Units of the run nobody was proposed, by id. */
  readonly unitsLeft: readonly string[];
  readonly quotaUse: { readonly indigent: readonly QuotaUse[]; readonly reserve: readonly QuotaUse[] };
  readonly refusalPolicy: string;
}

const SOURCE = {
  indigent: 'R.R. 4/2017 art. 15 c.1 e art. 13; L.R. 16/2016 art. 23 c.3',
  reserve: 'R.R. 4/2017 art. 15 c.1 ter, art. 4 c.3 lett. c bis',
  ranking: 'R.R. 4/2017 art. 15 c.1, art. 12 c.3',
  adequacy: 'R.R. 4/2017 art. 9',
} as const;

const pairKey = (a: string, b: string) => `${a}\u0000${b}`;

function scopeLabel(scope: QuotaScope): string {
  return scope.comune === null ? (scope.ownerId ?? '') : `${scope.ownerId ?? ''}, Comune di ${scope.comune}`;
}

/** A unit during a run: its quota scopes, computed once, and the proposal it got. */
interface UnitState {
  readonly unit: AssignmentUnit;
  readonly indigentKey: string;
  readonly ownerKey: string;
  taker: AssignmentProposal | null;
  takerRank: number;
}

/** An application as the explanation reads it: its data, rank and whether it took part. */
interface Household {
  readonly application: AssignmentApplication;
  readonly rank: number;
  readonly eligible: boolean;
}

const STATUS_CODE: Record<ApplicationStatus, number> = { admitted: 0, excluded: 1, under_review: 2 };
const CODE_STATUS: readonly ApplicationStatus[] = ['admitted', 'excluded', 'under_review'];
const NO_TEXTS: readonly string[] = Object.freeze([]);

/**
 * The applications of a run as columns: application i is at index i of every column. A stored run
 * reads 100,000 applications straight into this form (no object per application), and the rules
 * work on it whichever form they are given.
 */
export interface ApplicationColumns {
  readonly count: number;
  readonly ids: readonly string[];
  /** 0 admitted, 1 excluded, 2 under review. */
  readonly status: Uint8Array;
  readonly membersCount: Int32Array;
  /** -1 when not known. */
  readonly highestInvalidityPercent: Int32Array;
  /** 1 when indigent (RR art. 13). */
  readonly indigent: Uint8Array;
  /** Index into `comuni`, -1 when not known. */
  readonly residence: Int32Array;
  readonly comuni: readonly string[];
  readonly reserveCategories: readonly (readonly string[])[];
  /** `choiceStride` entries per application: indexes into `unitIds` in the applicant's order, -1 for none. */
  readonly choices: Int32Array;
  readonly choiceStride: number;
  readonly unitIds: readonly string[];
}

/** Columns of applications given as objects. */
export function applicationColumns(applications: readonly AssignmentApplication[]): ApplicationColumns {
  const count = applications.length;
  const comuni: string[] = [];
  const comuneIndex = new Map<string, number>();
  const unitIds: string[] = [];
  const unitIndex = new Map<string, number>();
  const intern = (list: string[], index: Map<string, number>, text: string) => {
    let i = index.get(text);
    if (i === undefined) {
      i = list.length;
      list.push(text);
      index.set(text, i);
    }
    return i;
  };
  let choiceStride = 0;
  for (const a of applications) choiceStride = Math.max(choiceStride, a.unitIds.length);
  const columns = {
    count,
    ids: applications.map((a) => a.id),
    status: new Uint8Array(count),
    membersCount: new Int32Array(count),
    highestInvalidityPercent: new Int32Array(count),
    indigent: new Uint8Array(count),
    residence: new Int32Array(count),
    comuni,
    reserveCategories: applications.map((a) => (a.reserveCategories.length === 0 ? NO_TEXTS : a.reserveCategories)),
    choices: new Int32Array(count * choiceStride).fill(-1),
    choiceStride,
    unitIds,
  };
  applications.forEach((a, i) => {
    columns.status[i] = STATUS_CODE[a.status];
    columns.membersCount[i] = a.membersCount;
    columns.highestInvalidityPercent[i] = a.highestInvalidityPercent ?? -1;
    columns.indigent[i] = a.indigent ? 1 : 0;
    columns.residence[i] = a.residenceComune === null ? -1 : intern(comuni, comuneIndex, a.residenceComune);
    a.unitIds.forEach((id, k) => {
      columns.choices[i * choiceStride + k] = intern(unitIds, unitIndex, id);
    });
  });
  return columns;
}

/** Application i of the columns as an object. */
export function applicationAt(columns: ApplicationColumns, i: number): AssignmentApplication {
  const unitIds: string[] = [];
  for (let k = 0; k < columns.choiceStride; k++) {
    const t = columns.choices[i * columns.choiceStride + k] as number;
    if (t >= 0) unitIds.push(columns.unitIds[t] as string);
  }
  const residence = columns.residence[i] as number;
  const invalidity = columns.highestInvalidityPercent[i] as number;
  return {
    id: columns.ids[i] as string,
    status: CODE_STATUS[columns.status[i] as number] as ApplicationStatus,
    membersCount: columns.membersCount[i] as number,
    highestInvalidityPercent: invalidity < 0 ? null : invalidity,
    indigent: columns.indigent[i] === 1,
    residenceComune: residence < 0 ? null : (columns.comuni[residence] as string),
    reserveCategories: columns.reserveCategories[i] as readonly string[],
    unitIds,
  };
}

const isColumns = (a: AssignmentInput['applications']): a is ApplicationColumns => 'choiceStride' in a;

export interface ProposeOptions {
  /**
   * Explain every application left without a unit (default true). A stored run derives its
   * explanations later from its snapshot (the same input gives the same result), so it skips them.
   */
  readonly explain?: boolean;
}

export function proposeAssignments(input: AssignmentInput, options: ProposeOptions = {}): AssignmentResult {
  const table = input.adequacyTable ?? ADEQUACY_TABLE_RR_4_2017;
  const policy = input.refusalPolicy ?? DEFAULT_REFUSAL_POLICY;
  const apps = isColumns(input.applications) ? input.applications : applicationColumns(input.applications);
  const n = apps.count;
  const stride = apps.choiceStride;

  const units = new Map<string, UnitState>();
  for (const unit of input.units) {
    if (units.has(unit.id)) throw new RangeError(`Duplicated unit id ${unit.id}`);
    units.set(unit.id, {
      unit,
      indigentKey: scopeKey(indigentScopeOf(unit)),
      ownerKey: scopeKey({ ownerId: unit.ownerId, comune: null }),
      taker: null,
      takerRank: -1,
    });
  }
  // The unit each chosen id names in this run (undefined: not in the run).
  const chosenUnit = apps.unitIds.map((id) => units.get(id));

  // Aligned input (the applications exactly in the ranking's order, as a stored run reads them):
  // an application's rank is its index and nobody is looked up by id, which for 100,000
  // applications is a good part of the run. Otherwise each ranked id is looked up. Same result.
  const { order } = input.ranking;
  let aligned = n === order.length;
  for (let i = 0; aligned && i < n; i++) if (apps.ids[i] !== order[i]) aligned = false;
  let byId: Map<string, number> | null = null;
  const indexById = (): Map<string, number> => {
    if (byId === null) {
      byId = new Map();
      for (let i = 0; i < n; i++) {
        const id = apps.ids[i] as string;
        if (byId.has(id)) throw new RangeError(`Duplicated application id ${id}`);
        byId.set(id, i);
      }
    }
    return byId;
  };
  const rank = new Int32Array(n).fill(-1);
  /** Application index at each rank. */
  let atRank: Int32Array;
  if (aligned) {
    atRank = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      rank[i] = i;
      atRank[i] = i;
    }
  } else {
    const lookup = indexById();
    atRank = new Int32Array(order.length);
    order.forEach((id, r) => {
      const i = lookup.get(id);
      if (i === undefined) throw new RangeError(`Ranked application ${id} is not among the applications`);
      if ((rank[i] as number) >= 0) throw new RangeError(`Duplicated application id ${id} in the ranking`);
      rank[i] = r;
      atRank[r] = i;
    });
  }

  const refused = new Set<string>();
  const excludedByRefusal = new Set<string>();
  for (const refusal of input.refusals ?? []) {
    refused.add(pairKey(refusal.applicationId, refusal.unitId));
    if (!refusal.justified && policy.onUnjustifiedRefusal === 'exclude_from_call') {
      excludedByRefusal.add(refusal.applicationId);
    }
  }
  const isRefused = (applicationId: string, unitId: string) =>
    refused.size > 0 && refused.has(pairKey(applicationId, unitId));

  // Candidates (chosen, in the run, not refused, adequate) of every eligible application, once:
  // `candidates` holds up to `stride` unit states per application, `candidateChoice` which of
  // the applicant's choices each is (1 or 2).
  const eligible = new Uint8Array(n);
  const candidates: (UnitState | undefined)[] = new Array<UnitState | undefined>(n * stride);
  const candidateChoice = new Uint8Array(n * stride);
  const walk: number[] = [];
  for (let r = 0; r < atRank.length; r++) {
    const i = atRank[r] as number;
    const id = apps.ids[i] as string;
    if (apps.status[i] !== STATUS_CODE.admitted || (excludedByRefusal.size > 0 && excludedByRefusal.has(id))) continue;
    eligible[i] = 1;
    let found = 0;
    for (let k = 0; k < stride; k++) {
      const t = apps.choices[i * stride + k] as number;
      if (t < 0) continue;
      let repeated = false;
      for (let j = 0; j < k; j++) if (apps.choices[i * stride + j] === t) repeated = true;
      const state = chosenUnit[t];
      if (repeated || !state || isRefused(id, state.unit.id)) continue;
      if (isAdequate(apps.membersCount[i] as number, state.unit.usableAreaDm2, table)) {
        candidates[i * stride + found] = state;
        candidateChoice[i * stride + found] = k + 1;
        found++;
      }
    }
    if (found > 0) walk.push(i);
  }
  for (let i = 0; i < n; i++) {
    if (apps.status[i] === STATUS_CODE.admitted && (rank[i] as number) < 0) {
      throw new RangeError(`Admitted application ${apps.ids[i] as string} is not in the ranking`);
    }
  }

  // Each (owner, Comune) ranking is a slice of the order, so a proposal's position is found by a
  // binary search on the global rank: no index over 100,000 entries is built. A slice with
  // entries (a ranking run as computed) is flattened on first use.
  const rankingByPair = new Map(input.ranking.rankings.map((r) => [pairKey(r.ownerId, r.comune), r]));
  const pairsByPair = new Map<string, readonly number[]>();
  const pairsOf = (key: string): readonly number[] => {
    let pairs = pairsByPair.get(key);
    if (pairs === undefined) {
      const slice = rankingByPair.get(key);
      if (slice === undefined) pairs = [];
      else if ('pairs' in slice) pairs = slice.pairs;
      else {
        const lookup = indexById();
        pairs = slice.entries.flatMap((e) => {
          const i = lookup.get(e.applicationId);
          return [i === undefined ? -1 : (rank[i] as number), e.position];
        });
      }
      pairsByPair.set(key, pairs);
    }
    return pairs;
  };
  const positionOf = (unit: AssignmentUnit, householdRank: number): number => {
    const pairs = pairsOf(pairKey(unit.ownerId, unit.comune));
    let low = 0;
    let high = pairs.length / 2 - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = pairs[2 * middle] as number;
      if (at === householdRank) return pairs[2 * middle + 1] as number;
      if (at < householdRank) low = middle + 1;
      else high = middle - 1;
    }
    return householdRank + 1;
  };

  const indigentQuota = new Map(input.quotas.indigent.map((f) => [scopeKey(f.scope), f.count]));
  const reserveQuota = new Map(input.quotas.reserve.map((f) => [scopeKey(f.scope), f.count]));
  const indigentUsed = new Map<string, number>();
  const reserveUsed = new Map<string, number>();
  const proposals: AssignmentProposal[] = [];
  const proposalOf: (AssignmentProposal | undefined)[] = new Array<AssignmentProposal | undefined>(n);

  const assign = (i: number, c: number, basis: AssignmentBasis, detail: string) => {
    const state = candidates[c] as UnitState;
    const { unit } = state;
    const choice = candidateChoice[c] as number;
    const householdRank = rank[i] as number;
    const position = positionOf(unit, householdRank);
    const invalidity = apps.highestInvalidityPercent[i] as number;
    const adequacy = checkAdequacy(
      { membersCount: apps.membersCount[i] as number, highestInvalidityPercent: invalidity < 0 ? null : invalidity },
      unit,
      table,
    );
    const proposal: AssignmentProposal = {
      unitId: unit.id,
      applicationId: apps.ids[i] as string,
      basis,
      position,
      choice,
      accessibilityCheck: adequacy.accessibilityCheck,
      explanation: `${detail} Domanda in posizione ${position} nella graduatoria ${unit.ownerId} – ${unit.comune}; alloggio indicato come ${choice}ª scelta. ${adequacy.reason.text}`,
      source: `${SOURCE[basis]}; ${SOURCE.adequacy}`,
    };
    proposals.push(proposal);
    state.taker = proposal;
    state.takerRank = householdRank;
    proposalOf[i] = proposal;
  };
  const residentOf = (i: number, unit: AssignmentUnit) => {
    const residence = apps.residence[i] as number;
    return residence >= 0 && apps.comuni[residence] === unit.comune;
  };

  // Phase 1: indigent households, residents of the unit's Comune first (1a), then all (1b).
  const indigent = walk.filter((i) => apps.indigent[i] === 1);
  for (const residentsOnly of [true, false]) {
    for (const i of indigent) {
      if (proposalOf[i]) continue;
      for (let c = i * stride; c < (i + 1) * stride; c++) {
        const state = candidates[c];
        if (!state) break;
        const { unit, indigentKey } = state;
        if (state.taker || unit.reserveCategory !== null) continue;
        const resident = residentOf(i, unit);
        if (residentsOnly && !resident) continue;
        const quota = indigentQuota.get(indigentKey) ?? 0;
        const used = indigentUsed.get(indigentKey) ?? 0;
        if (used >= quota) continue;
        indigentUsed.set(indigentKey, used + 1);
        assign(
          i,
          c,
          'indigent',
          `Quota indigenti (${scopeLabel(indigentScopeOf(unit))}): assegnazione ${used + 1} di ${quota}; nucleo indigente${resident ? ' residente nel Comune dell’alloggio' : ''}.`,
        );
        break;
      }
    }
  }

  // Phase 2: reserved units to households of the unit's category, in ranking order.
  for (const i of walk) {
    const categories = apps.reserveCategories[i] as readonly string[];
    if (categories.length === 0 || proposalOf[i]) continue;
    for (let c = i * stride; c < (i + 1) * stride; c++) {
      const state = candidates[c];
      if (!state) break;
      const { unit, ownerKey } = state;
      if (state.taker || unit.reserveCategory === null || !categories.includes(unit.reserveCategory)) continue;
      const quota = reserveQuota.get(ownerKey) ?? 0;
      const used = reserveUsed.get(ownerKey) ?? 0;
      if (used >= quota) continue;
      reserveUsed.set(ownerKey, used + 1);
      assign(
        i,
        c,
        'reserve',
        `Riserva per la categoria «${unit.reserveCategory}» (${unit.ownerId}): assegnazione ${used + 1} di ${quota}.`,
      );
      break;
    }
  }

  // Phase 3: the general ranking.
  for (const i of walk) {
    if (proposalOf[i]) continue;
    for (let c = i * stride; c < (i + 1) * stride; c++) {
      const state = candidates[c];
      if (!state) break;
      if (state.taker) continue;
      assign(i, c, 'ranking', 'Graduatoria generale.');
      break;
    }
  }

  const unassignedCount = n - proposals.length;
  if (aligned) {
    // Aligned input is not looked up by id (its reader, assignments.snapshot.ts, refuses a repeated
    // id): a repeated id that would take a second unit is refused here all the same.
    const proposed = new Set<string>();
    for (const proposal of proposals) {
      if (proposed.has(proposal.applicationId)) {
        throw new RangeError(`Duplicated application id ${proposal.applicationId}`);
      }
      proposed.add(proposal.applicationId);
    }
  }

  const ctx: ExplainContext = {
    units,
    isRefused,
    table,
    policy,
    indigentQuotaFull: (state) =>
      (indigentUsed.get(state.indigentKey) ?? 0) >= (indigentQuota.get(state.indigentKey) ?? 0),
    adequacyText: memoisedAdequacyText(table),
  };
  const unassigned: UnassignedApplication[] = [];
  if (options.explain !== false) {
    const household = (i: number): Household => ({
      application: applicationAt(apps, i),
      rank: rank[i] as number,
      eligible: eligible[i] === 1,
    });
    for (let r = 0; r < atRank.length; r++) {
      const i = atRank[r] as number;
      if (!proposalOf[i]) unassigned.push(explainUnassigned(household(i), ctx));
    }
    const unranked: number[] = [];
    for (let i = 0; i < n; i++) if ((rank[i] as number) < 0) unranked.push(i);
    unranked.sort((a, b) => {
      const x = apps.ids[a] as string;
      const y = apps.ids[b] as string;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    for (const i of unranked) unassigned.push(explainUnassigned(household(i), ctx));
  }

  const use = (figures: readonly QuotaFigure[], used: Map<string, number>): QuotaUse[] =>
    figures.map((f) => ({ scope: f.scope, quota: f.count, used: used.get(scopeKey(f.scope)) ?? 0 }));
  return {
    proposals,
    unassigned,
    unassignedCount,
    unitsLeft: [...units.values()]
      .filter((state) => !state.taker)
      .map((state) => state.unit.id)
      .sort(),
    quotaUse: { indigent: use(input.quotas.indigent, indigentUsed), reserve: use(input.quotas.reserve, reserveUsed) },
    refusalPolicy: policy.id,
  };
}

const BASIS_TEXT: Record<AssignmentBasis, string> = {
  indigent: 'quota indigenti',
  reserve: 'riserva',
  ranking: 'graduatoria generale',
};

const HEADLINE: Record<UnassignedCode, string> = {
  not_admitted: 'La domanda non è ammessa: non partecipa all’assegnazione.',
  excluded_after_refusal: 'Esclusa dopo una rinuncia senza giustificato motivo.',
  no_chosen_unit_available: 'Nessuno degli alloggi scelti è disponibile in questa assegnazione.',
  no_adequate_unit_among_choices: `Nessuno degli alloggi scelti disponibili è adeguato al nucleo (${SOURCE.adequacy}).`,
  quota_used_up:
    'La quota riservata ai nuclei indigenti era esaurita e gli alloggi scelti sono andati ad altre domande.',
  choices_taken_by_quota:
    'Gli alloggi scelti sono andati a domande con precedenza per la quota indigenti o per una riserva.',
  choices_taken_by_higher_ranked: 'Gli alloggi scelti sono andati a domande meglio collocate in graduatoria.',
};

interface ExplainContext {
  readonly units: ReadonlyMap<string, UnitState>;
  readonly isRefused: (applicationId: string, unitId: string) => boolean;
  readonly table: AdequacyTable;
  readonly policy: RefusalPolicy;
  readonly indigentQuotaFull: (state: UnitState) => boolean;
  readonly adequacyText: (application: AssignmentApplication, unit: AssignmentUnit) => string;
}

/** The same unit is judged for many households of the same size: each text is computed once. */
function memoisedAdequacyText(table: AdequacyTable) {
  const texts = new Map<string, string>();
  return (application: AssignmentApplication, unit: AssignmentUnit): string => {
    const key = `${unit.id}\u0000${application.membersCount}\u0000${application.highestInvalidityPercent ?? ''}`;
    let text = texts.get(key);
    if (text === undefined) {
      text = checkAdequacy(application, unit, table).reason.text;
      texts.set(key, text);
    }
    return text;
  };
}

/**
 * The reason's Italian text is built on first read and kept: a run explains up to 100,000
 * applications, and building every sentence eagerly would cost more than the assignment itself.
 * It is still a plain enumerable property for JSON, spreading and equality.
 */
function reason(code: UnassignedCode, build: () => string): Reason<UnassignedCode> {
  let text: string | undefined;
  return {
    code,
    get text() {
      text ??= build();
      return text;
    },
  };
}

/** Why a household got no unit: one pass over its ≤ 2 choices, without building any text. */
function explainUnassigned(household: Household, ctx: ExplainContext): UnassignedApplication {
  const { application } = household;
  const id = application.id;
  if (application.status !== 'admitted') {
    const text =
      application.status === 'excluded'
        ? 'La domanda è stata esclusa in istruttoria: non partecipa all’assegnazione.'
        : 'La domanda non è ancora stata ammessa: non partecipa all’assegnazione.';
    return { applicationId: id, reason: { code: 'not_admitted', text }, choices: [] };
  }
  if (!household.eligible) {
    return {
      applicationId: id,
      reason: { code: 'excluded_after_refusal', text: `${HEADLINE.excluded_after_refusal} ${ctx.policy.text}` },
      choices: [],
    };
  }
  const choices: ChoiceOutcome[] = [];
  let taken = 0;
  let notAdequate = 0;
  let takenByLower = false;
  let indigentQuotaFull = false;
  const chosen = application.unitIds;
  for (let index = 0; index < chosen.length; index++) {
    const unitId = chosen[index] as string;
    if (chosen.indexOf(unitId) !== index) continue;
    const state = ctx.units.get(unitId);
    if (!state) {
      choices.push({ unitId, outcome: 'not_in_run', takenBy: null, takenByPosition: null, basis: null });
    } else if (ctx.isRefused(id, unitId)) {
      choices.push({ unitId, outcome: 'refused', takenBy: null, takenByPosition: null, basis: null });
    } else if (!isAdequate(application.membersCount, state.unit.usableAreaDm2, ctx.table)) {
      notAdequate++;
      choices.push({ unitId, outcome: 'not_adequate', takenBy: null, takenByPosition: null, basis: null });
    } else {
      const taker = state.taker;
      if (!taker) throw new Error(`Invariant: ${id} left without unit while its adequate choice ${unitId} is free`);
      taken++;
      if (state.takerRank > household.rank) takenByLower = true;
      if (application.indigent && state.unit.reserveCategory === null && ctx.indigentQuotaFull(state)) {
        indigentQuotaFull = true;
      }
      choices.push({
        unitId,
        outcome: 'taken',
        takenBy: taker.applicationId,
        takenByPosition: taker.position,
        basis: taker.basis,
      });
    }
  }
  const code: UnassignedCode =
    taken === 0
      ? notAdequate > 0
        ? 'no_adequate_unit_among_choices'
        : 'no_chosen_unit_available'
      : indigentQuotaFull
        ? 'quota_used_up'
        : takenByLower
          ? 'choices_taken_by_quota'
          : 'choices_taken_by_higher_ranked';
  const build = () => {
    let text = HEADLINE[code];
    for (const choice of choices) {
      const unit = ctx.units.get(choice.unitId)?.unit;
      switch (choice.outcome) {
        case 'not_in_run':
          text += ` L’alloggio ${choice.unitId} non è disponibile in questa assegnazione.`;
          break;
        case 'refused':
          text += ` L’alloggio ${choice.unitId} è stato rifiutato dal nucleo e non viene riproposto.`;
          break;
        case 'not_adequate':
          text += ` L’alloggio ${choice.unitId} non è adeguato al nucleo: ${unit ? ctx.adequacyText(application, unit) : ''}`;
          break;
        case 'taken': {
          const lower = (ctx.units.get(choice.unitId)?.takerRank ?? 0) > household.rank;
          text += ` L’alloggio ${choice.unitId} è stato proposto alla domanda ${choice.takenBy ?? ''} (posizione ${choice.takenByPosition ?? ''}, ${choice.basis ? BASIS_TEXT[choice.basis] : ''}${lower ? ', con precedenza per quota o riserva' : ', meglio collocata'}).`;
          break;
        }
      }
    }
    return text;
  };
  return { applicationId: id, reason: reason(code, build), choices };
}
