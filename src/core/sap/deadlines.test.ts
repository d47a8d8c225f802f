import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, plainDate } from '../kernel/plain-date.js';
import {
  callDeadlines,
  checkCallWindow,
  correctionRequestOutcome,
  correctionWindow,
  finalRankingOn,
  provisionalRankingDueBy,
  validateCorrectionRequest,
} from './deadlines.js';

const d = plainDate;

describe('RR 4/2017 art. 8 c.2: the application window lasts at least 30 days (calendar days, both ends included)', () => {
  it('RR 4/2017 art. 8 c.2: 1–30 March (30 days) is accepted, 1–29 March (29 days) is not', () => {
    expect(checkCallWindow(d('2026-03-01'), d('2026-03-30'))).toEqual({ ok: true, days: 30 });
    const short = checkCallWindow(d('2026-03-01'), d('2026-03-29'));
    expect(short).toMatchObject({
      ok: false,
      error: { code: 'CALL_WINDOW_TOO_SHORT', source: 'R.R. 4/2017 art. 8 c.2' },
    });
    if (!short.ok) expect(short.error.text).toContain('29 giorni (dal 01/03/2026 al 29/03/2026');
  });

  it('RR 4/2017 art. 8 c.2: counts across February and leap years in calendar days', () => {
    expect(checkCallWindow(d('2028-02-01'), d('2028-03-01'))).toEqual({ ok: true, days: 30 });
    expect(checkCallWindow(d('2027-02-01'), d('2027-03-02'))).toEqual({ ok: true, days: 30 });
    expect(checkCallWindow(d('2027-02-01'), d('2027-03-01')).ok).toBe(false);
  });

  it('refuses a call that closes before it opens', () => {
    expect(checkCallWindow(d('2026-03-10'), d('2026-03-09'))).toMatchObject({
      ok: false,
      error: { code: 'CALL_CLOSES_BEFORE_OPENING' },
    });
  });
});

describe('RR 4/2017 art. 12: ranking timeline (rules.md §2.5)', () => {
  it('RR 4/2017 art. 12 c.1: provisional rankings are due 5 days after the closing date', () => {
    expect(provisionalRankingDueBy(d('2026-03-30'))).toBe('2026-04-04');
    expect(provisionalRankingDueBy(d('2026-12-29'))).toBe('2027-01-03');
  });

  it('RR 4/2017 art. 12: corrections may be filed from publication to 15 days after it', () => {
    expect(correctionWindow(d('2026-04-03'))).toEqual({ from: '2026-04-03', until: '2026-04-18' });
  });

  it('RR 4/2017 art. 12: without requests the ranking becomes final 15 days after publication, published within 5 more', () => {
    const deadlines = callDeadlines({ closesOn: d('2026-03-30'), provisionalPublishedOn: d('2026-04-03') });
    expect(deadlines.map((x) => [x.code, x.on])).toEqual([
      ['provisional_ranking_due', '2026-04-04'],
      ['correction_window_closes', '2026-04-18'],
      ['final_without_requests', '2026-04-18'],
      ['final_publication_due', '2026-04-23'],
    ]);
    expect(deadlines[0]?.text).toBe('Graduatorie provvisorie entro il 04/04/2026 (5 giorni dalla chiusura).');
  });

  it('RR 4/2017 art. 12: with requests, final when the last one is settled (decision or silence on day 15)', () => {
    const published = d('2026-04-03');
    // filed on the last day of the window: silence forms on 2026-05-03
    expect(finalRankingOn(published, [{ filedOn: d('2026-04-18') }])).toBe('2026-05-03');
    // decided early: final no earlier than the window's end
    expect(finalRankingOn(published, [{ filedOn: d('2026-04-04'), decidedOn: d('2026-04-06') }])).toBe('2026-04-18');
    // a late decision does not postpone the final ranking: silence formed on day 15
    expect(finalRankingOn(published, [{ filedOn: d('2026-04-10'), decidedOn: d('2026-05-20') }])).toBe('2026-04-25');
    const deadlines = callDeadlines({
      closesOn: d('2026-03-30'),
      provisionalPublishedOn: published,
      correctionRequests: [{ filedOn: d('2026-04-18') }],
    });
    expect(deadlines.map((x) => [x.code, x.on]).slice(2)).toEqual([
      ['final_ranking', '2026-05-03'],
      ['final_publication_due', '2026-05-08'],
    ]);
  });

  it('before publication only the provisional deadline is known', () => {
    expect(callDeadlines({ closesOn: d('2026-03-30') }).map((x) => x.code)).toEqual(['provisional_ranking_due']);
  });
});

