import { describe, expect, it } from 'vitest';
import type { PlainDate } from '../kernel/plain-date.js';
import { formatDateLong, formatDateWithWeekday, formatEuroLetter } from './format.js';
import { renderMessage, TEMPLATE_CODES, type TemplateCode, type TemplateParams } from './templates.js';

const d = (s: string) => s as PlainDate;
const ctx = { recipientName: 'Mario Rossi', comuneName: 'Cinisello Balsamo', office: 'sportello Agenzia per la Casa' };

const EXAMPLES: Record<TemplateCode, TemplateParams> = {
  ranking_provisional_published: {
    template: 'ranking_provisional_published',
    callName: 'Avviso SAP 2026/1',
    applicationProtocol: 'D-000123',
    publishedOn: d('2026-03-02'),
    correctionUntil: d('2026-03-17'),
    positions: [{ ranking: 'ALER Milano – Cinisello Balsamo', position: 12, total: 140 }],
  },
  application_admitted: {
    template: 'application_admitted',
    callName: 'Avviso SAP 2026/1',
    applicationProtocol: 'D-000123',
    decidedOn: d('2026-02-20'),
    reason: 'requisiti verificati.',
  },
  application_excluded: {
    template: 'application_excluded',
    callName: 'Avviso SAP 2026/1',
    applicationProtocol: 'D-000124',
    decidedOn: d('2026-02-20'),
    reasons: ['ISEE superiore alla soglia di € 16.000,00', 'residenza in Lombardia inferiore a 5 anni'],
  },
  documents_requested: {
    template: 'documents_requested',
    documents: ['attestazione ISEE in corso di validità', 'contratto di locazione'],
    purpose: 'la domanda di contributo',
    dueOn: d('2026-12-10'),
  },
  unit_offered: {
    template: 'unit_offered',
    unitCode: 'CIN-0042',
    address: 'Via Libertà 10',
    comuneName: 'Cinisello Balsamo',
    rooms: 3,
    floorAreaM2: 68,
    monthlyRentCents: 123_450,
    answerBy: d('2026-12-01'),
  },
  grant_decision: {
    template: 'grant_decision',
    measureName: 'Morosità incolpevole',
    granted: true,
    amountCents: 1_200_000,
    reason: 'requisiti del D.M. 30/3/2016 art. 3 soddisfatti.',
    decidedOn: d('2026-11-01'),
  },
  stay_ending: {
    template: 'stay_ending',
    accommodation: 'l’alloggio temporaneo di Via Gorki 3',
    endsOn: d('2027-01-31'),
    contact: 'l’assistente sociale di riferimento',
  },
  appointment_reminder: {
    template: 'appointment_reminder',
    on: d('2026-11-26'),
    time: '09:30',
    place: 'lo sportello di Piazza Confalonieri 5',
    purpose: 'la consegna dei documenti',
  },
  correction_window_closing: {
    template: 'correction_window_closing',
    callName: 'Avviso SAP 2026/1',
    applicationProtocol: 'D-000123',
    correctionUntil: d('2026-03-17'),
  },
  isee_expiring: { template: 'isee_expiring', validUntil: d('2026-12-31'), iseeProtocol: 'INPS-ISEE-2026-1' },
};

const UNIT_OFFERED = EXAMPLES.unit_offered as Extract<TemplateParams, { template: 'unit_offered' }>;
const GRANT = EXAMPLES.grant_decision as Extract<TemplateParams, { template: 'grant_decision' }>;

describe('Italian formats', () => {
  it('writes dates in words, with the ordinal for the first of the month', () => {
    expect(formatDateLong('2026-11-26')).toBe('26 novembre 2026');
    expect(formatDateLong('2026-03-01')).toBe('1° marzo 2026');
    expect(formatDateWithWeekday('2026-11-26')).toBe('giovedì 26 novembre 2026');
  });
  it('writes euro amounts with the sign first and thousands always grouped', () => {
    expect(formatEuroLetter(123_450)).toBe('€ 1.234,50');
    expect(formatEuroLetter(5)).toBe('€ 0,05');
    expect(formatEuroLetter(123_456_789)).toBe('€ 1.234.567,89');
    expect(formatEuroLetter(-1000)).toBe('-€ 10,00');
  });
});

describe('templates', () => {
  it.each(TEMPLATE_CODES)('%s renders within the App IO limits, greeting and closing included', (code) => {
    const m = renderMessage(EXAMPLES[code], ctx);
    expect(m.template).toBe(code);
    expect(m.subject.length).toBeGreaterThanOrEqual(10);
    expect(m.subject.length).toBeLessThanOrEqual(120);
    expect(m.markdown.length).toBeGreaterThanOrEqual(80);
    expect(m.markdown.length).toBeLessThanOrEqual(10_000);
    expect(m.text.startsWith('Gentile Mario Rossi,')).toBe(true);
    expect(m.text).toContain('Comune di Cinisello Balsamo');
    expect(m.text).not.toMatch(/undefined|NaN|\d{4}-\d\d-\d\d/);
  });

  it('writes the dates of each template in Italian words', () => {
    expect(renderMessage(EXAMPLES.ranking_provisional_published, ctx).text).toContain(
      'il 2 marzo 2026 è stata pubblicata',
    );
    expect(renderMessage(EXAMPLES.ranking_provisional_published, ctx).text).toContain('entro il 17 marzo 2026');
    expect(renderMessage(EXAMPLES.ranking_provisional_published, ctx).items).toEqual([
      'ALER Milano – Cinisello Balsamo: posizione 12 su 140',
    ]);
    expect(renderMessage(EXAMPLES.documents_requested, ctx).text).toContain('entro il 10 dicembre 2026');
    expect(renderMessage(EXAMPLES.appointment_reminder, ctx).text).toContain('giovedì 26 novembre 2026 alle ore 09:30');
    expect(renderMessage(EXAMPLES.isee_expiring, ctx).subject).toBe(
      'La sua attestazione ISEE scade il 31 dicembre 2026',
    );
    expect(renderMessage(EXAMPLES.stay_ending, ctx).text).toContain('termina il 31 gennaio 2027');
    expect(renderMessage(EXAMPLES.correction_window_closing, ctx).source).toBe('R.R. Lombardia 4/2017 art. 12');
  });

  it('writes euro amounts the Italian way', () => {
    expect(renderMessage(EXAMPLES.unit_offered, ctx).text).toContain('canone mensile stimato è di € 1.234,50');
    expect(renderMessage(EXAMPLES.grant_decision, ctx).text).toContain('contributo di € 12.000,00');
    expect(renderMessage({ ...UNIT_OFFERED, monthlyRentCents: null }, ctx).text).toContain('sarà calcolato alla firma');
  });

  it('lists every reason of an exclusion (L. 241/1990 art. 3: decisions state their reasons)', () => {
    const m = renderMessage(EXAMPLES.application_excluded, ctx);
    expect(m.items).toHaveLength(2);
    expect(m.markdown).toContain('- ISEE superiore alla soglia di € 16.000,00');
    expect(m.subject).toBe('Domanda esclusa – Avviso SAP 2026/1');
  });

  it('says when a grant is refused, with the reason', () => {
    const m = renderMessage({ ...GRANT, granted: false, reason: 'ISEE oltre la soglia.' }, ctx);
    expect(m.subject).toBe('Contributo non concesso – Morosità incolpevole');
    expect(m.text).toContain('Motivazione: ISEE oltre la soglia.');
  });

  it('is pure: the same parameters give the same text', () => {
    expect(renderMessage(EXAMPLES.unit_offered, ctx)).toEqual(renderMessage(EXAMPLES.unit_offered, ctx));
  });
});
