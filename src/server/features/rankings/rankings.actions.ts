// Rankings of a SAP call: run (reproducible), publish provisional, correction requests, finalise,
// read, explain, verify. Each use case runs in one transaction with its audit row.
import type { PlainDate } from '../../../core/kernel/plain-date.js';
import { plainDateOf } from '../../../core/kernel/plain-date.js';
import {
  correctionRequestOutcome,
  finalRankingOn,
  validateCorrectionRequest,
  callDeadlines,
} from '../../../core/sap/deadlines.js';
import {
  buildRankings,
  explainAgainstNeighbours,
  rankingInputCanonical,
  rankingInputHash,
  type RankingApplication,
  type RankingKeyValues,
  type RankingRun,
  type RankingUnit,
  type TieBreakKey,
} from '../../../core/sap/ranking.js';
import { compactRankingOrder } from '../../../core/sap/ranking-order.js';
import { deriveAssignmentState, type AssignmentEventKind } from '../../../core/sap/assignment-state.js';
import { deriveRankingState, nextRankingState, type RankingEventKind } from '../../../core/sap/ranking-state.js';
import { roleManagesSap, roleReadsSap } from '../../../shared/permissions.js';
import type { DbExecutor } from '../../db/client.js';
import type { RequestContext } from '../../http/context.js';
import { AppError, forbidden, notFound, validationFailed } from '../../http/errors.js';
import { newId } from '../../ids.js';
import { writeAudit } from '../audit/audit.queries.js';
import { explainOutcome } from '../assignments/assignments.actions.js';
import { applyPointsScheme } from './rankings.scoring.js';
import {
  findCall,
  findLatestRun,
  findRun,
  findRunSnapshot,
  insertRankingRun,
  insertRunEvent,
  listRunEvents,
  loadCallUnits,
  loadRankableApplications,
  loadRunEntries,
  toCoreRun,
  toRankingApplication,
  toRankingUnit,
} from './rankings.queries.js';

/** The ruleset a run of imported ISBAR scores follows: RR 4/2017 art. 12 as amended by RR 3/2019. */
export const RANKING_RULESET_VERSION = 'lombardia-rr-4-2017-art12@2019-03-12';

const TIME_ZONE = 'Europe/Rome';

function today(ctx: RequestContext): PlainDate {
  return plainDateOf(ctx.now, TIME_ZONE);
}

async function refuse(root: DbExecutor, ctx: RequestContext, action: string, entityId: string | null) {
  await writeAudit(root, ctx, { action, entityType: 'ranking', entityId, outcome: 'denied' });
  throw forbidden();
}

async function requireCall(db: DbExecutor, idOrCode: string) {
  const call = await findCall(db, idOrCode);
  if (!call) throw notFound('L’avviso');
  return call;
}

export interface RankingInputs {
  readonly applications: RankingApplication[];
  readonly units: RankingUnit[];
}

/** What a ranking depends on, read from the database, keyed by platform ids and unit codes. */
export async function loadRankingInputs(db: DbExecutor, callId: string) {
  const [unitRows, applicationRows] = await Promise.all([
    loadCallUnits(db, callId),
    loadRankableApplications(db, callId),
  ]);
  const offered = new Set(unitRows.map((u) => u.code));
  const rankable = applicationRows.filter((a) => a.decision !== 'excluded');
  const inputs: RankingInputs = {
    units: unitRows.map(toRankingUnit),
    // Only choices the call offers count (a unit withdrawn from the call drops out of the choice).
    applications: rankable.map((row) => {
      const app = toRankingApplication(row);
      return { ...app, unitIds: app.unitIds.filter((u) => offered.has(u)) };
    }),
  };
  return { inputs, applicationRows: rankable };
}

/** The run, the hash of its inputs and the snapshot it stores (the canonical JSON is built once for both). */
export function computeRanking(inputs: RankingInputs, tieBreakKeys: readonly TieBreakKey[], seed: number) {
  const withChoices = inputs.applications.filter((a) => a.unitIds.length > 0);
  const run = buildRankings(withChoices, inputs.units, { tieBreakKeys, seed });
  const { hash, snapshot } = rankingInputCanonical(
    { applications: withChoices, units: inputs.units },
    tieBreakKeys,
    seed,
    RANKING_RULESET_VERSION,
  );
  return { run, hash, snapshot, applications: withChoices };
}

