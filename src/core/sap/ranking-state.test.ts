import { describe, expect, it } from 'vitest';
import { deriveRankingState, nextRankingState, RANKING_STATES, RANKING_TRANSITIONS } from './ranking-state.js';

describe('ranking state (RR 4/2017 art. 12: draft → provisional → final)', () => {
  it('goes from draft to provisional to final', () => {
    expect(deriveRankingState([])).toEqual({ ok: true, state: 'draft' });
    expect(deriveRankingState([{ kind: 'provisional_published' }])).toEqual({ ok: true, state: 'provisional' });
    expect(deriveRankingState([{ kind: 'provisional_published' }, { kind: 'finalised' }])).toEqual({
      ok: true,
      state: 'final',
    });
  });

  it('refuses a final ranking that was never published as provisional, and a second publication', () => {
    expect(nextRankingState('draft', 'finalised')).toMatchObject({ ok: false, refused: 'finalised' });
    expect(nextRankingState('provisional', 'provisional_published')).toMatchObject({ ok: false });
    expect(deriveRankingState([{ kind: 'finalised' }])).toMatchObject({ ok: false, state: 'draft' });
  });

  it('has a transition row for every state, and a final state with no way out', () => {
    expect(Object.keys(RANKING_TRANSITIONS).sort()).toEqual([...RANKING_STATES].sort());
    expect(RANKING_TRANSITIONS.final).toEqual({});
  });
});
