import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suppressSmallCells } from './open-data.js';

const row = (comune: string, year: string, households: number, amount = households * 100) => ({
  keys: { comune, year },
  households,
  values: { amount },
});

describe('small-cell suppression of open data (GDPR art. 89; Codice privacy art. 106)', () => {
  it('hides cells of 1 to 4 households with every figure they carry, shows 0 and 5 or more', () => {
    const out = suppressSmallCells([
      row('A', '2025', 0),
      row('B', '2025', 4),
      row('C', '2025', 5),
      row('D', '2025', 1),
    ]);
    expect(out.map((r) => [r.households, r.values.amount, r.suppressed])).toEqual([
      [0, 0, 'none'],
      [null, null, 'small_cell'],
      [5, 500, 'none'],
      [null, null, 'small_cell'],
    ]);
  });

  it('hides a second cell when a group has exactly one hidden, so the total does not give it away', () => {
    const out = suppressSmallCells(
      [row('A', '2025', 3), row('B', '2025', 40), row('C', '2025', 12), row('A', '2026', 30)],
      {
        groupBy: ['year'],
      },
    );
    expect(out.map((r) => r.suppressed)).toEqual(['small_cell', 'none', 'complementary', 'none']);
  });

  it('never publishes a cell of 1–4 households, and never changes a published count (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('A', 'B', 'C'), fc.constantFrom('2024', '2025'), fc.nat(30)), {
          maxLength: 30,
        }),
        (cells) => {
          const rows = cells.map(([c, y, n]) => row(c, y, n));
          const out = suppressSmallCells(rows, { groupBy: ['year'] });
          out.forEach((r, i) => {
            const n = rows[i]!.households;
            if (n > 0 && n < 5) expect(r.households).toBeNull();
            if (r.households !== null) expect(r.households).toBe(n);
          });
          // In no group is exactly one cell hidden (unless the group has a single non-empty cell).
          for (const year of ['2024', '2025']) {
            const group = out.filter((r) => r.keys.year === year);
            const hidden = group.filter((r) => r.suppressed !== 'none').length;
            const shownNonEmpty = group.filter((r) => r.suppressed === 'none' && (r.households ?? 0) > 0).length;
            expect(hidden === 1 && shownNonEmpty > 0).toBe(false);
          }
        },
      ),
      { seed: 20261126, numRuns: 200 },
    );
  });
});
