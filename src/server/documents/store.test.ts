import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../../../test/db.js';
import { seedBasics } from '../../../test/fixtures.js';
import {
  checkDocument,
  detectMediaType,
  openDocument,
  sanitiseFileName,
  storeDocument,
  sweepOrphanFiles,
  transactionWithDocuments,
} from './store.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const PDF = Buffer.from('%PDF-1.7\n%%EOF\n');

describe('document type by content (magic bytes)', () => {
  it('recognises PDF, JPEG and PNG and nothing else', () => {
    expect(detectMediaType(PDF)).toBe('application/pdf');
    expect(detectMediaType(JPEG)).toBe('image/jpeg');
    expect(detectMediaType(PNG)).toBe('image/png');
    expect(detectMediaType(Buffer.from('<html><script>'))).toBeNull();
    expect(detectMediaType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(detectMediaType(Buffer.alloc(0))).toBeNull();
  });
  it('refuses other types and oversize files with stable codes', () => {
    expect(() => checkDocument(Buffer.from('GIF89a'), { maxBytes: 100 })).toThrow(
      expect.objectContaining({ code: 'DOCUMENT_TYPE_NOT_ALLOWED' }),
    );
    expect(() => checkDocument(Buffer.concat([PDF, Buffer.alloc(100)]), { maxBytes: 100 })).toThrow(
      expect.objectContaining({ code: 'DOCUMENT_TOO_LARGE' }),
    );
  });
  it('keeps only a clean display name, never a path', () => {
    expect(sanitiseFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitiseFileName('C:\\Users\\x\\contratto.pdf')).toBe('contratto.pdf');
    expect(sanitiseFileName('a\u0000b<c>.pdf')).toBe('ab_c_.pdf');
    expect(sanitiseFileName('')).toBe('documento');
    expect(sanitiseFileName('.htaccess')).toBe('htaccess');
  });
});

describe.each(testDialects())('document store on %s', (dialect) => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDb(dialect);
    await seedBasics(t.db);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abitare-store-'));
  });
  afterAll(async () => {
    await t.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores outside the web root under a random name, with sha256, and reads it back', async () => {
    const now = new Date('2026-11-26T10:00:00Z');
    const doc = await storeDocument(
      t.db.kysely,
      { dir, maxBytes: 1000 },
      {
        bytes: PNG,
        originalName: '../foto documento.png',
        householdId: null,
        ownerKind: 'test',
        ownerId: 'x1',
        by: null,
        now,
      },
    );
    expect(doc).toMatchObject({ mediaType: 'image/png', sizeBytes: PNG.length, originalName: 'foto documento.png' });
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    const row = await t.db.kysely
      .selectFrom('documents')
      .selectAll()
      .where('id', '=', doc.id)
      .executeTakeFirstOrThrow();
    expect(row.storage_key).toMatch(/^2026-11\/[0-9a-f]{32}\.png$/);
    const opened = await openDocument(t.db.kysely, { dir }, doc.id);
    expect(opened?.bytes.equals(PNG)).toBe(true);
    // A file altered on disk is reported, never served.
    fs.writeFileSync(path.join(dir, row.storage_key), JPEG);
    await expect(openDocument(t.db.kysely, { dir }, doc.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
  it('writes nothing for a refused file', async () => {
    const before = fs.readdirSync(dir, { recursive: true }).length;
    await expect(
      storeDocument(
        t.db.kysely,
        { dir, maxBytes: 1000 },
        {
          bytes: Buffer.from('#!/bin/sh'),
          originalName: 'x.pdf',
          householdId: null,
          ownerKind: 'test',
          ownerId: 'x2',
          by: null,
          now: new Date(),
        },
      ),
    ).rejects.toMatchObject({ code: 'DOCUMENT_TYPE_NOT_ALLOWED' });
    expect(fs.readdirSync(dir, { recursive: true }).length).toBe(before);
    const rows = await t.db.kysely.selectFrom('documents').select('id').where('owner_id', '=', 'x2').execute();
    expect(rows).toEqual([]);
  });
  it('removes the file again when the transaction fails after storing it', async () => {
    const settings = { dir, maxBytes: 1000 };
    const files = () => fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.pdf'));
    const before = files().length;
    await expect(
      transactionWithDocuments(t.db.kysely, settings, async (_db, store) => {
        await store({
          bytes: PDF,
          originalName: 'a.pdf',
          householdId: null,
          ownerKind: 'test',
          ownerId: 'x3',
          by: null,
          now: new Date(),
        });
        await store({
          bytes: PDF,
          originalName: 'b.pdf',
          householdId: null,
          ownerKind: 'test',
          ownerId: 'x3',
          by: null,
          now: new Date(),
        });
        // A later step of the use case fails (an insert, a rule): the rows roll back, the files go.
        throw new Error('passo successivo fallito');
      }),
    ).rejects.toThrow('passo successivo fallito');
    expect(files().length).toBe(before);
    expect(await t.db.kysely.selectFrom('documents').select('id').where('owner_id', '=', 'x3').execute()).toEqual([]);

    // A transaction that commits keeps its file and row.
    const doc = await transactionWithDocuments(t.db.kysely, settings, (_db, store) =>
      store({
        bytes: PDF,
        originalName: 'c.pdf',
        householdId: null,
        ownerKind: 'test',
        ownerId: 'x4',
        by: null,
        now: new Date(),
      }),
    );
    expect(files().length).toBe(before + 1);
    expect((await openDocument(t.db.kysely, { dir }, doc.id))?.bytes.equals(PDF)).toBe(true);
  });

  it('sweeps the files no row names once they are old enough, and nothing else', async () => {
    const own = await storeDocument(
      t.db.kysely,
      { dir, maxBytes: 1000 },
      {
        bytes: PDF,
        originalName: 'tenuto.pdf',
        householdId: null,
        ownerKind: 'test',
        ownerId: 'x5',
        by: null,
        now: new Date(),
      },
    );
    const ownKey = (
      await t.db.kysely.selectFrom('documents').select('storage_key').where('id', '=', own.id).executeTakeFirstOrThrow()
    ).storage_key;
    const plant = (key: string, ageHours: number) => {
      const file = path.join(dir, key);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, PDF);
      const at = new Date(Date.now() - ageHours * 3600_000);
      fs.utimesSync(file, at, at);
      return file;
    };
    const old = plant(`2025-01/${'0f'.repeat(16)}.pdf`, 48);
    const young = plant(`2026-11/${'1e'.repeat(16)}.png`, 1);
    const foreign = plant('LEGGIMI.pdf', 48);
    fs.utimesSync(path.join(dir, ownKey), new Date(0), new Date(0));
    const olderThan = new Date(Date.now() - 24 * 3600_000);

    // A dry run lists, removes nothing.
    expect(await sweepOrphanFiles(t.db.kysely, dir, { olderThan, dryRun: true })).toEqual([
      `2025-01/${'0f'.repeat(16)}.pdf`,
    ]);
    expect(fs.existsSync(old)).toBe(true);

    expect(await sweepOrphanFiles(t.db.kysely, dir, { olderThan })).toEqual([`2025-01/${'0f'.repeat(16)}.pdf`]);
    expect(fs.existsSync(old)).toBe(false);
    // Too young (an upload in progress may own it), not the store's naming, or named by a row: kept.
    expect(fs.existsSync(young)).toBe(true);
    expect(fs.existsSync(foreign)).toBe(true);
    expect((await openDocument(t.db.kysely, { dir }, own.id))?.bytes.equals(PDF)).toBe(true);
    // A store that does not exist yet has nothing to sweep.
    expect(await sweepOrphanFiles(t.db.kysely, path.join(dir, 'non-esiste'), { olderThan })).toEqual([]);
    fs.rmSync(young);
    fs.rmSync(foreign);
  });
});
