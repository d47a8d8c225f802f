// Use cases of the eviction register. The status is derived from the events by the pure state
// machine (core/evictions/eviction-state.ts); the `status` column is only its cache for lists.
import { evictionAlerts, type WorkAlert } from '../../../core/evictions/alerts.js';
import { arrearsFundEligibility } from '../../../core/measures/arrears-fund.js';
import type { EvictionStage } from '../../../core/measures/facts.js';
import {
  allowedEventKinds,
  deriveEviction,
  EVICTION_EVENT_LABELS,
  type EvictionEvent,
  type EvictionEventKind,
  type EvictionStatus,
} from '../../../core/evictions/eviction-state.js';
import {
  CINISELLO_2012_2017,
  checkHistoricalTotals,
  yearlyStatistics,
  type EvictionMotive,
  type ProcedureFacts,
} from '../../../core/evictions/statistics.js';
import type { CheckOutcome } from '../../../core/sap/explained.js';
import type { PlainDate } from '../../../core/kernel/plain-date.js';
import {
  EVICTION_STAGE_FILTERS,
  type EvictionDetail,
  type EvictionDetailsInput,
  type EvictionEventInput,
  type EvictionInput,
  type EvictionStageFilter,
  type EvictionStatistics,
  type EvictionSummary,
  type HistoryImport,
} from '../../../shared/evictions.js';
import type { DbExecutor } from '../../db/client.js';
import { nextSequenceValue } from '../../db/sequences.js';
import type { RequestContext } from '../../http/context.js';
import { AppError, notFound, validationFailed } from '../../http/errors.js';
import { newId } from '../../ids.js';
import { writeAudit } from '../audit/audit.queries.js';
import { findHouseholdFacts, insertTimelineEvent } from '../households/households.queries.js';
import { applicantNames, inputRefused, refuse, ruleRefused, today } from '../partners/emergency-kit.js';
import { loadEmergencySettings } from '../temporary-housing/emergency-settings.js';
import {
  canImportEvictionHistory,
  canListEvictions,
  canReadEviction,
  canReadEvictionStatistics,
  canWriteEviction,
} from './evictions.access.js';
import {
  appliedToArrearsFund,
  arrearsFundInputs,
  eventsByEviction,
  findEviction,
  listEvictionEvents,
  listEvictionMotives,
  listEvictionRows,
  listHistory,
  replaceHistory,
  socialWorkerExists,
  type EvictionRow,
} from './evictions.queries.js';

/** Days ahead in which a set release raises an alert on the work list (issue 5: 30; a setting). */
async function releaseWindowDays(db: DbExecutor): Promise<number> {
  return (await loadEmergencySettings(db)).alerts.releaseWithinDays;
}
export const DEFAULT_HISTORY_SCOPE = 'Cinisello Balsamo';

type EventRow = Awaited<ReturnType<typeof listEvictionEvents>>[number];

function toCoreEvent(
  r: Pick<EventRow, 'kind' | 'occurred_on' | 'planned_on' | 'visit_outcome' | 'police_present'>,
): EvictionEvent {
  return {
    kind: r.kind as EvictionEventKind,
    occurredOn: r.occurred_on as PlainDate,
    plannedOn: (r.planned_on as PlainDate | null) ?? null,
    visitOutcome: (r.visit_outcome as EvictionEvent['visitOutcome']) ?? null,
    policePresent: r.police_present === null ? null : r.police_present === 1,
  };
}

function derive(events: readonly EvictionEvent[]) {
  const d = deriveEviction(events);
  // Stored events were all accepted by the same table: a refusal here is a broken invariant.
  if (!d.ok) throw new Error(`Stored eviction events do not derive: ${d.message}`);
  return d;
}

