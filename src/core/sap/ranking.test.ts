import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cents } from '../kernel/money.js';
import { createRng } from '../kernel/rng.js';
import { canonicalJson, fnv1a32, fnv1a64Hex } from './fingerprint.js';
import {
  DEFAULT_TIE_BREAK_KEYS,
  TIE_BREAK_KEYS,
  buildRankings,
  compareRanked,
  drawKey,
  explainAgainstNeighbours,
  keyValuesOf,
  rankingInputCanonical,
  rankingInputHash,
  type RankingApplication,
  type RankingUnit,
  type TieBreakKey,
} from './ranking.js';

const SEED = 20261126;
const units: RankingUnit[] = [
  { id: 'U1', ownerId: 'ALER Milano', comune: 'Bresso' },
  { id: 'U2', ownerId: 'ALER Milano', comune: 'Cormano' },
  { id: 'U3', ownerId: 'Comune di Cinisello Balsamo', comune: 'Cinisello Balsamo' },
];
const app = (id: string, over: Partial<RankingApplication> = {}): RankingApplication => ({
  id,
  score: 10,
  indigent: false,
  iseeCents: 500_000 as Cents,
  submittedAt: '2026-03-02T09:00:00Z',
  membersCount: 2,
  highestInvalidityPercent: null,
  unitIds: ['U1'],
  ...over,
});
const ids = (applications: RankingApplication[], keys: readonly TieBreakKey[] = DEFAULT_TIE_BREAK_KEYS, seed = SEED) =>
  buildRankings(applications, units, { tieBreakKeys: keys, seed }).rankings[0]?.entries.map((e) => e.applicationId);

describe('RR 4/2017 art. 12: order by ISBAR descending', () => {
  it('RR 4/2017 art. 12 c.3: the highest ISBAR comes first, decimals compared exactly', () => {
    expect(ids([app('A', { score: 12.5 }), app('B', { score: 30 }), app('C', { score: 12.75 })])).toEqual([
      'B',
      'C',
      'A',
    ]);
  });
});

describe('RR 4/2017 art. 12 c.3 [U]: ties broken by a configurable list (default: lower ISEE, earlier submission, seeded draw)', () => {
  it('RR 4/2017 art. 12 c.3: default list, lower ISEE first; a missing ISEE goes after any known one', () => {
    const list = [
      app('A', { iseeCents: 900_000 as Cents }),
      app('B', { iseeCents: null }),
      app('C', { iseeCents: 100_000 as Cents }),
    ];
    expect(ids(list)).toEqual(['C', 'A', 'B']);
  });

  it('RR 4/2017 art. 12 c.3: same ISEE, earlier submission first (instants compared across zones)', () => {
    const list = [
      app('A', { submittedAt: '2026-03-02T10:00:00+01:00' }), // 09:00Z
      app('B', { submittedAt: '2026-03-02T08:59:59Z' }),
    ];
    expect(ids(list)).toEqual(['B', 'A']);
  });

  it('RR 4/2017 art. 12 c.3: full tie, the seeded draw decides, reproducibly', () => {
    const list = ['A', 'B', 'C', 'D', 'E'].map((id) => app(id));
    const expected = [...list].sort((x, y) => drawKey(SEED, x.id) - drawKey(SEED, y.id)).map((a) => a.id);
    expect(ids(list)).toEqual(expected);
    expect(ids([...list].reverse())).toEqual(expected);
    // The draw numbers are pinned: a refactor must not change stored draws.
    expect([drawKey(SEED, 'A'), drawKey(SEED, 'APP-000123')]).toEqual([4_191_306_408, 980_430_863]);
    expect([drawKey(1, 'A'), drawKey(1, 'B')]).toEqual([drawKeyReference(1, 'A'), drawKeyReference(1, 'B')]);
  });

  it('the draw is the first output of the kernel generator createRng(seed XOR FNV-1a(id)) (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.string(), (seed, id) => {
        const expected = Math.floor(createRng((seed ^ fnv1a32(id)) >>> 0).next() * 4_294_967_296);
        expect(drawKey(seed, id)).toBe(expected);
      }),
      { seed: 20261126, numRuns: 500 },
    );
  });

  it('RR 4/2017 art. 12 c.3: the list is configurable (earlier submission before ISEE)', () => {
    const list = [
      app('A', { iseeCents: 100_000 as Cents, submittedAt: '2026-03-03T09:00:00Z' }),
      app('B', { iseeCents: 900_000 as Cents, submittedAt: '2026-03-02T09:00:00Z' }),
    ];
    expect(ids(list)).toEqual(['A', 'B']);
    expect(ids(list, ['earlier_submission', 'lower_isee'])).toEqual(['B', 'A']);
    expect(ids([app('A', { membersCount: 2 }), app('B', { membersCount: 5 })], ['more_members'])).toEqual(['B', 'A']);
    expect(
      ids(
        [app('A', { highestInvalidityPercent: null }), app('B', { highestInvalidityPercent: 74 })],
        ['higher_invalidity'],
      ),
    ).toEqual(['B', 'A']);
  });

  it('the application id is the last key, always present, so the order is total even without a draw', () => {
    expect(ids([app('B'), app('A'), app('C')], [])).toEqual(['A', 'B', 'C']);
  });

  it('refuses duplicated ids, unknown units and bad seeds (broken invariants)', () => {
    expect(() => ids([app('A'), app('A')])).toThrow(/Duplicated/);
    expect(() => ids([app('A', { unitIds: ['U9'] })])).toThrow(/does not offer/);
    expect(() => ids([app('A')], DEFAULT_TIE_BREAK_KEYS, -1)).toThrow(/seed/);
    expect(() => ids([app('A', { submittedAt: 'yesterday' })])).toThrow(/instant/);
  });
});