/** Computes and stores a new ranking run (a draft) for the call; a previous run is superseded, never changed. */
export async function rankCall(root: DbExecutor, ctx: RequestContext, callIdOrCode: string) {
  if (!roleManagesSap(ctx.actor.role)) await refuse(root, ctx, 'rank', callIdOrCode);
  const call = await requireCall(root, callIdOrCode);
  return root.transaction().execute(async (db) => {
    const latest = await findLatestRun(db, call.id);
    if (latest) {
      const state = deriveRankingState(
        (await listRunEvents(db, latest.id)).map((e) => ({ kind: e.kind as RankingEventKind })),
      );
      if (state.state === 'final') {
        throw new AppError(409, 'CONFLICT', 'La graduatoria di questo avviso è già definitiva: non si ricalcola.');
      }
    }
    const loaded = await loadRankingInputs(db, call.id);
    const { applicationRows } = loaded;
    // A call scored locally ranks by its points scheme; otherwise by the platform's ISBAR.
    const scored =
      call.scoring === 'points_scheme' ? await applyPointsScheme(db, call, loaded.inputs, applicationRows) : null;
    const inputs = scored?.inputs ?? loaded.inputs;
    const tieBreakKeys = JSON.parse(call.tie_break_keys) as TieBreakKey[];
    const seed = Number(call.draw_seed);
    const { run, hash, snapshot, applications } = computeRanking(inputs, tieBreakKeys, seed);
    const internalId = new Map(applicationRows.map((a) => [a.platform_id, a.id]));
    const isbar = scored
      ? new Map(inputs.applications.map((a) => [a.id, Math.round(a.score * 1000)]))
      : new Map(applicationRows.map((a) => [a.platform_id, a.isbar_milli]));
    // An application's entries (one per owner and Comune it chose) share its key values: serialised once.
    const sortKeysText = new Map<RankingKeyValues, string>();
    const sortKeysJson = (keys: RankingKeyValues) => {
      let text = sortKeysText.get(keys);
      if (text === undefined) {
        text = JSON.stringify(keys);
        sortKeysText.set(keys, text);
      }
      return text;
    };
    const at = ctx.now.toISOString();
    const id = newId();
    await insertRankingRun(
      db,
      {
        id,
        callId: call.id,
        rulesetVersion: RANKING_RULESET_VERSION,
        tieBreakKeys,
        seed,
        inputHash: hash,
        inputsSnapshot: snapshot,
        orderIndex: compactRankingOrder(run),
        supersedesId: latest?.id ?? null,
        at,
        by: ctx.actor.userId,
      },
      run.rankings.flatMap((r) =>
        r.entries.map((e) => ({
          ownerId: r.ownerId,
          comuneId: r.comune,
          applicationId: internalId.get(e.applicationId) as string,
          position: e.position,
          isbarMilli: isbar.get(e.applicationId) as number,
          indigent: e.indigent,
          unitIds: e.unitIds,
          sortKeys: sortKeysJson(e.keys),
          scoreDetail: scored?.details.get(e.applicationId) ?? null,
        })),
      ),
    );
    await writeAudit(db, ctx, {
      action: 'rank',
      entityType: 'ranking',
      entityId: id,
      details: { call: call.code, applications: applications.length, rankings: run.rankings.length, inputHash: hash },
    });
    return {
      runId: id,
      callId: call.id,
      inputHash: hash,
      applications: applications.length,
      withoutChoices: inputs.applications.length - applications.length,
      rankings: run.rankings.length,
      supersedes: latest?.id ?? null,
    };
  });
}

async function runState(db: DbExecutor, runId: string) {
  const events = await listRunEvents(db, runId);
  const derived = deriveRankingState(events.map((e) => ({ kind: e.kind as RankingEventKind })));
  const published = events.find((e) => e.kind === 'provisional_published')?.on_date ?? null;
  const finalised = events.find((e) => e.kind === 'finalised')?.on_date ?? null;
  return { state: derived.state, publishedOn: published, finalisedOn: finalised, events };
}