export async function createEviction(root: DbExecutor, ctx: RequestContext, input: EvictionInput): Promise<string> {
  const facts = await findHouseholdFacts(root, input.householdId, ctx.now.toISOString());
  if (!facts) throw notFound('Il nucleo familiare');
  if (!canWriteEviction(ctx.actor, { comuneId: facts.comuneId })) {
    await refuse(root, ctx, { action: 'create', entityType: 'eviction', householdId: input.householdId });
  }
  if (input.reportedOn > today(ctx)) {
    throw inputRefused('date_in_future', 'La data della segnalazione è nel futuro.', 'reportedOn');
  }
  if (input.socialWorkerId && !(await socialWorkerExists(root, input.socialWorkerId))) {
    throw validationFailed([
      { path: 'socialWorkerId', code: 'unknown_social_worker', message: 'Assistente sociale sconosciuto.' },
    ]);
  }
  if (input.unitId) {
    const unit = await root.selectFrom('units').select('id').where('id', '=', input.unitId).executeTakeFirst();
    if (!unit) throw validationFailed([{ path: 'unitId', code: 'unknown_unit', message: 'Alloggio sconosciuto.' }]);
  }
  return root.transaction().execute(async (db) => {
    const at = ctx.now.toISOString();
    const id = newId();
    const year = today(ctx).slice(0, 4);
    const code = `SF-${year}-${String(await nextSequenceValue(db, `eviction:${year}`)).padStart(5, '0')}`;
    await db
      .insertInto('evictions')
      .values({
        id,
        code,
        household_id: input.householdId,
        comune_id: facts.comuneId,
        unit_id: input.unitId,
        ...detailColumns(input),
        social_worker_id: input.socialWorkerId,
        status: 'reported',
        planned_release_on: null,
        version: 1,
        created_at: at,
        created_by: ctx.actor.userId,
        updated_at: at,
      })
      .execute();
    await insertTimelineEvent(db, {
      id: newId(),
      householdId: input.householdId,
      at,
      kind: 'eviction_reported',
      title: `Procedura di sfratto ${code} registrata`,
      detail: `${input.court}${input.caseNumber ? `, R.G. ${input.caseNumber}` : ''}`,
      actorId: ctx.actor.userId,
      sourceType: 'eviction',
      sourceId: id,
    });
    await writeAudit(db, ctx, {
      action: 'create',
      entityType: 'eviction',
      entityId: id,
      householdId: input.householdId,
      details: { code },
    });
    return id;
  });
}

async function requireEviction(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  action: string,
): Promise<EvictionRow> {
  const e = await findEviction(root, id);
  if (!e) {
    if (ctx.actor.role === 'partner') return refuse(root, ctx, { action, entityType: 'eviction', entityId: id });
    throw notFound('La procedura di sfratto');
  }
  if (!canReadEviction(ctx.actor, { comuneId: e.comune_id })) {
    await refuse(root, ctx, { action, entityType: 'eviction', entityId: id, householdId: e.household_id });
  }
  return e;
}

