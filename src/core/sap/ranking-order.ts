// The single order of a ranking run and each (owner, Comune) ranking's positions in one compact
// text, stored with the run (ranking_runs.order_index). An assignment run needs only these, not the
// entries' keys, scores and choices: reading one text instead of 175,000 entries for a call of
// 100,000 applications is what keeps the assignment under a second (issue 3, performance).

/** One (owner, Comune) ranking as a ranking run holds it: its entries in ranking order. */
export interface RankingSlice {
  readonly ownerId: string;
  readonly comune: string;
  /** In ranking order. */
  readonly entries: readonly { readonly applicationId: string; readonly position: number }[];
}

/**
 * The same ranking as stored (parseRankingOrder): pairs of (index in the order, position),
 * flattened, in ranking order. No object per entry: a call of 100,000 applications has 175,000.
 */
export interface CompactRankingSlice {
  readonly ownerId: string;
  readonly comune: string;
  readonly pairs: readonly number[];
}

/** The part of a ranking run the assignment rules read (core/sap/assignment.ts). */
export interface AssignmentRanking {
  /** Every application id in the single order the per-(owner, Comune) rankings are slices of. */
  readonly order: readonly string[];
  readonly rankings: readonly (RankingSlice | CompactRankingSlice)[];
}

/** The entries of a ranking slice, in ranking order, whichever form it has (for tests and reports). */
export function sliceEntries(
  order: readonly string[],
  slice: RankingSlice | CompactRankingSlice,
): { applicationId: string; position: number }[] {
  if ('entries' in slice) return slice.entries.map((e) => ({ applicationId: e.applicationId, position: e.position }));
  const entries: { applicationId: string; position: number }[] = [];
  for (let k = 0; k < slice.pairs.length; k += 2) {
    entries.push({ applicationId: order[slice.pairs[k] as number] as string, position: slice.pairs[k + 1] as number });
  }
  return entries;
}

interface CompactOrder {
  readonly v: 1;
  readonly order: readonly string[];
  /** Per ranking: owner, Comune, then pairs of (index in `order`, position), flattened. */
  readonly rankings: readonly { readonly o: string; readonly c: string; readonly e: readonly number[] }[];
}

export function compactRankingOrder(run: {
  readonly order: readonly string[];
  readonly rankings: readonly RankingSlice[];
}): string {
  const index = new Map<string, number>();
  run.order.forEach((id, i) => index.set(id, i));
  const compact: CompactOrder = {
    v: 1,
    order: run.order,
    rankings: run.rankings.map((r) => {
      const e: number[] = [];
      for (const entry of r.entries) {
        const i = index.get(entry.applicationId);
        if (i === undefined) throw new RangeError(`Ranked application ${entry.applicationId} is not in the order`);
        e.push(i, entry.position);
      }
      return { o: r.ownerId, c: r.comune, e };
    }),
  };
  return JSON.stringify(compact);
}

export function parseRankingOrder(text: string): AssignmentRanking {
  const compact = JSON.parse(text) as CompactOrder;
  if (compact.v !== 1) throw new RangeError(`Unknown ranking order format ${String(compact.v)}`);
  return {
    order: compact.order,
    rankings: compact.rankings.map((r) => ({ ownerId: r.o, comune: r.c, pairs: r.e })),
  };
}
