// The desk end to end in the browser: contact → questionnaire and screening → referral → application
// with documents → review → approval (another person) → payment batch; axe-core on every page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ibanCheckDigits } from '../../src/core/kernel/iban.js';
import { syntheticFiscalCode } from '../builders.js';
import { e2eBaseUrl, expectAccessible, launchBrowser } from './browser.js';
import { login, logout } from './helpers.js';
import { apiLogin } from './sap-seed.js';

const base = e2eBaseUrl();
const PDF = { name: 'documento.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') };
const BBAN = 'X0542811101000000654321';
const IBAN = `IT${ibanCheckDigits('IT', BBAN)}${BBAN}`;

describe.skipIf(base === null)('front desk and measures in the browser', () => {
  const baseUrl = base ?? '';
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('contact → screening → referral → application → approval → payment batch', async () => {
    // A household of its own, with an ISEE in force, made through the API as the desk would.
    const csrf = await apiLogin(page.request, baseUrl, 'sportello');
    const year = new Date().getFullYear();
    const fiscalCode = syntheticFiscalCode({ surname3: 'SPR', name3: 'TLL', birthDate: '1975-05-05', sex: 'M' });
    const h = await page.request.post(`${baseUrl}/api/households`, {
      headers: { 'x-csrf-token': csrf },
      data: {
        comuneId: 'comune-cinisello',
        addressStreet: 'Via Sportello',
        addressNumber: '4',
        addressPostcode: '20092',
        addressCity: 'Cinisello Balsamo',
        loneParent: false,
        members: [
          {
            fiscalCode,
            firstName: 'Otello',
            lastName: 'Sportelli',
            birthDate: '1975-05-05',
            sex: 'M',
            relation: 'applicant',
            citizenship: 'italian',
          },
        ],
      },
    });
    expect(h.status()).toBe(201);
    const household = (await h.json()) as { id: string; code: string };
    const isee = await page.request.post(`${baseUrl}/api/households/${household.id}/isee`, {
      headers: { 'x-csrf-token': csrf },
      data: {
        kind: 'ordinario',
        protocol: `INPS-ISEE-${year}-E2E000001`,
        valueCents: 850_000,
        dsuSubmittedOn: `${year}-01-15`,
        membersCount: 1,
      },
    });
    expect(isee.status()).toBe(201);
    await page.request.post(`${baseUrl}/api/auth/logout`, { headers: { 'x-csrf-token': csrf } });

    // 1. The desk records the contact.
    await login(page, baseUrl, 'sportello');
    await page.goto(`${baseUrl}/sportello`);
    await page.waitForSelector('[data-testid=desk-page]');
    await expectAccessible(page, 'desk home');
    await page.fill('#desk-q', household.code);
    await page.click('[data-testid=desk-search]');
    await page.waitForSelector('#desk-household');
    await page.selectOption('#desk-reason', 'eviction');
    await page.click('[data-testid=desk-create-contact]');
    await page.waitForSelector('[data-testid=contact-page]');

    // 2. Questionnaire and screening against every measure.
    await page.selectOption('#q-tenure', 'private_rent');
    await page.fill('#q-monthlyRentCents', '600');
    await page.selectOption('#q-leaseRegistered', 'yes');
    await page.fill('#q-cadastralCategory', 'A3');
    await page.fill('#q-monthsInUnit', '40');
    await page.selectOption('#q-ownsAdequateDwellingInProvince', 'no');
    await page.selectOption('#q-ownsAdequateDwellingInRegion', 'no');
    await page.selectOption('#q-incomeLossCause', 'dismissal');
    await page.selectOption('#q-incomeLossAfterLease', 'yes');
    await page.fill('#q-taxableIncomeCents', '10000');
    await page.selectOption('#q-evictionStage', 'notice_served');
    await page.fill('#q-arrearsCents', '3.000');
    await page.click('[data-testid=screen-button]');
    await page.waitForSelector('[data-testid=screening]');
    const fimiRow = page.locator('[data-testid=screening-row][data-code=morosita_incolpevole]');
    await expect.poll(() => fimiRow.textContent(), { timeout: 15_000 }).toContain('Può accedere');
    await expect.poll(() => fimiRow.textContent(), { timeout: 15_000 }).toContain('DM 30/3/2016');
    await expectAccessible(page, 'contact with screening');

    // 3. Referral to a partner, then the application to the arrears fund.
    await page.selectOption('#ref-kind', 'partner');
    await page.selectOption('#ref-partner', { label: 'Cooperativa La Rondine' });
    await page.fill('#ref-note', 'Accompagnamento alla ricerca di un nuovo alloggio');
    await page.click('[data-testid=referral-submit]');
    await page.waitForSelector('[data-testid=referrals] >> text=Cooperativa La Rondine');
    await page.click('[data-testid=start-morosita_incolpevole]');
    await page.waitForSelector('[data-testid=new-application-page]');
    await page.waitForSelector('#app-purpose-arrears_settlement');
    await page.fill('#app-payee', 'Immobiliare Esempio s.r.l.');
    await page.fill('#app-payee-cf', '01234567890');
    await page.fill('#app-iban', 'IT00X0542811101000000654321');
    await page.fill('#app-purpose-arrears_settlement', '3.000');
    await page.fill('#app-remaining', '3');
    await page.selectOption('#app-renounces', 'yes');
    await expectAccessible(page, 'new application');
    await page.click('[data-testid=application-submit]');
    // A wrong IBAN is refused with its code and a clear message.
    await page.waitForSelector('[data-testid=error-alert] >> text=IBAN_INVALID');
    await page.fill('#app-iban', IBAN);
    await page.click('[data-testid=application-submit]');
    await page.waitForSelector('[data-testid=application-page]');
    await expect
      .poll(() => page.textContent('[data-testid=application-amount]'), { timeout: 15_000 })
      .toContain('3000,00');
    for (const category of ['identity', 'lease', 'eviction_notice', 'income_loss']) {
      await page.selectOption('#doc-category', category);
      await page.setInputFiles('#doc-file', PDF);
      await page.click('[data-testid=upload-submit]');
      await page.waitForSelector(`[data-testid=documents] >> text=${category}`);
    }
    await expectAccessible(page, 'application with documents');
    const applicationUrl = page.url();
    await logout(page);

    // 4. Review by the social worker.
    await login(page, baseUrl, 'sociale');
    await page.goto(applicationUrl);
    await page.waitForSelector('[data-testid=application-page]');
    await page.fill('#review-reason', 'Requisiti e documenti verificati.');
    await page.click('[data-testid=review-pass]');
    await page.waitForSelector('[data-testid=application-status] >> text=Istruttoria positiva');
    await logout(page);

    // 5. The manager opens the fund for the year, approves, and pays in a batch.
    await login(page, baseUrl, 'dirigente');
    await page.goto(`${baseUrl}/misure/fondi`);
    await page.waitForSelector('[data-testid=funds-page]');
    await page.fill('#fund-code', 'FIMI');
    await page.fill('#fund-year', String(year));
    await page.fill('#fund-name', 'Fondo morosità incolpevole');
    await page.fill('#fund-basis', 'DGR di riparto');
    await page.fill('#fund-budget', '50.000');
    await page.click('#fund button[type=submit]');
    await page.waitForSelector('[data-testid=funds-table] >> text=Fondo morosità incolpevole');
    await expectAccessible(page, 'funds');
    await page.goto(applicationUrl);
    await page.waitForSelector('[data-testid=approve]');
    await page.fill('#decision-reason', 'Contributo concesso.');
    await page.click('[data-testid=approve]');
    await page.waitForSelector('[data-testid=application-status] >> text=Approvata');
    await page.waitForSelector('[data-testid=letter-link]');
    await page.goto(`${baseUrl}/misure/pagamenti`);
    await page.waitForSelector('[data-testid=batches-page]');
    await page.selectOption('#batch-fund', { index: 1 });
    await page.fill('#batch-ref', 'MANDATO E2E/1');
    await page.click('[data-testid=batch-submit]');
    await page.waitForSelector('[data-testid=success-alert] >> text=1 pagamenti');
    await page.waitForSelector('[data-testid=batches-table]');
    await expectAccessible(page, 'payment batches');
    // The fund's page: a reduction below what is committed is refused, a regional top-up is recorded.
    await page.goto(`${baseUrl}/misure/fondi`);
    await page
      .locator('[data-testid=funds-table] tbody tr', { hasText: 'Fondo morosità incolpevole' })
      .filter({ has: page.locator(`td:text-is("${year}")`) })
      .locator('a')
      .click();
    await page.waitForSelector('[data-testid=fund-page] [data-testid=fund-entries]');
    await page.selectOption('#budget-change-direction', 'decrease');
    await page.fill('#budget-change-amount', '50.000');
    await page.fill('#budget-change-act', 'Determina E2E/1');
    await page.click('#budget-change button[type=submit]');
    await page.waitForSelector('[data-testid=fund-page] .alert-danger >> text=BUDGET_EXCEEDED');
    await page.selectOption('#budget-change-direction', 'increase');
    await page.fill('#budget-change-amount', '10.000');
    await page.fill('#budget-change-act', 'Decreto regionale E2E/2');
    await page.click('#budget-change button[type=submit]');
    await page.waitForSelector('[data-testid=success-alert] >> text=Stanziamento aggiornato');
    await page.waitForSelector('[data-testid=fund-entries] >> text=Integrazione dello stanziamento');
    await expect.poll(() => page.textContent('[data-testid=fund-totals]'), { timeout: 15_000 }).toContain('60.000,00');
    await expectAccessible(page, 'fund page with its ledger');
    await page.goto(`${baseUrl}/misure`);
    await page.waitForSelector('[data-testid=measures-table] >> text=Fondo morosità incolpevole');
    await expectAccessible(page, 'measures');
    await page.goto(`${baseUrl}/misure/canone-concordato`);
    await page.waitForSelector('[data-testid=landlords-page]');
    // Register a landlord and a 3+2 contract: the incentive (1,000 €) and the guarantee are computed.
    const vat = String(Date.now()).slice(-11).padStart(11, '0');
    const landlord = `Immobiliare E2E ${vat}`;
    await page.fill('#landlord-form-name', landlord);
    await page.fill('#landlord-form-fiscalCode', vat);
    await page.fill('#landlord-form-iban', 'IT60X05428');
    await page.click('[data-testid=landlord-form] button[type=submit]');
    await page.waitForSelector('#landlord-form-iban[aria-invalid=true]');
    await page.fill('#landlord-form-iban', 'IT60X0542811101000000123456');
    await page.click('[data-testid=landlord-form] button[type=submit]');
    await page.waitForSelector(`[data-testid=landlords-page] h2:has-text("${landlord}")`);
    await page.waitForSelector('[data-testid=contract-form]');
    const landlordOption = await page
      .locator('#contract-form-landlordId option', { hasText: landlord })
      .getAttribute('value');
    await page.selectOption('#contract-form-landlordId', landlordOption ?? '');
    await page.fill('#contract-form-address', 'Via delle Prove 5, Cinisello Balsamo');
    await page.fill('#contract-form-monthlyRentCents', '550');
    await page.fill('#contract-form-startsOn', `${year}-01-01`);
    await page.click('[data-testid=contract-form] button[type=submit]');
    const section = page.locator('[data-testid=landlords-page] section', { hasText: landlord }).first();
    await expect.poll(() => section.textContent()).toContain('Via delle Prove 5');
    // Italian grouping leaves four-digit amounts ungrouped in Chromium's ICU ("1000,00 €").
    await expect.poll(() => section.textContent(), { timeout: 15_000 }).toMatch(/1\.?000,00/);
    await expectAccessible(page, 'agreed-rent landlords');
    await page.goto(`${baseUrl}/nuclei/${household.id}/benefici`);
    await page.waitForSelector('[data-testid=benefits-page] >> text=Pagamento');
    await expectAccessible(page, 'household benefits');
    await logout(page);
  });

  it('a partner sees the referral to its organisation', async () => {
    await login(page, baseUrl, 'partner');
    await page.goto(`${baseUrl}/sportello/invii`);
    await page.waitForSelector('[data-testid=referrals-page]');
    await page.waitForSelector('text=Accompagnamento alla ricerca di un nuovo alloggio');
    await expectAccessible(page, 'partner referrals');
    await logout(page);
  });
  it('opens a weekly series of slots on the agenda', async () => {
    await login(page, baseUrl, 'sportello');
    await page.goto(`${baseUrl}/sportello/agenda`);
    await page.waitForSelector('[data-testid=agenda-page]');
    await page.fill('#slot-day', '2027-03-22');
    await page.fill('#slot-start', '07:00');
    await page.fill('#slot-end', '07:30');
    await page.fill('#slot-weeks', '60');
    await page.click('[data-testid=slot-submit]');
    await page.waitForSelector('#slot-weeks[aria-invalid=true]');
    await page.fill('#slot-weeks', '3');
    await page.click('[data-testid=slot-submit]');
    await page.waitForSelector('[data-testid=success-alert] >> text=Aperte 3 fasce');
    await page.fill('#agenda-from', '2027-03-22');
    await page.fill('#agenda-to', '2027-04-05');
    await page.press('#agenda-to', 'Enter');
    // Three Mondays at 7:00, before and after the change to summer time (28 March 2027).
    await expect
      .poll(async () => await page.locator('[data-testid=agenda-table] tbody tr', { hasText: '07:00' }).count())
      .toBe(3);
    await expectAccessible(page, 'agenda with a weekly series');
    await logout(page);
  });
});