/** The draw recomputed from its definition: mulberry32 seeded with seed XOR FNV-1a 32(id). */
function drawKeyReference(seed: number, id: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(id)) h = Math.imul(h ^ byte, 0x01000193);
  let state = ((seed ^ h) >>> 0) + 0x6d2b79f5;
  state >>>= 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

describe('RR 3/2019, RR 4/2017 art. 12 c.1: one ranking per owner and per Comune', () => {
  it('RR 4/2017 art. 12 c.1: an application appears in the ranking of each (owner, Comune) among its choices, once', () => {
    const run = buildRankings(
      [
        app('A', { score: 20, unitIds: ['U1', 'U3'] }),
        app('B', { score: 30, unitIds: ['U1'] }),
        app('C', { score: 25, unitIds: ['U3', 'U2'] }),
        app('D', { score: 5, unitIds: ['U1', 'U1'] }),
      ],
      units,
      { tieBreakKeys: DEFAULT_TIE_BREAK_KEYS, seed: SEED },
    );
    expect(run.rankings.map((r) => [r.ownerId, r.comune, r.entries.map((e) => [e.position, e.applicationId])])).toEqual(
      [
        [
          'ALER Milano',
          'Bresso',
          [
            [1, 'B'],
            [2, 'A'],
            [3, 'D'],
          ],
        ],
        ['ALER Milano', 'Cormano', [[1, 'C']]],
        [
          'Comune di Cinisello Balsamo',
          'Cinisello Balsamo',
          [
            [1, 'C'],
            [2, 'A'],
          ],
        ],
      ],
    );
    expect(run.order).toEqual(['B', 'C', 'A', 'D']);
    expect(run.rankings[0]?.entries[1]?.unitIds).toEqual(['U1', 'U3']);
  });
});

describe('explainAgainstNeighbours: why an application is where it is (issue 3 item 8)', () => {
  const run = buildRankings(
    [
      app('P-1', { score: 30 }),
      app('P-2', { score: 24.5, iseeCents: 200_000 as Cents }),
      app('P-3', { score: 24.5, iseeCents: 350_000 as Cents }),
      app('P-4', { score: 24.5, iseeCents: 350_000 as Cents, submittedAt: '2026-03-05T10:30:00Z' }),
    ],
    units,
    { tieBreakKeys: DEFAULT_TIE_BREAK_KEYS, seed: SEED },
  );
  const ranking = run.rankings[0]!;

  it('names the deciding key against the previous and the next application, with the values', () => {
    const explanation = explainAgainstNeighbours(ranking, 'P-3');
    expect(explanation?.position).toBe(3);
    expect(explanation?.previous).toMatchObject({ applicationId: 'P-2', decidingKey: 'lower_isee' });
    expect(explanation?.previous?.text).toMatch(
      /^Segue la domanda P-2 \(posizione 2\), che la precede a parità di ISBAR, per ISEE più basso \(2000,00\s€ contro 3500,00\s€\)\.$/,
    );
    expect(explanation?.next).toMatchObject({ applicationId: 'P-4', decidingKey: 'earlier_submission' });
    expect(explanation?.next?.text).toBe(
      'Precede la domanda P-4 (posizione 4) a parità di ISBAR, ISEE, per presentazione anteriore (02/03/2026, 10:00:00 contro 05/03/2026, 11:30:00).',
    );
  });

  it('the first says it is first and why it precedes the second on the score', () => {
    const explanation = explainAgainstNeighbours(ranking, 'P-1');
    expect(explanation?.previous).toBeNull();
    expect(explanation?.next?.text).toBe('Precede la domanda P-2 (posizione 2) per ISBAR più alto (30 contro 24,5).');
    expect(explanation?.text).toContain('È la prima della graduatoria.');
    expect(explainAgainstNeighbours(ranking, 'P-4')?.text).toContain('È l’ultima della graduatoria.');
  });

  it('explains a draw and the final id key', () => {
    const tie = buildRankings([app('X'), app('Y')], units, { tieBreakKeys: ['seeded_draw'], seed: 7 }).rankings[0]!;
    const first = tie.entries[0]!.applicationId;
    expect(explainAgainstNeighbours(tie, first)?.next?.text).toContain('per sorteggio con seme 7 (numero estratto');
    const byId = buildRankings([app('X'), app('Y')], units, { tieBreakKeys: [], seed: 7 }).rankings[0]!;
    expect(explainAgainstNeighbours(byId, 'X')?.next?.decidingKey).toBe('application_id');
  });

  it('returns undefined for an application not in the ranking', () => {
    expect(explainAgainstNeighbours(ranking, 'nope')).toBeUndefined();
  });
});

