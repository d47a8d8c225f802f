// Rankings of a SAP call (RR 4/2017 art. 12, rules.md §2.5): one per owner and per Comune (RR 3/2019),
// ISBAR descending, ties broken by a configurable ordered list of keys, then by the application id
// so that the order is TOTAL even when every other key ties. The seeded draw is a pure function of
// (seed, application id): re-running on the same inputs gives the same order (STYLE.md principle 3).

import { formatEuro, type Cents } from '../kernel/money.js';
import { formatNumberIt } from './explained.js';
import { canonicalJson, fnv1a32, fnv1a64Hex } from './fingerprint.js';

export const TIE_BREAK_KEYS = [
  'lower_isee',
  'earlier_submission',
  'seeded_draw',
  'more_members',
  'higher_invalidity',
] as const;
export type TieBreakKey = (typeof TIE_BREAK_KEYS)[number];

/**
 * [U] RR 4/2017 art. 12 c.3 lists the tie-breakers "in order of priority", but that list was not
 * retrieved (rules.md §2.5, §8 item 2). This default (lower ISEE, then earlier submission, then a
 * seeded draw) is our choice, not the law's: each call can configure its own list, and the UI says so.
 */
export const DEFAULT_TIE_BREAK_KEYS: readonly TieBreakKey[] = ['lower_isee', 'earlier_submission', 'seeded_draw'];

export type DecidingKey = 'score' | TieBreakKey | 'application_id';

export interface RankingUnit {
  readonly id: string;
  readonly ownerId: string;
  readonly comune: string;
}

export interface RankingApplication {
  /** The platform's application id (id_domanda). */
  readonly id: string;
  /** ISBAR imported from the regional platform, or the total of a local points scheme. */
  readonly score: number;
  readonly indigent: boolean;
  readonly iseeCents: Cents | null;
  /** Submission instant, ISO 8601 with zone (e.g. 2026-03-02T09:15:00Z). */
  readonly submittedAt: string;
  readonly membersCount: number;
  readonly highestInvalidityPercent: number | null;
  /** The chosen units (at most 2, RR 4/2017 art. 9 c.3), in the applicant's order. */
  readonly unitIds: readonly string[];
}

export interface RankingOptions {
  readonly tieBreakKeys: readonly TieBreakKey[];
  /** Unsigned 32-bit seed, fixed before the draw and stored with the run. */
  readonly seed: number;
  /** How the score is called in explanations: 'ISBAR' (default) or a scheme's name. */
  readonly scoreLabel?: string;
}

/** The values every key compared, kept on each entry so that a position can be explained. */
export interface RankingKeyValues {
  readonly score: number;
  readonly iseeCents: Cents | null;
  readonly submittedAt: string;
  readonly submittedAtMs: number;
  readonly draw: number;
  readonly membersCount: number;
  readonly highestInvalidityPercent: number | null;
  readonly applicationId: string;
}

export interface RankingEntry {
  /** 1-based position within its (owner, Comune) ranking. */
  readonly position: number;
  readonly applicationId: string;
  readonly score: number;
  readonly indigent: boolean;
  readonly unitIds: readonly string[];
  readonly keys: RankingKeyValues;
}

export interface Ranking {
  readonly ownerId: string;
  readonly comune: string;
  readonly tieBreakKeys: readonly TieBreakKey[];
  readonly seed: number;
  readonly scoreLabel: string;
  readonly entries: readonly RankingEntry[];
}

export interface RankingRun {
  readonly tieBreakKeys: readonly TieBreakKey[];
  readonly seed: number;
  readonly scoreLabel: string;
  /** Every application id in the single order the per-(owner, Comune) rankings are slices of. */
  readonly order: readonly string[];
  /** Sorted by owner, then Comune. */
  readonly rankings: readonly Ranking[];
}

/**
 * The draw number of an application: the first output of mulberry32 (kernel/rng.ts createRng)
 * seeded with seed XOR FNV-1a 32(id), as an unsigned 32-bit integer. Lower numbers come first.
 * Never Math.random. The generator step is inlined (a test checks it equals createRng) because a
 * call ranks 100,000 applications.
 */
export function drawKey(seed: number, applicationId: string): number {
  let t = (((seed ^ fnv1a32(applicationId)) >>> 0) + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

function checkSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`The draw seed must be an unsigned 32-bit integer: ${seed}`);
  }
}