async function requireLatestRun(db: DbExecutor, callId: string) {
  const run = await findLatestRun(db, callId);
  if (!run) throw new AppError(409, 'CONFLICT', 'Per questo avviso non è ancora stata calcolata una graduatoria.');
  return run;
}

async function correctionRows(db: DbExecutor, runId: string) {
  return db
    .selectFrom('correction_requests as r')
    .innerJoin('applications as a', 'a.id', 'r.application_id')
    .leftJoin('correction_decisions as d', 'd.request_id', 'r.id')
    .select([
      'r.id',
      'r.application_id',
      'a.platform_id',
      'r.subject',
      'r.invalidity_percent',
      'r.procedure_started_on',
      'r.filed_on',
      'r.note',
      'd.decision',
      'd.reason',
      'd.decided_on',
    ])
    .where('r.ranking_run_id', '=', runId)
    .orderBy('r.filed_on')
    .orderBy('r.id')
    .execute();
}

/** Publishes the latest run as the provisional ranking (RR 4/2017 art. 12). */
export async function publishProvisional(
  root: DbExecutor,
  ctx: RequestContext,
  callIdOrCode: string,
  onDate?: PlainDate,
) {
  if (!roleManagesSap(ctx.actor.role)) await refuse(root, ctx, 'publish', callIdOrCode);
  const call = await requireCall(root, callIdOrCode);
  return root.transaction().execute(async (db) => {
    const run = await requireLatestRun(db, call.id);
    const { state } = await runState(db, run.id);
    const next = nextRankingState(state, 'provisional_published');
    if (!next.ok) throw new AppError(409, 'CONFLICT', next.message);
    const on = onDate ?? today(ctx);
    if (on < call.closes_on) {
      throw validationFailed([
        {
          path: 'onDate',
          code: 'before_closing',
          message: 'La graduatoria provvisoria si pubblica dopo la chiusura dell’avviso.',
        },
      ]);
    }
    await insertRunEvent(db, {
      id: newId(),
      runId: run.id,
      kind: 'provisional_published',
      onDate: on,
      at: ctx.now.toISOString(),
      by: ctx.actor.userId,
    });
    await writeAudit(db, ctx, {
      action: 'publish_provisional',
      entityType: 'ranking',
      entityId: run.id,
      details: { call: call.code, on },
    });
    return { runId: run.id, state: next.state, publishedOn: on };
  });
}

/** Makes the provisional ranking final once the correction window and the decisions allow it (art. 12). */
export async function finaliseRanking(root: DbExecutor, ctx: RequestContext, callIdOrCode: string) {
  if (!roleManagesSap(ctx.actor.role)) await refuse(root, ctx, 'finalise', callIdOrCode);
  const call = await requireCall(root, callIdOrCode);
  return root.transaction().execute(async (db) => {
    const run = await requireLatestRun(db, call.id);
    const { state, publishedOn } = await runState(db, run.id);
    const next = nextRankingState(state, 'finalised');
    if (!next.ok || !publishedOn)
      throw new AppError(409, 'CONFLICT', next.ok ? 'Graduatoria non pubblicata.' : next.message);
    const requests = await correctionRows(db, run.id);
    const due = finalRankingOn(
      publishedOn as PlainDate,
      requests.map((r) => ({
        filedOn: r.filed_on as PlainDate,
        decidedOn: (r.decided_on ?? null) as PlainDate | null,
      })),
    );
    const on = today(ctx);
    if (on < due) {
      throw new AppError(
        409,
        'CONFLICT',
        `La graduatoria diventa definitiva dal ${due.split('-').reverse().join('/')}: prima di allora restano aperti i termini per le rettifiche o le decisioni (RR 4/2017 art. 12).`,
      );
    }
    await insertRunEvent(db, {
      id: newId(),
      runId: run.id,
      kind: 'finalised',
      onDate: on,
      at: ctx.now.toISOString(),
      by: ctx.actor.userId,
    });
    await writeAudit(db, ctx, {
      action: 'finalise',
      entityType: 'ranking',
      entityId: run.id,
      details: { call: call.code, on },
    });
    return { runId: run.id, state: next.state, finalisedOn: on };
  });
}

