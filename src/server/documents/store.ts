// The document store of the project: uploaded files (PDF, JPEG, PNG) kept outside the web root
// under random names, never executed, each with a metadata row in `documents` (who, what, sha256).
// The type is decided by the file's content (magic bytes), never by its name or declared type.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DbExecutor } from '../db/client.js';
import { AppError } from '../http/errors.js';
import { newId } from '../ids.js';

export const ALLOWED_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentMediaType = (typeof ALLOWED_MEDIA_TYPES)[number];

export interface DocumentStoreSettings {
  /** Folder outside the web root (config.documentsDir). */
  readonly dir: string;
  readonly maxBytes: number;
}

export interface StoredDocument {
  readonly id: string;
  readonly householdId: string | null;
  readonly ownerKind: string;
  readonly ownerId: string;
  readonly category: string | null;
  readonly originalName: string;
  readonly mediaType: DocumentMediaType;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly storedAt: string;
  readonly storedBy: string | null;
}

/** The media type from the first bytes of the file, or null when it is none of the allowed ones. */
export function detectMediaType(bytes: Uint8Array): DocumentMediaType | null {
  const starts = (sig: readonly number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  return null;
}

const EXTENSIONS: Record<DocumentMediaType, string> = {
  'application/pdf': '.pdf',
  'image/jpeg': '.jpg',
  'image/png': '.png',
};

/** The user's file name, kept for display only: no folders, no control characters, bounded length. */
export function sanitiseFileName(name: string | null | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 120);
  return cleaned === '' ? 'documento' : cleaned;
}

export interface StoreDocumentInput {
  readonly bytes: Uint8Array;
  readonly originalName: string | null | undefined;
  readonly householdId: string | null;
  readonly ownerKind: string;
  readonly ownerId: string;
  readonly category?: string | null;
  readonly by: string | null;
  readonly now: Date;
}

/** Checks type and size before anything is written; refusals carry stable codes. */
export function checkDocument(bytes: Uint8Array, settings: Pick<DocumentStoreSettings, 'maxBytes'>): DocumentMediaType {
  if (bytes.length > settings.maxBytes) {
    throw new AppError(
      413,
      'DOCUMENT_TOO_LARGE',
      `Il file supera la dimensione massima consentita (${Math.floor(settings.maxBytes / (1024 * 1024))} MB).`,
    );
  }
  const mediaType = bytes.length === 0 ? null : detectMediaType(bytes);
  if (!mediaType) {
    throw new AppError(
      415,
      'DOCUMENT_TYPE_NOT_ALLOWED',
      'Tipo di file non ammesso: caricare un documento PDF o un’immagine JPEG o PNG.',
    );
  }
  return mediaType;
}

/**
 * Stores a file and its metadata row. The file is written first (under a random name), and removed
 * again if the row cannot be inserted. Inside a use case's transaction, store through
 * `transactionWithDocuments`, which also removes the file when the transaction rolls back later.
 */
export async function storeDocument(
  db: DbExecutor,
  settings: DocumentStoreSettings,
  input: StoreDocumentInput,
  /** Receives the path of the file written, for the caller to remove it on rollback. */
  written?: string[],
): Promise<StoredDocument> {
  const mediaType = checkDocument(input.bytes, settings);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const at = input.now.toISOString();
  // Random name in a per-month folder: never the user's name or path.
  const storageKey = path.posix.join(at.slice(0, 7), `${randomBytes(16).toString('hex')}${EXTENSIONS[mediaType]}`);
  const file = path.join(settings.dir, storageKey);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, input.bytes, { flag: 'wx', mode: 0o600 });
  written?.push(file);
  const doc: StoredDocument = {
    id: newId(),
    householdId: input.householdId,
    ownerKind: input.ownerKind,
    ownerId: input.ownerId,
    category: input.category ?? null,
    originalName: sanitiseFileName(input.originalName),
    mediaType,
    sizeBytes: input.bytes.length,
    sha256,
    storedAt: at,
    storedBy: input.by,
  };
  try {
    await db
      .insertInto('documents')
      .values({
        id: doc.id,
        household_id: doc.householdId,
        owner_kind: doc.ownerKind,
        owner_id: doc.ownerId,
        category: doc.category,
        original_name: doc.originalName,
        media_type: doc.mediaType,
        size_bytes: doc.sizeBytes,
        sha256: doc.sha256,
        storage_key: storageKey,
        stored_at: at,
        stored_by: doc.storedBy,
      })
      .execute();
  } catch (error) {
    await fs.rm(file, { force: true });
    throw error;
  }
  return doc;
}

