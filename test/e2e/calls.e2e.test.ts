// A SAP call from the browser: create it, offer units, import applications through the wizard
// (check, then confirm), open an application and admit it with a reason; axe-core on every page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { syntheticFiscalCode } from '../builders.js';
import { e2eBaseUrl, expectAccessible, launchBrowser } from './browser.js';
import { focusedId, login } from './helpers.js';

const base = e2eBaseUrl();

const DAY = 86_400_000;
const romeDay = (ms: number) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Rome',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(ms));
const now = Date.now();
const OPENS = romeDay(now - 10 * DAY);
const CLOSES = romeDay(now + 25 * DAY);
const TOO_SOON = romeDay(now + 5 * DAY);
const SUBMITTED = `${romeDay(now - 2 * DAY)}T10:30:00`;

const UNITS = [
  'id_alloggio;ente_proprietario;comune;indirizzo;superficie_mq;vani;piano;ascensore;accessibile;stato;riserva',
  'E2E-AVV-001;Comune di Cinisello Balsamo;Cinisello Balsamo;Via Frova 30;42,50;2;1;S;N;disponibile;',
  'E2E-AVV-002;ALER Milano;Bresso;Via Vittorio Veneto 40;62,00;3;2;S;N;disponibile;',
  'E2E-AVV-003;Comune di Cusano Milanino;Cusano Milanino;Viale Matteotti 9;33,20;1;T;N;S;disponibile;',
].join('\n');

const HEADER =
  'id_domanda;protocollo;data_presentazione;codice_fiscale;cognome;nome;comune_residenza;comune_lavoro;componenti;isee;isbar;indigente;categorie;invalidita;alloggio_1;alloggio_2';
const ELENA = syntheticFiscalCode({ surname3: 'ZNT', name3: 'LNE', birthDate: '1981-04-09', sex: 'F' });
const BRUNO = syntheticFiscalCode({ surname3: 'QRT', name3: 'BRN', birthDate: '1958-11-23', sex: 'M', place: 'D231' });
const GOOD = [
  HEADER,
  `E2E-D-001;RL-E2E-001;${SUBMITTED};${ELENA};Zanetti;Elena;Cinisello Balsamo;;2;7.500,00;15,5;N;;;E2E-AVV-001;`,
  `E2E-D-002;RL-E2E-002;${SUBMITTED};${BRUNO};Quartieri;Bruno;Cusano Milanino;;1;4.200,00;9;N;anziani;;E2E-AVV-003;E2E-AVV-001`,
].join('\n');
const BAD = [
  HEADER,
  `E2E-D-001;RL-E2E-001;${SUBMITTED};${ELENA};Zanetti;Elena;Cinisello Balsamo;;3;7.500,00;15,5;N;;;E2E-AVV-003;`,
  `E2E-D-002;RL-E2E-002;${SUBMITTED};${BRUNO};Quartieri;Bruno;Cusano Milanino;;1;4.200,00;9;N;;;NON-ESISTE;`,
].join('\n');

function csvFile(content: string, name: string) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') };
}