/** Records the next stage: allowed only if the table allows it after the recorded ones, dated in order. */
export async function addEvictionEvent(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  input: EvictionEventInput,
): Promise<void> {
  const e = await requireEviction(root, ctx, id, 'add_event');
  if (!canWriteEviction(ctx.actor, { comuneId: e.comune_id })) {
    await refuse(root, ctx, { action: 'add_event', entityType: 'eviction', entityId: id, householdId: e.household_id });
  }
  if (input.kind === 'bailiff_visit' && input.visitOutcome === null) {
    throw inputRefused(
      'visit_outcome_required',
      'Indicare l’esito dell’accesso (rinviato o eseguito).',
      'visitOutcome',
    );
  }
  if (input.kind === 'bailiff_visit' && input.policePresent === null) {
    throw inputRefused('police_presence_required', 'Indicare se era presente la forza pubblica.', 'policePresent');
  }
  if (input.occurredOn > today(ctx)) {
    throw inputRefused(
      'date_in_future',
      'La data del passaggio è nel futuro: registrare i fatti avvenuti.',
      'occurredOn',
    );
  }
  if (input.occurredOn < e.reported_on && input.kind !== 'notice_served') {
    throw inputRefused(
      'date_before_report',
      'La data del passaggio precede la segnalazione della procedura.',
      'occurredOn',
    );
  }
  await root.transaction().execute(async (db) => {
    const recorded = await listEvictionEvents(db, id);
    const next: EvictionEvent = {
      kind: input.kind,
      occurredOn: input.occurredOn,
      plannedOn: input.plannedOn,
      visitOutcome: input.kind === 'bailiff_visit' ? input.visitOutcome : null,
      policePresent: input.kind === 'bailiff_visit' ? input.policePresent : null,
    };
    const derived = deriveEviction([...recorded.map(toCoreEvent), next]);
    if (!derived.ok) throw ruleRefused(`EVICTION_${derived.code}`, derived.message, 'kind');
    const at = ctx.now.toISOString();
    // Optimistic concurrency: the step applies to the procedure as the user saw it.
    const updated = await db
      .updateTable('evictions')
      .set({
        status: derived.status,
        planned_release_on: derived.plannedReleaseOn,
        version: input.version + 1,
        updated_at: at,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw staleEviction();
    }
    const eventId = newId();
    await db
      .insertInto('eviction_events')
      .values({
        id: eventId,
        eviction_id: id,
        seq: recorded.length + 1,
        kind: input.kind,
        occurred_on: input.occurredOn,
        planned_on: input.plannedOn,
        visit_outcome: next.visitOutcome ?? null,
        police_present:
          next.policePresent === null || next.policePresent === undefined ? null : next.policePresent ? 1 : 0,
        hearing_outcome: input.kind === 'hearing' ? input.hearingOutcome : null,
        note: input.note,
        created_at: at,
        created_by: ctx.actor.userId,
      })
      .execute();
    await insertTimelineEvent(db, {
      id: newId(),
      householdId: e.household_id,
      at,
      kind: 'eviction_event',
      title: `Sfratto ${e.code}: ${EVICTION_EVENT_LABELS[input.kind].toLowerCase()}`,
      detail: input.note,
      actorId: ctx.actor.userId,
      sourceType: 'eviction',
      sourceId: id,
    });
    await writeAudit(db, ctx, {
      action: 'add_event',
      entityType: 'eviction',
      entityId: id,
      householdId: e.household_id,
      details: { kind: input.kind, occurredOn: input.occurredOn, status: derived.status },
    });
  });
}

/** The procedure's own data as columns: the same at registration and at a correction. */
function detailColumns(input: Omit<EvictionDetailsInput, 'version'>) {
  return {
    address: input.address,
    court: input.court,
    case_number: input.caseNumber,
    landlord_name: input.landlordName,
    landlord_kind: input.landlordKind,
    motive: input.motive,
    arrears_cents: input.arrearsEuros,
    reported_by: input.reportedBy,
    reported_on: input.reportedOn,
    notes: input.notes,
  };
}

const staleEviction = () =>
  new AppError(409, 'STALE_VERSION', 'La procedura è stata aggiornata da un’altra persona: ricarica la pagina.');

const DETAIL_LABELS = {
  address: 'indirizzo',
  court: 'tribunale',
  case_number: 'numero di ruolo',
  landlord_name: 'proprietario',
  landlord_kind: 'tipo di proprietario',
  motive: 'motivo',
  arrears_cents: 'morosità',
  reported_by: 'segnalante',
  reported_on: 'data della segnalazione',
  notes: 'note',
} as const;

/**
 * Corrects the procedure's own data (a mistyped case number, the landlord, the motive…). The stages
 * are events and are never rewritten; the report date must stay before them. Returns the fields
 * changed (none: nothing is written).
 */
export async function correctEvictionDetails(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  input: EvictionDetailsInput,
): Promise<string[]> {
  const e = await requireEviction(root, ctx, id, 'correct');
  if (!canWriteEviction(ctx.actor, { comuneId: e.comune_id })) {
    await refuse(root, ctx, { action: 'correct', entityType: 'eviction', entityId: id, householdId: e.household_id });
  }
  if (input.reportedOn > today(ctx)) {
    throw inputRefused('date_in_future', 'La data della segnalazione è nel futuro.', 'reportedOn');
  }
  return root.transaction().execute(async (db) => {
    const events = await listEvictionEvents(db, id);
    // The same order the stages are checked against when recorded (addEvictionEvent).
    const firstAfterReport = events
      .filter((ev) => ev.kind !== 'notice_served')
      .map((ev) => ev.occurred_on)
      .sort()[0];
    if (firstAfterReport !== undefined && input.reportedOn > firstAfterReport) {
      throw inputRefused(
        'date_after_events',
        `La data della segnalazione non può seguire i passaggi già registrati (il primo è del ${firstAfterReport.split('-').reverse().join('/')}).`,
        'reportedOn',
      );
    }
    const next = detailColumns(input);
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
      (k) => (e[k] === null ? null : k === 'arrears_cents' ? Number(e[k]) : e[k]) !== next[k],
    );
    if (e.version !== input.version) {
      throw staleEviction();
    }
    if (changed.length === 0) return [];
    const at = ctx.now.toISOString();
    const updated = await db
      .updateTable('evictions')
      .set({ ...next, version: input.version + 1, updated_at: at })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw staleEviction();
    }
    await insertTimelineEvent(db, {
      id: newId(),
      householdId: e.household_id,
      at,
      kind: 'eviction_corrected',
      title: `Sfratto ${e.code}: dati corretti`,
      detail: `Corretti: ${changed.map((k) => DETAIL_LABELS[k]).join(', ')}.`,
      actorId: ctx.actor.userId,
      sourceType: 'eviction',
      sourceId: id,
    });
    await writeAudit(db, ctx, {
      action: 'correct',
      entityType: 'eviction',
      entityId: id,
      householdId: e.household_id,
      details: { fields: changed },
    });
    return changed;
  });
}