/**
 * Runs a use case's transaction in which documents are stored. A file written during a transaction
 * that then fails (a later insert, the commit) is removed again: no file is left without its row.
 */
export async function transactionWithDocuments<T>(
  root: DbExecutor,
  settings: DocumentStoreSettings,
  fn: (db: DbExecutor, store: (input: StoreDocumentInput) => Promise<StoredDocument>) => Promise<T>,
): Promise<T> {
  const written: string[] = [];
  try {
    return await root.transaction().execute((db) => fn(db, (input) => storeDocument(db, settings, input, written)));
  } catch (error) {
    await Promise.all(written.map((file) => fs.rm(file, { force: true })));
    throw error;
  }
}

/**
 * Files of the store that no `documents` row names, older than `olderThan` (younger ones may belong
 * to a transaction still running). They are left by a process killed between writing a file and
 * committing its row, or between committing a retention run and deleting its files. Removed unless
 * `dryRun`; returns their storage keys.
 */
export async function sweepOrphanFiles(
  db: DbExecutor,
  dir: string,
  opts: { readonly olderThan: Date; readonly dryRun?: boolean },
): Promise<string[]> {
  const root = path.resolve(dir);
  let entries: string[];
  try {
    entries = (await fs.readdir(root, { recursive: true })).map(String);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  // Only what the store writes: YYYY-MM/<32 hex>.<ext>; anything else in the folder is not ours.
  const candidates = entries
    .map((e) => e.split(path.sep).join('/'))
    .filter((key) => /^\d{4}-\d{2}\/[0-9a-f]{32}\.(pdf|jpg|png)$/.test(key));
  if (candidates.length === 0) return [];
  const known = new Set<string>();
  for (let i = 0; i < candidates.length; i += 500) {
    const rows = await db
      .selectFrom('documents')
      .select('storage_key')
      .where('storage_key', 'in', candidates.slice(i, i + 500))
      .execute();
    for (const r of rows) known.add(r.storage_key);
  }
  const orphans: string[] = [];
  for (const key of candidates) {
    if (known.has(key)) continue;
    const file = path.join(root, key);
    const stat = await fs.stat(file).catch(() => null);
    if (!stat || stat.mtime >= opts.olderThan) continue;
    if (!opts.dryRun) await fs.rm(file, { force: true });
    orphans.push(key);
  }
  return orphans.sort();
}

function toStored(r: {
  id: string;
  household_id: string | null;
  owner_kind: string;
  owner_id: string;
  category: string | null;
  original_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  stored_at: string;
  stored_by: string | null;
}): StoredDocument {
  return {
    id: r.id,
    householdId: r.household_id,
    ownerKind: r.owner_kind,
    ownerId: r.owner_id,
    category: r.category,
    originalName: r.original_name,
    mediaType: r.media_type as DocumentMediaType,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    storedAt: r.stored_at,
    storedBy: r.stored_by,
  };
}

/** Metadata of the documents attached to an owner (e.g. a measure application). */
export async function listDocuments(db: DbExecutor, ownerKind: string, ownerId: string): Promise<StoredDocument[]> {
  const rows = await db
    .selectFrom('documents')
    .selectAll()
    .where('owner_kind', '=', ownerKind)
    .where('owner_id', '=', ownerId)
    .orderBy('stored_at')
    .orderBy('id')
    .execute();
  return rows.map(toStored);
}

export async function findDocument(db: DbExecutor, id: string): Promise<StoredDocument | undefined> {
  const row = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toStored(row) : undefined;
}

/**
 * A stored document with its bytes, checked against the sha256 recorded at upload (a file changed
 * on disk is reported, never served). Authorisation is the caller's job.
 */
export async function openDocument(
  db: DbExecutor,
  settings: Pick<DocumentStoreSettings, 'dir'>,
  id: string,
): Promise<{ readonly document: StoredDocument; readonly bytes: Buffer } | undefined> {
  const row = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  // The retention job (features/privacy) deletes the file of a closed household file and keeps the row.
  if (row.storage_key.startsWith('rimosso/')) {
    throw new AppError(404, 'NOT_FOUND', 'Il file è stato cancellato alla scadenza del periodo di conservazione.');
  }
  const root = path.resolve(settings.dir);
  const file = path.resolve(root, row.storage_key);
  if (!file.startsWith(root + path.sep)) throw new Error(`Document ${id} has a storage key outside the store`);
  const bytes = await fs.readFile(file);
  if (createHash('sha256').update(bytes).digest('hex') !== row.sha256) {
    throw new AppError(409, 'CONFLICT', 'Il documento archiviato risulta alterato: contattare l’amministratore.');
  }
  return { document: toStored(row), bytes };
}