describe('rankingInputHash: a fingerprint of the inputs (STYLE.md principle 3)', () => {
  const applications = [app('A', { score: 3 }), app('B', { score: 4, unitIds: ['U2', 'U1'] })];
  const base = rankingInputHash({ applications, units }, DEFAULT_TIE_BREAK_KEYS, SEED, 'rr-4-2017');

  it('is 16 hex digits and does not depend on the order of the lists or of object keys', () => {
    expect(base).toMatch(/^[0-9a-f]{16}$/);
    const reordered = applications.map(
      (a) => Object.fromEntries(Object.entries(a).reverse()) as unknown as RankingApplication,
    );
    expect(
      rankingInputHash(
        { applications: reordered.reverse(), units: [...units].reverse() },
        DEFAULT_TIE_BREAK_KEYS,
        SEED,
        'rr-4-2017',
      ),
    ).toBe(base);
  });

  it('changes with any input: a score, the order of choices, the tie-break list, the seed, the version', () => {
    const variants = [
      rankingInputHash(
        { applications: [app('A', { score: 3.01 }), applications[1]!], units },
        DEFAULT_TIE_BREAK_KEYS,
        SEED,
        'rr-4-2017',
      ),
      rankingInputHash(
        { applications: [applications[0]!, app('B', { score: 4, unitIds: ['U1', 'U2'] })], units },
        DEFAULT_TIE_BREAK_KEYS,
        SEED,
        'rr-4-2017',
      ),
      rankingInputHash({ applications, units }, ['earlier_submission', 'lower_isee', 'seeded_draw'], SEED, 'rr-4-2017'),
      rankingInputHash({ applications, units }, DEFAULT_TIE_BREAK_KEYS, SEED + 1, 'rr-4-2017'),
      rankingInputHash({ applications, units }, DEFAULT_TIE_BREAK_KEYS, SEED, 'rr-4-2017b'),
    ];
    expect(new Set([base, ...variants]).size).toBe(6);
  });
});

describe('rankingInputCanonical: the snapshot text built once, and the hash computed from it', () => {
  const applications = [
    app('B', { score: 4, unitIds: ['U2', 'U1'] }),
    app('A', { score: 3 }),
    app('Ç', { iseeCents: null, highestInvalidityPercent: 67 }),
  ];
  const byId = <T extends { id: string }>(list: readonly T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));

  it('the hash is the one of the canonical JSON of every input, pinned so that stored runs still verify', () => {
    const { hash } = rankingInputCanonical({ applications, units }, DEFAULT_TIE_BREAK_KEYS, SEED, 'rr-4-2017');
    const reference = fnv1a64Hex(
      canonicalJson({
        kind: 'abitare.sap.ranking.v1',
        applications: byId(applications),
        units: byId(units),
        tieBreakKeys: DEFAULT_TIE_BREAK_KEYS,
        seed: SEED,
        rulesetVersion: 'rr-4-2017',
      }),
    );
    expect(hash).toBe(reference);
    expect(hash).toBe(rankingInputHash({ applications, units }, DEFAULT_TIE_BREAK_KEYS, SEED, 'rr-4-2017'));
    // Computed by the first implementation (canonical JSON serialised twice): a refactor must not change it.
    expect(hash).toBe('926aea6ecc1f30f9');
  });

  it('the snapshot is the canonical JSON of both lists sorted by id, and re-hashes to the same value', () => {
    const { snapshot, hash } = rankingInputCanonical(
      { applications, units: [...units].reverse() },
      DEFAULT_TIE_BREAK_KEYS,
      SEED,
      'rr-4-2017',
    );
    expect(snapshot).toBe(canonicalJson({ applications: byId(applications), units: byId(units) }));
    const parsed = JSON.parse(snapshot) as { applications: RankingApplication[]; units: RankingUnit[] };
    expect(rankingInputHash(parsed, DEFAULT_TIE_BREAK_KEYS, SEED, 'rr-4-2017')).toBe(hash);
  });

  it('a pair whose units nobody chose has no ranking; pairs are sorted by owner, then Comune', () => {
    const run = buildRankings([app('A', { unitIds: ['U3', 'U1'] })], units, { tieBreakKeys: [], seed: 1 });
    expect(run.rankings.map((r) => `${r.ownerId}|${r.comune}`)).toEqual([
      'ALER Milano|Bresso',
      'Comune di Cinisello Balsamo|Cinisello Balsamo',
    ]);
    const twice = buildRankings([app('A', { unitIds: ['U1', 'U1'] })], units, { tieBreakKeys: [], seed: 1 });
    expect(twice.rankings.map((r) => r.entries.length)).toEqual([1]);
  });
});

