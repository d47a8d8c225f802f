// Rankings and assignments from the browser, as a housing officer works them, with axe-core on
// every page. The calls are built through the HTTP API (test/e2e/sap-seed.ts), signed in with the
// browser context's own cookies, so the pages open already signed in as that user.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { e2eBaseUrl, expectAccessible, launchBrowser } from './browser.js';
import { focusedId } from './helpers.js';
import { apiLogin, isoDay, seedSapCall } from './sap-seed.js';

const base = e2eBaseUrl();

describe.skipIf(base === null)('rankings and assignments in the browser', () => {
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

  it('computes and publishes a provisional ranking and explains a position', async () => {
    const csrf = await apiLogin(page.request, baseUrl, 'erp');
    const call = await seedSapCall(page.request, baseUrl, csrf, {
      name: 'Avviso e2e graduatoria provvisoria',
      openedDaysAgo: 45,
      closedDaysAgo: 10,
    });
    await page.goto(`${baseUrl}/avvisi/${call.id}/graduatorie`);
    await page.waitForSelector('[data-testid=ranking-none]');
    await expectAccessible(page, 'rankings page without a run');

    await page.click('[data-testid=ranking-compute]');
    await expect.poll(() => page.textContent('[data-testid=ranking-state]')).toBe('Bozza');
    await expect
      .poll(() => page.textContent('[data-testid=success-alert]'), { timeout: 15_000 })
      .toContain('4 domande');
    expect(await page.locator('[data-testid=ranking-row]').count()).toBe(4);
    await expect
      .poll(() => page.textContent('[data-testid=tie-break-keys]'), { timeout: 15_000 })
      .toContain('ISEE più basso');
    await expect
      .poll(() => page.textContent('[data-testid=tie-break-note]'), { timeout: 15_000 })
      .toContain('configurabile');
    await expect
      .poll(() => page.textContent('[data-testid=ranking-reproducibility]'), { timeout: 15_000 })
      .toContain('riproducibile');

    // A date before the closing is refused by the server, at the field, with the focus on the summary.
    await page.fill('#ranking-actions-onDate', isoDay(-20));
    await page.click('[data-testid=ranking-publish]');
    await expect.poll(() => page.textContent('#ranking-actions-onDate-error')).toContain('dopo la chiusura');
    expect(await focusedId(page)).toBe('ranking-actions-summary');
    await expectAccessible(page, 'rankings page with a refused publication');

    await page.fill('#ranking-actions-onDate', isoDay(-9));
    await page.click('[data-testid=ranking-publish]');
    await expect.poll(() => page.textContent('[data-testid=ranking-state]')).toBe('Provvisoria (pubblicata)');
    await expect
      .poll(() => page.textContent('[data-testid=ranking-caption]'), { timeout: 15_000 })
      .toContain('Comune di Cinisello Balsamo');
    const first = await page.textContent('[data-testid=ranking-row]');
    expect(first).toContain('Rossi Mario');
    expect(first).toContain('30');
    await expect
      .poll(() => page.textContent('[data-testid=deadlines]'), { timeout: 15_000 })
      .toContain('Istanze di rettifica fino al');
    expect(await page.getAttribute('[data-testid=ranking-csv]', 'href')).toBe(
      `/api/calls/${call.id}/rankings/publication.csv`,
    );

    // The filter by Comune keeps the table; a correction request on the provisional ranking.
    await page.selectOption('#ranking-filter-comune', { label: 'Cinisello Balsamo' });
    await expect.poll(() => page.url()).toContain('comune=');
    expect(await page.locator('[data-testid=ranking-table]').count()).toBe(1);
    await page.click('[data-testid=correction-submit]');
    expect(await focusedId(page)).toBe('correction-request-summary');
    await page.selectOption('#correction-request-applicationId', { index: 1 });
    await page.fill('#correction-request-invalidityPercent', '67');
    await page.fill('#correction-request-procedureStartedOn', isoDay(-30));
    await page.click('[data-testid=correction-submit]');
    await page.waitForSelector('[data-testid=correction]');
    await expect
      .poll(() => page.textContent('[data-testid=correction]'), { timeout: 15_000 })
      .toContain('In attesa di decisione');
    await page.check('[data-testid=correction-rejected]', { force: true });
    await page.fill('[data-testid=correction-decision-form] textarea', 'Verbale di invalidità non allegato.');
    await page.click('[data-testid=correction-decide]');
    await expect.poll(() => page.textContent('[data-testid=correction]')).toContain('Respinta');
    await expectAccessible(page, 'provisional ranking with a correction');

    await page.click('[data-testid=explanation-link]');
    await page.waitForSelector('[data-testid=explanation-page]');
    await expect.poll(() => page.textContent('[data-testid=explanation-score]'), { timeout: 15_000 }).toContain('30');
    await expect
      .poll(() => page.textContent('[data-testid=explanation-review]'), { timeout: 15_000 })
      .toContain('ammessa');
    await expect
      .poll(() => page.textContent('[data-testid=explanation-position]'), { timeout: 15_000 })
      .toContain('posizione 1 su 4');
    expect(await page.textContent('[data-testid=explanation-page]')).not.toContain('Rossi');
    await expectAccessible(page, 'explanation page');
    await page.click('[data-testid=back-to-ranking]');
    await page.waitForSelector('[data-testid=rankings-page]');
  });

  it('finalises a ranking published 39 days ago and confirms, offers and accepts a unit', async () => {
    const csrf = await apiLogin(page.request, baseUrl, 'erp');
    const call = await seedSapCall(page.request, baseUrl, csrf, {
      name: 'Avviso e2e assegnazioni',
      openedDaysAgo: 80,
      closedDaysAgo: 40,
    });

    // Assigning before the ranking is final: the server's reason, in an alert near the button.
    await page.goto(`${baseUrl}/avvisi/${call.id}/assegnazioni`);
    await page.waitForSelector('[data-testid=proposal-none]');
    await page.click('[data-testid=proposal-compute]');
    await expect
      .poll(() => page.textContent('[data-testid=proposal-section] [data-testid=error-summary]'))
      .toContain('graduatoria definitiva');
    expect(await focusedId(page)).toBe('proposal-summary');
    await expectAccessible(page, 'assignment board with a refused proposal');

    await page.goto(`${baseUrl}/avvisi/${call.id}/graduatorie`);
    await page.click('[data-testid=ranking-compute]');
    await page.waitForSelector('[data-testid=ranking-publish]');
    await page.fill('#ranking-actions-onDate', isoDay(-39));
    await page.click('[data-testid=ranking-publish]');
    await page.waitForSelector('[data-testid=ranking-finalise]');
    await page.click('[data-testid=ranking-finalise]');
    await expect.poll(() => page.textContent('[data-testid=ranking-state]')).toBe('Definitiva');
    expect(await page.locator('[data-testid=ranking-compute]').count()).toBe(0);
    await expectAccessible(page, 'final ranking');

    await page.goto(`${baseUrl}/avvisi/${call.id}/assegnazioni`);
    await page.click('[data-testid=proposal-compute]');
    await page.waitForSelector('[data-testid=proposal-row]');
    expect(await page.locator('[data-testid=proposal-row]').count()).toBe(3);
    await expect
      .poll(() => page.textContent('[data-testid=proposal-table]'), { timeout: 15_000 })
      .toContain('Quota indigenti');
    await expectAccessible(page, 'assignment proposal');

    await page.click('[data-testid=proposal-confirm] >> nth=0');
    await page.waitForSelector('[data-testid=assignment-row]');
    await expect
      .poll(() => page.textContent('[data-testid=assignment-state]'), { timeout: 15_000 })
      .toBe('Proposta confermata');
    expect(await page.locator('[data-testid=proposal-assignment]').count()).toBe(1);

    await page.click('[data-testid=assignment-action-offered]');
    await page.waitForSelector('[data-testid=assignment-event-form]');
    await expectAccessible(page, 'offer form');
    await page.click('[data-testid=assignment-event-submit]');
    await expect.poll(() => page.textContent('[data-testid=assignment-state]')).toBe('Alloggio offerto');

    // A refusal needs a reason: the form says so before anything is sent.
    await page.click('[data-testid=assignment-action-refused]');
    await page.click('[data-testid=assignment-event-submit]');
    await page.waitForSelector('[data-testid=assignment-event-form] [data-testid=error-summary]');
    expect(await focusedId(page)).toMatch(/^event-.*-summary$/);
    await expectAccessible(page, 'refusal form with errors');
    await page.click('[data-testid=assignment-action-accepted]');
    await page.click('[data-testid=assignment-event-submit]');
    await expect.poll(() => page.textContent('[data-testid=assignment-state]')).toBe('Accettato');
    const history = await page.textContent('[data-testid=assignment-history]');
    expect(history).toContain('Offerta dell’alloggio');
    expect(history).toContain('Accettazione');
    expect(await page.locator('[data-testid=assignment-action-decided]').count()).toBe(1);
    expect(await page.locator('[data-testid=assignment-action-offered]').count()).toBe(0);
    await expectAccessible(page, 'assignment board after acceptance');
  });

  it('shows rankings to the front desk without the officer’s controls', async () => {
    const csrf = await apiLogin(page.request, baseUrl, 'erp');
    const call = await seedSapCall(page.request, baseUrl, csrf, {
      name: 'Avviso e2e sola lettura',
      openedDaysAgo: 50,
      closedDaysAgo: 15,
    });
    // The same browser context, now signed in as the front desk.
    await apiLogin(page.request, baseUrl, 'sportello');
    await page.goto(`${baseUrl}/avvisi/${call.id}/graduatorie`);
    await page.waitForSelector('[data-testid=rankings-page]');
    expect(await page.locator('[data-testid=ranking-actions]').count()).toBe(0);
    await page.goto(`${baseUrl}/avvisi/${call.id}/assegnazioni`);
    await page.waitForSelector('[data-testid=assignment-board]');
    expect(await page.locator('[data-testid=proposal-compute]').count()).toBe(0);
    await expectAccessible(page, 'assignment board for the front desk');
  });
});
