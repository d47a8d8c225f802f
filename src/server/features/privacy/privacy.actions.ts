// Data-protection duties (GDPR): a person's data export (art. 15 and 20) and the retention job
// that pseudonymises closed household files (art. 5.1.e storage limitation, art. 89 statistics).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { plainDateOf } from '../../../core/kernel/plain-date.js';
import type { PersonExport } from '../../../shared/privacy.js';
import type { Db } from '../../db/client.js';
import { renderPdf } from '../../documents/pdf.js';
import { sweepOrphanFiles } from '../../documents/store.js';
import type { RequestContext } from '../../http/context.js';
import { deny, type App } from '../../http/route-kit.js';
import { newId } from '../../ids.js';
import { writeAudit, type AuditSource } from '../audit/audit.queries.js';
import { mayExportPersonData } from './privacy.access.js';
import {
  collectPersonData,
  householdsInactiveSince,
  insertRetentionRun,
  listColumns,
  markPseudonymised,
  pseudonymFor,
  pseudonymiseHousehold,
  PSEUDONYMISED_TABLES,
  purgeExpired,
  statisticsOf,
} from './privacy.queries.js';
import { APPEND_ONLY_REWRITTEN, suspendAppendOnly } from './retention-areas.queries.js';

export const EXPORT_LEGAL_BASIS =
  'Diritto di accesso dell’interessato (art. 15 Reg. UE 2016/679) e portabilità (art. 20); art. 2-undecies e 2-terdecies D.Lgs. 196/2003.';

/** Everything held about a fiscal code, audited on every household file it touches. */
export async function exportPersonData(
  db: Db,
  ctx: RequestContext | (AuditSource & { actor: RequestContext['actor'] }),
  fiscalCode: string,
): Promise<PersonExport> {
  const data = await collectPersonData(db, fiscalCode);
  const counts: Record<string, number> = {};
  for (const [t, rows] of Object.entries(data.tables)) counts[t] = rows.length;
  await db.kysely.transaction().execute(async (trx) => {
    await writeAudit(trx, ctx, {
      action: 'privacy_export',
      entityType: 'person',
      entityId: fiscalCode,
      details: { households: data.householdIds.length, rows: Object.values(counts).reduce((a, b) => a + b, 0) },
    });
    for (const householdId of data.householdIds) {
      await writeAudit(trx, ctx, {
        action: 'privacy_export',
        entityType: 'household',
        entityId: householdId,
        householdId,
      });
    }
  });
  return {
    fiscalCode,
    generatedAt: ctx.now.toISOString(),
    generatedBy: ctx.actor.username,
    legalBasis: EXPORT_LEGAL_BASIS,
    householdIds: data.householdIds,
    counts,
    tables: data.tables,
  };
}

/** The API use case: managers and administrators only; a refusal is audited. */
export async function exportPersonDataForRequest(app: App, ctx: RequestContext, fiscalCode: string) {
  if (!mayExportPersonData(ctx.actor)) {
    await deny(app, ctx, { action: 'privacy_export', entityType: 'person', entityId: fiscalCode });
  }
  return exportPersonData(app.deps.db, ctx, fiscalCode);
}

const cell = (v: unknown) =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** The export as a PDF/A document: one section per table, one block per row (field: value). */
export function personExportPdf(data: PersonExport): Promise<Buffer> {
  const content: unknown[] = [
    { text: `Dati personali relativi al codice fiscale ${data.fiscalCode}`, style: 'h1' },
    { text: `Estratto il ${data.generatedAt} da ${data.generatedBy}. ${data.legalBasis}`, style: 'small' },
    {
      text:
        data.householdIds.length === 0 && Object.keys(data.tables).length === 0
          ? 'Nessun dato personale trovato per questo codice fiscale.'
          : `Fascicoli del nucleo: ${data.householdIds.length}. Tabelle con dati: ${Object.keys(data.tables).length}.`,
      margin: [0, 6, 0, 6],
    },
  ];
  for (const [table, rows] of Object.entries(data.tables)) {
    content.push({ text: `${table} (${rows.length})`, style: 'h2' });
    for (const row of rows) {
      content.push({
        table: {
          widths: [130, '*'],
          body: Object.entries(row).map(([k, v]) => [{ text: k, style: 'th' }, { text: cell(v).slice(0, 2000) }]),
        },
        layout: 'lightHorizontalLines',
        margin: [0, 0, 0, 6],
      });
    }
  }
  return renderPdf({
    title: `Dati personali ${data.fiscalCode}`,
    subject: 'Accesso dell’interessato (art. 15 GDPR)',
    content,
  });
}

export interface RetentionResult {
  readonly runId: string | null;
  readonly dryRun: boolean;
  readonly cutoffOn: string;
  readonly households: number;
  readonly statistics: Record<string, { households: number; members: number; applications: number }>;
  readonly rowsChanged: number;
  /** Tables linked to household files that the job leaves as they are (append-only, or of another area). */
  readonly notRewritten: string[];
  readonly purged: { sessions: number; idempotencyKeys: number } | null;
  /** Append-only tables whose personal columns were rewritten under the retention exception. */
  readonly appendOnlyRewritten: string[];
  /** Document files deleted from the documents store (their metadata rows stay). */
  readonly documentFilesDeleted: number;
  /** Files of the store with no row, older than a day (left by a process killed mid-way), removed. */
  readonly orphanFilesDeleted: number;
}