export function keyValuesOf(application: RankingApplication, seed: number): RankingKeyValues {
  if (!Number.isFinite(application.score)) throw new RangeError(`Score of ${application.id} is not a number`);
  const submittedAtMs = Date.parse(application.submittedAt);
  if (Number.isNaN(submittedAtMs)) throw new RangeError(`Submission time of ${application.id} is not an instant`);
  return {
    score: application.score,
    iseeCents: application.iseeCents,
    submittedAt: application.submittedAt,
    submittedAtMs,
    draw: drawKey(seed, application.id),
    membersCount: application.membersCount,
    highestInvalidityPercent: application.highestInvalidityPercent,
    applicationId: application.id,
  };
}

/** Ascending with missing values last: negative when a comes first. */
function ascNullsLast(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareOn(key: DecidingKey, a: RankingKeyValues, b: RankingKeyValues): number {
  switch (key) {
    case 'score':
      return a.score > b.score ? -1 : a.score < b.score ? 1 : 0;
    case 'lower_isee':
      return ascNullsLast(a.iseeCents, b.iseeCents);
    case 'earlier_submission':
      return ascNullsLast(a.submittedAtMs, b.submittedAtMs);
    case 'seeded_draw':
      return ascNullsLast(a.draw, b.draw);
    case 'more_members':
      return ascNullsLast(-a.membersCount, -b.membersCount);
    case 'higher_invalidity':
      return ascNullsLast(
        a.highestInvalidityPercent === null ? null : -a.highestInvalidityPercent,
        b.highestInvalidityPercent === null ? null : -b.highestInvalidityPercent,
      );
    case 'application_id':
      return a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0;
  }
}

/** Negative when a comes first: the score, then each tie-break key in order, then the application id. */
export function compareForOrder(
  a: RankingKeyValues,
  b: RankingKeyValues,
  tieBreakKeys: readonly TieBreakKey[],
): number {
  const c = compareOn('score', a, b);
  if (c !== 0) return c;
  for (const key of tieBreakKeys) {
    const k = compareOn(key, a, b);
    if (k !== 0) return k;
  }
  return compareOn('application_id', a, b);
}

/**
 * Which of two applications comes first, and the key that decided it. The order is zero only for
 * the same application id: the ranking is total.
 */
export function compareRanked(
  a: RankingKeyValues,
  b: RankingKeyValues,
  tieBreakKeys: readonly TieBreakKey[],
): { readonly order: number; readonly decidingKey: DecidingKey } {
  for (const key of ['score', ...tieBreakKeys, 'application_id'] as const) {
    const order = compareOn(key, a, b);
    if (order !== 0 || key === 'application_id') return { order, decidingKey: key };
  }
  throw new Error('unreachable');
}

/** Builds every (owner, Comune) ranking; an application appears in the ranking of each pair among its chosen units. */
export function buildRankings(
  applications: readonly RankingApplication[],
  units: readonly RankingUnit[],
  options: RankingOptions,
): RankingRun {
  checkSeed(options.seed);
  // The (owner, Comune) pair of every unit, found once per unit rather than once per choice.
  interface Pair {
    readonly key: string;
    readonly ownerId: string;
    readonly comune: string;
    readonly entries: RankingEntry[];
  }
  const pairs = new Map<string, Pair>();
  const pairOfUnit = new Map<string, Pair>();
  for (const unit of units) {
    const key = JSON.stringify([unit.ownerId, unit.comune]);
    let pair = pairs.get(key);
    if (!pair) {
      pair = { key, ownerId: unit.ownerId, comune: unit.comune, entries: [] };
      pairs.set(key, pair);
    }
    pairOfUnit.set(unit.id, pair);
  }
  const seen = new Set<string>();
  const keyed = applications.map((application) => {
    if (seen.has(application.id)) throw new RangeError(`Duplicated application id ${application.id}`);
    seen.add(application.id);
    return { application, keys: keyValuesOf(application, options.seed) };
  });
  const keys = options.tieBreakKeys;
  keyed.sort((x, y) => compareForOrder(x.keys, y.keys, keys));

  const pairsOfApplication: Pair[] = [];
  for (const { application, keys: values } of keyed) {
    pairsOfApplication.length = 0;
    for (const unitId of application.unitIds) {
      const pair = pairOfUnit.get(unitId);
      if (!pair)
        throw new RangeError(`Application ${application.id} chose unit ${unitId}, which the call does not offer`);
      if (pairsOfApplication.includes(pair)) continue;
      pairsOfApplication.push(pair);
      pair.entries.push({
        position: pair.entries.length + 1,
        applicationId: application.id,
        score: application.score,
        indigent: application.indigent,
        unitIds: application.unitIds,
        keys: values,
      });
    }
  }
  const scoreLabel = options.scoreLabel ?? 'ISBAR';
  const rankings = [...pairs.values()]
    .filter((pair) => pair.entries.length > 0)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ ownerId, comune, entries }) => ({
      ownerId,
      comune,
      entries,
      tieBreakKeys: keys,
      seed: options.seed,
      scoreLabel,
    }));
  return { tieBreakKeys: keys, seed: options.seed, scoreLabel, order: keyed.map((k) => k.application.id), rankings };
}

