// Points schemes from the browser (issue 3 item 9): an administrator writes one in the JSON editor,
// meets the errors of the rules at their paths, saves and reads it; a social worker scores a
// household with it, criterion by criterion. axe-core on every page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { syntheticFiscalCode } from '../builders.js';
import { e2eBaseUrl, expectAccessible, launchBrowser } from './browser.js';
import { fillAddress, fillMember, focusedId, login, logout } from './helpers.js';

const base = e2eBaseUrl();

const DAY = 86_400_000;
const romeDay = (ms: number) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Rome',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(ms));
const VALID_FROM = romeDay(Date.now() - 30 * DAY);

/** A small scheme: one requirement, two criteria (the second needs an ISEE the household lacks). */
function scheme(sexFact: string) {
  return {
    id: 'prova-e2e',
    version: '2026.1',
    name: 'Ospitalità temporanea di prova (e2e)',
    validFrom: VALID_FROM,
    validTo: null,
    eligibility: [
      {
        code: 'residenza',
        label: 'Residenza in un Comune dell’Ambito',
        condition: { fact: 'resides_in_ambito', op: '=', value: true },
        source: 'Scelta del Comune, delibera di prova',
      },
    ],
    criteria: [
      {
        code: 'minori',
        label: 'Figli minori nel nucleo',
        condition: { fact: 'minors_count', op: '>=', value: 1 },
        points: 3,
        source: 'Scelta del Comune, delibera di prova',
        basis: 'municipal_choice',
      },
      {
        code: 'isee-donna',
        label: 'Donna con ISEE basso',
        condition: {
          all: [
            { fact: 'isee_cents', op: '<=', value: 1_600_000 },
            { fact: sexFact, op: 'in', value: ['F'] },
          ],
        },
        points: 4,
        source: 'R.R. 4/2017 (riferimento di prova)',
        basis: 'law',
      },
    ],
    tieBreakKeys: ['lower_isee', 'seeded_draw'],
  };
}
const BAD = JSON.stringify(scheme('sesso'), null, 2);
const GOOD = JSON.stringify(scheme('applicant_sex'), null, 2);
const EDITOR = '#scheme-json';

