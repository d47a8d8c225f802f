import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../../../../test/db.js';
import { DEMO_VULNERABILITY_LABELS, generateDemo } from '../../../core/demo/generate.js';
import { plainDateOf } from '../../../core/kernel/plain-date.js';
import { VULNERABILITY_LABELS } from '../../../shared/households.js';
import type { Db } from '../../db/client.js';
import { nextSequenceValue } from '../../db/sequences.js';
import { verifyPassword } from '../auth/passwords.js';
import { hasAnyUser, isDemoLoaded, loadDemoData } from './demo.actions.js';

const NOW = new Date('2026-11-26T09:30:00Z');
const PASSWORD = 'password-demo-2026';
const opened: TestDb[] = [];
let currentDialect: 'sqlite' | 'postgres' = 'sqlite';

async function freshDb(): Promise<Db> {
  const t = await createTestDb(currentDialect);
  opened.push(t);
  return t.db;
}

async function count(
  db: Db,
  table: 'households' | 'members' | 'units' | 'users' | 'comuni' | 'isee_records',
): Promise<number> {
  const row = await db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

afterEach(async () => {
  for (const t of opened.splice(0)) await t.destroy();
});

describe.each(testDialects())('loadDemoData on %s', (dialect) => {
  beforeEach(() => {
    currentDialect = dialect;
  });
  it('loads 50 households, the housing stock and the seven accounts, and marks the database', async () => {
    const db = await freshDb();
    expect(await isDemoLoaded(db)).toBe(false);
    expect(await hasAnyUser(db)).toBe(false);

    const summary = await loadDemoData(db, { households: 50, password: PASSWORD, seed: 3, now: NOW });

    const expected = generateDemo({ seed: 3, households: 50, today: plainDateOf(NOW, 'Europe/Rome') });
    expect(summary.households).toBe(50);
    expect(summary.units).toBe(1859);
    expect(summary.users.map((u) => u.username)).toEqual([
      'admin',
      'dirigente',
      'sportello',
      'sociale',
      'erp',
      'partner',
      'osservatore',
    ]);
    expect(await count(db, 'households')).toBe(50);
    expect(await count(db, 'members')).toBe(expected.members.length);
    expect(await count(db, 'isee_records')).toBe(expected.iseeRecords.length);
    expect(await count(db, 'units')).toBe(1859);
    expect(await count(db, 'comuni')).toBe(4);

    const users = await db.kysely
      .selectFrom('users')
      .select(['username', 'role', 'password_hash', 'active'])
      .where('username', '!=', 'system')
      .execute();
    expect(users.map((u) => [u.username, u.role]).sort()).toEqual(
      summary.users.map((u) => [u.username, u.role]).sort(),
    );
    expect(new Set(users.map((u) => u.password_hash)).size).toBe(1);
    expect(await verifyPassword(users[0]?.password_hash ?? '', PASSWORD)).toBe(true);
    expect(users.every((u) => u.active === 1)).toBe(true);

    const shares = await db.kysely
      .selectFrom('household_shares')
      .innerJoin('users', 'users.partner_id', 'household_shares.partner_id')
      .where('users.username', '=', 'partner')
      .select('household_shares.household_id')
      .execute();
    expect(shares).toHaveLength(10);

    const setting = await db.kysely
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'demo_loaded')
      .executeTakeFirst();
    expect(setting?.value).toBe(NOW.toISOString());
    expect(await isDemoLoaded(db)).toBe(true);
    expect(await hasAnyUser(db)).toBe(true);
  });

  it('advances the household sequences, so that files opened later get the next free code', async () => {
    const db = await freshDb();
    await loadDemoData(db, { households: 50, password: PASSWORD, seed: 5, now: NOW });
    const codes = await db.kysely.selectFrom('households').select('code').where('code', 'like', 'NF-2026-%').execute();
    const highest = Math.max(0, ...codes.map((c) => Number(c.code.slice(8))));
    expect(highest).toBe(codes.length);
    expect(await nextSequenceValue(db.kysely, 'household:2026')).toBe(codes.length + 1);
  });

  it('refuses a database that already holds data, and changes nothing', async () => {
    const db = await freshDb();
    await loadDemoData(db, { households: 20, password: PASSWORD, seed: 1, now: NOW });
    await expect(loadDemoData(db, { households: 20, password: PASSWORD, seed: 2, now: NOW })).rejects.toThrow(
      /già stati caricati/,
    );
    expect(await count(db, 'households')).toBe(20);
  });

  it('leaves nothing behind when an insert fails half-way', async () => {
    const db = await freshDb();
    const clash = generateDemo({ seed: 9, households: 0, today: plainDateOf(NOW, 'Europe/Rome') }).partners[0];
    // A partner with the same name violates a unique constraint after the Ambito and Comuni are written.
    await db.kysely
      .insertInto('partners')
      .values({
        id: 'partner-x',
        name: clash?.name ?? '',
        kind: 'third_sector',
        fiscal_code: null,
        email: null,
        phone: null,
        created_at: NOW.toISOString(),
      })
      .execute();
    await expect(loadDemoData(db, { households: 30, password: PASSWORD, seed: 9, now: NOW })).rejects.toThrow();
    expect(await count(db, 'comuni')).toBe(0);
    expect(await count(db, 'households')).toBe(0);
    expect(await isDemoLoaded(db)).toBe(false);
  });

  it('titles vulnerability events with the labels the application shows', () => {
    expect(DEMO_VULNERABILITY_LABELS).toEqual(VULNERABILITY_LABELS);
  });
});
