// Page helpers for the browser tests: they drive the web app the way an operator does.
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../fixtures.js';

export async function login(page: Page, baseUrl: string, username: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#login-username', username);
  await page.fill('#login-password', password);
  await page.click('[data-testid=login-form] button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function logout(page: Page): Promise<void> {
  await page.click('[data-testid=logout]');
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

export interface MemberData {
  readonly fiscalCode: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly birthDate: string;
  readonly sex: 'F' | 'M';
  readonly relation?: string;
  readonly citizenship: 'italian' | 'eu' | 'non_eu';
  readonly permitKind?: string;
  readonly permitExpiresOn?: string;
  readonly disabilityPercent?: string;
}

/** Id of a control of the household form, from the dotted path of the input schema. */
export function householdField(path: string): string {
  return `#household-${path.replace(/\./g, '-')}`;
}

/** Fills member `index` of the household form (adding it first when it is not there yet). */
export async function fillMember(page: Page, index: number, m: MemberData): Promise<void> {
  const f = (name: string) => householdField(`members.${index}.${name}`);
  if ((await page.locator(f('fiscalCode')).count()) === 0) await page.click('[data-testid=member-add]');
  await page.fill(f('fiscalCode'), m.fiscalCode);
  await page.fill(f('firstName'), m.firstName);
  await page.fill(f('lastName'), m.lastName);
  await page.fill(f('birthDate'), m.birthDate);
  await page.selectOption(f('sex'), m.sex);
  if (m.relation) await page.selectOption(f('relation'), m.relation);
  await page.selectOption(f('citizenship'), m.citizenship);
  if (m.permitKind) await page.selectOption(f('permitKind'), m.permitKind);
  if (m.permitExpiresOn) await page.fill(f('permitExpiresOn'), m.permitExpiresOn);
  if (m.disabilityPercent) await page.fill(f('disabilityPercent'), m.disabilityPercent);
}

export async function fillAddress(
  page: Page,
  a: { readonly comune: string; readonly street: string; readonly number?: string },
): Promise<void> {
  await page.selectOption(householdField('comuneId'), { label: a.comune });
  await page.fill(householdField('addressStreet'), a.street);
  if (a.number) await page.fill(householdField('addressNumber'), a.number);
}

/** The id of the element that has the focus. */
export function focusedId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.activeElement?.id);
}