describe.skipIf(base === null)('points schemes in the browser', () => {
  const baseUrl = base ?? '';
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
    page = await context.newPage();
  });

  it('lets an administrator write a scheme, fix the errors at their paths, save it and read it', async () => {
    await login(page, baseUrl, 'admin');
    await page.goto(`${baseUrl}/erp`);
    await page.click('[data-testid=erp-links] >> text=Schemi di punteggio');
    await page.waitForSelector('[data-testid=schemes-empty]');
    await expectAccessible(page, 'schemes list, empty');

    await page.click('[data-testid=new-scheme]');
    await page.waitForSelector('[data-testid=scheme-editor-page]');
    expect(await page.inputValue(EDITOR)).toContain('"criteria"');
    await expect
      .poll(() => page.textContent('[data-testid=scheme-help-facts]'), { timeout: 15_000 })
      .toContain('numero di minori');
    await expect
      .poll(() => page.textContent('[data-testid=scheme-help-operators]'), { timeout: 15_000 })
      .toContain('in');
    await expectAccessible(page, 'scheme editor');

    // A syntax error: said in Italian with its line, before anything is sent.
    await page.fill(EDITOR, '{\n  "id": "prova-e2e",\n  "version": "1"\n  "name": "x"\n}');
    await page.click('[data-testid=scheme-save]');
    expect(await focusedId(page)).toBe('scheme-summary');
    await expect
      .poll(() => page.textContent('#scheme-summary'), { timeout: 15_000 })
      .toMatch(/non è un JSON valido.*riga 4/);

    // A shape error of the contract, found in the browser, at its path.
    await page.fill(EDITOR, GOOD.replace('"points": 3', '"points": -3'));
    await page.click('[data-testid=scheme-save]');
    await expect
      .poll(() => page.textContent('#scheme-summary'))
      .toContain('criteria[0].points: I punti non possono essere negativi.');

    // An unknown fact: the server's rules refuse it, at its path, and the text stays as typed.
    await page.fill(EDITOR, BAD);
    await page.click('[data-testid=scheme-save]');
    await expect
      .poll(() => page.textContent('#scheme-summary'))
      .toContain('criteria[1].condition.all[1]: Dato sconosciuto «sesso»');
    expect(await focusedId(page)).toBe('scheme-summary');
    expect(await page.getAttribute(EDITOR, 'aria-invalid')).toBe('true');
    expect(await page.inputValue(EDITOR)).toBe(BAD);
    await expectAccessible(page, 'scheme editor with errors');

    await page.fill(EDITOR, GOOD);
    await page.click('[data-testid=scheme-save]');
    await page.waitForSelector('[data-testid=scheme-page]');
    await expect
      .poll(() => page.textContent('[data-testid=success-alert]'), { timeout: 15_000 })
      .toContain('Versione 2026.1 dello schema prova-e2e salvata');
    expect(await page.locator('[data-testid=scheme-rule]').count()).toBe(1);
    expect(await page.locator('[data-testid=scheme-criterion]').count()).toBe(2);
    const criteria = (await page.textContent('[data-testid=scheme-criteria-table]'))?.replace(/\s/g, ' ') ?? '';
    expect(criteria).toContain('numero di minori ≥ 1');
    expect(criteria).toContain('tutte le condizioni: ISEE ≤ 16.000,00 €; sesso del richiedente è uno tra: F');
    expect(criteria).toContain('scelta del Comune');
    await expect
      .poll(() => page.textContent('[data-testid=scheme-tie-breaks]'), { timeout: 15_000 })
      .toContain('ISEE più basso');
    // The administrator does not read household files: no trial on a household here.
    expect(await page.locator('[data-testid=score-form]').count()).toBe(0);
    await expectAccessible(page, 'scheme page');

    // A new version starts from this one, with the next version number; the same version is refused.
    await page.click('[data-testid=scheme-new-version]');
    await page.waitForSelector('[data-testid=scheme-editor-page]');
    expect(await page.inputValue(EDITOR)).toContain('"version": "2026.2"');
    await page.fill(EDITOR, GOOD);
    await page.click('[data-testid=scheme-save]');
    await expect.poll(() => page.textContent('#scheme-summary')).toContain('esiste già');

    await page.goto(`${baseUrl}/schemi`);
    await page.waitForSelector('[data-testid=scheme-row]');
    expect(await page.locator('[data-testid=scheme-row]').count()).toBe(1);
    await expectAccessible(page, 'schemes list');
    await logout(page);
  });

  it('lets a social worker score a household with the scheme, criterion by criterion', async () => {
    await login(page, baseUrl, 'sociale');
    await page.goto(`${baseUrl}/nuclei/nuovo`);
    await fillAddress(page, { comune: 'Cinisello Balsamo', street: 'Via Libertà', number: '5' });
    await fillMember(page, 0, {
      fiscalCode: syntheticFiscalCode({ surname3: 'SCH', name3: 'LRA', birthDate: '1986-02-14', sex: 'F' }),
      firstName: 'Laura',
      lastName: 'Schemi',
      birthDate: '1986-02-14',
      sex: 'F',
      citizenship: 'italian',
    });
    await fillMember(page, 1, {
      fiscalCode: syntheticFiscalCode({ surname3: 'SCH', name3: 'MRC', birthDate: '2018-06-03', sex: 'M' }),
      firstName: 'Marco',
      lastName: 'Schemi',
      birthDate: '2018-06-03',
      sex: 'M',
      relation: 'child',
      citizenship: 'italian',
    });
    await page.click('[data-testid=household-save]');
    await page.waitForSelector('[data-testid=household-page]');
    const code = (await page.textContent('[data-testid=household-code]')) ?? '';
    expect(code).not.toBe('');

    await page.goto(`${baseUrl}/erp`);
    await page.click('[data-testid=erp-links] >> text=Schemi di punteggio');
    await page.waitForSelector('[data-testid=scheme-row]');
    expect(await page.locator('[data-testid=new-scheme]').count()).toBe(0);
    await page.click('[data-testid=scheme-link]');
    await page.waitForSelector('[data-testid=scheme-page]');
    expect(await page.locator('[data-testid=scheme-new-version]').count()).toBe(0);

    await page.click('[data-testid=score-submit]');
    expect(await focusedId(page)).toBe('score-summary');
    await page.fill('#score-q', code);
    await page.click('[data-testid=score-submit]');
    await page.waitForSelector('[data-testid=score-result]');
    await expect.poll(() => page.textContent('[data-testid=score-total]'), { timeout: 15_000 }).toBe('3 punti');
    await expect
      .poll(() => page.textContent('[data-testid=score-pending]'), { timeout: 15_000 })
      .toContain('4 punti non valutati');
    await expect
      .poll(() => page.textContent('[data-testid=score-eligibility]'), { timeout: 15_000 })
      .toBe('Requisiti di accesso soddisfatti');
    const rows = page.locator('[data-testid=score-criterion]');
    expect(await rows.count()).toBe(2);
    await expect.poll(() => rows.nth(0).textContent(), { timeout: 15_000 }).toContain('Soddisfatto');
    await expect
      .poll(() => rows.nth(0).textContent(), { timeout: 15_000 })
      .toContain('numero di minori ≥ 1 (valore: 1)');
    await expect.poll(() => rows.nth(1).textContent(), { timeout: 15_000 }).toContain('Informazioni mancanti');
    await expect.poll(() => rows.nth(1).textContent(), { timeout: 15_000 }).toContain('0 su 4');
    await expectAccessible(page, 'scheme page with a score');

    // The editor is for administrators and managers only.
    await page.goto(`${baseUrl}/schemi/nuovo`);
    await page.waitForSelector('[data-testid=forbidden]');
  });
});