export async function fileCorrectionRequest(
  root: DbExecutor,
  ctx: RequestContext,
  applicationId: string,
  input: {
    subject: 'civil_invalidity_percentage' | 'other';
    invalidityPercent: number;
    procedureStartedOn: PlainDate | null;
    filedOn?: PlainDate;
    note: string | null;
  },
) {
  if (!roleManagesSap(ctx.actor.role)) await refuse(root, ctx, 'file_correction', applicationId);
  return root.transaction().execute(async (db) => {
    const application = await db
      .selectFrom('applications')
      .select(['id', 'call_id', 'household_id', 'platform_id'])
      .where('id', '=', applicationId)
      .executeTakeFirst();
    if (!application) throw notFound('La domanda');
    const call = await requireCall(db, application.call_id);
    const run = await requireLatestRun(db, call.id);
    const { state, publishedOn } = await runState(db, run.id);
    if (state !== 'provisional' || !publishedOn) {
      throw new AppError(409, 'CONFLICT', 'Le istanze di rettifica riguardano la graduatoria provvisoria pubblicata.');
    }
    const filedOn = input.filedOn ?? today(ctx);
    const check = validateCorrectionRequest({
      subject: input.subject,
      invalidityProcedureStartedOn: input.procedureStartedOn,
      callClosesOn: call.closes_on as PlainDate,
      provisionalPublishedOn: publishedOn as PlainDate,
      filedOn,
    });
    if (!check.ok) {
      throw validationFailed(
        check.errors.map((e) => ({
          path:
            e.code === 'SUBJECT_NOT_ALLOWED'
              ? 'subject'
              : e.code.startsWith('FILED')
                ? 'filedOn'
                : 'procedureStartedOn',
          code: e.code,
          message: `${e.text} (${e.source})`,
        })),
        'Istanza di rettifica non ammissibile.',
      );
    }
    const id = newId();
    const at = ctx.now.toISOString();
    await db
      .insertInto('correction_requests')
      .values({
        id,
        application_id: application.id,
        ranking_run_id: run.id,
        subject: input.subject,
        invalidity_percent: input.invalidityPercent,
        procedure_started_on: input.procedureStartedOn as string,
        filed_on: filedOn,
        note: input.note,
        created_at: at,
        created_by: ctx.actor.userId,
      })
      .execute();
    await db
      .insertInto('timeline_events')
      .values({
        id: newId(),
        household_id: application.household_id,
        at,
        kind: 'correction_requested',
        title: `Istanza di rettifica del punteggio (domanda ${application.platform_id})`,
        detail: `Invalidità civile ${input.invalidityPercent}%`,
        source_type: 'correction_request',
        source_id: id,
        actor_id: ctx.actor.userId,
      })
      .execute();
    await writeAudit(db, ctx, {
      action: 'create',
      entityType: 'correction_request',
      entityId: id,
      householdId: application.household_id,
    });
    return { id };
  });
}

