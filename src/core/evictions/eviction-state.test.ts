import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlainDate } from '../kernel/plain-date.js';
import {
  allowedEventKinds,
  deriveEviction,
  EVICTION_MOVES,
  EVICTION_STATUSES,
  EVICTION_TRANSITIONS,
  nextEvictionStatus,
  type EvictionEvent,
  type EvictionMove,
  type EvictionStatus,
} from './eviction-state.js';

const d = (s: string) => s as PlainDate;

// The expected table, written out independently of the implementation: "from move → to".
const EXPECTED = `
reported notice_served notice_served
reported closed closed
notice_served hearing hearing_held
notice_served validated validated
notice_served closed closed
hearing_held hearing hearing_held
hearing_held validated validated
hearing_held closed closed
validated release_date_set release_date_set
validated precetto precetto_served
validated voluntary_release released_voluntarily
validated closed closed
release_date_set release_date_set release_date_set
release_date_set precetto precetto_served
release_date_set voluntary_release released_voluntarily
release_date_set closed closed
precetto_served release_date_set precetto_served
precetto_served bailiff_notice bailiff_notified
precetto_served voluntary_release released_voluntarily
precetto_served closed closed
bailiff_notified release_date_set bailiff_notified
bailiff_notified bailiff_visit_postponed access_postponed
bailiff_notified bailiff_visit_executed executed
bailiff_notified voluntary_release released_voluntarily
bailiff_notified closed closed
access_postponed release_date_set access_postponed
access_postponed bailiff_notice bailiff_notified
access_postponed bailiff_visit_postponed access_postponed
access_postponed bailiff_visit_executed executed
access_postponed voluntary_release released_voluntarily
access_postponed closed closed
`
  .trim()
  .split('\n')
  .map((l) => l.trim().split(' ') as [EvictionStatus, EvictionMove, EvictionStatus]);

const allowed = new Map(EXPECTED.map(([from, move, to]) => [`${from}:${move}`, to]));