describe('RR 4/2017 art. 12: correction requests, decided within 15 days, silence = granted', () => {
  const filedOn = d('2026-04-10');

  it('RR 4/2017 art. 12: pending up to and including the 15th day', () => {
    expect(correctionRequestOutcome({ filedOn, today: d('2026-04-25') })).toMatchObject({
      code: 'pending',
      decisionDueBy: '2026-04-25',
      effectiveOn: null,
    });
  });

  it('RR 4/2017 art. 12: granted by silence from the 16th day without a decision', () => {
    const outcome = correctionRequestOutcome({ filedOn, today: d('2026-04-26') });
    expect(outcome).toMatchObject({ code: 'granted_by_silence', effectiveOn: '2026-04-25' });
    expect(outcome.text).toBe(
      'Istanza presentata il 10/04/2026, accolta per silenzio: nessuna decisione entro il 25/04/2026 (15 giorni).',
    );
  });

  it('RR 4/2017 art. 12: a decision on the 15th day stands, granted or rejected', () => {
    expect(
      correctionRequestOutcome({ filedOn, decidedOn: d('2026-04-25'), decision: 'rejected', today: d('2026-05-30') }),
    ).toMatchObject({ code: 'rejected', effectiveOn: '2026-04-25' });
    expect(
      correctionRequestOutcome({ filedOn, decidedOn: d('2026-04-11'), decision: 'granted', today: d('2026-04-11') }),
    ).toMatchObject({ code: 'granted' });
  });

  it('RR 4/2017 art. 12: a rejection after the 15th day does not undo the grant by silence', () => {
    const outcome = correctionRequestOutcome({
      filedOn,
      decidedOn: d('2026-04-26'),
      decision: 'rejected',
      today: d('2026-04-30'),
    });
    expect(outcome.code).toBe('granted_by_silence');
    expect(outcome.text).toContain('oltre il termine');
  });

  it('a decision dated after today is not known yet', () => {
    expect(
      correctionRequestOutcome({ filedOn, decidedOn: d('2026-04-20'), decision: 'granted', today: d('2026-04-15') })
        .code,
    ).toBe('pending');
  });

  it('refuses inconsistent data as a broken invariant', () => {
    expect(() =>
      correctionRequestOutcome({ filedOn, decidedOn: d('2026-04-09'), decision: 'granted', today: filedOn }),
    ).toThrow();
    expect(() => correctionRequestOutcome({ filedOn, decidedOn: d('2026-04-11'), today: filedOn })).toThrow();
  });

  it('RR 4/2017 art. 12: the outcome is settled exactly when the 15 days have passed (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.option(fc.integer({ min: 0, max: 60 })),
        (todayOffset, decidedOffset) => {
          const decidedOn = decidedOffset === null ? null : addDays(filedOn, decidedOffset);
          const outcome = correctionRequestOutcome({
            filedOn,
            decidedOn,
            decision: decidedOn === null ? null : 'rejected',
            today: addDays(filedOn, todayOffset),
          });
          const decidedInTime = decidedOffset !== null && decidedOffset <= 15 && decidedOffset <= todayOffset;
          const expected = decidedInTime ? 'rejected' : todayOffset > 15 ? 'granted_by_silence' : 'pending';
          expect(outcome.code).toBe(expected);
        },
      ),
      { seed: 20261126, numRuns: 500 },
    );
  });
});

describe('RR 4/2017 art. 12: a correction may only concern a civil-invalidity percentage from a procedure started before closing', () => {
  const base = {
    subject: 'civil_invalidity_percentage' as const,
    invalidityProcedureStartedOn: d('2026-03-30'),
    callClosesOn: d('2026-03-30'),
    provisionalPublishedOn: d('2026-04-03'),
    filedOn: d('2026-04-18'),
  };

  it('RR 4/2017 art. 12: accepts a procedure started on the closing day, filed on the last day of the window', () => {
    expect(validateCorrectionRequest(base)).toEqual({ ok: true });
  });

  it('RR 4/2017 art. 12: refuses any other subject with its reason', () => {
    const result = validateCorrectionRequest({ ...base, subject: 'other' });
    expect(result).toMatchObject({ ok: false, errors: [{ code: 'SUBJECT_NOT_ALLOWED' }] });
    if (!result.ok)
      expect(result.errors[0]?.text).toContain('solo per il riconoscimento di una percentuale di invalidità');
  });

  it('RR 4/2017 art. 12: refuses a procedure started after the closing date, or without its start date', () => {
    expect(validateCorrectionRequest({ ...base, invalidityProcedureStartedOn: d('2026-03-31') })).toMatchObject({
      ok: false,
      errors: [{ code: 'PROCEDURE_STARTED_AFTER_CLOSING' }],
    });
    expect(validateCorrectionRequest({ ...base, invalidityProcedureStartedOn: null })).toMatchObject({
      ok: false,
      errors: [{ code: 'PROCEDURE_START_MISSING' }],
    });
  });

  it('RR 4/2017 art. 12: refuses a request filed after the 15 days, or before publication', () => {
    expect(validateCorrectionRequest({ ...base, filedOn: d('2026-04-19') })).toMatchObject({
      ok: false,
      errors: [{ code: 'FILED_AFTER_WINDOW' }],
    });
    expect(validateCorrectionRequest({ ...base, filedOn: d('2026-04-02'), subject: 'other' })).toMatchObject({
      ok: false,
      errors: [{ code: 'FILED_BEFORE_PUBLICATION' }, { code: 'SUBJECT_NOT_ALLOWED' }],
    });
  });
});