export async function decideCorrectionRequest(
  root: DbExecutor,
  ctx: RequestContext,
  requestId: string,
  input: { decision: 'granted' | 'rejected'; reason: string },
) {
  if (!roleManagesSap(ctx.actor.role)) await refuse(root, ctx, 'decide_correction', requestId);
  return root.transaction().execute(async (db) => {
    const request = await db
      .selectFrom('correction_requests as r')
      .innerJoin('applications as a', 'a.id', 'r.application_id')
      .select(['r.id', 'r.filed_on', 'a.household_id', 'a.platform_id'])
      .where('r.id', '=', requestId)
      .executeTakeFirst();
    if (!request) throw notFound('L’istanza di rettifica');
    const existing = await db
      .selectFrom('correction_decisions')
      .select('id')
      .where('request_id', '=', requestId)
      .executeTakeFirst();
    if (existing) throw new AppError(409, 'CONFLICT', 'L’istanza è già stata decisa: la decisione non si sovrascrive.');
    const on = today(ctx);
    const outcome = correctionRequestOutcome({ filedOn: request.filed_on as PlainDate, today: on });
    if (outcome.code === 'granted_by_silence') {
      throw new AppError(409, 'CONFLICT', `${outcome.text} Una decisione ora non cambia l’esito.`);
    }
    const at = ctx.now.toISOString();
    await db
      .insertInto('correction_decisions')
      .values({
        id: newId(),
        request_id: requestId,
        decision: input.decision,
        reason: input.reason,
        decided_on: on,
        decided_at: at,
        decided_by: ctx.actor.userId,
      })
      .execute();
    await db
      .insertInto('timeline_events')
      .values({
        id: newId(),
        household_id: request.household_id,
        at,
        kind: 'correction_decided',
        title: `Istanza di rettifica ${input.decision === 'granted' ? 'accolta' : 'respinta'} (domanda ${request.platform_id})`,
        detail: input.reason,
        source_type: 'correction_request',
        source_id: requestId,
        actor_id: ctx.actor.userId,
      })
      .execute();
    await writeAudit(db, ctx, {
      action: 'decide',
      entityType: 'correction_request',
      entityId: requestId,
      householdId: request.household_id,
      details: { decision: input.decision },
    });
    return { id: requestId, decision: input.decision };
  });
}

