// Use cases of SAP calls (avvisi). Each runs in one transaction and writes its audit row inside it.
import { randomInt } from 'node:crypto';
import type { PlainDate } from '../../../core/kernel/plain-date.js';
import {
  ADEQUACY_TABLE_RR_4_2017,
  findAdequacyTable,
  isAdequate,
  type AdequacyTable,
} from '../../../core/sap/adequacy.js';
import { DEFAULT_REFUSAL_POLICY, REFUSAL_POLICIES } from '../../../core/sap/assignment.js';
import { callSequenceName, formatCallCode } from '../../../core/sap/calls.js';
import {
  callDeadlines,
  checkCallWindow,
  correctionDecisionDueBy,
  correctionWindow,
  provisionalRankingDueBy,
} from '../../../core/sap/deadlines.js';
import { formatDateIt } from '../../../core/sap/explained.js';
import {
  computeCallQuotas,
  findQuotaParameters,
  QUOTA_PARAMETERS_RR_4_2017,
  type QuotaUnit,
} from '../../../core/sap/quotas.js';
import { TIE_BREAK_KEY_LABELS, TIE_BREAK_KEYS, type TieBreakKey } from '../../../core/sap/ranking.js';
import type {
  CallDetail,
  CallInput,
  CallKind,
  CallSummary,
  CallUnit,
  Programme,
  QuotaFigure,
} from '../../../shared/calls.js';
import type { ErrorIssue } from '../../../shared/errors.js';
import type { DbExecutor } from '../../db/client.js';
import { nextSequenceValue } from '../../db/sequences.js';
import type { RequestContext } from '../../http/context.js';
import { AppError, forbidden, notFound, validationFailed } from '../../http/errors.js';
import { newId } from '../../ids.js';
import { writeAudit } from '../audit/audit.queries.js';
import { canManageCalls, canReadCalls } from './calls.access.js';
import {
  countApplicationsChoosing,
  deleteCallUnit,
  findCall,
  findFirstAmbitoId,
  findUnitsByIds,
  insertCall,
  insertCallUnits,
  listCallQuotas,
  listCalls,
  listCallUnitIds,
  listCallUnits,
  listCandidateUnits,
  listOwners,
  schemeExists,
} from './calls.queries.js';

/** Refusals are audited outside the use case's transaction, so that they survive its rollback. */
async function refuse(
  root: DbExecutor,
  ctx: RequestContext,
  entry: { action: string; entityType: string; entityId?: string | null },
): Promise<never> {
  await writeAudit(root, ctx, { ...entry, outcome: 'denied' });
  throw forbidden();
}

/**
 * Units a call may offer (RR 4/2017 art. 8 c.3: assignable now, or once small works are done);
 * SAT units only in a SAT call. Assigned and non-assignable units never.
 */
function offerableStates(programme: string): string[] {
  return programme === 'sat' ? ['available', 'works_needed', 'reserved_sat'] : ['available', 'works_needed'];
}

const STATE_REFUSALS: Record<string, string> = {
  assigned: 'l’alloggio è già assegnato',
  not_assignable: 'l’alloggio non è assegnabile',
  reserved_sat: 'l’alloggio è riservato ai servizi abitativi transitori (SAT)',
};