export async function assignSocialWorker(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  input: { socialWorkerId: string | null; version: number },
): Promise<void> {
  const e = await requireEviction(root, ctx, id, 'assign');
  if (!canWriteEviction(ctx.actor, { comuneId: e.comune_id })) {
    await refuse(root, ctx, { action: 'assign', entityType: 'eviction', entityId: id, householdId: e.household_id });
  }
  if (input.socialWorkerId && !(await socialWorkerExists(root, input.socialWorkerId))) {
    throw validationFailed([
      { path: 'socialWorkerId', code: 'unknown_social_worker', message: 'Assistente sociale sconosciuto.' },
    ]);
  }
  await root.transaction().execute(async (db) => {
    const at = ctx.now.toISOString();
    const updated = await db
      .updateTable('evictions')
      .set({ social_worker_id: input.socialWorkerId, version: input.version + 1, updated_at: at })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw staleEviction();
    }
    await writeAudit(db, ctx, {
      action: 'assign',
      entityType: 'eviction',
      entityId: id,
      householdId: e.household_id,
      details: { socialWorkerId: input.socialWorkerId },
    });
  });
}

function citizenshipOutcome(
  members: readonly { citizenship: string | null; permit_kind: string | null; permit_expires_on: string | null }[],
  on: PlainDate,
): CheckOutcome {
  if (members.some((m) => m.citizenship === null)) return 'missing_information';
  // DM 30/3/2016 art. 3 lett. d): a non-EU citizen needs a valid residence permit.
  const ok = members.every(
    (m) =>
      m.citizenship !== 'non_eu' ||
      m.permit_kind === 'long_term_eu' ||
      (m.permit_expires_on !== null && m.permit_expires_on >= on),
  );
  return ok ? 'met' : 'not_met';
}

function measureStage(status: EvictionStatus): EvictionStage {
  if (status === 'reported') return 'arrears';
  if (status === 'notice_served' || status === 'hearing_held') return 'notice_served';
  if (status === 'executed' || status === 'released_voluntarily') return 'executed';
  if (status === 'closed') return 'none';
  return 'validated';
}

/**
 * The arrears-fund requirements (DM 30/3/2016 art. 3) with the measures area's pure rule
 * (core/measures/arrears-fund.ts), fed with what the file and the register know. Unknown facts
 * make it "to verify": the alert fires unless a requirement is known to fail.
 */
async function arrearsFundFor(db: DbExecutor, e: EvictionRow, status: EvictionStatus, on: PlainDate) {
  const inputs = await arrearsFundInputs(db, e.household_id, on);
  const applicant = inputs.members[0];
  const cit = citizenshipOutcome(inputs.members, on);
  const r = arrearsFundEligibility({
    asOf: on,
    membersCount: inputs.members.length,
    residenceComuneId: e.comune_id,
    iseeCents: inputs.iseeCents,
    iseeInForce: inputs.iseeCents !== null,
    evictionStage: e.motive === 'arrears' ? measureStage(status) : 'none',
    arrearsCents: e.arrears_cents === null ? null : Number(e.arrears_cents),
    citizenship: (applicant?.citizenship as 'italian' | 'eu' | 'non_eu' | null | undefined) ?? null,
    permitValid: cit === 'missing_information' ? null : cit === 'met',
  });
  return {
    outcome: r.verdict === 'missing_information' ? ('to_verify' as const) : r.verdict,
    checks: r.checks.map((c) => ({ code: c.code, label: c.evidence, outcome: c.outcome, source: c.source })),
  };
}

