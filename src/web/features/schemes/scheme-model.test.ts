import { describe, expect, it } from 'vitest';
import { describeCondition, lineAndColumn, readJson, schemePath, suggestNextVersion } from './scheme-model.js';

describe('describeCondition', () => {
  it('uses the Italian label of the fact and the symbol of the operator', () => {
    expect(describeCondition({ fact: 'minors_count', op: '>=', value: 1 })).toBe('numero di minori ≥ 1');
    expect(describeCondition({ fact: 'members_count', op: '!=', value: 2 })).toBe('numero di componenti ≠ 2');
  });

  it('formats booleans, money in cents, percentages and lists', () => {
    expect(describeCondition({ fact: 'homeless', op: '=', value: true })).toBe('senza dimora = sì');
    expect(describeCondition({ fact: 'isee_cents', op: '<=', value: 1_600_000 }).replace(/\s/g, ' ')).toBe(
      'ISEE ≤ 16.000,00 €',
    );
    expect(describeCondition({ fact: 'highest_invalidity_percent', op: '>', value: 66 })).toBe(
      'invalidità civile più alta nel nucleo > 66%',
    );
    expect(describeCondition({ fact: 'applicant_sex', op: 'in', value: ['F'] })).toBe(
      'sesso del richiedente è uno tra: F',
    );
  });

  it('describes groups, nesting them in parentheses', () => {
    expect(
      describeCondition({
        all: [
          { fact: 'applicant_sex', op: '=', value: 'F' },
          {
            any: [{ fact: 'minors_count', op: '>=', value: 1 }, { not: { fact: 'no_income', op: '=', value: false } }],
          },
        ],
      }),
    ).toBe(
      'tutte le condizioni: sesso del richiedente = F; (almeno una: numero di minori ≥ 1; (non: nucleo senza reddito = no))',
    );
    expect(describeCondition({ all: [{ fact: 'homeless', op: '=', value: true }] })).toBe('senza dimora = sì');
  });

  it('shows an unknown fact by its name', () => {
    expect(describeCondition({ fact: 'minori', op: '>=', value: 1 })).toBe('minori (dato sconosciuto) ≥ 1');
  });
});

describe('suggestNextVersion', () => {
  it.each([
    ['2026.1', '2026.2'],
    ['3', '4'],
    ['v1-9', 'v1-10'],
    ['beta', 'beta.2'],
  ])('after %s suggests %s', (version, next) => {
    expect(suggestNextVersion(version)).toBe(next);
  });
});

describe('schemePath', () => {
  it('writes indexes in brackets, as the rules do', () => {
    expect(schemePath(['criteria', 1, 'condition', 'all', 0])).toBe('criteria[1].condition.all[0]');
    expect(schemePath('criteria.1.points')).toBe('criteria[1].points');
    expect(schemePath('criteria[1].condition')).toBe('criteria[1].condition');
    expect(schemePath([])).toBe('');
  });
});

describe('readJson', () => {
  it('reads valid JSON', () => {
    expect(readJson('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('says where a syntax error is, in Italian', () => {
    const text = '{\n  "a": 1,\n  "b": 2\n  "c": 3\n}';
    const result = readJson(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^Il testo non è un JSON valido: errore di sintassi alla riga 4/);
  });

  it('refuses an empty text', () => {
    expect(readJson('  ').ok).toBe(false);
  });

  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
