// Use cases of the housing stock. Each change runs in one transaction and writes its audit row inside it;
// a unit's `state` column always follows the newest row of its append-only history.
import { createHash } from 'node:crypto';
import { formatPlainDateIt, plainDateOf } from '../../../core/kernel/plain-date.js';
import type { ErrorIssue } from '../../../shared/errors.js';
import {
  canMoveUnit,
  UNIT_CSV_COLUMNS,
  UNIT_STATE_LABELS,
  UNIT_STATES,
  type ImportProblem,
  type UnitDetail,
  type UnitImportReport,
  type UnitListQuery,
  type UnitListResult,
  type UnitProgramme,
  type UnitState,
  type UnitStateInput,
  type UnitSummary,
} from '../../../shared/units.js';
import { readItalianCsv, type CsvTable } from '../../csv/italian-csv.js';
import type { DbExecutor } from '../../db/client.js';
import type { RequestContext } from '../../http/context.js';
import { AppError, forbidden, notFound, validationFailed } from '../../http/errors.js';
import { newId } from '../../ids.js';
import { writeAudit } from '../audit/audit.queries.js';
import { canChangeUnitsIn, canImportUnits, canReadUnits } from './units.access.js';
import { parseUnitRows, type UnitCandidate } from './units.csv.js';
import {
  findCall,
  findFileImport,
  findUnit,
  findUnitsByCodes,
  insertCallUnits,
  insertFileImport,
  insertStateChanges,
  insertUnits,
  isUnitClaimed,
  listCallUnitIds,
  listComuni,
  listOwners,
  listUnitCalls,
  listUnitHistory,
  listUnits,
  updateUnit,
  type StockUnitRow,
  type UnitSummaryRow,
} from './units.queries.js';

const IMPORT_KIND = 'units';

/** Refusals are audited outside the use case's transaction, so that they survive its rollback. */
async function refuse(
  root: DbExecutor,
  ctx: RequestContext,
  entry: { action: string; entityType: string; entityId?: string | null },
): Promise<never> {
  await writeAudit(root, ctx, { ...entry, outcome: 'denied' });
  throw forbidden();
}

function isUnitState(value: string): value is UnitState {
  return (UNIT_STATES as readonly string[]).includes(value);
}

function toSummary(r: UnitSummaryRow): UnitSummary {
  return {
    id: r.id,
    code: r.code,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    comuneId: r.comune_id,
    comuneName: r.comune_name,
    programme: r.programme,
    address: [r.address_street, r.address_number].filter(Boolean).join(', '),
    floorAreaDm2: Number(r.floor_area_dm2),
    rooms: Number(r.rooms),
    floor: Number(r.floor),
    hasLift: r.has_lift === 1,
    accessible: r.accessible === 1,
    state: r.state as UnitState,
    worksCostCents: r.works_cost_cents === null ? null : Number(r.works_cost_cents),
    reserveCategory: r.reserve_category,
  };
}

export async function listStock(root: DbExecutor, ctx: RequestContext, query: UnitListQuery): Promise<UnitListResult> {
  if (!canReadUnits(ctx.actor)) await refuse(root, ctx, { action: 'search', entityType: 'unit' });
  const { rows, total } = await listUnits(root, query);
  return { items: rows.map(toSummary), total };
}

/** The unit with its history. The stock is not personal data: reads are not written to the audit log. */
export async function readUnit(root: DbExecutor, ctx: RequestContext, id: string): Promise<UnitDetail> {
  if (!canReadUnits(ctx.actor)) await refuse(root, ctx, { action: 'read', entityType: 'unit', entityId: id });
  const unit = await findUnit(root, id);
  if (!unit) throw notFound('L’alloggio');
  const [history, calls] = await Promise.all([listUnitHistory(root, id), listUnitCalls(root, id)]);
  return {
    ...toSummary(unit),
    addressStreet: unit.address_street,
    addressNumber: unit.address_number,
    createdAt: unit.created_at,
    updatedAt: unit.updated_at,
    history: history.map((h) => ({
      id: h.id,
      state: h.state as UnitState,
      worksCostCents: h.works_cost_cents === null ? null : Number(h.works_cost_cents),
      reason: h.reason,
      source: h.source,
      changedAt: h.changed_at,
      changedByName: h.changed_by_name,
    })),
    calls,
  };
}

