// The household file from the browser, as an operator uses it, with axe-core on every page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { e2eBaseUrl, expectAccessible, launchBrowser } from './browser.js';
import { fillAddress, fillMember, focusedId, householdField, login, logout } from './helpers.js';

const base = e2eBaseUrl();
const today = new Date().toISOString().slice(0, 10);

describe.skipIf(base === null)('household file in the browser', () => {
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

  it('sends an anonymous user to the login page and back to the page requested', async () => {
    await page.goto(`${baseUrl}/nuclei`);
    await page.waitForURL(/\/login$/);
    await expectAccessible(page, 'login');
    await page.click('[data-testid=login-form] button[type=submit]');
    expect(await focusedId(page)).toBe('login-summary');
    await expectAccessible(page, 'login with errors');
    await page.fill('#login-username', 'sportello');
    await page.fill('#login-password', 'password-sbagliata');
    await page.click('[data-testid=login-form] button[type=submit]');
    await expect.poll(() => page.locator('[data-testid=error-alert]').count()).toBe(1);
    await page.fill('#login-password', 'password-di-prova-1');
    await page.click('[data-testid=login-form] button[type=submit]');
    await page.waitForURL(/\/nuclei$/);
    await page.waitForSelector('[data-testid=household-search-input]');
    await expect
      .poll(() => page.textContent('[data-testid=user-role]'), { timeout: 15_000 })
      .toBe('Operatore di sportello');
    await expectAccessible(page, 'household search');
  });

  it('registers a household, shows errors at the fields and keeps what was typed', async () => {
    await login(page, baseUrl, 'sportello');
    await page.goto(`${baseUrl}/nuclei/nuovo`);
    await page.click('[data-testid=household-save]');
    expect(await focusedId(page)).toBe('household-summary');
    expect(await page.getAttribute(householdField('addressStreet'), 'aria-invalid')).toBe('true');
    expect(await page.getAttribute(householdField('addressStreet'), 'aria-describedby')).toContain(
      'household-addressStreet-error',
    );
    await expectAccessible(page, 'new household with errors');

    await fillAddress(page, { comune: 'Cinisello Balsamo', street: 'Via Frova', number: '12' });
    await fillMember(page, 0, {
      fiscalCode: 'RSSMRA80A01F205X',
      firstName: 'Mario',
      lastName: 'Rossi',
      birthDate: '1980-01-01',
      sex: 'M',
      citizenship: 'italian',
    });
    await fillMember(page, 1, {
      fiscalCode: 'RSSGLI82C45F205S',
      firstName: 'Giulia',
      lastName: 'Rossi',
      birthDate: '1982-03-05',
      sex: 'F',
      relation: 'spouse',
      citizenship: 'non_eu',
    });
    await page.click('[data-testid=household-save]');
    // Extra-EU member without a residence permit: the shared schema says so, at the field.
    await expect
      .poll(() => page.textContent('#household-members-1-permitKind-error'))
      .toBe('Per un cittadino extra UE indicare il titolo di soggiorno.');
    expect(await page.inputValue(householdField('members.1.firstName'))).toBe('Giulia');

    // A fiscal code with a wrong check character: the Italian message at the field, the rest kept.
    await page.fill(householdField('members.0.fiscalCode'), 'RSSMRA80A01F205Y');
    await page.click('[data-testid=household-save]');
    await expect
      .poll(() => page.textContent('#household-members-0-fiscalCode-error'))
      .toBe('Il codice fiscale non è valido: il carattere di controllo non corrisponde.');
    expect(await page.getAttribute(householdField('members.0.fiscalCode'), 'aria-invalid')).toBe('true');
    expect(await page.inputValue(householdField('members.0.lastName'))).toBe('Rossi');
    await page.fill(householdField('members.0.fiscalCode'), 'RSSMRA80A01F205X');

    // The draft survives a reload.
    await page.reload();
    await page.waitForSelector('[data-testid=draft-restored]');
    expect(await page.inputValue(householdField('members.1.fiscalCode'))).toBe('RSSGLI82C45F205S');
    await page.selectOption(householdField('members.1.permitKind'), 'two_years_work');
    await page.fill(householdField('members.1.permitExpiresOn'), '2027-05-01');
    await page.click('[data-testid=household-save]');
    await page.waitForSelector('[data-testid=household-page]');
    expect(await page.locator('[data-testid=member-row]').count()).toBe(2);
    await expectAccessible(page, 'household file');
  });

  it('asks to confirm a fiscal code that belongs to another household', async () => {
    await login(page, baseUrl, 'sportello');
    await page.goto(`${baseUrl}/nuclei/nuovo`);
    await fillAddress(page, { comune: 'Cusano Milanino', street: 'Viale Matteotti' });
    await fillMember(page, 0, {
      fiscalCode: 'RSSMRA80A01F205X',
      firstName: 'Mario',
      lastName: 'Rossi',
      birthDate: '1980-01-01',
      sex: 'M',
      citizenship: 'italian',
    });
    await page.click('[data-testid=household-save]');
    await page.waitForSelector('[data-testid=acknowledge-duplicates]');
    await expect
      .poll(() => page.textContent('#household-members-0-fiscalCode-error'), { timeout: 15_000 })
      .toMatch(/già presente nel nucleo/);
    await expectAccessible(page, 'duplicate fiscal code');
    await page.check('[data-testid=acknowledge-duplicates]', { force: true });
    await page.click('[data-testid=household-save]');
    await page.waitForSelector('[data-testid=household-page]');
    await page.waitForSelector('[data-testid=also-in-households]');
  });

  it('adds an ISEE, a vulnerability and a note to the file', async () => {
    await login(page, baseUrl, 'sportello');
    await page.goto(`${baseUrl}/nuclei?q=RSSGLI82C45F205S`);
    await page.click('[data-testid=household-link]');
    await page.waitForSelector('[data-testid=household-page]');

    await page.selectOption('#isee-kind', 'ordinario');
    await page.fill('#isee-protocol', 'INPS-ISEE-2026-00000123-00');
    await page.fill('#isee-valueCents', '12.345,67');
    await page.fill('#isee-dsuSubmittedOn', today);
    await page.click('[data-testid=isee-submit]');
    await page.waitForSelector('[data-testid=isee-row]');
    const row = await page.textContent('[data-testid=isee-row]');
    expect(row?.replace(/\s/g, ' ')).toContain('12.345,67 €');
    expect(row).toContain('In corso di validità');

    await page.selectOption('#vulnerability-code', 'eviction_risk');
    await page.click('[data-testid=vulnerability-submit]');
    await page.waitForSelector('[data-testid=vulnerability]');

    await page.fill('#note-body', 'Richiamare lunedì per il contributo affitto.');
    await page.click('[data-testid=note-submit]');
    await page.waitForSelector('[data-testid=note]');
    expect(await page.locator('[data-testid=timeline-event]').count()).toBeGreaterThan(1);
    // The file's procedures of the other areas, one list per area the desk may read (none yet).
    const procedures = page.locator('[data-testid=household-procedures]');
    await procedures.getByText('Nessuna procedura di sfratto.').waitFor();
    await procedures.getByText('Nessuna domanda alle misure di sostegno.').waitFor();
    await procedures.getByText('Nessuna domanda di alloggio SAP.').waitFor();
    await expectAccessible(page, 'household file with records');
    await logout(page);
  });

  it('hides household files from the observer', async () => {
    await login(page, baseUrl, 'osservatore');
    expect(await page.textContent('[data-testid=main-nav]')).not.toContain('Nuclei familiari');
    await page.goto(`${baseUrl}/nuclei`);
    await page.waitForSelector('[data-testid=forbidden]');
    await expectAccessible(page, 'forbidden page');
  });

  it('lets a partner search but not register or change households', async () => {
    await login(page, baseUrl, 'partner');
    await page.goto(`${baseUrl}/nuclei`);
    await page.waitForSelector('[data-testid=results-count]');
    expect(await page.locator('[data-testid=new-household]').count()).toBe(0);
    await page.goto(`${baseUrl}/nuclei/nuovo`);
    await page.waitForSelector('[data-testid=forbidden]');
  });
});
