// The housing stock from the browser: import a file (check, then confirm), find a unit, change its
// state; axe-core on every page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { e2eBaseUrl, expectAccessible, launchBrowser } from './browser.js';
import { login, logout } from './helpers.js';

const base = e2eBaseUrl();

const HEADER =
  'id_alloggio;ente_proprietario;comune;indirizzo;superficie_mq;vani;piano;ascensore;accessibile;stato;riserva';
const GOOD = [
  HEADER,
  'E2E-0001;Comune di Cinisello Balsamo;Cinisello Balsamo;Via Frova 12;45,50;2;1;S;N;disponibile;',
  'E2E-0002;ALER Milano;Bresso;Via Vittorio Veneto 3;62,00;3;T;N;S;disponibile;anziani',
  'E2E-0003;Comune di Cormano;Cormano;Piazza Scurati;38;2;4;S;S;non_assegnabile;',
].join('\n');
const BAD = [
  HEADER,
  'E2E-0101;ALER Roma;Bresso;Via Roma 1;45;2;1;S;N;disponibile;',
  'E2E-0102;ALER Milano;Bresso;Via Roma 2;quaranta;2;1;S;N;occupato;',
].join('\n');

function csvFile(content: string, name = 'alloggi.csv') {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') };
}

describe.skipIf(base === null)('housing stock in the browser', () => {
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

  it('imports a units file after checking it, finds a unit and changes its state', async () => {
    await login(page, baseUrl, 'erp');
    await expect
      .poll(() => page.textContent('[data-testid=main-nav]'), { timeout: 15_000 })
      .toContain('Edilizia pubblica (ERP)');
    await page.click('[data-testid=main-nav] >> text=Edilizia pubblica (ERP)');
    await page.waitForSelector('[data-testid=erp-page]');
    await expectAccessible(page, 'ERP landing page');
    await page.click('[data-testid=erp-links] >> text=Patrimonio abitativo');
    await page.waitForSelector('[data-testid=unit-list-page]');
    await page.waitForSelector('[data-testid=results-count]:has-text("alloggi")');
    await expectAccessible(page, 'stock list');

    await page.click('[data-testid=units-import-link]');
    await page.waitForSelector('[data-testid=unit-import-page]');
    await expectAccessible(page, 'import page');

    // A file with errors: every problem in a table, nothing to confirm.
    await page.setInputFiles('#units-file', csvFile(BAD, 'sbagliato.csv'));
    await page.click('[data-testid=units-check]');
    await page.waitForSelector('[data-testid=import-problems]');
    expect(await page.locator('[data-testid=import-problem]').count()).toBe(3);
    await expect
      .poll(() => page.textContent('[data-testid=import-problems]'), { timeout: 15_000 })
      .toContain('Ente proprietario sconosciuto');
    expect(await page.locator('[data-testid=units-import-confirm]').count()).toBe(0);
    await expectAccessible(page, 'import report with problems');

    // A valid file: the check says what will happen, then the import does it.
    await page.setInputFiles('#units-file', csvFile(GOOD));
    await page.click('[data-testid=units-check]');
    await page.waitForSelector('[data-testid=units-import-confirm]');
    await expect
      .poll(() => page.textContent('[data-testid=import-preview] [data-testid=count-created]'), { timeout: 15_000 })
      .toBe('3');
    await expectAccessible(page, 'import check passed');
    await page.click('[data-testid=units-import-confirm]');
    await page.waitForSelector('[data-testid=import-result]');
    await expect
      .poll(() => page.textContent('[data-testid=import-counts] [data-testid=count-created]'), { timeout: 15_000 })
      .toBe('3');
    await expect
      .poll(() => page.textContent('[data-testid=import-result]'), { timeout: 15_000 })
      .toContain('Importazione completata');
    await expectAccessible(page, 'import done');

    // The same file again: recognised, nothing changes.
    await page.setInputFiles('#units-file', csvFile(GOOD));
    await page.click('[data-testid=units-check]');
    await page.waitForSelector('[data-testid=import-already]');

    await page.goto(`${baseUrl}/alloggi?q=E2E-0002`);
    await page.waitForSelector('[data-testid=unit-row]');
    expect(await page.locator('[data-testid=unit-row]').count()).toBe(1);
    await expectAccessible(page, 'stock list with results');
    await page.click('[data-testid=unit-link]');
    await page.waitForSelector('[data-testid=unit-page]');
    await expect.poll(() => page.textContent('[data-testid=unit-code]'), { timeout: 15_000 }).toBe('E2E-0002');
    await expect.poll(() => page.textContent('[data-testid=unit-state]'), { timeout: 15_000 }).toBe('Disponibile');
    await expect.poll(() => page.textContent('[data-testid=unit-area]'), { timeout: 15_000 }).toBe('62 m²');
    await expectAccessible(page, 'unit page');

    // Works without a cost: the error is at the field.
    await page.selectOption('#unit-state-state', 'works_needed');
    await page.fill('#unit-state-reason', 'Infiltrazioni dal tetto segnalate da ALER.');
    await page.click('[data-testid=unit-state-submit]');
    await page.waitForSelector('#unit-state-worksCostCents-error');
    await expectAccessible(page, 'state form with errors');
    await page.fill('#unit-state-worksCostCents', '6.500,00');
    await page.click('[data-testid=unit-state-submit]');
    await expect.poll(() => page.textContent('[data-testid=unit-state]')).toBe('Necessita di lavori');
    expect(await page.locator('[data-testid=unit-history-row]').count()).toBe(2);
    await expect
      .poll(() => page.textContent('[data-testid=unit-history-table]'), { timeout: 15_000 })
      .toContain('Infiltrazioni dal tetto');
    await expectAccessible(page, 'unit page after a state change');
    await logout(page);
  });

  it('lets the front desk read the stock but not import or change it, and hides it from the observer', async () => {
    await login(page, baseUrl, 'sportello');
    await page.goto(`${baseUrl}/alloggi?q=E2E-0001`);
    await page.waitForSelector('[data-testid=unit-row]');
    expect(await page.locator('[data-testid=units-import-link]').count()).toBe(0);
    await page.click('[data-testid=unit-link]');
    await page.waitForSelector('[data-testid=unit-page]');
    expect(await page.locator('[data-testid=unit-state-form]').count()).toBe(0);
    await page.goto(`${baseUrl}/alloggi/importa`);
    await page.waitForSelector('[data-testid=forbidden]');
    await logout(page);

    await login(page, baseUrl, 'osservatore');
    expect(await page.textContent('[data-testid=main-nav]')).not.toContain('Edilizia pubblica');
    await page.goto(`${baseUrl}/alloggi`);
    await page.waitForSelector('[data-testid=forbidden]');
  });
});