export async function changeUnitState(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  input: UnitStateInput,
): Promise<void> {
  const unit = await findUnit(root, id);
  if (!unit) throw notFound('L’alloggio');
  if (!canChangeUnitsIn(ctx.actor, unit.comune_id)) {
    await refuse(root, ctx, { action: 'change_state', entityType: 'unit', entityId: id });
  }
  await root.transaction().execute(async (db) => {
    const current = await db
      .selectFrom('units')
      .select(['state', 'works_cost_cents'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const from = current.state;
    const fromLabel = isUnitState(from) ? UNIT_STATE_LABELS[from] : from;
    if (input.fromState !== undefined && input.fromState !== from) {
      throw new AppError(
        409,
        'STALE_VERSION',
        `Lo stato dell’alloggio è cambiato nel frattempo (ora è «${fromLabel}»): ricarica la pagina e riprova.`,
      );
    }
    const sameCost = current.works_cost_cents !== null && Number(current.works_cost_cents) === input.worksCostCents;
    if ((isUnitState(from) && !canMoveUnit(from, input.state)) || (from === input.state && sameCost)) {
      throw validationFailed([
        {
          path: 'state',
          code: 'state_unchanged',
          message:
            from === 'works_needed'
              ? 'L’alloggio necessita già di lavori con questo costo stimato: indicare un nuovo stato o un nuovo costo.'
              : `L’alloggio è già nello stato «${fromLabel}».`,
        },
      ]);
    }
    if (await isUnitClaimed(db, id)) {
      throw new AppError(
        409,
        'CONFLICT',
        'L’alloggio è impegnato in un’assegnazione in corso: il suo stato segue l’assegnazione.',
      );
    }
    const at = ctx.now.toISOString();
    await updateUnit(db, id, { state: input.state, works_cost_cents: input.worksCostCents, updated_at: at });
    await insertStateChanges(db, [
      {
        id: newId(),
        unit_id: id,
        state: input.state,
        works_cost_cents: input.worksCostCents,
        reason: input.reason,
        source: 'manual',
        changed_at: at,
        changed_by: ctx.actor.userId,
      },
    ]);
    await writeAudit(db, ctx, {
      action: 'change_state',
      entityType: 'unit',
      entityId: id,
      details: { code: unit.code, from, to: input.state, worksCostCents: input.worksCostCents },
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Import of a units file

export interface UnitImportOptions {
  /** Shown in the report and kept with the import. */
  readonly fileName: string;
  /** Validate and report what would change, writing nothing. */
  readonly dryRun?: boolean;
  /** Also offer every unit of the file in this call (id or code); re-running keeps the links it made. */
  readonly callId?: string | null;
  readonly onProgress?: (done: number, total: number) => void;
}

interface Plan {
  readonly problems: ImportProblem[];
  readonly creates: UnitCandidate[];
  readonly updates: { readonly current: StockUnitRow; readonly next: UnitCandidate; readonly stateChanges: boolean }[];
  readonly unchanged: { readonly current: StockUnitRow; readonly next: UnitCandidate }[];
}

function sameAsFile(u: StockUnitRow, c: UnitCandidate): boolean {
  return (
    u.owner_id === c.ownerId &&
    u.comune_id === c.comuneId &&
    u.address_street === c.addressStreet &&
    (u.address_number ?? null) === c.addressNumber &&
    Number(u.floor_area_dm2) === c.floorAreaDm2 &&
    Number(u.rooms) === c.rooms &&
    Number(u.floor) === c.floor &&
    u.has_lift === (c.hasLift ? 1 : 0) &&
    u.accessible === (c.accessible ? 1 : 0) &&
    u.state === c.state &&
    (u.reserve_category ?? null) === c.reserveCategory
  );
}

const COLUMN_ORDER = new Map<string, number>(UNIT_CSV_COLUMNS.map((c, i) => [c, i]));

function byPlace(a: ImportProblem, b: ImportProblem): number {
  return a.line - b.line || (COLUMN_ORDER.get(a.column ?? '') ?? -1) - (COLUMN_ORDER.get(b.column ?? '') ?? -1);
}

/** Compares the file with the stock: every problem, and what would be created, updated or left alone. */
async function planImport(db: DbExecutor, ctx: RequestContext, table: CsvTable): Promise<Plan> {
  const [owners, comuni] = await Promise.all([listOwners(db), listComuni(db)]);
  const { candidates, problems } = parseUnitRows(table.rows, { owners, comuni });
  if (table.rows.length === 0) {
    problems.push({
      line: 1,
      column: null,
      value: null,
      code: 'file_empty',
      message: 'Il file non contiene alloggi: c’è solo la riga di intestazione.',
    });
  }
  const comuneName = new Map(comuni.map((c) => [c.id, c.name]));
  const existing = new Map(
    (
      await findUnitsByCodes(
        db,
        candidates.map((c) => c.code),
      )
    ).map((u) => [u.code, u]),
  );
  const plan: Plan = { problems, creates: [], updates: [], unchanged: [] };
  for (const next of candidates) {
    const current = existing.get(next.code);
    const outOfScope = [next.comuneId, current?.comune_id].find(
      (comuneId) => comuneId !== undefined && !canChangeUnitsIn(ctx.actor, comuneId),
    );
    if (outOfScope !== undefined) {
      problems.push({
        line: next.line,
        column: 'comune',
        value: comuneName.get(next.comuneId) ?? null,
        code: 'comune_out_of_scope',
        message: `Non sei abilitato a gestire gli alloggi del Comune di ${comuneName.get(outOfScope) ?? outOfScope}.`,
      });
      continue;
    }
    if (!current) {
      plan.creates.push(next);
      continue;
    }
    const stateChanges = current.state !== next.state;
    if (stateChanges && current.claimed_by !== null) {
      problems.push({
        line: next.line,
        column: 'stato',
        value: table.rows.find((r) => r.line === next.line)?.cells.stato ?? null,
        code: 'unit_claimed',
        message: `L’alloggio ${next.code} è impegnato in un’assegnazione in corso: il suo stato non si cambia da un file.`,
      });
      continue;
    }
    if (sameAsFile(current, next)) plan.unchanged.push({ current, next });
    else plan.updates.push({ current, next, stateChanges });
  }
  problems.sort(byPlace);
  return plan;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function describeCounts(created: number, updated: number, unchanged: number): string {
  return [
    plural(created, 'alloggio nuovo', 'alloggi nuovi'),
    plural(updated, 'aggiornato', 'aggiornati'),
    plural(unchanged, 'invariato', 'invariati'),
  ].join(', ');
}

function problemIssues(problems: readonly ImportProblem[]): ErrorIssue[] {
  return problems.map((p) =>
    // Line 0: a problem of the whole file (encoding, not CSV), not of one of its lines.
    p.line === 0
      ? { path: 'file', code: p.code, message: p.message }
      : {
          path: p.column ? `rows.${p.line}.${p.column}` : `rows.${p.line}`,
          code: p.code,
          message: `Riga ${p.line}${p.column ? `, colonna ${p.column}` : ''}${p.value ? ` («${p.value}»)` : ''}: ${p.message}`,
        },
  );
}

/**
 * Imports a units file into the stock, all or nothing (docs/formats/units.md). The same file twice
 * changes nothing; a new file updates the units it names (a state change is added to their history)
 * and creates the others. With `callId` the units are also offered in that call.
 * With problems: a dry run returns them in the report, a real import throws a 400 that lists them all.
 */
export async function importUnits(
  root: DbExecutor,
  ctx: RequestContext,
  bytes: Buffer,
  options: UnitImportOptions,
): Promise<UnitImportReport> {
  if (!canImportUnits(ctx.actor)) await refuse(root, ctx, { action: 'import', entityType: 'unit' });
  const dryRun = options.dryRun ?? false;
  const fileName = options.fileName.trim() || 'alloggi.csv';
  const read = readItalianCsv(bytes, UNIT_CSV_COLUMNS);
  const report: UnitImportReport = {
    dryRun,
    alreadyImported: false,
    importId: null,
    fileName,
    sha256: read.ok ? read.table.sha256 : createHash('sha256').update(bytes).digest('hex'),
    rows: read.ok ? read.table.rows.length : 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    stateChanges: 0,
    call: null,
    linkedToCall: 0,
    problems: [],
    message: '',
  };

  const fail = (problems: ImportProblem[]): UnitImportReport => {
    const message = `Il file contiene ${plural(problems.length, 'errore', 'errori')}: nessun alloggio è stato importato.`;
    if (dryRun) return { ...report, problems, message };
    throw validationFailed(problemIssues(problems), message);
  };

  if (options.callId) {
    const call = await findCall(root, options.callId);
    if (!call) {
      throw validationFailed(
        [{ path: 'callId', code: 'unknown_call', message: `Avviso sconosciuto: «${options.callId}».` }],
        `Avviso sconosciuto: «${options.callId}».`,
      );
    }
    report.call = call;
  }
  if (!read.ok) {
    return fail([{ line: read.line ?? 0, column: null, value: null, code: 'file_invalid', message: read.message }]);
  }
  const { table } = read;
  const callKey = report.call?.id ?? '';

  const previous = await findFileImport(root, IMPORT_KIND, callKey, table.sha256);
  if (previous) {
    const on = formatPlainDateIt(plainDateOf(new Date(previous.imported_at)));
    return {
      ...report,
      alreadyImported: true,
      importId: previous.id,
      unchanged: table.rows.length,
      message: `Questo file è già stato importato il ${on} («${previous.file_name}»): nessuna modifica.`,
    };
  }

  if (dryRun) {
    const plan = await planImport(root, ctx, table);
    if (plan.problems.length > 0) return fail(plan.problems);
    const counts = { created: plan.creates.length, updated: plan.updates.length, unchanged: plan.unchanged.length };
    return {
      ...report,
      ...counts,
      stateChanges: plan.updates.filter((u) => u.stateChanges).length,
      message: `File valido. Importandolo: ${describeCounts(counts.created, counts.updated, counts.unchanged)}.`,
    };
  }

  return root.transaction().execute(async (db) => {
    // Checked again inside the transaction: two uploads of one file at once import it once.
    if (await findFileImport(db, IMPORT_KIND, callKey, table.sha256)) {
      throw new AppError(409, 'CONFLICT', 'Questo file è stato appena importato da un’altra persona.');
    }
    const plan = await planImport(db, ctx, table);
    if (plan.problems.length > 0) return fail(plan.problems);
    const at = ctx.now.toISOString();
    const importId = newId();
    const total = plan.creates.length + plan.updates.length;
    const stateChanges = plan.updates.filter((u) => u.stateChanges).length;
    await insertFileImport(db, {
      id: importId,
      kind: IMPORT_KIND,
      call_key: callKey,
      sha256: table.sha256,
      file_name: fileName,
      rows_count: table.rows.length,
      summary: JSON.stringify({
        created: plan.creates.length,
        updated: plan.updates.length,
        unchanged: plan.unchanged.length,
        stateChanges,
      }),
      imported_at: at,
      imported_by: ctx.actor.userId,
    });

    const idByCode = new Map<string, string>();
    for (const u of [...plan.updates.map((x) => x.current), ...plan.unchanged.map((x) => x.current)]) {
      idByCode.set(u.code, u.id);
    }
    const created = plan.creates.map((c) => ({ id: newId(), c }));
    for (const { id, c } of created) idByCode.set(c.code, id);
    await insertUnits(
      db,
      created.map(({ id, c }) => ({
        id,
        code: c.code,
        owner_id: c.ownerId,
        comune_id: c.comuneId,
        programme: 'sap' as UnitProgramme,
        address_street: c.addressStreet,
        address_number: c.addressNumber,
        floor_area_dm2: c.floorAreaDm2,
        rooms: c.rooms,
        floor: c.floor,
        has_lift: c.hasLift ? 1 : 0,
        accessible: c.accessible ? 1 : 0,
        state: c.state,
        works_cost_cents: null,
        reserve_category: c.reserveCategory,
        created_at: at,
        updated_at: at,
      })),
    );
    // The history starts with the state the unit entered the stock in.
    await insertStateChanges(
      db,
      created.map(({ id, c }) => ({
        id: newId(),
        unit_id: id,
        state: c.state,
        works_cost_cents: null,
        reason: `Alloggio inserito dal file «${fileName}» (riga ${c.line}).`,
        source: 'import',
        changed_at: at,
        changed_by: ctx.actor.userId,
      })),
    );
    options.onProgress?.(plan.creates.length, total);

    let done = plan.creates.length;
    const changes = [];
    for (const { current, next, stateChanges: changesState } of plan.updates) {
      await updateUnit(db, current.id, {
        owner_id: next.ownerId,
        comune_id: next.comuneId,
        address_street: next.addressStreet,
        address_number: next.addressNumber,
        floor_area_dm2: next.floorAreaDm2,
        rooms: next.rooms,
        floor: next.floor,
        has_lift: next.hasLift ? 1 : 0,
        accessible: next.accessible ? 1 : 0,
        reserve_category: next.reserveCategory,
        updated_at: at,
        // The file has no works estimate: a unit that enters works_needed from a file has none yet.
        ...(changesState ? { state: next.state, works_cost_cents: null } : {}),
      });
      if (changesState) {
        changes.push({
          id: newId(),
          unit_id: current.id,
          state: next.state,
          works_cost_cents: null,
          reason: `Stato aggiornato dal file «${fileName}» (riga ${next.line}).`,
          source: 'import',
          changed_at: at,
          changed_by: ctx.actor.userId,
        });
      }
      done += 1;
      if (done % 200 === 0) options.onProgress?.(done, total);
    }
    await insertStateChanges(db, changes);
    options.onProgress?.(total, total);

    let linkedToCall = 0;
    if (report.call) {
      const linked = await listCallUnitIds(db, report.call.id);
      const candidates = [...plan.creates, ...plan.updates.map((u) => u.next), ...plan.unchanged.map((u) => u.next)];
      const links = candidates
        .map((c) => ({ c, unitId: idByCode.get(c.code) ?? '' }))
        .filter(({ unitId }) => unitId !== '' && !linked.has(unitId))
        .map(({ c, unitId }) => ({
          call_id: report.call?.id ?? '',
          unit_id: unitId,
          reserve_category: c.reserveCategory,
          added_at: at,
          import_id: importId,
        }));
      await insertCallUnits(db, links);
      linkedToCall = links.length;
    }

    const counts = { created: plan.creates.length, updated: plan.updates.length, unchanged: plan.unchanged.length };
    await writeAudit(db, ctx, {
      action: 'import',
      entityType: 'unit_import',
      entityId: importId,
      details: {
        fileName,
        sha256: table.sha256,
        rows: table.rows.length,
        ...counts,
        stateChanges,
        callId: report.call?.id ?? null,
        linkedToCall,
      },
    });
    const callPart = report.call
      ? ` ${plural(linkedToCall, 'alloggio aggiunto', 'alloggi aggiunti')} all’avviso ${report.call.code}.`
      : '';
    return {
      ...report,
      ...counts,
      stateChanges,
      importId,
      linkedToCall,
      message: `Importazione completata: ${describeCounts(counts.created, counts.updated, counts.unchanged)}.${callPart}`,
    };
  });
}
