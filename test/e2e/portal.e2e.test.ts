// The citizen portal from the browser: a citizen logs in through the local OpenID provider (the
// SPID/CIE protocol), reads why their application is at its position, uploads the document the
// office asked for; the operator then sees it in the household's communications. axe on every page.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticFiscalCode } from '../builders.js';
import { e2eBaseUrl, expectAccessible, launchBrowser } from './browser.js';
import { login } from './helpers.js';
import { apiLogin, isoDay, seedSapCall } from './sap-seed.js';

const base = e2eBaseUrl();
// The first applicant of every call built by sap-seed.ts.
const CITIZEN = syntheticFiscalCode({ surname3: 'RSS', name3: 'MRA', birthDate: '1970-01-10', sex: 'M' });
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

describe.skipIf(base === null)('citizen portal in the browser', () => {
  const baseUrl = base ?? '';
  let browser: Browser;
  let staffContext: BrowserContext;
  let staff: Page;
  let applicationId: string;
  let householdId: string;
  let slotId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    staffContext = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
    staff = await staffContext.newPage();
    const csrf = await apiLogin(staff.request, baseUrl, 'erp');
    const call = await seedSapCall(staff.request, baseUrl, csrf, {
      name: 'Avviso e2e portale del cittadino',
      openedDaysAgo: 50,
      closedDaysAgo: 12,
    });
    const headers = { 'x-csrf-token': csrf };
    expect((await staff.request.post(`${baseUrl}/api/calls/${call.id}/rankings`, { headers, data: {} })).ok()).toBe(
      true,
    );
    const published = await staff.request.post(`${baseUrl}/api/calls/${call.id}/rankings/publish`, {
      headers,
      data: { onDate: isoDay(-5) },
    });
    expect(published.ok()).toBe(true);
    applicationId = [...call.applicationIds.entries()].find(([platformId]) => platformId.endsWith('-D1'))![1];
    const detail = (await (await staff.request.get(`${baseUrl}/api/applications/${applicationId}`)).json()) as {
      household: { id: string };
    };
    householdId = detail.household.id;
    const asked = await staff.request.post(`${baseUrl}/api/households/${householdId}/document-requests`, {
      headers,
      data: { documents: ['Attestazione ISEE e2e'], purpose: 'la domanda di alloggio pubblico', dueOn: isoDay(20) },
    });
    expect(asked.status()).toBe(201);
    // A free desk slot, opened by the front desk, for the citizen to book and cancel.
    const deskContext = await browser.newContext();
    const deskCsrf = await apiLogin(deskContext.request, baseUrl, 'sportello');
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    startsAt.setUTCHours(9, 0, 0, 0);
    const slot = await deskContext.request.post(`${baseUrl}/api/frontdesk/slots`, {
      headers: { 'x-csrf-token': deskCsrf },
      data: {
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 30 * 60_000).toISOString(),
        place: 'Sportello e2e del portale',
      },
    });
    expect(slot.status(), await slot.text()).toBe(201);
    slotId = ((await slot.json()) as { id: string }).id;
    await deskContext.close();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('logs the citizen in with SPID/CIE (local provider), explains the position, takes the upload; the operator sees it', async () => {
    const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/portale`);
    await page.waitForSelector('[data-testid=portal-login]');
    await expectAccessible(page, 'portal login page');
    await page.click('[data-testid=portal-login-button]');
    // The provider's own page: the fiscal code, as SPID would assert it.
    await page.waitForSelector('#fiscal_code');
    await page.fill('#fiscal_code', CITIZEN);
    await page.click('form[action$="/login"] button[type=submit]');
    await page.waitForSelector('[data-testid=portal-home]');
    await expect.poll(() => page.textContent('[data-testid=portal-home]'), { timeout: 15_000 }).toContain(CITIZEN);
    await expectAccessible(page, 'portal home');

    await page.click(`[data-testid=portal-household-link][href="/portale/nuclei/${householdId}"]`);
    await page.waitForSelector('[data-testid=portal-household]');
    await expect
      .poll(() => page.textContent('[data-testid=portal-deadlines]'), { timeout: 15_000 })
      .toContain('Richiesta di rettifica del punteggio');
    await expectAccessible(page, 'portal household page');

    // Book a desk appointment, then cancel it: the slot is free again.
    await page.selectOption('#booking-slot', slotId);
    await page.fill('#booking-purpose', 'Consegna della documentazione');
    await page.click('[data-testid=portal-booking-form] button[type=submit]');
    const appointments = page.locator('[data-testid=portal-appointments]');
    await expect.poll(() => appointments.textContent()).toContain('Sportello e2e del portale');
    await appointments
      .locator('li', { hasText: 'Sportello e2e del portale' })
      .locator('[data-testid=portal-appointment-cancel]')
      .click();
    await expect
      .poll(() => page.locator('.alert-success').allTextContents())
      .toContainEqual(expect.stringContaining('annullato'));
    // The list is read again after the confirmation appears: wait for it.
    await expect.poll(() => appointments.textContent()).not.toContain('Sportello e2e del portale');
    await expectAccessible(page, 'portal household page after cancelling');

    await page.click(`a[href="/portale/domande/${applicationId}"]`);
    await page.waitForSelector('[data-testid=portal-explanation]');
    const position = await page.textContent('[data-testid=portal-position]');
    expect(position).toMatch(/posizione 1 su \d+/);
    await expectAccessible(page, 'portal explanation');

    await page.goBack();
    const request = page.locator('[data-testid=portal-document-request]', { hasText: 'Attestazione ISEE e2e' });
    await request
      .locator('input[type=file]')
      .setInputFiles({ name: 'isee-2026.pdf', mimeType: 'application/pdf', buffer: PDF });
    await request.locator('button[type=submit]').click();
    await expect.poll(() => request.textContent()).toContain('Caricato: isee-2026.pdf');
    await context.close();

    // The operator (front desk) opens the household's communications and finds the file.
    const deskContext = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
    const desk = await deskContext.newPage();
    await login(desk, baseUrl, 'sportello');
    await desk.goto(`${baseUrl}/nuclei/${householdId}/comunicazioni`);
    await desk.waitForSelector('[data-testid=document-requests]');
    expect(await desk.textContent('[data-testid=document-requests]')).toContain('isee-2026.pdf');
    await expectAccessible(desk, 'household communications');
    const download = await desk.request.get(
      `${baseUrl}${await desk.locator('[data-testid=uploaded-document]').first().getAttribute('href')}`,
    );
    expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);
    await deskContext.close();
  });

  it('shows the observer the observatory: charts, each with its table, filters and exports', async () => {
    const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
    const page = await context.newPage();
    await login(page, baseUrl, 'osservatore');
    await page.goto(`${baseUrl}/osservatorio/demand`);
    await page.waitForSelector('[data-testid=observatory-dataset]');
    expect(await page.locator('[data-testid=observatory-dataset] table caption').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=observatory-chart] svg').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'observatory, demand');
    await page.selectOption('#filter-comune', { label: 'Bresso' });
    await expect.poll(() => page.url()).toContain('comune=comune-bresso');
    await page.click('a[href^="/osservatorio/supply"]');
    await page.waitForSelector('[data-testid=offer-plan-download]');
    await expectAccessible(page, 'observatory, supply');
    const plan = await page.request.get(
      `${baseUrl}${await page.getAttribute('[data-testid=offer-plan-download]', 'href')}`,
    );
    expect(plan.headers()['content-type']).toContain('spreadsheetml');
    await context.close();
  });

  it('refuses another household to the citizen', async () => {
    const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/api/portal/login`);
    await page.waitForSelector('#fiscal_code');
    await page.fill(
      '#fiscal_code',
      syntheticFiscalCode({ surname3: 'NSS', name3: 'NNO', birthDate: '1988-04-04', sex: 'F' }),
    );
    await page.click('form[action$="/login"] button[type=submit]');
    await page.waitForSelector('[data-testid=portal-home]');
    await expect
      .poll(() => page.textContent('[data-testid=portal-home]'), { timeout: 15_000 })
      .toContain('Non risultano nuclei');
    await page.goto(`${baseUrl}/portale/nuclei/${householdId}`);
    await expect.poll(() => page.textContent('main')).toContain('non risulta tuo');
    await context.close();
  });
});