describe('eviction state machine (rules.md §6.2; c.p.c. artt. 657–665, 480, 608)', () => {
  it('has a row for every status', () => {
    expect(Object.keys(EVICTION_TRANSITIONS).sort()).toEqual([...EVICTION_STATUSES].sort());
  });

  describe.each(EVICTION_STATUSES.flatMap((s) => EVICTION_MOVES.map((m) => [s, m] as const)))(
    '%s + %s',
    (from, move) => {
      const expected = allowed.get(`${from}:${move}`);
      if (expected) {
        it(`is allowed and leads to ${expected}`, () => {
          expect(nextEvictionStatus(from, move)).toEqual({ ok: true, status: expected });
        });
      } else {
        it('is refused with a clear message and the status unchanged', () => {
          const r = nextEvictionStatus(from, move);
          expect(r.ok).toBe(false);
          expect(r.status).toBe(from);
          if (!r.ok) {
            expect(r.code).toBe('TRANSITION_NOT_ALLOWED');
            expect(r.message).toMatch(/^Non si può registrare .+: la procedura è nello stato «.+» e .+\.$/);
          }
        });
      }
    },
  );

  it('an execution before a validation is refused, naming the missing stage (c.p.c. art. 608)', () => {
    const r = deriveEviction([
      { kind: 'notice_served', occurredOn: d('2026-01-10') },
      { kind: 'bailiff_visit', occurredOn: d('2026-02-10'), visitOutcome: 'executed', policePresent: true },
    ]);
    expect(r).toMatchObject({ ok: false, code: 'TRANSITION_NOT_ALLOWED', at: 1 });
    if (!r.ok) expect(r.message).toContain('convalida');
  });

  it('derives the whole path to the execution with the dates of each stage', () => {
    const events: EvictionEvent[] = [
      { kind: 'notice_served', occurredOn: d('2026-01-10') },
      { kind: 'hearing', occurredOn: d('2026-02-05') },
      { kind: 'validated', occurredOn: d('2026-03-01') },
      { kind: 'release_date_set', occurredOn: d('2026-03-01'), plannedOn: d('2026-06-01') },
      { kind: 'precetto', occurredOn: d('2026-04-01') },
      { kind: 'bailiff_notice', occurredOn: d('2026-05-10'), plannedOn: d('2026-06-01') },
      {
        kind: 'bailiff_visit',
        occurredOn: d('2026-06-01'),
        visitOutcome: 'postponed',
        policePresent: false,
        plannedOn: d('2026-07-15'),
      },
      { kind: 'bailiff_visit', occurredOn: d('2026-07-15'), visitOutcome: 'executed', policePresent: true },
    ];
    expect(deriveEviction(events)).toEqual({
      ok: true,
      status: 'executed',
      noticeServedOn: '2026-01-10',
      validatedOn: '2026-03-01',
      plannedReleaseOn: '2026-07-15',
      executionRequestedOn: '2026-05-10',
      executedOn: '2026-07-15',
      releasedOn: '2026-07-15',
      closedOn: null,
      visits: 2,
      visitsWithPolice: 1,
    });
  });

  it('refuses an event dated before the previous one', () => {
    const r = deriveEviction([
      { kind: 'notice_served', occurredOn: d('2026-03-10') },
      { kind: 'validated', occurredOn: d('2026-03-01') },
    ]);
    expect(r).toMatchObject({ ok: false, code: 'DATE_OUT_OF_ORDER', at: 1 });
  });

  it('refuses a release date set before the act that sets it, and a release date without the day', () => {
    const base: EvictionEvent[] = [
      { kind: 'notice_served', occurredOn: d('2026-01-10') },
      { kind: 'validated', occurredOn: d('2026-02-10') },
    ];
    expect(
      deriveEviction([...base, { kind: 'release_date_set', occurredOn: d('2026-02-10'), plannedOn: d('2026-02-01') }]),
    ).toMatchObject({
      ok: false,
      code: 'DATE_OUT_OF_ORDER',
    });
    expect(deriveEviction([...base, { kind: 'release_date_set', occurredOn: d('2026-02-10') }])).toMatchObject({
      ok: false,
      code: 'PLANNED_DATE_MISSING',
    });
  });

  it('nothing follows an executed, released or closed procedure', () => {
    for (const s of ['executed', 'released_voluntarily', 'closed'] as const) {
      expect(allowedEventKinds(s)).toEqual([]);
      const r = nextEvictionStatus(s, 'closed');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain('la procedura è conclusa');
    }
  });

  it('offers a bailiff visit as one kind of event once the bailiff has given notice', () => {
    expect(allowedEventKinds('bailiff_notified')).toEqual([
      'release_date_set',
      'bailiff_visit',
      'voluntary_release',
      'closed',
    ]);
  });

  it('property: a derivation agrees with stepping through the table, and stops at the first refusal', () => {
    const kinds = [
      'notice_served',
      'hearing',
      'validated',
      'release_date_set',
      'precetto',
      'bailiff_notice',
      'bailiff_visit',
      'voluntary_release',
      'closed',
    ] as const;
    fc.assert(
      fc.property(
        fc.array(fc.record({ kind: fc.constantFrom(...kinds), executed: fc.boolean() }), { maxLength: 12 }),
        (raw) => {
          const events: EvictionEvent[] = raw.map((e, i) => ({
            kind: e.kind,
            occurredOn: d(`2026-01-${String(i + 1).padStart(2, '0')}`),
            plannedOn: d('2026-12-31'),
            visitOutcome: e.executed ? 'executed' : 'postponed',
          }));
          const r = deriveEviction(events);
          let status: EvictionStatus = 'reported';
          for (const [i, e] of events.entries()) {
            const move: EvictionMove =
              e.kind === 'bailiff_visit'
                ? e.visitOutcome === 'executed'
                  ? 'bailiff_visit_executed'
                  : 'bailiff_visit_postponed'
                : e.kind;
            const to = allowed.get(`${status}:${move}`);
            if (!to) {
              expect(r).toMatchObject({ ok: false, at: i });
              return;
            }
            status = to;
          }
          expect(r).toMatchObject({ ok: true, status });
        },
      ),
      { seed: 20261126, numRuns: 300 },
    );
  });
});