/** Work-list alerts of the open procedures the actor may see, on a given day. */
export async function evictionAlertsFor(
  db: DbExecutor,
  scope: readonly string[] | 'all',
  on: PlainDate,
): Promise<(WorkAlert & { householdCode: string })[]> {
  const windowDays = await releaseWindowDays(db);
  const rows = await listEvictionRows(db, { statuses: EVICTION_STAGE_FILTERS.open, comuneIds: scope });
  const events = await eventsByEviction(
    db,
    rows.map((r) => r.id),
  );
  const applied = await appliedToArrearsFund(
    db,
    rows.map((r) => r.household_id),
  );
  const out: (WorkAlert & { householdCode: string })[] = [];
  for (const e of rows) {
    const d = derive((events.get(e.id) ?? []).map(toCoreEvent));
    const fund = e.motive === 'arrears' ? (await arrearsFundFor(db, e, d.status, on)).outcome : 'not_eligible';
    for (const a of evictionAlerts(
      {
        id: e.id,
        code: e.code,
        householdId: e.household_id,
        status: d.status,
        plannedReleaseOn: d.plannedReleaseOn,
        socialWorkerAssigned: e.social_worker_id !== null,
        arrearsFund: fund,
        appliedToArrearsFund: applied.get(e.household_id) ?? false,
      },
      { today: on, releaseWindowDays: windowDays },
    )) {
      out.push({ ...a, householdCode: e.household_code });
    }
  }
  return out;
}

export async function readEviction(root: DbExecutor, ctx: RequestContext, id: string): Promise<EvictionDetail> {
  const e = await requireEviction(root, ctx, id, 'read');
  const events = await listEvictionEvents(root, id);
  const d = derive(events.map(toCoreEvent));
  const on = today(ctx);
  const fund = await arrearsFundFor(root, e, d.status, on);
  const applied = await appliedToArrearsFund(root, [e.household_id]);
  const names = await applicantNames(root, [e.household_id]);
  const alerts = evictionAlerts(
    {
      id: e.id,
      code: e.code,
      householdId: e.household_id,
      status: d.status,
      plannedReleaseOn: d.plannedReleaseOn,
      socialWorkerAssigned: e.social_worker_id !== null,
      arrearsFund: e.motive === 'arrears' ? fund.outcome : 'not_eligible',
      appliedToArrearsFund: applied.get(e.household_id) ?? false,
    },
    { today: on, releaseWindowDays: await releaseWindowDays(root) },
  );
  await writeAudit(root, ctx, { action: 'read', entityType: 'eviction', entityId: id, householdId: e.household_id });
  return {
    ...summaryOf(e, names, d.status, d.plannedReleaseOn),
    comuneId: e.comune_id,
    unitId: e.unit_id,
    landlordName: e.landlord_name,
    landlordKind: e.landlord_kind,
    arrearsCents: e.arrears_cents === null ? null : Number(e.arrears_cents),
    reportedBy: e.reported_by,
    socialWorkerId: e.social_worker_id,
    notes: e.notes,
    version: e.version,
    events: events.map((r) => ({
      id: r.id,
      seq: r.seq,
      kind: r.kind as EvictionEventKind,
      occurredOn: r.occurred_on,
      plannedOn: r.planned_on,
      visitOutcome: r.visit_outcome as EvictionDetail['events'][number]['visitOutcome'],
      policePresent: r.police_present === null ? null : r.police_present === 1,
      hearingOutcome: r.hearing_outcome as EvictionDetail['events'][number]['hearingOutcome'],
      note: r.note,
      createdAt: r.created_at,
      createdByName: r.created_by_name,
    })),
    allowedEventKinds: allowedEventKinds(d.status),
    dates: {
      noticeServedOn: d.noticeServedOn,
      validatedOn: d.validatedOn,
      executionRequestedOn: d.executionRequestedOn,
      executedOn: d.executedOn,
      releasedOn: d.releasedOn,
      closedOn: d.closedOn,
      visits: d.visits,
      visitsWithPolice: d.visitsWithPolice,
    },
    arrearsFund: {
      outcome: e.motive === 'arrears' ? fund.outcome : 'not_eligible',
      applied: applied.get(e.household_id) ?? false,
      checks: fund.checks.map((c) => ({ ...c })),
    },
    alerts: alerts.map((a) => ({ ...a, householdCode: e.household_code })),
  };
}

function summaryOf(
  e: EvictionRow,
  names: Map<string, string>,
  status: EvictionStatus,
  plannedReleaseOn: string | null,
): EvictionSummary {
  return {
    id: e.id,
    code: e.code,
    householdId: e.household_id,
    householdCode: e.household_code,
    applicantName: names.get(e.household_id) ?? '',
    comuneName: e.comune_name,
    address: e.address,
    court: e.court,
    caseNumber: e.case_number,
    motive: e.motive,
    status,
    plannedReleaseOn,
    socialWorkerName: e.social_worker_name,
    reportedOn: e.reported_on,
  };
}

