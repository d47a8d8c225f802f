// Assignment of a SAP call's units (RR 4/2017 art. 15, rules.md §2.8): a deterministic proposal
// from the final ranking, confirmed by an officer unit by unit, then offer, acceptance or refusal,
// decision and contract. Nothing is overwritten: a redo is a new run that records what it replaced.
import type { PlainDate } from '../../../core/kernel/plain-date.js';
import { plainDateOf } from '../../../core/kernel/plain-date.js';
import {
  DEFAULT_REFUSAL_POLICY,
  proposeAssignments,
  REFUSAL_POLICIES,
  type AssignmentInput,
  type AssignmentUnit,
  type Refusal,
  type UnassignedApplication,
} from '../../../core/sap/assignment.js';
import {
  deriveAssignmentState,
  nextAssignmentState,
  OPEN_ASSIGNMENT_STATES,
  type AssignmentEventKind,
} from '../../../core/sap/assignment-state.js';
import { parseRankingOrder } from '../../../core/sap/ranking-order.js';
import { computeCallQuotas, type QuotaFigure } from '../../../core/sap/quotas.js';
import { deriveRankingState, type RankingEventKind } from '../../../core/sap/ranking-state.js';
import { roleManagesSap, roleReadsSap } from '../../../shared/permissions.js';
import type { DbExecutor } from '../../db/client.js';
import type { RequestContext } from '../../http/context.js';
import { AppError, forbidden, notFound } from '../../http/errors.js';
import { failpoint } from '../../failpoints.js';
import { newId } from '../../ids.js';
import { writeAudit } from '../audit/audit.queries.js';
import { insertTimelineEvent } from '../households/households.queries.js';
import {
  findCall,
  findLatestRun,
  findPlatformIds,
  findPlatformIdsOfCall,
  findRun,
  findRunOrderIndex,
  insertMany,
  listRunEvents,
  loadCallUnits,
  loadRunEntriesForRules,
  toCoreRun,
  type CoreEntryRow,
} from '../rankings/rankings.queries.js';
import { findApplicationIds, loadApplicationText, loadComuneCodes } from './assignments.queries.js';
import {
  decodeAssignmentSnapshot,
  encodeAssignmentSnapshot,
  parseApplicationLines,
  snapshotRankingRunId,
} from './assignments.snapshot.js';

const TIME_ZONE = 'Europe/Rome';
/** Units that can be given: free, or needing small works the assignee carries out (RR art. 10). */
const ASSIGNABLE_UNIT_STATES = new Set(['available', 'works_needed']);

async function refuse(root: DbExecutor, ctx: RequestContext, action: string, entityId: string | null) {
  await writeAudit(root, ctx, { action, entityType: 'assignment', entityId, outcome: 'denied' });
  throw forbidden();
}

async function requireCall(db: DbExecutor, idOrCode: string) {
  const call = await findCall(db, idOrCode);
  if (!call) throw notFound('L’avviso');
  return call;
}

async function finalRankingRun(db: DbExecutor, callId: string) {
  const run = await findLatestRun(db, callId);
  if (!run)
    throw new AppError(409, 'CONFLICT', 'Prima di assegnare serve la graduatoria definitiva: non è ancora calcolata.');
  const events = await listRunEvents(db, run.id);
  const state = deriveRankingState(events.map((e) => ({ kind: e.kind as RankingEventKind }))).state;
  if (state !== 'final') {
    throw new AppError(
      409,
      'CONFLICT',
      'Si assegna dalla graduatoria definitiva (RR 4/2017 art. 12 e 15): rendere definitiva la graduatoria.',
    );
  }
  return run;
}