/**
 * Pseudonymises the household files closed for more than `years` years. A file is closed when
 * nothing about it changed for that long — no row of any table linked to it (applications,
 * measures, evictions, messages…) was created or updated after the cut-off — and no procedure is
 * open on it (no live claim on a unit). Names, fiscal codes, addresses, contacts and free text are
 * replaced; the Comune, the years, amounts and counts stay, so that the statistics still add up.
 */
export async function runRetention(
  db: Db,
  source: AuditSource,
  opts: {
    readonly years: number;
    readonly dryRun: boolean;
    readonly timeZone: string;
    /** The documents store (config.documentsDir): the files of pseudonymised files are deleted from it. */
    readonly documentsDir?: string | undefined;
  },
): Promise<RetentionResult> {
  const started = source.now;
  const today = plainDateOf(started, opts.timeZone);
  const cutoffOn = `${Number(today.slice(0, 4)) - opts.years}${today.slice(4)}`;
  const cutoff = new Date(`${cutoffOn}T00:00:00Z`).toISOString();
  const households = await householdsInactiveSince(db, cutoff);
  const statistics = await statisticsOf(db.kysely, households);
  const columns = await listColumns(db);
  const notRewritten = [...columns]
    .filter(([t, cols]) => cols.includes('household_id') && !(PSEUDONYMISED_TABLES as readonly string[]).includes(t))
    .map(([t]) => t)
    .filter((t) => t !== 'pseudonymised_households' && t !== 'observatory_cells')
    .sort();
  if (opts.dryRun) {
    return {
      runId: null,
      dryRun: true,
      cutoffOn,
      households: households.length,
      statistics,
      rowsChanged: 0,
      notRewritten,
      purged: null,
      appendOnlyRewritten: [],
      documentFilesDeleted: 0,
      orphanFilesDeleted: 0,
    };
  }
  const runId = newId();
  const at = started.toISOString();
  let rowsChanged = 0;
  const documentFiles: string[] = [];
  const appendOnlyRewritten = households.length > 0 ? [...APPEND_ONLY_REWRITTEN] : [];
  const purged = await db.kysely.transaction().execute(async (trx) => {
    // Documented exception to the append-only rule (retention-areas.queries.ts): the "no update"
    // triggers of these tables are suspended inside this transaction only and restored before it
    // commits; the run's summary and audit row name the tables.
    const restoreTriggers = await suspendAppendOnly(trx, appendOnlyRewritten);
    for (const householdId of households) {
      const pseudonym = pseudonymFor(runId, householdId);
      const r = await pseudonymiseHousehold(trx, householdId, pseudonym);
      rowsChanged += r.rowsChanged;
      documentFiles.push(...r.documentFiles);
    }
    await restoreTriggers();
    await insertRetentionRun(trx, {
      id: runId,
      startedAt: at,
      finishedAt: new Date().toISOString() > at ? new Date().toISOString() : at,
      dryRun: false,
      years: opts.years,
      cutoffOn,
      households: households.length,
      summary: { statistics, rowsChanged, notRewritten, appendOnlyRewritten, documentFiles: documentFiles.length },
      runBy: source.actor?.username ?? null,
    });
    for (const householdId of households) {
      await markPseudonymised(trx, { householdId, runId, pseudonym: pseudonymFor(runId, householdId), at });
    }
    await writeAudit(trx, source, {
      action: 'retention',
      entityType: 'retention_run',
      entityId: runId,
      details: {
        cutoffOn,
        households: households.length,
        rowsChanged,
        appendOnlyRewritten,
        documentFiles: documentFiles.length,
      },
    });
    return purgeExpired(trx, at, new Date(started.getTime() - 24 * 3600_000).toISOString());
  });
  // The files go only once the pseudonymisation has committed (their rows no longer point to them).
  let documentFilesDeleted = 0;
  if (opts.documentsDir !== undefined) {
    const dir = path.resolve(opts.documentsDir);
    for (const key of documentFiles) {
      const file = path.resolve(dir, key);
      if (!file.startsWith(dir + path.sep)) continue; // a storage key never leaves the store
      await fs.rm(file, { force: true });
      documentFilesDeleted++;
    }
  }
  // Files no row names, left by a process killed between writing a file and committing its row (or
  // between the commit above and the deletions). A day old at least: younger ones may belong to an
  // upload in progress.
  const orphans =
    opts.documentsDir === undefined
      ? []
      : await sweepOrphanFiles(db.kysely, opts.documentsDir, {
          olderThan: new Date(started.getTime() - 24 * 3600_000),
        });
  if (orphans.length > 0) {
    await writeAudit(db.kysely, source, {
      action: 'delete_orphan_files',
      entityType: 'retention_run',
      entityId: runId,
      details: { storageKeys: orphans },
    });
  }
  const orphanFilesDeleted = orphans.length;
  return {
    runId,
    dryRun: false,
    cutoffOn,
    households: households.length,
    statistics,
    rowsChanged,
    notRewritten,
    purged,
    appendOnlyRewritten,
    documentFilesDeleted,
    orphanFilesDeleted,
  };
}
