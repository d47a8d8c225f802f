import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../../../test/db.js';
import { backupSqlite, createDb } from './client.js';
import { currentMigration, migrateToLatest } from './migrate.js';
import { nextSequenceValue } from './sequences.js';
import { migrations } from './migrations/index.js';

describe.each(testDialects())('database layer on %s', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(dialect);
  });
  afterAll(async () => {
    await t.destroy();
  });

  it('reports the latest migration and re-running migrations changes nothing', async () => {
    expect(await currentMigration(t.db)).toBe(Object.keys(migrations).at(-1));
    expect(await migrateToLatest(t.db)).toEqual([]);
  });

  it('returns instants as the same UTC ISO strings and days as YYYY-MM-DD on both dialects', async () => {
    const at = '2026-11-26T10:15:30.123Z';
    await t.db.kysely.insertInto('ambiti').values({ id: 'a1', name: 'Ambito', created_at: at }).execute();
    const row = await t.db.kysely
      .selectFrom('ambiti')
      .select('created_at')
      .where('id', '=', 'a1')
      .executeTakeFirstOrThrow();
    expect(row.created_at).toBe(at);
    const day = await sql<{ d: string }>`select ${'2026-02-28'} as d`.execute(t.db.kysely);
    expect(day.rows[0]?.d).toBe('2026-02-28');
  });

  it('enforces foreign keys', async () => {
    await expect(
      t.db.kysely
        .insertInto('comuni')
        .values({
          id: 'c1',
          ambito_id: 'missing',
          name: 'X',
          istat_code: '1',
          belfiore_code: 'X000',
          province: 'MI',
          population: 1,
          is_lead: 0,
          created_at: new Date().toISOString(),
        })
        .execute(),
    ).rejects.toThrow();
  });

  it('keeps the audit log append-only', async () => {
    await t.db.kysely
      .insertInto('audit_log')
      .values({
        id: 'x1',
        at: new Date().toISOString(),
        action: 'read',
        entity_type: 'household',
        outcome: 'ok',
        user_id: null,
        username: null,
        role: null,
        entity_id: null,
        household_id: null,
        request_id: null,
        method: null,
        path: null,
        ip: null,
        details: null,
      })
      .execute();
    await expect(
      t.db.kysely.updateTable('audit_log').set({ action: 'changed' }).where('id', '=', 'x1').execute(),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.kysely.deleteFrom('audit_log').where('id', '=', 'x1').execute()).rejects.toThrow(/append-only/);
    const row = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('id', '=', 'x1')
      .executeTakeFirstOrThrow();
    expect(row.action).toBe('read');
  });

  it('hands out each sequence value once, also to concurrent transactions', async () => {
    const values = await Promise.all(
      Array.from({ length: 20 }, () => t.db.kysely.transaction().execute((trx) => nextSequenceValue(trx, 'test:seq'))),
    );
    expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('rolls back a transaction as a whole', async () => {
    await expect(
      t.db.kysely.transaction().execute(async (trx) => {
        await trx
          .insertInto('ambiti')
          .values({ id: 'a2', name: 'Half', created_at: new Date().toISOString() })
          .execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(
      await t.db.kysely.selectFrom('ambiti').select('id').where('id', '=', 'a2').executeTakeFirst(),
    ).toBeUndefined();
  });
});

describe('SQLite online backup', () => {
  it('writes a file that opens with the same data and migration version', async () => {
    const t = await createTestDb('sqlite');
    await t.db.kysely
      .insertInto('ambiti')
      .values({ id: 'bk', name: 'Backup', created_at: new Date().toISOString() })
      .execute();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'abitare-backup-')), 'copy.db');
    await backupSqlite(t.db, file);
    const copy = createDb({ dialect: 'sqlite', file });
    try {
      expect(await currentMigration(copy)).toBe(Object.keys(migrations).at(-1));
      const row = await copy.kysely.selectFrom('ambiti').select('name').where('id', '=', 'bk').executeTakeFirst();
      expect(row?.name).toBe('Backup');
    } finally {
      await copy.close();
      await t.destroy();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});