// ---- properties (fixed seed) ----

const applicationArb = (id: string) =>
  fc.record({
    id: fc.constant(id),
    score: fc.integer({ min: 0, max: 8 }).map((n) => n / 2),
    indigent: fc.boolean(),
    iseeCents: fc.option(fc.constantFrom(0, 100_000, 300_000), { nil: null }).map((v) => v as Cents | null),
    submittedAt: fc.constantFrom('2026-03-02T09:00:00Z', '2026-03-02T10:00:00+01:00', '2026-03-03T09:00:00Z'),
    membersCount: fc.integer({ min: 1, max: 4 }),
    highestInvalidityPercent: fc.option(fc.constantFrom(66, 100), { nil: null }),
    unitIds: fc.subarray(['U1', 'U2', 'U3'], { minLength: 1, maxLength: 2 }),
  });
const applicationsArb = fc
  .uniqueArray(fc.stringMatching(/^[A-Z]{1,3}-?[0-9]{0,2}$/), { minLength: 1, maxLength: 30 })
  .chain((idList) => fc.tuple(...idList.map(applicationArb)));
const keysArb = fc.subarray([...TIE_BREAK_KEYS]).chain((keys) => fc.shuffledSubarray(keys, { minLength: keys.length }));

describe('rankings are total orders and reproducible (properties, fixed seed)', () => {
  it('the comparison is antisymmetric, transitive and never ties two different applications', () => {
    fc.assert(
      fc.property(applicationsArb, keysArb, fc.integer({ min: 0, max: 0xffffffff }), (applications, keys, seed) => {
        const values = applications.map((a) => keyValuesOf(a, seed));
        for (const a of values) {
          for (const b of values) {
            const ab = compareRanked(a, b, keys).order;
            const ba = compareRanked(b, a, keys).order;
            expect(Math.sign(ab) + Math.sign(ba)).toBe(0);
            expect(ab === 0).toBe(a.applicationId === b.applicationId);
            for (const c of values) {
              if (ab < 0 && compareRanked(b, c, keys).order < 0)
                expect(compareRanked(a, c, keys).order).toBeLessThan(0);
            }
          }
        }
      }),
      { seed: 20261126, numRuns: 60 },
    );
  });

  it('every ranking is strictly ordered by the comparison, and the same inputs in any order give the same rankings', () => {
    fc.assert(
      fc.property(
        applicationsArb,
        keysArb,
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer(),
        (applications, keys, seed, shuffleSeed) => {
          const run = buildRankings(applications, units, { tieBreakKeys: keys, seed });
          for (const ranking of run.rankings) {
            ranking.entries.forEach((entry, i) => {
              expect(entry.position).toBe(i + 1);
              const next = ranking.entries[i + 1];
              if (next) expect(compareRanked(entry.keys, next.keys, keys).order).toBeLessThan(0);
            });
          }
          const shuffled = [...applications]
            .map((a, i) => ({ a, k: drawKey(shuffleSeed >>> 0, String(i)) }))
            .sort((x, y) => x.k - y.k)
            .map((x) => x.a);
          expect(buildRankings(shuffled, [...units].reverse(), { tieBreakKeys: keys, seed })).toEqual(run);
        },
      ),
      { seed: 20261126, numRuns: 200 },
    );
  });
});
