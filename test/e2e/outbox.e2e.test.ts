// A manager decides on a delivery the outbox could not complete: the page lists it, the decision
// needs a note, and the delivery leaves the list once decided. axe on the page.
import SqliteDatabase from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { syntheticFiscalCode } from '../builders.js';
import { e2eBaseUrl, expectAccessible, launchBrowser } from './browser.js';
import { apiLogin, isoDay } from './sap-seed.js';

const base = e2eBaseUrl();

describe.skipIf(base === null)('deliveries to decide on, in the browser', () => {
  const baseUrl = base ?? '';
  let browser: Browser;
  let page: Page;
  let subject: string;
  let householdCode: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
    page = await context.newPage();
    const csrf = await apiLogin(page.request, baseUrl, 'dirigente');
    const headers = { 'x-csrf-token': csrf };
    const created = await page.request.post(`${baseUrl}/api/households`, {
      headers,
      data: {
        comuneId: 'comune-cinisello',
        addressStreet: 'Via degli Invii',
        addressNumber: '3',
        addressPostcode: '20092',
        addressCity: 'Cinisello Balsamo',
        email: 'invii.e2e@example.test',
        loneParent: false,
        members: [
          {
            fiscalCode: syntheticFiscalCode({ surname3: 'NVV', name3: 'MRA', birthDate: '1975-03-03', sex: 'F' }),
            firstName: 'Maria',
            lastName: 'Invii',
            birthDate: '1975-03-03',
            sex: 'F',
            relation: 'applicant',
            citizenship: 'italian',
          },
        ],
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const household = (await created.json()) as { id: string; code: string };
    const householdId = household.id;
    householdCode = household.code;
    subject = `Colloquio e2e ${Date.now()}`;
    const sent = await page.request.post(`${baseUrl}/api/households/${householdId}/messages`, {
      headers,
      data: {
        letter: false,
        params: {
          template: 'appointment_reminder',
          on: isoDay(7),
          time: '10:00',
          place: 'Sportello',
          purpose: subject,
        },
      },
    });
    expect(sent.status(), await sent.text()).toBe(201);
    const messageId = ((await sent.json()) as { id: string }).id;
    // What the outbox job leaves when the process stops between the provider's answer and the record.
    const db = new SqliteDatabase(inject('e2eDbFile') ?? '');
    try {
      const changed = db
        .prepare(
          "update outbox set state = 'uncertain', last_error = 'Interruzione durante l’invio' where message_id = ? and channel = 'email'",
        )
        .run(messageId);
      expect(changed.changes).toBe(1);
    } finally {
      db.close();
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the uncertain delivery and records the manager’s decision with a note', async () => {
    // The page's context holds the manager's session opened through the API above.
    await page.goto(`${baseUrl}/comunicazioni`);
    await page.waitForSelector('[data-testid=outbox-problems]');
    const row = page.locator('[data-testid=outbox-problem]', { hasText: householdCode }).first();
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('da verificare');
    await expectAccessible(page, 'invii da verificare');
    await row.locator('[data-testid=outbox-decide]').click();
    const form = row.locator('[data-testid=outbox-resolution-form]');
    await form.locator('button[type=submit]').click();
    // Nothing chosen: the errors are shown at the fields, in Italian.
    await expect.poll(() => form.textContent(), { timeout: 15_000 }).toContain('Scegliere la decisione.');
    await form.locator('select').selectOption('delivered');
    await form.locator('textarea').fill('La signora conferma di aver ricevuto l’e-mail');
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('.alert-success');
    await expect.poll(() => page.textContent('.alert-success'), { timeout: 15_000 }).toContain('consegnato');
    expect(await page.locator('[data-testid=outbox-problem]', { hasText: householdCode }).count()).toBe(0);
    await expectAccessible(page, 'decisione registrata');
  });
});
