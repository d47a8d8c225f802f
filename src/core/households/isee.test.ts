import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, plainDate } from '../kernel/plain-date.js';
import { checkIseeValidity, iseeLegalValidUntil, isIseeInForce, ISEE_KINDS, type IseeKind } from './isee.js';

const d = plainDate;
/** Kinds that follow the DSU validity (every kind except the ISEE corrente). */
const DSU_KINDS = ISEE_KINDS.filter((k): k is Exclude<IseeKind, 'corrente'> => k !== 'corrente');

describe('iseeLegalValidUntil (rules.md §7.2)', () => {
  describe('DSU submitted from 1/1/2020: valid until 31 December of the same year (DL 34/2019 conv. L. 58/2019; DL 101/2019)', () => {
    it.each(DSU_KINDS)('ISEE %s on a DSU of 2026 ends on 2026-12-31', (kind) => {
      expect(iseeLegalValidUntil(kind, d('2026-03-10'))).toBe('2026-12-31');
    });

    it.each([
      ['2020-01-01', '2020-12-31'],
      ['2026-01-01', '2026-12-31'],
      ['2026-12-31', '2026-12-31'],
      ['2027-07-15', '2027-12-31'],
    ])('a DSU submitted on %s is valid until %s', (submitted, expected) => {
      expect(iseeLegalValidUntil('ordinario', d(submitted))).toBe(expected);
    });
  });

  describe('DSU submitted in 2019: valid until 31 December 2019 (DL 4/2019; DL 101/2019 art. 7; INPS msg. 3418/2019)', () => {
    it.each([
      ['2019-01-02', 'January–August: DL 4/2019'],
      ['2019-08-31', 'January–August: DL 4/2019'],
      ['2019-09-01', 'September–December: DL 101/2019 art. 7'],
      ['2019-12-31', 'September–December: DL 101/2019 art. 7'],
    ])('a DSU submitted on %s ends on 2019-12-31 (%s)', (submitted) => {
      expect(iseeLegalValidUntil('ordinario', d(submitted))).toBe('2019-12-31');
    });
  });

  describe('DSU submitted before 2019: valid until 15 January of the following year (DPCM 159/2013 art. 10 c.1)', () => {
    it.each([
      ['2018-05-10', '2019-01-15'],
      ['2018-12-31', '2019-01-15'],
      ['2016-01-01', '2017-01-15'],
    ])('a DSU submitted on %s is valid until %s', (submitted, expected) => {
      expect(iseeLegalValidUntil('ordinario', d(submitted))).toBe(expected);
    });

    it.each(DSU_KINDS)('the same holds for an ISEE %s', (kind) => {
      expect(iseeLegalValidUntil(kind, d('2018-05-10'))).toBe('2019-01-15');
    });
  });

  describe('ISEE corrente: 6 months from 23/10/2019 (DL 34/2019 art. 28-bis, d.lgs. 147/2017 art. 10 c.5), 2 months before', () => {
    it.each([
      ['2026-03-10', '2026-09-10', '6 months'],
      ['2026-08-31', '2027-02-28', '6 months, clamped to the end of February'],
      ['2019-10-23', '2020-04-23', '6 months from the first day of the new rule'],
      ['2019-10-22', '2019-12-22', '2 months on the last day of the old rule'],
      ['2018-06-30', '2018-08-30', '2 months'],
    ])('a DSU submitted on %s gives %s (%s)', (submitted, expected) => {
      expect(iseeLegalValidUntil('corrente', d(submitted))).toBe(expected);
    });
  });

  it('never ends before the DSU was submitted, for any kind and day (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ISEE_KINDS),
        fc.integer({ min: 0, max: 5_000 }).map((n) => addDays(d('2014-01-01'), n)),
        (kind, submitted) => {
          const until = iseeLegalValidUntil(kind, submitted);
          expect(until >= submitted).toBe(true);
        },
      ),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe('checkIseeValidity: a new ISEE record (rules.md §7.2, "in corso di validità")', () => {
  it('derives validUntil from the law when it is not declared (DL 34/2019: 31 December)', () => {
    expect(checkIseeValidity({ kind: 'ordinario', dsuSubmittedOn: d('2026-02-01'), today: d('2026-05-01') })).toEqual({
      ok: true,
      validUntil: '2026-12-31',
    });
    expect(checkIseeValidity({ kind: 'corrente', dsuSubmittedOn: d('2026-02-01'), today: d('2026-05-01') })).toEqual({
      ok: true,
      validUntil: '2026-08-01',
    });
  });

  it('keeps a declared validUntil that is within the law', () => {
    expect(
      checkIseeValidity({
        kind: 'ordinario',
        dsuSubmittedOn: d('2026-02-01'),
        validUntil: d('2026-10-31'),
        today: d('2026-05-01'),
      }),
    ).toEqual({ ok: true, validUntil: '2026-10-31' });
  });

  it('rejects a DSU submitted after today (dsu_in_future), even by one day', () => {
    expect(checkIseeValidity({ kind: 'ordinario', dsuSubmittedOn: d('2026-05-02'), today: d('2026-05-01') })).toEqual({
      ok: false,
      problem: 'dsu_in_future',
    });
    expect(checkIseeValidity({ kind: 'ordinario', dsuSubmittedOn: d('2026-05-01'), today: d('2026-05-01') })).toEqual({
      ok: true,
      validUntil: '2026-12-31',
    });
  });

  it('rejects a declared validUntil beyond 31 December (beyond_legal_validity, DL 34/2019)', () => {
    expect(
      checkIseeValidity({
        kind: 'ordinario',
        dsuSubmittedOn: d('2026-02-01'),
        validUntil: d('2027-01-01'),
        today: d('2026-05-01'),
      }),
    ).toEqual({ ok: false, problem: 'beyond_legal_validity' });
  });

  it('rejects an ISEE corrente declared for more than 6 months (beyond_legal_validity, d.lgs. 147/2017 art. 10 c.5)', () => {
    const input = { kind: 'corrente' as const, dsuSubmittedOn: d('2026-02-01'), today: d('2026-05-01') };
    expect(checkIseeValidity({ ...input, validUntil: d('2026-08-02') })).toEqual({
      ok: false,
      problem: 'beyond_legal_validity',
    });
    expect(checkIseeValidity({ ...input, validUntil: d('2026-08-01') })).toEqual({
      ok: true,
      validUntil: '2026-08-01',
    });
  });

  it('rejects a validUntil before the DSU submission (before_submission), ahead of "expired"', () => {
    expect(
      checkIseeValidity({
        kind: 'ordinario',
        dsuSubmittedOn: d('2026-02-01'),
        validUntil: d('2026-01-31'),
        today: d('2026-05-01'),
      }),
    ).toEqual({ ok: false, problem: 'before_submission' });
  });

  it('accepts validUntil equal to the submission day when that day is today', () => {
    expect(
      checkIseeValidity({
        kind: 'ordinario',
        dsuSubmittedOn: d('2026-02-01'),
        validUntil: d('2026-02-01'),
        today: d('2026-02-01'),
      }),
    ).toEqual({ ok: true, validUntil: '2026-02-01' });
  });

  it('rejects an attestation that is no longer in force (expired): last valid day accepted, the day after rejected', () => {
    const input = { kind: 'ordinario' as const, dsuSubmittedOn: d('2025-03-01') };
    expect(checkIseeValidity({ ...input, today: d('2025-12-31') })).toEqual({ ok: true, validUntil: '2025-12-31' });
    expect(checkIseeValidity({ ...input, today: d('2026-01-01') })).toEqual({ ok: false, problem: 'expired' });
    expect(checkIseeValidity({ ...input, validUntil: d('2025-06-30'), today: d('2025-07-01') })).toEqual({
      ok: false,
      problem: 'expired',
    });
  });

  it('an ISEE corrente expires after its 6 months (DL 34/2019 art. 28-bis)', () => {
    const input = { kind: 'corrente' as const, dsuSubmittedOn: d('2026-01-10') };
    expect(checkIseeValidity({ ...input, today: d('2026-07-10') })).toEqual({ ok: true, validUntil: '2026-07-10' });
    expect(checkIseeValidity({ ...input, today: d('2026-07-11') })).toEqual({ ok: false, problem: 'expired' });
  });

  it('a 2019 DSU is no longer in force in January 2020 (DL 101/2019 art. 7)', () => {
    expect(checkIseeValidity({ kind: 'ordinario', dsuSubmittedOn: d('2019-10-01'), today: d('2020-01-10') })).toEqual({
      ok: false,
      problem: 'expired',
    });
  });

  it('accepts exactly the records in force today with a validUntil within the law (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ISEE_KINDS),
        fc.integer({ min: 0, max: 3_000 }).map((n) => addDays(d('2020-01-01'), n)),
        fc.integer({ min: -30, max: 400 }),
        fc.option(fc.integer({ min: -30, max: 400 }), { nil: undefined }),
        (kind, dsuSubmittedOn, todayOffset, untilOffset) => {
          const today = addDays(dsuSubmittedOn, todayOffset);
          const validUntil = untilOffset === undefined ? undefined : addDays(dsuSubmittedOn, untilOffset);
          const result = checkIseeValidity({ kind, dsuSubmittedOn, validUntil, today });
          const effective = validUntil ?? iseeLegalValidUntil(kind, dsuSubmittedOn);
          const acceptable =
            dsuSubmittedOn <= today && effective <= iseeLegalValidUntil(kind, dsuSubmittedOn) && today <= effective;
          expect(result.ok).toBe(acceptable);
          if (result.ok) expect(isIseeInForce({ dsuSubmittedOn, validUntil: result.validUntil }, today)).toBe(true);
        },
      ),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe('isIseeInForce: "in corso di validità" (rules.md §7.2), first and last day included', () => {
  const record = { dsuSubmittedOn: d('2026-02-01'), validUntil: d('2026-12-31') };

  it.each([
    ['2026-01-31', false, 'the day before submission'],
    ['2026-02-01', true, 'the submission day'],
    ['2026-07-15', true, 'a day in between'],
    ['2026-12-31', true, 'the last valid day'],
    ['2027-01-01', false, 'the day after'],
  ])('on %s: %s (%s)', (on, expected) => {
    expect(isIseeInForce(record, d(on))).toBe(expected);
  });

  it('a one-day record is in force on that day only', () => {
    const oneDay = { dsuSubmittedOn: d('2026-02-01'), validUntil: d('2026-02-01') };
    expect(isIseeInForce(oneDay, d('2026-02-01'))).toBe(true);
    expect(isIseeInForce(oneDay, d('2026-02-02'))).toBe(false);
  });
});