export async function createCall(root: DbExecutor, ctx: RequestContext, input: CallInput): Promise<string> {
  if (!canManageCalls(ctx.actor)) await refuse(root, ctx, { action: 'create', entityType: 'call' });
  return root.transaction().execute(async (db) => {
    const ambitoId = await findFirstAmbitoId(db);
    if (!ambitoId) throw new AppError(409, 'CONFLICT', 'Nessun Ambito configurato: caricare prima i dati dell’Ambito.');
    const owners = new Map((await listOwners(db)).map((o) => [o.id, o]));
    const unknown: ErrorIssue[] = input.quotas.flatMap((q, i) =>
      owners.has(q.ownerId)
        ? []
        : [{ path: `quotas.${i}.ownerId`, code: 'unknown_owner', message: 'Ente proprietario sconosciuto.' }],
    );
    if (
      input.scoring === 'points_scheme' &&
      !(await schemeExists(db, input.schemeCode ?? '', input.schemeVersion ?? ''))
    ) {
      unknown.push({
        path: 'schemeCode',
        code: 'unknown_scheme',
        message: `Schema a punti ${input.schemeCode ?? ''} versione ${input.schemeVersion ?? ''} inesistente.`,
      });
    }
    if (unknown.length > 0) throw validationFailed(unknown);
    const at = ctx.now.toISOString();
    const id = newId();
    const seq = await nextSequenceValue(db, callSequenceName(input.opensOn));
    const code = formatCallCode(input.opensOn, seq);
    // Drawn once, before any application is known, and stored: the tie-break draw can be replayed.
    const drawSeed = randomInt(0, 2 ** 32);
    await insertCall(
      db,
      {
        id,
        code,
        ambito_id: ambitoId,
        name: input.name,
        kind: input.kind,
        programme: input.programme,
        opens_on: input.opensOn,
        closes_on: input.closesOn,
        scoring: input.scoring,
        scheme_code: input.scoring === 'points_scheme' ? (input.schemeCode ?? null) : null,
        scheme_version: input.scoring === 'points_scheme' ? (input.schemeVersion ?? null) : null,
        indigent_percent: input.indigentPercent,
        tie_break_keys: JSON.stringify(input.tieBreakKeys),
        draw_seed: drawSeed,
        refusal_policy: input.refusalPolicy,
        created_at: at,
        created_by: ctx.actor.userId,
      },
      input.quotas.filter((q) => q.reservePercent > 0 || q.policePercent > 0),
    );
    await writeAudit(db, ctx, {
      action: 'create',
      entityType: 'call',
      entityId: id,
      details: { code, opensOn: input.opensOn, closesOn: input.closesOn, drawSeed },
    });
    return id;
  });
}

export async function listCallSummaries(root: DbExecutor, ctx: RequestContext): Promise<CallSummary[]> {
  if (!canReadCalls(ctx.actor)) await refuse(root, ctx, { action: 'search', entityType: 'call' });
  const rows = await listCalls(root);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind as CallKind,
    programme: r.programme as Programme,
    opensOn: r.opens_on,
    closesOn: r.closes_on,
    unitsCount: Number(r.units_count ?? 0),
    applicationsCount: Number(r.applications_count ?? 0),
    createdAt: r.created_at,
  }));
}

function plural(n: number): string {
  return n === 1 ? '1 componente' : `${n} componenti`;
}

/** Household sizes a unit is adequate for (RR 4/2017 art. 9): a contiguous band of the table. */
export function adequacyBand(areaDm2: number, table: AdequacyTable): CallUnit['adequacy'] {
  const sizes = [1, 2, 3, 4, 5, 6].filter((n) => isAdequate(n, areaDm2, table));
  const from = sizes[0];
  const last = sizes[sizes.length - 1];
  if (from === undefined || last === undefined) return null;
  const lastRow = table.rows[table.rows.length - 1];
  const open = lastRow !== undefined && lastRow.membersTo === null && last >= lastRow.membersFrom;
  const to = open ? null : last;
  const text =
    to === null
      ? from >= (lastRow?.membersFrom ?? 6)
        ? `Adeguato per nuclei di ${from} o più componenti`
        : `Adeguato per nuclei da ${from} componenti in su`
      : from === to
        ? `Adeguato per nuclei di ${plural(from)}`
        : `Adeguato per nuclei da ${from} a ${to} componenti`;
  return { membersFrom: from, membersTo: to, text };
}

type UnitRow = Awaited<ReturnType<typeof listCallUnits>>[number];