const DATE_TIME_IT = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const KEY_NAMES: Record<DecidingKey, string> = {
  score: 'punteggio',
  lower_isee: 'ISEE',
  earlier_submission: 'data di presentazione',
  seeded_draw: 'sorteggio',
  more_members: 'numero di componenti',
  higher_invalidity: 'invalidità',
  application_id: 'numero di domanda',
};

/** Italian label of a tie-break key, for the call page ("the list is configurable"). */
export const TIE_BREAK_KEY_LABELS: Record<TieBreakKey, string> = {
  lower_isee: 'ISEE più basso',
  earlier_submission: 'domanda presentata prima',
  seeded_draw: 'sorteggio con seme fissato prima dell’estrazione',
  more_members: 'nucleo più numeroso',
  higher_invalidity: 'invalidità più alta',
};

function euroOrMissing(value: Cents | null): string {
  return value === null ? 'non indicato' : formatEuro(value);
}

/** Why `winner` precedes `loser` on `key`, in Italian, with both values. */
function keyPhrase(key: DecidingKey, winner: RankingKeyValues, loser: RankingKeyValues, ranking: Ranking): string {
  switch (key) {
    case 'score':
      return `${ranking.scoreLabel} più alto (${formatNumberIt(winner.score)} contro ${formatNumberIt(loser.score)})`;
    case 'lower_isee':
      return `ISEE più basso (${euroOrMissing(winner.iseeCents)} contro ${euroOrMissing(loser.iseeCents)})`;
    case 'earlier_submission':
      return `presentazione anteriore (${DATE_TIME_IT.format(winner.submittedAtMs)} contro ${DATE_TIME_IT.format(loser.submittedAtMs)})`;
    case 'seeded_draw':
      return `sorteggio con seme ${ranking.seed} (numero estratto ${winner.draw} contro ${loser.draw}; vince il più basso)`;
    case 'more_members':
      return `nucleo più numeroso (${winner.membersCount} contro ${loser.membersCount} componenti)`;
    case 'higher_invalidity':
      return `invalidità più alta (${winner.highestInvalidityPercent ?? 0}% contro ${loser.highestInvalidityPercent ?? 0}%)`;
    case 'application_id':
      return `numero di domanda (${winner.applicationId} prima di ${loser.applicationId}; ultimo criterio, sempre applicato)`;
  }
}

function explainPair(
  winner: RankingEntry,
  loser: RankingEntry,
  ranking: Ranking,
): { key: DecidingKey; reason: string } {
  const { decidingKey } = compareRanked(winner.keys, loser.keys, ranking.tieBreakKeys);
  const tied: DecidingKey[] = decidingKey === 'score' ? [] : ['score'];
  if (decidingKey !== 'score') {
    for (const key of ranking.tieBreakKeys) {
      if (key === decidingKey) break;
      tied.push(key);
    }
  }
  const parity =
    tied.length === 0
      ? ''
      : `a parità di ${tied.map((k) => (k === 'score' ? ranking.scoreLabel : KEY_NAMES[k])).join(', ')}, `;
  return { key: decidingKey, reason: `${parity}per ${keyPhrase(decidingKey, winner.keys, loser.keys, ranking)}` };
}

