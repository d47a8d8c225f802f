import { describe, expect, it } from 'vitest';
import { compactRankingOrder, parseRankingOrder, sliceEntries, type AssignmentRanking } from './ranking-order.js';
import type { Cents } from '../kernel/money.js';
import { buildRankings, DEFAULT_TIE_BREAK_KEYS } from './ranking.js';

const expanded = (run: AssignmentRanking) =>
  run.rankings.map((r) => ({ ownerId: r.ownerId, comune: r.comune, entries: sliceEntries(run.order, r) }));

describe('compact ranking order (stored with each ranking run)', () => {
  it('gives back the order and every position of every ranking', () => {
    const run = {
      order: ['B', 'A', 'C'],
      rankings: [
        {
          ownerId: 'aler',
          comune: 'cin',
          entries: [
            { applicationId: 'B', position: 1 },
            { applicationId: 'C', position: 2 },
          ],
        },
        { ownerId: 'com', comune: 'bre', entries: [{ applicationId: 'A', position: 1 }] },
      ],
    };
    const back = parseRankingOrder(compactRankingOrder(run));
    expect(back.order).toEqual(run.order);
    expect(expanded(back)).toEqual(run.rankings);
    // Stored compactly: index in the order and position, flattened.
    expect(back.rankings[0]).toEqual({ ownerId: 'aler', comune: 'cin', pairs: [0, 1, 2, 2] });
  });

  it('refuses an entry that is not in the order and an unknown format', () => {
    expect(() =>
      compactRankingOrder({
        order: ['A'],
        rankings: [{ ownerId: 'o', comune: 'c', entries: [{ applicationId: 'Z', position: 1 }] }],
      } as never),
    ).toThrow(RangeError);
    expect(() => parseRankingOrder('{"v":2}')).toThrow(RangeError);
  });

  it('keeps every position of a real run over several owners and Comuni', () => {
    const units = [
      { id: 'U1', ownerId: 'ALER Milano', comune: 'Bresso' },
      { id: 'U2', ownerId: 'ALER Milano', comune: 'Cormano' },
      { id: 'U3', ownerId: 'Comune di Cinisello Balsamo', comune: 'Cinisello Balsamo' },
    ];
    const applications = Array.from({ length: 40 }, (_, i) => ({
      id: `A${i}`,
      score: (i * 7) % 11,
      indigent: i % 5 === 0,
      iseeCents: (1000 * ((i * 3) % 13)) as Cents,
      submittedAt: '2026-03-02T09:00:00Z',
      membersCount: 1 + (i % 4),
      highestInvalidityPercent: null,
      unitIds: [`U${1 + (i % 3)}`, `U${1 + ((i + 1) % 3)}`],
    }));
    const run = buildRankings(applications, units, { tieBreakKeys: DEFAULT_TIE_BREAK_KEYS, seed: 7 });
    const back = parseRankingOrder(compactRankingOrder(run));
    expect(back.order).toEqual(run.order);
    expect(expanded(back)).toEqual(
      run.rankings.map((r) => ({
        ownerId: r.ownerId,
        comune: r.comune,
        entries: r.entries.map((e) => ({ applicationId: e.applicationId, position: e.position })),
      })),
    );
  });
});