/** Open assignments of the call, with their derived state. */
async function loadAssignments(db: DbExecutor, callId: string) {
  const rows = await db
    .selectFrom('assignments as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .innerJoin('applications as a', 'a.id', 's.application_id')
    .select([
      's.id',
      's.unit_id',
      'u.code as unit_code',
      's.application_id',
      'a.platform_id',
      'a.household_id',
      's.basis',
      's.run_id',
      's.created_at',
    ])
    .where('s.call_id', '=', callId)
    .orderBy('s.created_at')
    .execute();
  const events = rows.length
    ? await db
        .selectFrom('assignment_events')
        .selectAll()
        .where(
          'assignment_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('at')
        .orderBy('id')
        .execute()
    : [];
  return rows.map((r) => {
    const own = events.filter((e) => e.assignment_id === r.id);
    const state = deriveAssignmentState(own.map((e) => ({ kind: e.kind as AssignmentEventKind }))).state;
    return { ...r, state, events: own };
  });
}

type CallRow = NonNullable<Awaited<ReturnType<typeof findCall>>>;
type RankingRunRow = Awaited<ReturnType<typeof finalRankingRun>>;

/** The run's ranking as the rules read it: its compact order, or (older runs) rebuilt from its entries. */
export async function rankingForRules(
  db: DbExecutor,
  rankingRun: Pick<RankingRunRow, 'id' | 'tie_break_keys' | 'seed'>,
  /** Platform ids by internal id, asked for only by runs made before the compact order was stored. */
  platformIds: () => Promise<Map<string, string>>,
) {
  const orderIndex = await findRunOrderIndex(db, rankingRun.id);
  if (orderIndex !== null) return parseRankingOrder(orderIndex);
  const entryRows = await loadRunEntriesForRules(db, rankingRun.id);
  const platformIdOf = await platformIds();
  // Entries are read without joining the applications: their platform ids are known (an entry of an
  // application missing from them, which the foreign keys rule out, is looked up).
  const missing = [...new Set(entryRows.map((e) => e.application_id).filter((id) => !platformIdOf.has(id)))];
  for (const a of await findPlatformIds(db, missing)) platformIdOf.set(a.id, a.platform_id);
  const entries: CoreEntryRow[] = [];
  for (const e of entryRows) {
    const platformId = platformIdOf.get(e.application_id);
    if (platformId === undefined) continue;
    entries.push({
      owner_id: e.owner_id,
      comune_id: e.comune_id,
      platform_id: platformId,
      position: e.position,
      isbar_milli: e.isbar_milli,
      indigent: e.indigent,
      unit_ids: e.unit_ids,
      sort_keys: e.sort_keys,
    });
  }
  return toCoreRun(rankingRun, entries);
}

/** Everything a proposal depends on, read from the database and shaped for the rules. */
async function loadAssignmentInputs(db: DbExecutor, call: CallRow, rankingRun: RankingRunRow) {
  const unitRows = await loadCallUnits(db, call.id);
  const assignments = await loadAssignments(db, call.id);
  const ownerQuotas = await db.selectFrom('call_owner_quotas').selectAll().where('call_id', '=', call.id).execute();
  const ranking = await rankingForRules(
    db,
    rankingRun,
    async () => new Map((await findPlatformIdsOfCall(db, call.id)).map((a) => [a.id, a.platform_id] as const)),
  );
  const lines = await loadApplicationText(db, call.id);

  const open = assignments.filter((a) => OPEN_ASSIGNMENT_STATES.has(a.state));
  const heldUnits = new Set(open.map((a) => a.unit_code));
  const heldApplications = new Set(open.map((a) => a.platform_id));
  // Households that already hold a unit stay in the ranking (the rules need it whole) but take no
  // further unit: they enter as not available, and no outcome is explained for them in this run.
  const comuneIdByCode = await loadComuneCodes(db);
  const parsed = parseApplicationLines(lines, { comuneIdByCode, held: heldApplications, order: ranking.order });
  const { applications } = parsed;
  const refusals: Refusal[] = assignments
    .filter((a) => a.state === 'refused')
    .map((a) => {
      const refusal = a.events.find((e) => e.kind === 'refused');
      return { applicationId: a.platform_id, unitId: a.unit_code, justified: refusal?.justified === 1 };
    });
  const units: AssignmentUnit[] = unitRows
    .filter((u) => ASSIGNABLE_UNIT_STATES.has(u.state) && !heldUnits.has(u.code))
    .map((u) => ({
      id: u.code,
      ownerId: u.owner_id,
      ownerKind: u.owner_kind === 'aler' ? 'aler' : 'comune',
      comune: u.comune_id,
      usableAreaDm2: u.floor_area_dm2,
      accessible: u.accessible === 1,
      reserveCategory: u.reserve_category,
    }));
  // Quotas of RR 4/2017 art. 13 and art. 15 c.1 ter on the call's units, owner by owner.
  const indigent: QuotaFigure[] = [];
  const reserve: QuotaFigure[] = [];
  const owners = [...new Set(unitRows.map((u) => u.owner_id))].sort();
  for (const ownerId of owners) {
    const ownerUnits = unitRows
      .filter((u) => u.owner_id === ownerId)
      .map((u) => ({
        id: u.code,
        ownerId,
        ownerKind: (u.owner_kind === 'aler' ? 'aler' : 'comune') as 'aler' | 'comune',
        comune: u.comune_id,
      }));
    const quota = ownerQuotas.find((q) => q.owner_id === ownerId);
    const computed = computeCallQuotas(ownerUnits, {
      callKind: call.kind === 'police_forces' ? 'police_forces' : 'ordinary',
      reservePercent: quota?.reserve_percent ?? 0,
      ...(call.indigent_percent > 20 && ownerUnits[0]?.ownerKind === 'comune'
        ? { indigentPercentByOwner: { [ownerId]: call.indigent_percent } }
        : {}),
    });
    if (!computed.ok) throw new AppError(409, 'CONFLICT', computed.errors.map((e) => e.text).join(' '));
    indigent.push(...computed.quotas.indigent);
    reserve.push(...computed.quotas.reserve);
  }
  const policy = REFUSAL_POLICIES.find((p) => p.id === call.refusal_policy) ?? DEFAULT_REFUSAL_POLICY;
  const input: AssignmentInput = {
    units,
    applications,
    ranking,
    quotas: { indigent, reserve },
    refusals,
    refusalPolicy: policy,
  };
  return {
    input,
    unitRows,
    lines,
    comuni: Object.fromEntries(comuneIdByCode),
    heldApplications,
    candidates: parsed.candidates,
  };
}

/**
 * The rules' input for the call's next proposal, as `runAssignment` builds it (no writes): for
 * the benchmark, which times `proposeAssignments` alone as the baseline of a whole run.
 */
export async function assignmentInput(db: DbExecutor, callIdOrCode: string): Promise<AssignmentInput> {
  const call = await requireCall(db, callIdOrCode);
  return (await loadAssignmentInputs(db, call, await finalRankingRun(db, call.id))).input;
}

/**
 * Replaces every id in `names` by its name, one id after the other. When no id occurs inside
 * another id or inside a name (ids are UUIDs), that is the same as one pass over the text with all
 * the ids at once, which is what 100,000 outcome texts per run get.
 */
function readableWith(names: ReadonlyMap<string, string>): (text: string) => string {
  const entries = [...names];
  if (entries.length === 0) return (text) => text;
  const overlapping = entries.some(([id]) =>
    entries.some(([other, name]) => (other !== id && other.includes(id)) || name.includes(id)),
  );
  if (overlapping) {
    return (text) => entries.reduce((out, [id, name]) => out.split(id).join(name), text);
  }
  const escaped = entries.map(([id]) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(escaped.join('|'), 'g');
  return (text) => text.replace(pattern, (id) => names.get(id) ?? id);
}

/** Computes a proposal from the final ranking; units and households already held are left out. */
export async function runAssignment(root: DbExecutor, ctx: RequestContext, callIdOrCode: string) {
  if (!roleManagesSap(ctx.actor.role)) await refuse(root, ctx, 'assign', callIdOrCode);
  const call = await requireCall(root, callIdOrCode);
  return root.transaction().execute(async (db) => {
    const rankingRun = await finalRankingRun(db, call.id);
    const { input, unitRows, lines, comuni, heldApplications, candidates } = await loadAssignmentInputs(
      db,
      call,
      rankingRun,
    );
    const { units, quotas, refusals } = input;
    const policy = input.refusalPolicy ?? DEFAULT_REFUSAL_POLICY;
    // Outcomes are not explained here: the stored snapshot gives them back on request (explainOutcome).
    const result = proposeAssignments(input, { explain: false });
    const { text: snapshot, hash } = encodeAssignmentSnapshot(
      {
        units,
        rankingRunId: rankingRun.id,
        rankingHash: rankingRun.input_hash,
        quotas,
        refusals: refusals ?? [],
        policy: policy.id,
        held: [...heldApplications].sort(),
        comuni,
      },
      lines,
    );
    const previous = await db
      .selectFrom('assignment_runs')
      .select('id')
      .where('call_id', '=', call.id)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const id = newId();
    const at = ctx.now.toISOString();
    await db
      .insertInto('assignment_runs')
      .values({
        id,
        call_id: call.id,
        ranking_run_id: rankingRun.id,
        input_hash: hash,
        refusal_policy: policy.id,
        inputs_snapshot: snapshot,
        supersedes_id: previous?.id ?? null,
        created_at: at,
        created_by: ctx.actor.userId,
      })
      .execute();
    const unitIdByCode = new Map(unitRows.map((u) => [u.code, u.id]));
    // The rules name owners and Comuni by id: the stored explanations name them as people know them.
    const names = new Map<string, string>();
    for (const u of unitRows) {
      names.set(u.owner_id, u.owner_name);
      names.set(u.comune_id, u.comune_name);
    }
    const readable = readableWith(names);
    const appIdByPlatform = await findApplicationIds(
      db,
      call.id,
      result.proposals.map((p) => p.applicationId),
    );
    const proposals = result.proposals.map((p) => ({
      run_id: id,
      unit_id: unitIdByCode.get(p.unitId) as string,
      application_id: appIdByPlatform.get(p.applicationId) as string,
      basis: p.basis,
      explanation: readable(p.explanation),
    }));
    await insertMany(
      db,
      'assignment_proposals',
      ['run_id', 'unit_id', 'application_id', 'basis', 'explanation'],
      proposals.map((p) => [p.run_id, p.unit_id, p.application_id, p.basis, p.explanation]),
    );
    // Applications this run leaves without a unit and explains: ranked, not already holding a unit.
    const unassigned = candidates - proposals.length;
    failpoint('assignment.before-commit');
    await writeAudit(db, ctx, {
      action: 'assign',
      entityType: 'assignment_run',
      entityId: id,
      details: { call: call.code, proposals: proposals.length, inputHash: hash },
    });
    return {
      runId: id,
      callId: call.id,
      inputHash: hash,
      proposals: proposals.length,
      unassigned,
      unitsLeft: result.unitsLeft.length,
      supersedes: previous?.id ?? null,
    };
  });
}

/**
 * A stored run recomputed from its own snapshot and ranking (the same input gives the same result:
 * `abitare sap verify` checks it). Null when the run or its ranking run is missing.
 */
export async function recomputeAssignmentRun(db: DbExecutor, runId: string) {
  const run = await db.selectFrom('assignment_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run) return null;
  const rankingRun = await findRun(db, snapshotRankingRunId(run.inputs_snapshot));
  if (!rankingRun) return null;
  const ranking = await rankingForRules(
    db,
    rankingRun,
    async () =>
      new Map((await findPlatformIdsOfCall(db, rankingRun.call_id)).map((a) => [a.id, a.platform_id] as const)),
  );
  const snapshot = decodeAssignmentSnapshot(run.inputs_snapshot, ranking.order);
  const policy = REFUSAL_POLICIES.find((p) => p.id === snapshot.policy) ?? DEFAULT_REFUSAL_POLICY;
  const result = proposeAssignments({
    units: snapshot.units,
    applications: snapshot.applications,
    ranking,
    quotas: snapshot.quotas,
    refusals: snapshot.refusals,
    refusalPolicy: policy,
  });
  return { run, snapshot, ranking, result };
}

interface DerivedOutcomes {
  readonly byApplication: ReadonlyMap<string, UnassignedApplication>;
  readonly readable: (text: string) => string;
}

/**
 * Outcomes derived from a run are the same every time (runs are never changed): the last few are
 * kept, so that a board of explanations does not recompute a large call for every application.
 */
const derivedOutcomes = new Map<string, Promise<DerivedOutcomes | null>>();
const DERIVED_RUNS_KEPT = 2;

async function deriveOutcomes(db: DbExecutor, runId: string): Promise<DerivedOutcomes | null> {
  const recomputed = await recomputeAssignmentRun(db, runId);
  if (!recomputed) return null;
  const names = new Map<string, string>();
  for (const u of await loadCallUnits(db, recomputed.run.call_id)) {
    names.set(u.owner_id, u.owner_name);
    names.set(u.comune_id, u.comune_name);
  }
  // An application that held a unit, or was not in the ranking, entered the run as excluded: it
  // has no outcome of its own in this run.
  const ranked = new Set(recomputed.ranking.order);
  const held = new Set(recomputed.snapshot.held);
  return {
    byApplication: new Map(
      recomputed.result.unassigned
        .filter((u) => ranked.has(u.applicationId) && !held.has(u.applicationId))
        .map((u) => [u.applicationId, u]),
    ),
    readable: readableWith(names),
  };
}

/**
 * Why an application got no unit in an assignment run (RR 4/2017 art. 15), in plain Italian; null
 * when the run explains nothing for it (it got a unit, already held one, or was not ranked).
 * Runs made before outcomes were derived have them stored, one row per application.
 */
export async function explainOutcome(
  db: DbExecutor,
  runId: string,
  applicationId: string,
): Promise<{ code: string; text: string } | null> {
  const stored = await db
    .selectFrom('assignment_outcomes')
    .select(['code', 'explanation'])
    .where('run_id', '=', runId)
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  if (stored) return { code: stored.code, text: stored.explanation };
  const application = await db
    .selectFrom('applications')
    .select('platform_id')
    .where('id', '=', applicationId)
    .executeTakeFirst();
  if (!application) return null;
  let pending = derivedOutcomes.get(runId);
  if (!pending) {
    pending = deriveOutcomes(db, runId);
    derivedOutcomes.set(runId, pending);
    while (derivedOutcomes.size > DERIVED_RUNS_KEPT)
      derivedOutcomes.delete(derivedOutcomes.keys().next().value as string);
    pending.catch(() => derivedOutcomes.delete(runId));
  }
  const derived = await pending;
  const outcome = derived?.byApplication.get(application.platform_id);
  if (!derived || !outcome) return null;
  return { code: outcome.reason.code, text: derived.readable(outcome.reason.text) };
}

/** The board: the latest proposal, the assignments with their state, and the quota figures. */
export async function readAssignmentBoard(root: DbExecutor, ctx: RequestContext, callIdOrCode: string) {
  if (!roleReadsSap(ctx.actor.role)) await refuse(root, ctx, 'read', callIdOrCode);
  const call = await requireCall(root, callIdOrCode);
  const run = await root
    .selectFrom('assignment_runs')
    .selectAll()
    .where('call_id', '=', call.id)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const proposals = run
    ? await root
        .selectFrom('assignment_proposals as p')
        .innerJoin('units as u', 'u.id', 'p.unit_id')
        .innerJoin('applications as a', 'a.id', 'p.application_id')
        .select([
          'p.unit_id',
          'u.code as unit_code',
          'p.application_id',
          'a.platform_id',
          'a.applicant_last_name',
          'a.applicant_first_name',
          'p.basis',
          'p.explanation',
        ])
        .where('p.run_id', '=', run.id)
        .orderBy('u.code')
        .execute()
    : [];
  const assignments = await loadAssignments(root, call.id);
  await writeAudit(root, ctx, {
    action: 'read',
    entityType: 'assignment_board',
    entityId: call.id,
    details: { proposals: proposals.length },
  });
  return {
    call: { id: call.id, code: call.code, name: call.name },
    run: run
      ? {
          id: run.id,
          createdAt: run.created_at,
          inputHash: run.input_hash,
          refusalPolicy: run.refusal_policy,
          supersedesId: run.supersedes_id,
        }
      : null,
    proposals: proposals.map((p) => ({
      unitId: p.unit_id,
      unitCode: p.unit_code,
      applicationId: p.application_id,
      platformId: p.platform_id,
      applicantName: `${p.applicant_last_name} ${p.applicant_first_name}`,
      basis: p.basis,
      explanation: p.explanation,
      assignment: assignments.find((s) => s.unit_id === p.unit_id && OPEN_ASSIGNMENT_STATES.has(s.state))?.id ?? null,
    })),
    assignments: assignments.map((s) => ({
      id: s.id,
      unitCode: s.unit_code,
      platformId: s.platform_id,
      applicationId: s.application_id,
      basis: s.basis,
      state: s.state,
      events: s.events.map((e) => ({
        kind: e.kind,
        onDate: e.on_date,
        reason: e.reason,
        justified: e.justified === null ? null : e.justified === 1,
        at: e.at,
      })),
    })),
  };
}

async function setUnitState(db: DbExecutor, ctx: RequestContext, unitId: string, state: string, reason: string) {
  const at = ctx.now.toISOString();
  await db.updateTable('units').set({ state, updated_at: at }).where('id', '=', unitId).execute();
  await db
    .insertInto('unit_state_changes')
    .values({
      id: newId(),
      unit_id: unitId,
      state,
      works_cost_cents: null,
      reason,
      source: 'assignment',
      changed_at: at,
      changed_by: ctx.actor.userId,
    })
    .execute();
}

/**
 * The officer confirms one proposed unit. The unit and the household are claimed in the same
 * transaction: the claims' primary keys make a second, concurrent confirmation fail.
 */
export async function confirmProposal(root: DbExecutor, ctx: RequestContext, runId: string, unitId: string) {
  if (!roleManagesSap(ctx.actor.role)) await refuse(root, ctx, 'confirm', unitId);
  try {
    return await root.transaction().execute(async (db) => {
      const proposal = await db
        .selectFrom('assignment_proposals as p')
        .innerJoin('assignment_runs as r', 'r.id', 'p.run_id')
        .innerJoin('applications as a', 'a.id', 'p.application_id')
        .innerJoin('units as u', 'u.id', 'p.unit_id')
        .select([
          'p.unit_id',
          'p.application_id',
          'p.basis',
          'r.call_id',
          'a.household_id',
          'a.platform_id',
          'u.code as unit_code',
        ])
        .where('p.run_id', '=', runId)
        .where('p.unit_id', '=', unitId)
        .executeTakeFirst();
      if (!proposal) throw notFound('La proposta');
      const latest = await db
        .selectFrom('assignment_runs')
        .select('id')
        .where('call_id', '=', proposal.call_id)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      if (latest.id !== runId)
        throw new AppError(409, 'CONFLICT', 'Questa proposta è stata sostituita da un calcolo più recente.');
      const id = newId();
      const at = ctx.now.toISOString();
      await db
        .insertInto('assignments')
        .values({
          id,
          call_id: proposal.call_id,
          unit_id: unitId,
          application_id: proposal.application_id,
          run_id: runId,
          basis: proposal.basis,
          created_at: at,
          created_by: ctx.actor.userId,
        })
        .execute();
      await db.insertInto('unit_claims').values({ unit_id: unitId, assignment_id: id }).execute();
      await db
        .insertInto('application_claims')
        .values({ application_id: proposal.application_id, assignment_id: id })
        .execute();
      await insertTimelineEvent(db, {
        id: newId(),
        householdId: proposal.household_id,
        at,
        kind: 'assignment_confirmed',
        title: `Proposta di assegnazione confermata: alloggio ${proposal.unit_code} (domanda ${proposal.platform_id})`,
        actorId: ctx.actor.userId,
        sourceType: 'assignment',
        sourceId: id,
      });
      await writeAudit(db, ctx, {
        action: 'confirm',
        entityType: 'assignment',
        entityId: id,
        householdId: proposal.household_id,
        details: { unit: proposal.unit_code },
      });
      return { id, state: 'confirmed' as const };
    });
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (isUniqueViolation(err)) {
      throw new AppError(
        409,
        'CONFLICT',
        'L’alloggio o il nucleo ha già un’assegnazione in corso: ricaricare la pagina.',
      );
    }
    throw err;
  }
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    e.code === '23505' ||
    e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(e.message ?? '')
  );
}

const EVENT_TITLES: Record<AssignmentEventKind, string> = {
  offered: 'Alloggio offerto',
  accepted: 'Alloggio accettato',
  refused: 'Rinuncia all’alloggio',
  decided: 'Assegnazione disposta',
  contract_signed: 'Contratto di locazione firmato',
  cancelled: 'Assegnazione annullata',
};

/** Records the next step of an assignment; the unit's state follows. */
export async function recordAssignmentEvent(
  root: DbExecutor,
  ctx: RequestContext,
  assignmentId: string,
  input: {
    kind: AssignmentEventKind;
    onDate?: PlainDate | undefined;
    reason?: string | null;
    justified?: boolean | null;
  },
) {
  if (!roleManagesSap(ctx.actor.role)) await refuse(root, ctx, input.kind, assignmentId);
  return root.transaction().execute(async (db) => {
    const assignment = await db
      .selectFrom('assignments as s')
      .innerJoin('applications as a', 'a.id', 's.application_id')
      .innerJoin('units as u', 'u.id', 's.unit_id')
      .select(['s.id', 's.unit_id', 's.application_id', 'a.household_id', 'a.platform_id', 'u.code as unit_code'])
      .where('s.id', '=', assignmentId)
      .executeTakeFirst();
    if (!assignment) throw notFound('L’assegnazione');
    const events = await db
      .selectFrom('assignment_events')
      .select('kind')
      .where('assignment_id', '=', assignmentId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    const current = deriveAssignmentState(events.map((e) => ({ kind: e.kind as AssignmentEventKind })));
    const next = nextAssignmentState(current.state, input.kind);
    if (!next.ok) throw new AppError(409, 'CONFLICT', next.message);
    if ((input.kind === 'refused' || input.kind === 'cancelled') && !input.reason) {
      throw new AppError(400, 'VALIDATION_FAILED', 'Indicare il motivo.', [
        { path: 'reason', code: 'required', message: 'Motivo: campo obbligatorio.' },
      ]);
    }
    const at = ctx.now.toISOString();
    const onDate = input.onDate ?? plainDateOf(ctx.now, TIME_ZONE);
    await db
      .insertInto('assignment_events')
      .values({
        id: newId(),
        assignment_id: assignmentId,
        kind: input.kind,
        on_date: onDate,
        reason: input.reason ?? null,
        justified: input.kind === 'refused' ? (input.justified ? 1 : 0) : null,
        at,
        by_user: ctx.actor.userId,
      })
      .execute();
    if (!OPEN_ASSIGNMENT_STATES.has(next.state)) {
      // The unit and the household are free again; the refusal stays in the history.
      await db.deleteFrom('unit_claims').where('assignment_id', '=', assignmentId).execute();
      await db.deleteFrom('application_claims').where('assignment_id', '=', assignmentId).execute();
    }
    if (input.kind === 'decided')
      await setUnitState(
        db,
        ctx,
        assignment.unit_id,
        'assigned',
        `Assegnazione disposta (domanda ${assignment.platform_id})`,
      );
    await insertTimelineEvent(db, {
      id: newId(),
      householdId: assignment.household_id,
      at,
      kind: `assignment_${input.kind}`,
      title: `${EVENT_TITLES[input.kind]}: alloggio ${assignment.unit_code}`,
      detail: input.reason ?? null,
      actorId: ctx.actor.userId,
      sourceType: 'assignment',
      sourceId: assignmentId,
    });
    await writeAudit(db, ctx, {
      action: input.kind,
      entityType: 'assignment',
      entityId: assignmentId,
      householdId: assignment.household_id,
    });
    return { id: assignmentId, state: next.state };
  });
}

/** Assignments for the JSON export: open ones, with their basis. */
export async function assignmentsForExport(db: DbExecutor, callId: string) {
  const assignments = await loadAssignments(db, callId);
  return assignments
    .filter((a) => OPEN_ASSIGNMENT_STATES.has(a.state))
    .map((a) => ({
      unitId: a.unit_code,
      applicationId: a.platform_id,
      basis: a.basis as 'indigent' | 'reserve' | 'ranking',
    }));
}