describe.skipIf(base === null)('SAP calls and applications in the browser', () => {
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

  it('creates a call, offers units, imports applications through the wizard and admits one with a reason', async () => {
    await login(page, baseUrl, 'erp');

    // The units come through the housing-stock feature's own import page.
    await page.goto(`${baseUrl}/alloggi/importa`);
    await page.setInputFiles('#units-file', csvFile(UNITS, 'alloggi-avviso-e2e.csv'));
    await page.click('[data-testid=units-check]');
    await page.click('[data-testid=units-import-confirm]');
    await page.waitForSelector('[data-testid=import-result]');

    await page.goto(`${baseUrl}/erp`);
    await page.click('[data-testid=erp-links] >> text=Avvisi');
    await page.waitForSelector('[data-testid=calls-page]');
    await expectAccessible(page, 'calls list');

    await page.click('[data-testid=new-call]');
    await page.waitForSelector('[data-testid=call-form]');
    await expectAccessible(page, 'new call form');
    await page.fill('#call-name', 'Avviso SAP di prova (e2e)');
    await page.fill('#call-opensOn', OPENS);
    await page.fill('#call-closesOn', TOO_SOON);
    await page.click('[data-testid=call-save]');
    await expect.poll(() => page.textContent('#call-closesOn-error')).toMatch(/almeno 30.*R\.R\. 4\/2017 art\. 8 c\.2/);
    expect(await focusedId(page)).toBe('call-summary');
    await expectAccessible(page, 'new call form with errors');
    await page.fill('#call-closesOn', CLOSES);
    await page.fill('#call-quotas-0-reservePercent', '10');
    await page.click('[data-testid=call-save]');
    await page.waitForSelector('[data-testid=call-page]');
    const callPath = new URL(page.url()).pathname;
    await expect
      .poll(() => page.textContent('[data-testid=success-alert]'), { timeout: 15_000 })
      .toMatch(/Avviso AVV-\d{4}-\d{3} creato/);
    await expect
      .poll(() => page.textContent('[data-testid=call-tie-break]'), { timeout: 15_000 })
      .toContain('ISEE più basso');
    await expect
      .poll(() => page.textContent('[data-testid=deadline-provisional_ranking_due]'), { timeout: 15_000 })
      .toContain('5 giorni');
    await expectAccessible(page, 'call page');

    await page.fill('#candidates-q', 'E2E-AVV');
    await page.click('[data-testid=candidates-search]');
    await page.waitForSelector('[data-testid=candidate-units]');
    // Only this test's units: other e2e files share the server and may have added candidates too.
    for (const code of ['E2E-AVV-001', 'E2E-AVV-002', 'E2E-AVV-003']) {
      await page.getByLabel(`Aggiungi ${code}`, { exact: true }).check();
    }
    await expectAccessible(page, 'call page with units to add');
    await page.click('[data-testid=candidates-add]');
    await expect.poll(() => page.locator('[data-testid=call-unit-row]').count()).toBe(3);
    await expect.poll(() => page.textContent('[data-testid=call-quotas]'), { timeout: 15_000 }).toContain('Indigenti');
    await expectAccessible(page, 'call page with units');

    await page.click('[data-testid=call-import]');
    await page.waitForSelector('[data-testid=import-wizard]');
    await expectAccessible(page, 'import wizard');

    // A file with problems: every one in a table, nothing to confirm.
    await page.setInputFiles('#applications-file', csvFile(BAD, 'domande-sbagliate.csv'));
    await page.click('[data-testid=import-check]');
    await page.waitForSelector('[data-testid=import-problems]');
    expect(await page.locator('[data-testid=import-problem]').count()).toBe(2);
    const problems = await page.textContent('[data-testid=import-problems]');
    expect(problems).toContain('non è adeguato');
    expect(problems).toContain('Alloggio sconosciuto');
    expect(await page.locator('[data-testid=import-confirm]').count()).toBe(0);
    await expectAccessible(page, 'import wizard with problems');

    await page.setInputFiles('#applications-file', csvFile(GOOD, 'domande.csv'));
    await page.click('[data-testid=import-check]');
    await page.waitForSelector('[data-testid=import-confirm]');
    await expect
      .poll(() => page.textContent('[data-testid=import-preview] [data-testid=count-created]'), { timeout: 15_000 })
      .toBe('2');
    await expectAccessible(page, 'import wizard, checked');
    await page.click('[data-testid=import-confirm]');
    await page.waitForSelector('[data-testid=import-result]');
    await expect
      .poll(() => page.textContent('[data-testid=import-counts] [data-testid=count-created]'), { timeout: 15_000 })
      .toBe('2');
    await expect
      .poll(() => page.textContent('[data-testid=import-result]'), { timeout: 15_000 })
      .toContain('Importazione completata');
    await expectAccessible(page, 'import wizard, imported');

    await page.click('[data-testid=import-to-applications]');
    await page.waitForSelector('[data-testid=applications-table]');
    expect(await page.locator('[data-testid=application-row]').count()).toBe(2);
    await expectAccessible(page, 'applications list');

    await page.click('[data-testid=application-link] >> text=E2E-D-001');
    await page.waitForSelector('[data-testid=application-page]');
    await expect
      .poll(() => page.textContent('[data-testid=application-state]'), { timeout: 15_000 })
      .toBe('Da istruire');
    await expect.poll(() => page.textContent('[data-testid=check-isee]'), { timeout: 15_000 }).toContain('Soddisfatto');
    await expect
      .poll(() => page.textContent('[data-testid=check-citizenship]'), { timeout: 15_000 })
      .toContain('Informazioni mancanti');
    await expectAccessible(page, 'application page');

    await page.click('[data-testid=review-submit]');
    expect(await focusedId(page)).toBe('review-summary');
    await expectAccessible(page, 'review form with errors');
    await page.click('label[for=review-decision-admitted]');
    expect(await page.isChecked('[data-testid=review-admitted]')).toBe(true);
    await page.fill('#review-reason', 'Requisiti verificati sui documenti presentati allo sportello.');
    await page.click('[data-testid=review-submit]');
    await expect.poll(() => page.textContent('[data-testid=application-state]')).toBe('Ammessa');
    expect(await page.locator('[data-testid=review]').count()).toBe(1);
    await expect
      .poll(() => page.textContent('[data-testid=reviews]'), { timeout: 15_000 })
      .toContain('Requisiti verificati');
    await expectAccessible(page, 'application page after the review');

    await page.goto(`${baseUrl}${callPath}/domande?stato=admitted`);
    await page.waitForSelector('[data-testid=applications-table]');
    expect(await page.locator('[data-testid=application-row]').count()).toBe(1);

    await page.goto(`${baseUrl}${callPath}/domande/nuova`);
    await page.waitForSelector('[data-testid=entry-form]');
    await expectAccessible(page, 'front-desk entry form');
    await page.click('[data-testid=entry-save]');
    expect(await focusedId(page)).toBe('entry-summary');
    await expectAccessible(page, 'front-desk entry form with errors');
  });
});