export async function listEvictions(
  root: DbExecutor,
  ctx: RequestContext,
  q: {
    stage?: EvictionStageFilter | undefined;
    status?: EvictionStatus | undefined;
    motive?: EvictionMotive | undefined;
    householdId?: string | undefined;
    q?: string | undefined;
  },
): Promise<EvictionSummary[]> {
  if (!canListEvictions(ctx.actor)) return refuse(root, ctx, { action: 'list', entityType: 'eviction' });
  const statuses = q.status ? [q.status] : q.stage ? EVICTION_STAGE_FILTERS[q.stage] : undefined;
  const rows = await listEvictionRows(root, {
    statuses,
    motive: q.motive,
    householdId: q.householdId,
    q: q.q,
    comuneIds: ctx.actor.comuneIds.length === 0 ? 'all' : ctx.actor.comuneIds,
  });
  const names = await applicantNames(
    root,
    rows.map((r) => r.household_id),
  );
  await writeAudit(root, ctx, { action: 'list', entityType: 'eviction', details: { returned: rows.map((r) => r.id) } });
  return rows.map((r) => summaryOf(r, names, r.status as EvictionStatus, r.planned_release_on));
}

/** Yearly statistics in the Ministry's terms: imported history for the scope plus the register (aggregates only). */
export async function evictionStatistics(
  root: DbExecutor,
  ctx: RequestContext,
  scope = DEFAULT_HISTORY_SCOPE,
): Promise<EvictionStatistics> {
  if (!canReadEvictionStatistics(ctx.actor)) return refuse(root, ctx, { action: 'statistics', entityType: 'eviction' });
  return { scope, rows: await statisticsRows(root, scope) };
}

export async function statisticsRows(db: DbExecutor, scope: string) {
  const [procedures, events, history] = await Promise.all([
    listEvictionMotives(db),
    eventsByEviction(db),
    listHistory(db, scope),
  ]);
  const facts: ProcedureFacts[] = procedures.map((p) => {
    const d = derive((events.get(p.id) ?? []).map(toCoreEvent));
    return {
      motive: p.motive,
      validatedOn: d.validatedOn,
      executionRequestedOn: d.executionRequestedOn,
      executedOn: d.executedOn,
    };
  });
  return yearlyStatistics(
    facts,
    history.map((h) => ({
      year: h.year,
      issued: h.issued,
      issuedLandlordNeed: h.issued_landlord_need,
      issuedEndOfLease: h.issued_end_of_lease,
      issuedArrearsOther: h.issued_arrears_other,
      executionRequests: h.execution_requests,
      executed: h.executed,
      source: h.source,
    })),
  );
}

/** Imports yearly totals all-or-nothing; a year already imported for the scope is replaced. */
export async function importHistory(root: DbExecutor, ctx: RequestContext, input: HistoryImport): Promise<number> {
  if (!canImportEvictionHistory(ctx.actor))
    return refuse(root, ctx, { action: 'import_history', entityType: 'eviction_yearly_totals' });
  const errors = checkHistoricalTotals(input.rows, Number(today(ctx).slice(0, 4)));
  if (errors.length > 0) {
    throw validationFailed(
      errors.map((e) => ({ path: `rows.${e.row - 1}.${e.field}`, code: e.code, message: e.message })),
      'Alcune righe non sono valide: nessuna riga è stata importata.',
    );
  }
  await root.transaction().execute(async (db) => {
    const at = ctx.now.toISOString();
    await replaceHistory(
      db,
      input.rows.map((r) => ({
        id: newId(),
        scope: input.scope,
        year: r.year,
        issued: r.issued,
        issued_landlord_need: r.issuedLandlordNeed,
        issued_end_of_lease: r.issuedEndOfLease,
        issued_arrears_other: r.issuedArrearsOther,
        execution_requests: r.executionRequests,
        executed: r.executed,
        source: input.source,
        imported_at: at,
        imported_by: ctx.actor.userId,
      })),
    );
    await writeAudit(db, ctx, {
      action: 'import_history',
      entityType: 'eviction_yearly_totals',
      details: { scope: input.scope, years: input.rows.map((r) => r.year) },
    });
  });
  return input.rows.length;
}

/** The seed's 2012–2017 table as an import (demo data and a one-click import on the statistics page). */
export function seedHistoryImport(): HistoryImport {
  const first = CINISELLO_2012_2017[0];
  return {
    scope: DEFAULT_HISTORY_SCOPE,
    source: first?.source ?? 'Agenzia per la Casa di Cinisello Balsamo',
    rows: CINISELLO_2012_2017.map(({ source: _source, ...r }) => r),
  };
}