/** The call's latest ranking with its state, deadlines, corrections and entries (staff view, with names). */
export async function readRankings(root: DbExecutor, ctx: RequestContext, callIdOrCode: string) {
  if (!roleReadsSap(ctx.actor.role)) await refuse(root, ctx, 'read', callIdOrCode);
  const call = await requireCall(root, callIdOrCode);
  const run = await findLatestRun(root, call.id);
  if (!run) {
    return {
      call: { id: call.id, code: call.code, name: call.name },
      run: null,
      deadlines: callDeadlines({ closesOn: call.closes_on as PlainDate }),
      corrections: [],
      rankings: [],
    };
  }
  const [state, entries, requests] = await Promise.all([
    runState(root, run.id),
    loadRunEntries(root, run.id),
    correctionRows(root, run.id),
  ]);
  const on = today(ctx);
  const corrections = requests.map((r) => {
    const outcome = correctionRequestOutcome({
      filedOn: r.filed_on as PlainDate,
      decidedOn: (r.decided_on ?? null) as PlainDate | null,
      decision: r.decision ?? null,
      today: on,
    });
    return {
      id: r.id,
      applicationId: r.application_id,
      platformId: r.platform_id,
      invalidityPercent: r.invalidity_percent,
      filedOn: r.filed_on,
      outcome: outcome.code,
      text: outcome.text,
      reason: r.reason ?? null,
    };
  });
  const groups = new Map<
    string,
    { ownerId: string; ownerName: string; comuneId: string; comuneName: string; entries: unknown[] }
  >();
  for (const e of entries) {
    const key = `${e.owner_id}|${e.comune_id}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        ownerId: e.owner_id,
        ownerName: e.owner_name,
        comuneId: e.comune_id,
        comuneName: e.comune_name,
        entries: [],
      };
      groups.set(key, g);
    }
    g.entries.push({
      position: e.position,
      applicationId: e.application_id,
      platformId: e.platform_id,
      householdId: e.household_id,
      applicantName: `${e.applicant_last_name} ${e.applicant_first_name}`,
      isbar: e.isbar_milli / 1000,
      indigent: e.indigent === 1,
      unitIds: JSON.parse(e.unit_ids) as string[],
    });
  }
  await writeAudit(root, ctx, {
    action: 'read',
    entityType: 'ranking',
    entityId: run.id,
    details: { call: call.code, entries: entries.length },
  });
  return {
    call: { id: call.id, code: call.code, name: call.name },
    run: {
      id: run.id,
      state: state.state,
      publishedOn: state.publishedOn,
      finalisedOn: state.finalisedOn,
      createdAt: run.created_at,
      inputHash: run.input_hash,
      seed: Number(run.seed),
      tieBreakKeys: JSON.parse(run.tie_break_keys) as TieBreakKey[],
      rulesetVersion: run.ruleset_version,
      supersedesId: run.supersedes_id,
    },
    deadlines: callDeadlines({
      closesOn: call.closes_on as PlainDate,
      provisionalPublishedOn: (state.publishedOn ?? null) as PlainDate | null,
      correctionRequests: requests.map((r) => ({
        filedOn: r.filed_on as PlainDate,
        decidedOn: (r.decided_on ?? null) as PlainDate | null,
      })),
    }),
    corrections,
    rankings: [...groups.values()],
  };
}

/** What a publication is of: the call, its latest run and that run's state (the rows are read after, in pages). */
export async function publicationHead(db: DbExecutor, callIdOrCode: string) {
  const call = await requireCall(db, callIdOrCode);
  const run = await requireLatestRun(db, call.id);
  const state = await runState(db, run.id);
  return { call, run, state: state.state };
}

/** The publication: platform id, position, score and chosen unit ids only — never names (rules.md §2.5, privacy). */
export async function publicationData(db: DbExecutor, callIdOrCode: string) {
  const { call, run, state } = await publicationHead(db, callIdOrCode);
  const entries = await loadRunEntries(db, run.id);
  return {
    call,
    run,
    state,
    entries: entries.map((e) => ({
      owner: e.owner_name,
      comune: e.comune_name,
      position: e.position,
      applicationId: e.platform_id,
      isbar: e.isbar_milli / 1000,
      indigent: e.indigent === 1,
      unitIds: JSON.parse(e.unit_ids) as string[],
    })),
  };
}

/** Recomputes a stored run from its own snapshot and compares hash and order. */
export async function verifyRankingRun(db: DbExecutor, runId: string) {
  const run = await findRun(db, runId);
  const snapshotText = await findRunSnapshot(db, runId);
  if (!run || snapshotText === undefined) throw notFound('L’elaborazione');
  const snapshot = JSON.parse(snapshotText) as RankingInputs;
  const tieBreakKeys = JSON.parse(run.tie_break_keys) as TieBreakKey[];
  const seed = Number(run.seed);
  const recomputed = buildRankings(snapshot.applications, snapshot.units, { tieBreakKeys, seed });
  const hash = rankingInputHash(snapshot, tieBreakKeys, seed, run.ruleset_version);
  const stored = toCoreRun(run, await loadRunEntries(db, runId));
  const flatten = (r: RankingRun) =>
    r.rankings
      .flatMap((g) => g.entries.map((e) => `${g.ownerId}|${g.comune}|${e.position}|${e.applicationId}`))
      .join('\n');
  const sameHash = hash === run.input_hash;
  const sameOrder = flatten(recomputed) === flatten(stored);
  return {
    runId,
    identical: sameHash && sameOrder,
    sameHash,
    sameOrder,
    storedHash: run.input_hash,
    recomputedHash: hash,
  };
}

/** Why an application is where it is, in plain Italian, for staff and (later) the citizen portal. */
export async function explainApplication(root: DbExecutor, ctx: RequestContext, applicationId: string) {
  if (!roleReadsSap(ctx.actor.role)) await refuse(root, ctx, 'explain', applicationId);
  const { householdId, ...explanation } = await describeApplication(root, applicationId);
  await writeAudit(root, ctx, {
    action: 'read',
    entityType: 'application_explanation',
    entityId: applicationId,
    householdId,
  });
  return explanation;
}

/**
 * The explanation itself, without authorisation or audit: explainApplication (staff) and the
 * citizen portal (which authorises the citizen and audits on its own) both call it.
 */
export async function describeApplication(root: DbExecutor, applicationId: string) {
  const application = await root
    .selectFrom('applications')
    .selectAll()
    .where('id', '=', applicationId)
    .executeTakeFirst();
  if (!application) throw notFound('La domanda');
  const run = await findLatestRun(root, application.call_id);
  const review = await root
    .selectFrom('application_reviews')
    .select(['decision', 'reason', 'checks', 'decided_at'])
    .where('application_id', '=', applicationId)
    .orderBy('decided_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const lines: string[] = [
    `Punteggio ISBAR attribuito dalla piattaforma regionale: ${(application.isbar_milli / 1000).toLocaleString('it-IT')}.`,
  ];
  if (review)
    lines.push(
      review.decision === 'admitted' ? `Domanda ammessa: ${review.reason}` : `Domanda esclusa: ${review.reason}`,
    );
  else lines.push('Requisiti in corso di verifica (istruttoria non ancora conclusa).');
  const positions: { owner: string; comune: string; position: number; total: number; text: string }[] = [];
  if (run) {
    const entries = await loadRunEntries(root, run.id);
    const core = toCoreRun(run, entries);
    const names = new Map(
      entries.map((e) => [`${e.owner_id}|${e.comune_id}`, { owner: e.owner_name, comune: e.comune_name }]),
    );
    for (const ranking of core.rankings) {
      const explanation = explainAgainstNeighbours(ranking, application.platform_id);
      if (!explanation) continue;
      const n = names.get(`${ranking.ownerId}|${ranking.comune}`);
      const text = explanation.text.replace(
        `${ranking.ownerId} – ${ranking.comune}`,
        `${n?.owner ?? ''} – ${n?.comune ?? ''}`,
      );
      positions.push({
        owner: n?.owner ?? ranking.ownerId,
        comune: n?.comune ?? ranking.comune,
        position: explanation.position,
        total: explanation.total,
        text,
      });
      lines.push(text);
    }
    if (positions.length === 0)
      lines.push(
        'La domanda non compare nelle graduatorie: nessuno degli alloggi scelti è offerto dall’avviso, oppure è stata esclusa.',
      );
  } else {
    lines.push('La graduatoria non è ancora stata calcolata.');
  }
  const assignment = await assignmentOutcome(root, application.call_id, applicationId);
  if (assignment) lines.push(assignment.text);
  return {
    householdId: application.household_id,
    applicationId,
    platformId: application.platform_id,
    isbar: application.isbar_milli / 1000,
    review: review
      ? {
          decision: review.decision,
          reason: review.reason,
          decidedAt: review.decided_at,
          checks: JSON.parse(review.checks) as unknown,
        }
      : null,
    positions,
    assignment,
    text: lines.join('\n'),
  };
}

const ASSIGNMENT_STATE_TEXT: Record<string, string> = {
  confirmed: 'proposta confermata dall’ufficio',
  offered: 'alloggio offerto, in attesa di risposta',
  accepted: 'alloggio accettato',
  decided: 'assegnazione disposta',
  contracted: 'contratto firmato',
  refused: 'rinuncia registrata',
  cancelled: 'assegnazione annullata',
};

/** Which unit the application got in the latest assignment run, or why it got none (RR 4/2017 art. 15). */
async function assignmentOutcome(db: DbExecutor, callId: string, applicationId: string) {
  const held = await db
    .selectFrom('assignments as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select(['s.id', 'u.code'])
    .where('s.application_id', '=', applicationId)
    .orderBy('s.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (held) {
    const events = await db
      .selectFrom('assignment_events')
      .select('kind')
      .where('assignment_id', '=', held.id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    const state = deriveAssignmentState(events.map((e) => ({ kind: e.kind as AssignmentEventKind }))).state;
    const text = `Assegnazione: alloggio ${held.code}, ${ASSIGNMENT_STATE_TEXT[state] ?? state}.`;
    return { unitCode: held.code, code: state, text };
  }
  const run = await db
    .selectFrom('assignment_runs')
    .select('id')
    .where('call_id', '=', callId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!run) return null;
  const proposal = await db
    .selectFrom('assignment_proposals as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(['u.code', 'p.explanation'])
    .where('p.run_id', '=', run.id)
    .where('p.application_id', '=', applicationId)
    .executeTakeFirst();
  if (proposal) {
    return {
      unitCode: proposal.code,
      code: 'proposed',
      text: `Proposta di assegnazione: alloggio ${proposal.code}. ${proposal.explanation}`,
    };
  }
  const outcome = await explainOutcome(db, run.id, applicationId);
  return outcome
    ? { unitCode: null, code: outcome.code, text: `Nessun alloggio in questa proposta: ${outcome.text}` }
    : null;
}
