// The state of a ranking run is derived from its append-only events (STYLE.md principle 4):
// draft → provisional (published, RR 4/2017 art. 12: within 5 days of the closing date) → final
// (after the correction window and the decisions, art. 12; rules.md §2.5).

export const RANKING_STATES = ['draft', 'provisional', 'final'] as const;
export type RankingState = (typeof RANKING_STATES)[number];

export const RANKING_EVENTS = ['provisional_published', 'finalised'] as const;
export type RankingEventKind = (typeof RANKING_EVENTS)[number];

/** The one table of allowed transitions: for each state, the events that may follow and where they lead. */
export const RANKING_TRANSITIONS = {
  draft: { provisional_published: 'provisional' },
  provisional: { finalised: 'final' },
  final: {},
} as const satisfies Record<RankingState, Partial<Record<RankingEventKind, RankingState>>>;

export const RANKING_STATE_LABELS: Record<RankingState, string> = {
  draft: 'Bozza',
  provisional: 'Provvisoria (pubblicata)',
  final: 'Definitiva',
};

export type RankingStateResult =
  | { readonly ok: true; readonly state: RankingState }
  | { readonly ok: false; readonly state: RankingState; readonly refused: RankingEventKind; readonly message: string };

export function nextRankingState(state: RankingState, event: RankingEventKind): RankingStateResult {
  const to = (RANKING_TRANSITIONS[state] as Partial<Record<RankingEventKind, RankingState>>)[event];
  if (to === undefined) {
    const messages: Record<RankingEventKind, string> = {
      provisional_published: 'La graduatoria provvisoria si pubblica una sola volta, da una bozza.',
      finalised: 'Solo una graduatoria provvisoria pubblicata può diventare definitiva.',
    };
    return { ok: false, state, refused: event, message: messages[event] };
  }
  return { ok: true, state: to };
}

/** Replays the events in order; an impossible sequence is reported, never silently skipped. */
export function deriveRankingState(events: readonly { readonly kind: RankingEventKind }[]): RankingStateResult {
  let state: RankingState = 'draft';
  for (const e of events) {
    const r = nextRankingState(state, e.kind);
    if (!r.ok) return r;
    state = r.state;
  }
  return { ok: true, state };
}