export interface NeighbourComparison {
  readonly applicationId: string;
  readonly position: number;
  readonly decidingKey: DecidingKey;
  readonly text: string;
}

export interface NeighbourExplanation {
  readonly applicationId: string;
  readonly position: number;
  readonly total: number;
  /** The application just above, and why it is above. */
  readonly previous: NeighbourComparison | null;
  /** The application just below, and why this one is above it. */
  readonly next: NeighbourComparison | null;
  readonly text: string;
}

/** Says in Italian which key placed the application below the previous one and above the next one. */
export function explainAgainstNeighbours(ranking: Ranking, applicationId: string): NeighbourExplanation | undefined {
  const index = ranking.entries.findIndex((e) => e.applicationId === applicationId);
  const entry = ranking.entries[index];
  if (!entry) return undefined;
  const before = ranking.entries[index - 1];
  const after = ranking.entries[index + 1];
  let previous: NeighbourComparison | null = null;
  let next: NeighbourComparison | null = null;
  const lines = [
    `La domanda ${entry.applicationId} è in posizione ${entry.position} su ${ranking.entries.length} nella graduatoria ${ranking.ownerId} – ${ranking.comune}, con ${ranking.scoreLabel} ${formatNumberIt(entry.score)}.`,
  ];
  if (before) {
    const why = explainPair(before, entry, ranking);
    const text = `Segue la domanda ${before.applicationId} (posizione ${before.position}), che la precede ${why.reason}.`;
    previous = { applicationId: before.applicationId, position: before.position, decidingKey: why.key, text };
    lines.push(text);
  } else {
    lines.push('È la prima della graduatoria.');
  }
  if (after) {
    const why = explainPair(entry, after, ranking);
    const text = `Precede la domanda ${after.applicationId} (posizione ${after.position}) ${why.reason}.`;
    next = { applicationId: after.applicationId, position: after.position, decidingKey: why.key, text };
    lines.push(text);
  } else {
    lines.push('È l’ultima della graduatoria.');
  }
  return {
    applicationId,
    position: entry.position,
    total: ranking.entries.length,
    previous,
    next,
    text: lines.join(' '),
  };
}

const RANKING_INPUT_KIND = 'abitare.sap.ranking.v1';

function byId<T extends { readonly id: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The inputs of a ranking as canonical JSON, built once, and their fingerprint computed from that
 * same text. `snapshot` is the canonical JSON of `{ applications, units }`, each list sorted by id
 * (what a run stores to be verified); `hash` is `rankingInputHash` of the same inputs: FNV-1a 64 of
 * the canonical JSON of `{ kind, applications, units, tieBreakKeys, seed, rulesetVersion }`, whose
 * members in key order are assembled around the two lists' texts instead of serialising them twice.
 */
export function rankingInputCanonical(
  inputs: { readonly applications: readonly RankingApplication[]; readonly units: readonly RankingUnit[] },
  tieBreakKeys: readonly TieBreakKey[],
  seed: number,
  rulesetVersion: string,
): { readonly snapshot: string; readonly hash: string } {
  const applications = canonicalJson(byId(inputs.applications));
  const units = canonicalJson(byId(inputs.units));
  const hashed =
    `{"applications":${applications},"kind":${canonicalJson(RANKING_INPUT_KIND)}` +
    `,"rulesetVersion":${canonicalJson(rulesetVersion)},"seed":${canonicalJson(seed)}` +
    `,"tieBreakKeys":${canonicalJson(tieBreakKeys)},"units":${units}}`;
  return { snapshot: `{"applications":${applications},"units":${units}}`, hash: fnv1a64Hex(hashed) };
}

/**
 * A fingerprint of everything a ranking depends on: FNV-1a 64 (hex) of the canonical JSON of the
 * applications and units (each list sorted by id, so the input order does not matter), the
 * tie-break list (its order matters), the seed and the ruleset version. It detects a change of
 * input; it is NOT a security hash (the server may add a SHA-256 of the same text).
 */
export function rankingInputHash(
  inputs: { readonly applications: readonly RankingApplication[]; readonly units: readonly RankingUnit[] },
  tieBreakKeys: readonly TieBreakKey[],
  seed: number,
  rulesetVersion: string,
): string {
  return rankingInputCanonical(inputs, tieBreakKeys, seed, rulesetVersion).hash;
}