function unitView(r: Omit<UnitRow, 'chosen_by'>, table: AdequacyTable): Omit<CallUnit, 'chosenBy'> {
  return {
    unitId: r.id,
    code: r.code,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    comuneId: r.comune_id,
    comuneName: r.comune_name,
    address: [r.address_street, r.address_number].filter(Boolean).join(', '),
    floorAreaDm2: r.floor_area_dm2,
    rooms: r.rooms,
    floor: r.floor,
    hasLift: r.has_lift === 1,
    accessible: r.accessible === 1,
    state: r.state,
    reserveCategory: r.reserve_category,
    adequacy: adequacyBand(r.floor_area_dm2, table),
  };
}

export function adequacyTableFor(opensOn: string): AdequacyTable {
  return findAdequacyTable(opensOn as PlainDate) ?? ADEQUACY_TABLE_RR_4_2017;
}

/**
 * The quotas over the units the call offers (rules.md §2.7), owner by owner because each owner
 * sets its own reserve: indigent 20% rounded up per owner (per Comune for ALER), reserves rounded
 * up from .5, police forces per Comune on a police-forces call. The names of the owners stand in
 * for their ids inside the rule, so that its Italian texts read well.
 */
export function callQuotaFigures(
  units: readonly Pick<UnitRow, 'id' | 'owner_id' | 'owner_name' | 'owner_kind' | 'comune_name'>[],
  config: {
    readonly kind: CallKind;
    readonly opensOn: string;
    readonly indigentPercent: number;
    readonly quotas: readonly { ownerId: string; reservePercent: number; policePercent: number }[];
  },
): { figures: QuotaFigure[]; parametersVersion: string } {
  const params = findQuotaParameters(config.opensOn as PlainDate) ?? QUOTA_PARAMETERS_RR_4_2017;
  const byOwner = new Map<string, typeof units>();
  for (const u of units) byOwner.set(u.owner_id, [...(byOwner.get(u.owner_id) ?? []), u]);
  const figures: QuotaFigure[] = [];
  for (const [ownerId, ownerUnits] of [...byOwner.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const first = ownerUnits[0];
    if (!first) continue;
    const ownerKind = first.owner_kind === 'aler' ? 'aler' : 'comune';
    const quota = config.quotas.find((q) => q.ownerId === ownerId);
    const quotaUnits: QuotaUnit[] = ownerUnits.map((u) => ({
      id: u.id,
      ownerId: u.owner_name,
      ownerKind,
      comune: u.comune_name,
    }));
    const result = computeCallQuotas(
      quotaUnits,
      {
        callKind: config.kind,
        reservePercent: quota?.reservePercent ?? 0,
        policeForcesPercent: config.kind === 'police_forces' ? (quota?.policePercent ?? 0) : null,
        // Only a Comune may give indigent households more than the legal share, on its own stock.
        ...(ownerKind === 'comune' && config.indigentPercent !== params.indigent.percent
          ? { indigentPercentByOwner: { [first.owner_name]: config.indigentPercent } }
          : {}),
      },
      params,
    );
    if (!result.ok) {
      throw new Error(`Stored quotas of owner ${ownerId} break the rules: ${result.errors.map((e) => e.code).join()}`);
    }
    const base = { ownerId, ownerName: first.owner_name };
    for (const f of result.quotas.indigent) {
      figures.push({ kind: 'indigent', ...base, comuneName: f.scope.comune, ...pick(f) });
    }
    for (const f of result.quotas.reserve) {
      if (f.percent > 0) figures.push({ kind: 'reserve', ...base, comuneName: null, ...pick(f) });
    }
    for (const f of result.quotas.policeForces) {
      figures.push({ kind: 'police_forces', ...base, comuneName: f.scope.comune, ...pick(f) });
    }
  }
  return { figures, parametersVersion: params.version };
}

function pick(f: { unitsAvailable: number; percent: number; count: number; text: string; source: string }) {
  return { unitsAvailable: f.unitsAvailable, percent: f.percent, count: f.count, text: f.text, source: f.source };
}

/**
 * The call's deadlines (RR 4/2017 art. 8 c.2 and art. 12). Until a provisional ranking is
 * published the later ones are projected from its due date, and the page says so.
 */
export function callDeadlineList(opensOn: PlainDate, closesOn: PlainDate) {
  const window = checkCallWindow(opensOn, closesOn);
  const due = provisionalRankingDueBy(closesOn);
  const core = callDeadlines({ closesOn, provisionalPublishedOn: due });
  const lastFilingDay = correctionWindow(due).until;
  const decisionBy = correctionDecisionDueBy(lastFilingDay);
  const out: { code: string; on: string; text: string; source: string }[] = [
    {
      code: 'applications_window',
      on: closesOn,
      text: `Domande dal ${formatDateIt(opensOn)} al ${formatDateIt(closesOn)}${window.ok ? ` (${window.days} giorni; almeno 30)` : ''}.`,
      source: 'R.R. 4/2017 art. 8 c.2',
    },
  ];
  for (const d of core) {
    out.push({ code: d.code, on: d.on, text: d.text, source: d.source });
    if (d.code === 'correction_window_closes') {
      out.push({
        code: 'correction_decision_due',
        on: decisionBy,
        text: `Decisione su ogni istanza di rettifica entro 15 giorni dalla sua presentazione; il silenzio vale accoglimento (per un’istanza presentata l’ultimo giorno utile: entro il ${formatDateIt(decisionBy)}).`,
        source: d.source,
      });
    }
  }
  return out;
}

export async function readCall(root: DbExecutor, ctx: RequestContext, id: string): Promise<CallDetail> {
  if (!canReadCalls(ctx.actor)) await refuse(root, ctx, { action: 'read', entityType: 'call', entityId: id });
  const call = await findCall(root, id);
  if (!call) throw notFound('L’avviso');
  const [quotaRows, unitRows] = await Promise.all([listCallQuotas(root, id), listCallUnits(root, id)]);
  const table = adequacyTableFor(call.opens_on);
  const kind = call.kind as CallKind;
  const quotasConfig = quotaRows.map((q) => ({
    ownerId: q.owner_id,
    ownerName: q.owner_name,
    reservePercent: q.reserve_percent,
    policePercent: q.police_percent,
  }));
  const { figures, parametersVersion } = callQuotaFigures(unitRows, {
    kind,
    opensOn: call.opens_on,
    indigentPercent: call.indigent_percent,
    quotas: quotasConfig,
  });
  const keys = (JSON.parse(call.tie_break_keys) as string[]).filter((k): k is TieBreakKey =>
    (TIE_BREAK_KEYS as readonly string[]).includes(k),
  );
  const policy = REFUSAL_POLICIES.find((p) => p.id === call.refusal_policy) ?? DEFAULT_REFUSAL_POLICY;
  const window = checkCallWindow(call.opens_on as PlainDate, call.closes_on as PlainDate);
  return {
    id: call.id,
    code: call.code,
    name: call.name,
    kind,
    programme: call.programme as Programme,
    opensOn: call.opens_on,
    closesOn: call.closes_on,
    unitsCount: unitRows.length,
    applicationsCount: Number(call.applications_count ?? 0),
    createdAt: call.created_at,
    scoring: call.scoring,
    schemeCode: call.scheme_code,
    schemeVersion: call.scheme_version,
    indigentPercent: call.indigent_percent,
    windowDays: window.ok ? window.days : 0,
    quotasConfig,
    tieBreakKeys: keys.map((key) => ({ key, label: TIE_BREAK_KEY_LABELS[key] })),
    drawSeed: Number(call.draw_seed),
    refusalPolicy: { id: policy.id, text: policy.text, source: policy.source },
    units: unitRows.map((r) => ({ ...unitView(r, table), chosenBy: Number(r.chosen_by ?? 0) })),
    quotas: figures,
    quotaParametersVersion: parametersVersion,
    deadlines: callDeadlineList(call.opens_on as PlainDate, call.closes_on as PlainDate),
    deadlinesProjected: true,
    createdByName: call.created_by_name ?? null,
  };
}

export async function listCallCandidates(
  root: DbExecutor,
  ctx: RequestContext,
  callId: string,
  filter: {
    comuneId?: string | undefined;
    ownerId?: string | undefined;
    q?: string | undefined;
    limit: number;
    offset: number;
  },
) {
  if (!canManageCalls(ctx.actor)) await refuse(root, ctx, { action: 'search', entityType: 'unit', entityId: callId });
  const call = await findCall(root, callId);
  if (!call) throw notFound('L’avviso');
  const table = adequacyTableFor(call.opens_on);
  const { rows, total } = await listCandidateUnits(root, callId, {
    ambitoId: call.ambito_id,
    programme: call.programme,
    states: offerableStates(call.programme),
    ...filter,
  });
  return { items: rows.map((r) => unitView(r, table)), total };
}

export async function addCallUnits(
  root: DbExecutor,
  ctx: RequestContext,
  callId: string,
  unitIds: readonly string[],
): Promise<void> {
  if (!canManageCalls(ctx.actor)) await refuse(root, ctx, { action: 'update', entityType: 'call', entityId: callId });
  await root.transaction().execute(async (db) => {
    const call = await findCall(db, callId);
    if (!call) throw notFound('L’avviso');
    const units = new Map((await findUnitsByIds(db, unitIds)).map((u) => [u.id, u]));
    const offered = await listCallUnitIds(db, callId);
    const allowed = offerableStates(call.programme);
    const details: ErrorIssue[] = [];
    const toAdd: { callId: string; unitId: string; reserveCategory: string | null; at: string }[] = [];
    const at = ctx.now.toISOString();
    const seen = new Set<string>();
    unitIds.forEach((unitId, i) => {
      const path = `unitIds.${i}`;
      const unit = units.get(unitId);
      if (!unit) {
        details.push({ path, code: 'unknown_unit', message: 'Alloggio sconosciuto.' });
      } else if (unit.ambito_id !== call.ambito_id) {
        details.push({ path, code: 'unit_outside_ambito', message: `L’alloggio ${unit.code} non è dell’Ambito.` });
      } else if (unit.programme !== call.programme) {
        details.push({
          path,
          code: 'unit_other_programme',
          message: `L’alloggio ${unit.code} appartiene a un altro programma (${unit.programme}).`,
        });
      } else if (!allowed.includes(unit.state)) {
        details.push({
          path,
          code: 'unit_not_offerable',
          message: `L’alloggio ${unit.code} non può essere offerto: ${STATE_REFUSALS[unit.state] ?? `stato «${unit.state}»`} (R.R. 4/2017 art. 8 c.3).`,
        });
      } else if (!offered.has(unitId) && !seen.has(unitId)) {
        seen.add(unitId);
        toAdd.push({ callId, unitId, reserveCategory: unit.reserve_category, at });
      }
    });
    if (details.length > 0) throw validationFailed(details, 'Alcuni alloggi non possono essere offerti dall’avviso.');
    await insertCallUnits(db, toAdd);
    await writeAudit(db, ctx, {
      action: 'update',
      entityType: 'call',
      entityId: callId,
      details: { unitsAdded: toAdd.map((u) => units.get(u.unitId)?.code ?? u.unitId) },
    });
  });
}

export async function removeCallUnit(
  root: DbExecutor,
  ctx: RequestContext,
  callId: string,
  unitId: string,
): Promise<void> {
  if (!canManageCalls(ctx.actor)) await refuse(root, ctx, { action: 'update', entityType: 'call', entityId: callId });
  await root.transaction().execute(async (db) => {
    const call = await findCall(db, callId);
    if (!call) throw notFound('L’avviso');
    const choosing = await countApplicationsChoosing(db, callId, unitId);
    if (choosing > 0) {
      throw new AppError(
        409,
        'CONFLICT',
        `L’alloggio è stato scelto da ${choosing === 1 ? 'una domanda' : `${choosing} domande`} dell’avviso: non può essere tolto.`,
      );
    }
    const removed = await deleteCallUnit(db, callId, unitId);
    if (removed === 0) throw notFound('L’alloggio nell’avviso');
    await writeAudit(db, ctx, {
      action: 'update',
      entityType: 'call',
      entityId: callId,
      details: { unitRemoved: unitId },
    });
  });
}
