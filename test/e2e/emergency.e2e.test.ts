// Housing emergency from the browser: register an eviction, advance it to a set release date, see the
// alert, place the household in a temporary unit, file an educator report as the partner user, record
// the exit. axe-core on every page. Its data are its own (a household and a unit created here).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, plainDateOf, type PlainDate } from '../../src/core/kernel/plain-date.js';
import { householdInput, syntheticFiscalCode } from '../builders.js';
import { PARTNER_ID } from '../fixtures.js';
import { e2eBaseUrl, expectAccessible, launchBrowser } from './browser.js';
import { login, logout } from './helpers.js';

const base = e2eBaseUrl();
const today = plainDateOf(new Date(), 'Europe/Rome');
const d = (days: number) => addDays(today, days);

async function api(page: Page, method: 'POST' | 'GET', path: string, body?: unknown) {
  const session = (await (await page.request.get(`${base}/api/auth/session`)).json()) as { csrfToken: string };
  const res = await page.request.fetch(`${base}${path}`, {
    method,
    headers: { 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return res.json() as Promise<{ id: string }>;
}

async function fill(page: Page, form: string, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    const sel = `#${form}-${name}`;
    const tag = await page.locator(sel).evaluate((el) => el.tagName);
    if (tag === 'SELECT') await page.selectOption(sel, value);
    else await page.fill(sel, value);
  }
}

async function pickHousehold(page: Page, picker: string, surname: string) {
  await page.fill(`#${picker}`, surname);
  await page.click(`[data-testid=${picker}-search]`);
  await page.click(`[aria-label="Nuclei trovati"] button >> nth=0`);
  await page.waitForSelector(`[data-testid=${picker}-chosen]`);
}

describe.skipIf(base === null)('housing emergency in the browser', () => {
  const baseUrl = base ?? '';
  let browser: Browser;
  let page: Page;
  const surname = 'Emergenzi';

  beforeAll(async () => {
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('eviction → alert → placement → educator report by the partner → exit', async () => {
    await login(page, baseUrl, 'sociale');
    // Its own data: a mother with a child, and a unit of the test partner for women alone or with minors.
    const tag = String(Date.now()).slice(-6);
    await api(page, 'POST', '/api/households', {
      ...householdInput(),
      members: [
        {
          fiscalCode: syntheticFiscalCode({ surname3: 'MRG', name3: 'LNE', birthDate: '1990-04-10', sex: 'F' }),
          firstName: 'Elena',
          lastName: surname,
          birthDate: '1990-04-10',
          sex: 'F',
          relation: 'applicant',
          citizenship: 'italian',
        },
        {
          fiscalCode: syntheticFiscalCode({ surname3: 'MRG', name3: 'TMS', birthDate: '2018-02-02', sex: 'M' }),
          firstName: 'Tommaso',
          lastName: surname,
          birthDate: '2018-02-02',
          sex: 'M',
          relation: 'child',
          citizenship: 'italian',
        },
      ],
      acknowledgeDuplicates: true,
    });
    const unit = await api(page, 'POST', '/api/temporary-units', {
      code: `E2E-TMP-${tag}`,
      partnerId: PARTNER_ID,
      comuneId: 'comune-cinisello',
      address: 'Via delle Prove 1, Cinisello Balsamo',
      capacityPlaces: 4,
      rooms: 2,
      shared: true,
      targetGroup: 'women_alone_or_with_minors',
      stayKind: 'hospitality',
    });

    // 1. Register the eviction.
    await page.click('[data-testid=main-nav] >> text=Emergenza abitativa');
    await page.waitForSelector('[data-testid=emergency-page]');
    await expectAccessible(page, 'emergency landing page');
    await page.goto(`${baseUrl}/sfratti/nuovo`);
    await page.waitForSelector('[data-testid=eviction-new-page]');
    await pickHousehold(page, 'eviction-household', surname);
    await fill(page, 'eviction-form', {
      address: 'Via dei Tigli 3, Cinisello Balsamo',
      court: 'Tribunale di Monza',
      caseNumber: `${tag}/2026`,
      landlordName: 'Immobiliare Prova srl',
      landlordKind: 'company',
      motive: 'arrears',
      arrearsEuros: '3200',
      reportedBy: 'court',
      reportedOn: d(-70),
    });
    await expectAccessible(page, 'new eviction form');
    await page.click('[data-testid=eviction-form] button[type=submit]');
    await page.waitForSelector('[data-testid=eviction-page]');
    await expect
      .poll(() => page.textContent('[data-testid=eviction-status]'), { timeout: 15_000 })
      .toContain('Segnalato');

    // 2. Advance it, step by step, to a release date in 20 days; an impossible step is not offered.
    const options = await page.locator('#next-kind option').allTextContents();
    expect(options.join('|')).not.toContain('Accesso dell’ufficiale giudiziario');
    const step = async (kind: string, values: Record<string, string>, status: string) => {
      await page.selectOption('#next-kind', kind);
      await fill(page, 'eviction-event-form', values);
      await page.click('[data-testid=eviction-event-form] button[type=submit]');
      await page.waitForSelector(`[data-testid=eviction-status]:has-text("${status}")`);
    };
    await step('notice_served', { occurredOn: d(-60) }, 'Intimazione notificata');
    await step('validated', { occurredOn: d(-30) }, 'Sfratto convalidato');
    await step('release_date_set', { occurredOn: d(-30), plannedOn: d(20) }, 'Data di rilascio fissata');
    expect(await page.locator('[data-testid=eviction-events] tbody tr').count()).toBe(3);

    // 2b. Correct the procedure's data: a report date after a recorded stage is refused at its field,
    // then a corrected case number is saved and the stages stay as they were.
    await page.click('[data-testid=eviction-correct-toggle]');
    await page.waitForSelector('[data-testid=eviction-details-form]');
    await fill(page, 'eviction-details-form', { caseNumber: `${tag}-bis/2026`, reportedOn: d(-10) });
    await page.click('[data-testid=eviction-details-form] button[type=submit]');
    await page.waitForSelector('#eviction-details-form-reportedOn[aria-invalid=true]');
    await expectAccessible(page, 'eviction correction form with an error');
    await fill(page, 'eviction-details-form', { reportedOn: d(-70) });
    await page.click('[data-testid=eviction-details-form] button[type=submit]');
    await page.waitForSelector(`[data-testid=eviction-page] dd:has-text("R.G. ${tag}-bis/2026")`);
    expect(await page.locator('[data-testid=eviction-events] tbody tr').count()).toBe(3);

    // 3. The alert, on the procedure and on the work list.
    await page.waitForSelector('[data-testid=alert-release_within_window]');
    await expectAccessible(page, 'eviction page with events and alerts');
    await page.goto(`${baseUrl}/emergenza/avvisi`);
    await page.waitForSelector('[data-testid=worklist-page] [data-testid=alert-table]');
    await expect
      .poll(() => page.textContent('[data-testid=alert-table]'), { timeout: 15_000 })
      .toContain('Rilascio entro 30 giorni');
    await expectAccessible(page, 'work list');
    await page.goto(`${baseUrl}/sfratti?fase=validated`);
    await page.waitForSelector('[data-testid=eviction-table]');
    await expect.poll(() => page.textContent('[data-testid=eviction-table]'), { timeout: 15_000 }).toContain(surname);
    await expectAccessible(page, 'eviction list');

    // 4. Place the household in the temporary unit.
    await page.goto(`${baseUrl}/ospitalita/unita/${unit.id}`);
    await page.waitForSelector('[data-testid=selection-table]');
    await expectAccessible(page, 'unit page with selection list');
    await pickHousehold(page, 'placement-household', surname);
    await fill(page, 'placement-form', {
      placesUsed: '2',
      startsOn: today,
      plannedEndOn: addMonths(today as PlainDate, 5),
      monthlyGrantEuros: '150',
      monthlyCopaymentEuros: '40',
      educatorName: 'Educatrice Prova',
    });
    await page.click('[data-testid=placement-form] button[type=submit]');
    await page.waitForSelector('[data-testid=placement-page]');
    await expect
      .poll(() => page.textContent('[data-testid=placement-status]'), { timeout: 15_000 })
      .toContain('In corso');
    const placementUrl = page.url();
    await page.goto(`${baseUrl}/ospitalita`);
    await page.waitForSelector('[data-testid=placement-table]');
    await expectAccessible(page, 'occupancy board');
    await logout(page);

    // 5. The partner's educator files a report, from the partner's own narrow view.
    await login(page, baseUrl, 'partner');
    await page.goto(`${baseUrl}/ente`);
    await page.waitForSelector('[data-testid=partner-placements]');
    await expectAccessible(page, 'partner home');
    await page.goto(placementUrl);
    await page.waitForSelector('[data-testid=report-form]');
    await fill(page, 'report-form', {
      periodFrom: today,
      periodTo: today,
      reportedOn: today,
      body: 'Primo colloquio: la signora si è ambientata.',
    });
    await page.click('[data-testid=report-form] button[type=submit]');
    await page.waitForSelector('[data-testid=report-table] tbody tr');
    await expect
      .poll(() => page.textContent('[data-testid=report-table]'), { timeout: 15_000 })
      .toContain('Primo colloquio');
    expect(await page.locator('[data-testid=exit-form]').count()).toBe(0);
    await expectAccessible(page, 'placement page as partner');
    await logout(page);

    // 6. The agency records the exit.
    await login(page, baseUrl, 'sociale');
    await page.goto(placementUrl);
    await page.waitForSelector('[data-testid=exit-form]');
    await fill(page, 'exit-form', { exitedOn: today, destination: 'sap_assignment', note: 'Alloggio ERP assegnato' });
    await page.click('[data-testid=exit-form] button[type=submit]');
    await page.waitForSelector('[data-testid=placement-status]:has-text("Conclusa")');
    await expect
      .poll(() => page.textContent('[data-testid=exit-destination]'), { timeout: 15_000 })
      .toContain('Assegnazione di un alloggio pubblico');
    expect(await page.locator('[data-testid=report-form]').count()).toBe(0);
    await expectAccessible(page, 'ended placement');
    await page.goto(`${baseUrl}/sfratti/statistiche`);
    await page.waitForSelector('[data-testid=statistics-table]');
    await expectAccessible(page, 'statistics');
    // The social worker reads the settings; the manager changes them (a SAT stay past 5 years is
    // refused at its field; saving the defaults again leaves the other tests' rules as they were).
    await page.goto(`${baseUrl}/emergenza/parametri`);
    await page.waitForSelector('[data-testid=emergency-settings-table]');
    await expectAccessible(page, 'emergency settings, read only');
    await logout(page);
    await login(page, baseUrl, 'dirigente');
    await page.goto(`${baseUrl}/emergenza/parametri`);
    await page.waitForSelector('[data-testid=emergency-settings-form]');
    const satMax = '#emergency-settings-form-stayRules-sat-maxTotalMonths';
    await page.fill('#emergency-settings-form-stayRules-sat-maxRenewals', '6');
    await page.fill(satMax, '72');
    await page.click('[data-testid=emergency-settings-form] button[type=submit]');
    await page.waitForSelector(`${satMax}[aria-invalid=true]`);
    await expectAccessible(page, 'emergency settings with an error');
    await page.fill('#emergency-settings-form-stayRules-sat-maxRenewals', '4');
    await page.fill(satMax, '60');
    await page.click('[data-testid=emergency-settings-form] button[type=submit]');
    await page.waitForSelector('[data-testid=emergency-settings-status]:has-text("Modificati il")');
  });
});
