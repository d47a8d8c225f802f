// Use cases of temporary housing: units, stays and their follow-up, selection, occupancy, alerts.
// Rules are pure (core/temporary-housing); every write runs in one transaction with its audit row.
import type { WorkAlert } from '../../../core/evictions/alerts.js';
import { addMonths, ageOn, formatPlainDateIt, type PlainDate } from '../../../core/kernel/plain-date.js';
import { householdFacts } from '../../../core/scoring/household-facts.js';
import { findSchemeInForce, scoreWithScheme, type PointsScheme } from '../../../core/scoring/points-scheme.js';
import { TEMPORARY_HOUSING_2026 } from '../../../core/scoring/schemes/temporary-housing-2026.js';
import { placementAlerts, unpaidMonths } from '../../../core/temporary-housing/alerts.js';
import {
  checkCapacity,
  checkRenewal,
  checkStayDates,
  checkTargetGroup,
  placesTakenOn,
  type OccupyingStay,
  type StayRules,
  type TargetGroup,
} from '../../../core/temporary-housing/placement-rules.js';
import {
  EXIT_DESTINATION_LABELS,
  type ExitDestination,
  type OccupancyView,
  type PlacementDetail,
  type PlacementInput,
  type PlacementStatus,
  type PlacementSummary,
  type SelectionList,
  type TemporaryUnitDto,
  type TemporaryUnitInput,
} from '../../../shared/temporary-housing.js';
import type { DbExecutor } from '../../db/client.js';
import type { RequestContext } from '../../http/context.js';
import { AppError, notFound, validationFailed } from '../../http/errors.js';
import { newId } from '../../ids.js';
import { writeAudit } from '../audit/audit.queries.js';
import { findHouseholdFacts, insertTimelineEvent } from '../households/households.queries.js';
import { applicantNames, inputRefused, refuse, ruleRefused, today } from '../partners/emergency-kit.js';
import { insertShare, revokeShare } from '../referrals/referrals.queries.js';
import { listVersions, loadHouseholdRecords } from '../schemes/schemes.queries.js';
import {
  canFollowPlacement,
  canManagePlacement,
  canManageUnits,
  canReadPlacement,
  canReadUnit,
  canReadUnits,
  placementScope,
  type PlacementFacts,
} from './temporary-housing.access.js';
import {
  findPlacementRow,
  findUnitRow,
  followedHouseholds,
  followUpFacts,
  householdsInStay,
  listPlacementRows,
  listUnitRows,
  lockUnit,
  occupyingStays,
  placementChildren,
  type PlacementRow,
  type UnitRow,
} from './temporary-housing.queries.js';
import { loadEmergencySettings } from './emergency-settings.js';

/**
 * The rules of a kind of stay in force: the defaults of core/temporary-housing/placement-rules.ts
 * (the seed's 6 + 6 months; SAT within LR 16/2016 art. 23 c.13, DGR XI/2063/2019) unless a manager
 * changed the durations (emergency-settings.ts).
 */
async function stayRules(db: DbExecutor, kind: 'hospitality' | 'sat'): Promise<StayRules> {
  return (await loadEmergencySettings(db)).stayRules[kind];
}

function statusOf(p: Pick<PlacementRow, 'starts_on' | 'planned_end_on' | 'exited_on'>, on: PlainDate): PlacementStatus {
  if (p.exited_on !== null) return 'ended';
  if (p.starts_on > on) return 'planned';
  if (p.planned_end_on < on) return 'overdue';
  return 'active';
}

const toStay = (s: {
  id: string;
  places_used: number;
  starts_on: string;
  planned_end_on: string;
  exited_on: string | null;
}): OccupyingStay => ({
  id: s.id,
  placesUsed: s.places_used,
  startsOn: s.starts_on as PlainDate,
  plannedEndOn: s.planned_end_on as PlainDate,
  exitedOn: s.exited_on as PlainDate | null,
});

// ---- Units and occupancy -----------------------------------------------------------------

async function unitDto(db: DbExecutor, u: UnitRow, on: PlainDate): Promise<TemporaryUnitDto> {
  const stays = (await occupyingStays(db, u.id)).map(toStay);
  const taken = placesTakenOn(
    stays.map((s) =>
      s.exitedOn === null && s.plannedEndOn <= on ? { ...s, plannedEndOn: '9999-12-31' as PlainDate } : s,
    ),
    on,
  );
  return {
    unitId: u.id,
    unitCode: u.code,
    partnerId: u.partner_id,
    partnerName: u.partner_name,
    address: u.address,
    capacityPlaces: u.capacity_places,
    rooms: u.rooms,
    shared: u.shared === 1,
    targetGroup: u.target_group,
    stayKind: u.stay_kind,
    placesTaken: taken,
    placesFree: Math.max(u.capacity_places - taken, 0),
    activeStays: stays.filter((s) => s.startsOn <= on && s.exitedOn === null).length,
  };
}

export async function occupancy(
  root: DbExecutor,
  ctx: RequestContext,
  on: PlainDate = today(ctx),
): Promise<OccupancyView> {
  if (!canReadUnits(ctx.actor)) return refuse(root, ctx, { action: 'occupancy', entityType: 'temporary_unit' });
  const rows = await listUnitRows(root, ctx.actor.role === 'partner' ? (ctx.actor.partnerId ?? '') : undefined);
  const units = await Promise.all(rows.map((u) => unitDto(root, u, on)));
  const byPartner = new Map<string, OccupancyView['partners'][number]>();
  for (const u of units) {
    const p = byPartner.get(u.partnerId) ?? {
      partnerId: u.partnerId,
      partnerName: u.partnerName,
      units: 0,
      capacityPlaces: 0,
      placesTaken: 0,
    };
    byPartner.set(u.partnerId, {
      ...p,
      units: p.units + 1,
      capacityPlaces: p.capacityPlaces + u.capacityPlaces,
      placesTaken: p.placesTaken + u.placesTaken,
    });
  }
  return {
    on,
    units,
    partners: [...byPartner.values()].sort((a, b) => a.partnerName.localeCompare(b.partnerName, 'it')),
  };
}

export async function createUnit(root: DbExecutor, ctx: RequestContext, input: TemporaryUnitInput): Promise<string> {
  if (!canManageUnits(ctx.actor)) return refuse(root, ctx, { action: 'create', entityType: 'temporary_unit' });
  return root.transaction().execute(async (db) => {
    if (!(await db.selectFrom('partners').select('id').where('id', '=', input.partnerId).executeTakeFirst())) {
      throw validationFailed([{ path: 'partnerId', code: 'unknown_partner', message: 'Ente partner sconosciuto.' }]);
    }
    if (!(await db.selectFrom('comuni').select('id').where('id', '=', input.comuneId).executeTakeFirst())) {
      throw validationFailed([{ path: 'comuneId', code: 'unknown_comune', message: 'Comune sconosciuto.' }]);
    }
    if (input.agreementId) {
      const a = await db
        .selectFrom('agreements')
        .select('partner_id')
        .where('id', '=', input.agreementId)
        .executeTakeFirst();
      if (a?.partner_id !== input.partnerId) {
        throw validationFailed([
          { path: 'agreementId', code: 'agreement_of_other_partner', message: 'La convenzione non è di questo ente.' },
        ]);
      }
    }
    if (await db.selectFrom('temporary_units').select('id').where('code', '=', input.code).executeTakeFirst()) {
      throw new AppError(409, 'CONFLICT', `Esiste già un’unità con codice ${input.code}.`);
    }
    const id = newId();
    await db
      .insertInto('temporary_units')
      .values({
        id,
        code: input.code,
        partner_id: input.partnerId,
        agreement_id: input.agreementId,
        comune_id: input.comuneId,
        address: input.address,
        capacity_places: input.capacityPlaces,
        rooms: input.rooms,
        shared: input.shared ? 1 : 0,
        target_group: input.targetGroup,
        stay_kind: input.stayKind,
        active: 1,
        notes: input.notes,
        created_at: ctx.now.toISOString(),
      })
      .execute();
    await writeAudit(db, ctx, {
      action: 'create',
      entityType: 'temporary_unit',
      entityId: id,
      details: { code: input.code },
    });
    return id;
  });
}

async function requireUnit(root: DbExecutor, ctx: RequestContext, id: string, action: string): Promise<UnitRow> {
  const u = await findUnitRow(root, id);
  if (!u || !canReadUnit(ctx.actor, u.partner_id)) {
    if (!u && ctx.actor.role !== 'partner') throw notFound('L’unità abitativa temporanea');
    return refuse(root, ctx, { action, entityType: 'temporary_unit', entityId: id });
  }
  return u;
}

export async function readUnit(root: DbExecutor, ctx: RequestContext, id: string) {
  const u = await requireUnit(root, ctx, id, 'read');
  const on = today(ctx);
  const placements = await listPlacements(root, ctx, { unitId: id });
  return { unit: await unitDto(root, u, on), placements };
}

// ---- Placements --------------------------------------------------------------------------

function factsOf(p: PlacementRow): PlacementFacts {
  return { unitPartnerId: p.unit_partner_id, householdComuneId: p.household_comune_id };
}

async function requirePlacement(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  action: string,
): Promise<PlacementRow> {
  const p = await findPlacementRow(root, id);
  if (!p) {
    // A partner cannot tell a missing stay from another organisation's.
    if (ctx.actor.role === 'partner') return refuse(root, ctx, { action, entityType: 'placement', entityId: id });
    throw notFound('La permanenza');
  }
  if (!canReadPlacement(ctx.actor, factsOf(p))) {
    await refuse(root, ctx, { action, entityType: 'placement', entityId: id, householdId: p.household_id });
  }
  return p;
}

async function compositionOn(db: DbExecutor, householdId: string, on: PlainDate) {
  const members = await db
    .selectFrom('members')
    .select(['birth_date', 'sex'])
    .where('household_id', '=', householdId)
    .execute();
  return members.map((m) => ({ age: ageOn(m.birth_date as PlainDate, on), sex: m.sex }));
}

export async function createPlacement(root: DbExecutor, ctx: RequestContext, input: PlacementInput): Promise<string> {
  const h = await findHouseholdFacts(root, input.householdId, ctx.now.toISOString());
  if (!h) throw notFound('Il nucleo familiare');
  const unit = await findUnitRow(root, input.unitId);
  if (!unit)
    throw validationFailed([
      { path: 'unitId', code: 'unknown_unit', message: 'Unità abitativa temporanea sconosciuta.' },
    ]);
  if (!canManagePlacement(ctx.actor, { unitPartnerId: unit.partner_id, householdComuneId: h.comuneId })) {
    await refuse(root, ctx, { action: 'create', entityType: 'placement', householdId: input.householdId });
  }
  if (unit.active !== 1) throw ruleRefused('UNIT_INACTIVE', `L’unità ${unit.code} non è più attiva.`, 'unitId');
  const rules = await stayRules(root, unit.stay_kind);
  const dates = checkStayDates(input.startsOn, input.plannedEndOn, rules);
  if (dates) throw inputRefused(dates.code, dates.message, 'plannedEndOn');
  const fit = checkTargetGroup(
    unit.target_group as TargetGroup,
    await compositionOn(root, input.householdId, input.startsOn),
  );
  if (!fit.eligible) throw ruleRefused('TARGET_GROUP_MISMATCH', fit.text, 'householdId');
  return root.transaction().execute(async (db) => {
    await lockUnit(db, unit.id);
    const stays = (await occupyingStays(db, unit.id)).map(toStay);
    const capacity = checkCapacity({ capacityPlaces: unit.capacity_places, code: unit.code }, stays, input, today(ctx));
    if (capacity) throw ruleRefused(capacity.code, capacity.message, 'placesUsed');
    const other = await db
      .selectFrom('placements')
      .select('code')
      .where('household_id', '=', input.householdId)
      .where('exited_on', 'is', null)
      .executeTakeFirst();
    if (other)
      throw ruleRefused(
        'HOUSEHOLD_ALREADY_PLACED',
        `Il nucleo ha già una permanenza in corso (${other.code}).`,
        'householdId',
      );
    if (input.evictionId) {
      const e = await db
        .selectFrom('evictions')
        .select('household_id')
        .where('id', '=', input.evictionId)
        .executeTakeFirst();
      if (e?.household_id !== input.householdId) {
        throw validationFailed([
          {
            path: 'evictionId',
            code: 'eviction_of_other_household',
            message: 'La procedura di sfratto non è di questo nucleo.',
          },
        ]);
      }
    }
    const at = ctx.now.toISOString();
    const id = newId();
    const year = input.startsOn.slice(0, 4);
    const count = await db
      .selectFrom('placements')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('code', 'like', `OSP-${year}-%`)
      .executeTakeFirstOrThrow();
    const code = `OSP-${year}-${String(Number(count.n) + 1).padStart(4, '0')}`;
    // The partner running the unit sees the household's file while the stay lasts.
    const shareId = newId();
    await insertShare(db, {
      id: shareId,
      householdId: input.householdId,
      partnerId: unit.partner_id,
      by: ctx.actor.userId,
      at,
      reason: `Permanenza ${code} nell’unità ${unit.code}`,
    });
    await db
      .insertInto('placements')
      .values({
        id,
        code,
        household_id: input.householdId,
        unit_id: unit.id,
        eviction_id: input.evictionId,
        places_used: input.placesUsed,
        stay_kind: unit.stay_kind,
        starts_on: input.startsOn,
        planned_end_on: input.plannedEndOn,
        monthly_grant_cents: input.monthlyGrantEuros,
        monthly_copayment_cents: input.monthlyCopaymentEuros,
        educator_name: input.educatorName,
        exit_plan: null,
        exit_plan_on: null,
        exited_on: null,
        exit_destination: null,
        exit_note: null,
        share_id: shareId,
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
      kind: 'placement_started',
      title: `Ospitalità temporanea ${code} presso ${unit.partner_name} (${unit.code})`,
      detail: `Dal ${formatPlainDateIt(input.startsOn)} al ${formatPlainDateIt(input.plannedEndOn)}, ${input.placesUsed} posti`,
      actorId: ctx.actor.userId,
      sourceType: 'placement',
      sourceId: id,
    });
    await writeAudit(db, ctx, {
      action: 'create',
      entityType: 'placement',
      entityId: id,
      householdId: input.householdId,
      details: { code, unitId: unit.id },
    });
    return id;
  });
}

export async function listPlacements(
  root: DbExecutor,
  ctx: RequestContext,
  q: { status?: PlacementStatus | undefined; unitId?: string | undefined; householdId?: string | undefined },
): Promise<PlacementSummary[]> {
  const scope = placementScope(ctx.actor);
  if (scope.kind === 'none') return refuse(root, ctx, { action: 'list', entityType: 'placement' });
  const rows = await listPlacementRows(root, scope, q);
  const on = today(ctx);
  const names = await applicantNames(
    root,
    rows.map((r) => r.household_id),
  );
  const items = rows.map((r) => summaryOf(r, names, on)).filter((p) => !q.status || p.status === q.status);
  await writeAudit(root, ctx, {
    action: 'list',
    entityType: 'placement',
    details: { returned: items.map((i) => i.id) },
  });
  return items;
}

function summaryOf(r: PlacementRow, names: Map<string, string>, on: PlainDate): PlacementSummary {
  return {
    id: r.id,
    code: r.code,
    householdId: r.household_id,
    householdCode: r.household_code,
    applicantName: names.get(r.household_id) ?? '',
    unitId: r.unit_id,
    unitCode: r.unit_code,
    partnerName: r.partner_name,
    placesUsed: r.places_used,
    stayKind: r.stay_kind,
    startsOn: r.starts_on,
    plannedEndOn: r.planned_end_on,
    exitedOn: r.exited_on,
    status: statusOf(r, on),
    renewals: Number(r.renewals ?? 0),
  };
}

export async function readPlacement(root: DbExecutor, ctx: RequestContext, id: string): Promise<PlacementDetail> {
  const p = await requirePlacement(root, ctx, id, 'read');
  const on = today(ctx);
  const c = await placementChildren(root, id);
  const names = await applicantNames(root, [p.household_id]);
  const settings = await loadEmergencySettings(root);
  const rules = settings.stayRules[p.stay_kind];
  const windows = settings.alerts;
  const fit = checkTargetGroup(
    p.unit_target_group as TargetGroup,
    await compositionOn(root, p.household_id, p.starts_on as PlainDate),
  );
  const paidByMonth: Record<string, number> = {};
  for (const pay of c.payments)
    paidByMonth[pay.period_month] = (paidByMonth[pay.period_month] ?? 0) + Number(pay.amount_cents);
  const alertFacts = {
    id: p.id,
    code: p.code,
    householdId: p.household_id,
    startsOn: p.starts_on as PlainDate,
    plannedEndOn: p.planned_end_on as PlainDate,
    exitedOn: p.exited_on as PlainDate | null,
    hasExitPlan: p.exit_plan !== null,
    lastReportOn: (c.reports[0]?.reported_on as PlainDate | undefined) ?? null,
    monthlyCopaymentCents: Number(p.monthly_copayment_cents),
    paidByMonth,
  };
  await writeAudit(root, ctx, { action: 'read', entityType: 'placement', entityId: id, householdId: p.household_id });
  return {
    ...summaryOf(p, names, on),
    version: p.version,
    evictionId: p.eviction_id,
    monthlyGrantCents: Number(p.monthly_grant_cents),
    monthlyCopaymentCents: Number(p.monthly_copayment_cents),
    educatorName: p.educator_name,
    exitPlan: p.exit_plan,
    exitPlanOn: p.exit_plan_on,
    exitDestination: p.exit_destination as ExitDestination | null,
    exitNote: p.exit_note,
    rules: {
      label: rules.label,
      initialMonths: rules.initialMonths,
      renewalMonths: rules.renewalMonths,
      maxRenewals: rules.maxRenewals,
      maxTotalMonths: rules.maxTotalMonths,
      source: rules.source,
      status: rules.status,
    },
    eligibility: { eligible: fit.eligible, text: fit.text },
    renewalsList: c.renewals.map((r) => ({
      id: r.id,
      decidedOn: r.decided_on,
      previousEndOn: r.previous_end_on,
      newEndOn: r.new_end_on,
      note: r.note,
    })),
    payments: c.payments.map((x) => ({
      id: x.id,
      periodMonth: x.period_month,
      amountCents: Number(x.amount_cents),
      paidOn: x.paid_on,
    })),
    unpaid: unpaidMonths(alertFacts, on),
    reports: c.reports.map((r) => ({
      id: r.id,
      reportedOn: r.reported_on,
      periodFrom: r.period_from,
      periodTo: r.period_to,
      body: r.body,
      authorName: r.author_name,
    })),
    conflicts: c.conflicts.map((x) => ({
      id: x.id,
      occurredOn: x.occurred_on,
      severity: x.severity,
      description: x.description,
      followUp: x.follow_up,
      resolvedOn: x.resolved_on,
    })),
    alerts: placementAlerts(alertFacts, {
      today: on,
      exitWindowDays: windows.exitPlanDays,
      reportEveryDays: windows.reportEveryDays,
    }).map(({ code, severity, title, detail, dueOn }) => ({ code, severity, title, detail, dueOn })),
  };
}

function ended(p: PlacementRow): AppError {
  return ruleRefused(
    'STAY_ENDED',
    `La permanenza ${p.code} si è conclusa il ${formatPlainDateIt(p.exited_on ?? '')}: non si possono più registrare relazioni, conflitti, rinnovi o piani di uscita.`,
    'placementId',
  );
}

async function bumpVersion(db: DbExecutor, p: PlacementRow, at: string, set: Record<string, unknown> = {}) {
  const updated = await db
    .updateTable('placements')
    .set({ ...set, version: p.version + 1, updated_at: at })
    .where('id', '=', p.id)
    .where('version', '=', p.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) {
    throw new AppError(
      409,
      'STALE_VERSION',
      'La permanenza è stata aggiornata da un’altra persona: ricarica la pagina.',
    );
  }
}

export async function renewPlacement(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  input: { decidedOn: PlainDate; months: number | null; note: string | null },
): Promise<void> {
  const p = await requirePlacement(root, ctx, id, 'renew');
  if (!canManagePlacement(ctx.actor, factsOf(p)))
    await refuse(root, ctx, { action: 'renew', entityType: 'placement', entityId: id, householdId: p.household_id });
  if (input.decidedOn > today(ctx))
    throw inputRefused('date_in_future', 'La data del rinnovo è nel futuro.', 'decidedOn');
  const rules = await stayRules(root, p.stay_kind);
  const r = checkRenewal(
    {
      startsOn: p.starts_on as PlainDate,
      plannedEndOn: p.planned_end_on as PlainDate,
      renewals: Number(p.renewals ?? 0),
      exitedOn: p.exited_on as PlainDate | null,
    },
    input.decidedOn,
    rules,
    input.months ?? rules.renewalMonths,
  );
  if (!r.ok) throw ruleRefused(r.code, r.message, 'decidedOn');
  await root.transaction().execute(async (db) => {
    await lockUnit(db, p.unit_id);
    const unit = await findUnitRow(db, p.unit_id);
    const others = (await occupyingStays(db, p.unit_id)).filter((s) => s.id !== p.id).map(toStay);
    // The extension must fit the unit too: the household keeps its places until the new end.
    const capacity = checkCapacity(
      { capacityPlaces: unit?.capacity_places ?? 0, code: p.unit_code },
      others,
      { placesUsed: p.places_used, startsOn: p.planned_end_on as PlainDate, plannedEndOn: r.newEndOn },
      today(ctx),
    );
    if (capacity) throw ruleRefused(capacity.code, capacity.message, 'decidedOn');
    const at = ctx.now.toISOString();
    await bumpVersion(db, p, at, { planned_end_on: r.newEndOn });
    await db
      .insertInto('placement_renewals')
      .values({
        id: newId(),
        placement_id: id,
        decided_on: input.decidedOn,
        previous_end_on: p.planned_end_on,
        new_end_on: r.newEndOn,
        note: input.note,
        created_at: at,
        created_by: ctx.actor.userId,
      })
      .execute();
    await insertTimelineEvent(db, {
      id: newId(),
      householdId: p.household_id,
      at,
      kind: 'placement_renewed',
      title: `Ospitalità ${p.code} rinnovata fino al ${formatPlainDateIt(r.newEndOn)}`,
      detail: input.note,
      actorId: ctx.actor.userId,
      sourceType: 'placement',
      sourceId: id,
    });
    await writeAudit(db, ctx, {
      action: 'renew',
      entityType: 'placement',
      entityId: id,
      householdId: p.household_id,
      details: { newEndOn: r.newEndOn },
    });
  });
}

export async function recordPayment(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  input: { periodMonth: string; amountEuros: number; paidOn: PlainDate },
): Promise<void> {
  const p = await requirePlacement(root, ctx, id, 'payment');
  if (!canManagePlacement(ctx.actor, factsOf(p)))
    await refuse(root, ctx, { action: 'payment', entityType: 'placement', entityId: id, householdId: p.household_id });
  if (input.paidOn > today(ctx)) throw inputRefused('date_in_future', 'La data del versamento è nel futuro.', 'paidOn');
  const end = (p.exited_on ?? p.planned_end_on).slice(0, 7);
  if (input.periodMonth < p.starts_on.slice(0, 7) || input.periodMonth > end) {
    throw inputRefused('month_outside_stay', 'Il mese indicato è fuori dal periodo della permanenza.', 'periodMonth');
  }
  await root.transaction().execute(async (db) => {
    await db
      .insertInto('placement_payments')
      .values({
        id: newId(),
        placement_id: id,
        period_month: input.periodMonth,
        amount_cents: input.amountEuros,
        paid_on: input.paidOn,
        created_at: ctx.now.toISOString(),
        created_by: ctx.actor.userId,
      })
      .execute();
    await writeAudit(db, ctx, {
      action: 'payment',
      entityType: 'placement',
      entityId: id,
      householdId: p.household_id,
      details: { periodMonth: input.periodMonth, amountCents: input.amountEuros },
    });
  });
}

/** The educator's periodic report, filed by the partner running the unit (or the agency's team). */
export async function fileReport(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  input: { reportedOn: PlainDate; periodFrom: PlainDate; periodTo: PlainDate; body: string },
): Promise<void> {
  const p = await requirePlacement(root, ctx, id, 'report');
  if (!canFollowPlacement(ctx.actor, factsOf(p)))
    await refuse(root, ctx, { action: 'report', entityType: 'placement', entityId: id, householdId: p.household_id });
  if (p.exited_on !== null) throw ended(p);
  if (input.periodTo < input.periodFrom)
    throw inputRefused('dates_out_of_order', 'Il periodo della relazione finisce prima di iniziare.', 'periodTo');
  if (input.periodFrom < p.starts_on)
    throw inputRefused('period_before_stay', 'Il periodo della relazione inizia prima della permanenza.', 'periodFrom');
  if (input.reportedOn < input.periodTo)
    throw inputRefused(
      'report_before_period_end',
      'La relazione è datata prima della fine del periodo che descrive.',
      'reportedOn',
    );
  if (input.reportedOn > today(ctx))
    throw inputRefused('date_in_future', 'La data della relazione è nel futuro.', 'reportedOn');
  await root.transaction().execute(async (db) => {
    const at = ctx.now.toISOString();
    const reportId = newId();
    await db
      .insertInto('placement_reports')
      .values({
        id: reportId,
        placement_id: id,
        reported_on: input.reportedOn,
        period_from: input.periodFrom,
        period_to: input.periodTo,
        body: input.body,
        author_id: ctx.actor.userId,
        author_partner_id: ctx.actor.partnerId,
        created_at: at,
      })
      .execute();
    await insertTimelineEvent(db, {
      id: newId(),
      householdId: p.household_id,
      at,
      kind: 'placement_report',
      title: `Relazione dell’educatore (${formatPlainDateIt(input.periodFrom)}–${formatPlainDateIt(input.periodTo)})`,
      actorId: ctx.actor.userId,
      sourceType: 'placement',
      sourceId: id,
    });
    await writeAudit(db, ctx, {
      action: 'report',
      entityType: 'placement',
      entityId: id,
      householdId: p.household_id,
      details: { reportId },
    });
  });
}

export async function logConflict(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  input: { occurredOn: PlainDate; severity: 'low' | 'medium' | 'high'; description: string },
): Promise<void> {
  const p = await requirePlacement(root, ctx, id, 'conflict');
  if (!canFollowPlacement(ctx.actor, factsOf(p)))
    await refuse(root, ctx, { action: 'conflict', entityType: 'placement', entityId: id, householdId: p.household_id });
  if (p.exited_on !== null) throw ended(p);
  if (input.occurredOn < p.starts_on || input.occurredOn > today(ctx)) {
    throw inputRefused(
      'date_outside_stay',
      'La data del conflitto deve cadere tra l’inizio della permanenza e oggi.',
      'occurredOn',
    );
  }
  await root.transaction().execute(async (db) => {
    const at = ctx.now.toISOString();
    const conflictId = newId();
    await db
      .insertInto('placement_conflicts')
      .values({
        id: conflictId,
        placement_id: id,
        occurred_on: input.occurredOn,
        severity: input.severity,
        description: input.description,
        follow_up: null,
        resolved_on: null,
        created_at: at,
        created_by: ctx.actor.userId,
        updated_at: at,
      })
      .execute();
    await writeAudit(db, ctx, {
      action: 'conflict',
      entityType: 'placement',
      entityId: id,
      householdId: p.household_id,
      details: { conflictId, severity: input.severity },
    });
  });
}

export async function followUpConflict(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  conflictId: string,
  input: { followUp: string; resolvedOn: PlainDate | null },
): Promise<void> {
  const p = await requirePlacement(root, ctx, id, 'conflict_follow_up');
  if (!canFollowPlacement(ctx.actor, factsOf(p)))
    await refuse(root, ctx, {
      action: 'conflict_follow_up',
      entityType: 'placement',
      entityId: id,
      householdId: p.household_id,
    });
  const c = await root
    .selectFrom('placement_conflicts')
    .selectAll()
    .where('id', '=', conflictId)
    .where('placement_id', '=', id)
    .executeTakeFirst();
  if (!c) throw notFound('Il conflitto');
  if (input.resolvedOn !== null && (input.resolvedOn < c.occurred_on || input.resolvedOn > today(ctx))) {
    throw inputRefused(
      'dates_out_of_order',
      'La data di risoluzione deve cadere tra il conflitto e oggi.',
      'resolvedOn',
    );
  }
  await root.transaction().execute(async (db) => {
    await db
      .updateTable('placement_conflicts')
      .set({ follow_up: input.followUp, resolved_on: input.resolvedOn, updated_at: ctx.now.toISOString() })
      .where('id', '=', conflictId)
      .execute();
    await writeAudit(db, ctx, {
      action: 'conflict_follow_up',
      entityType: 'placement',
      entityId: id,
      householdId: p.household_id,
      details: { conflictId },
    });
  });
}

export async function setExitPlan(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  input: { exitPlan: string; exitPlanOn: PlainDate },
): Promise<void> {
  const p = await requirePlacement(root, ctx, id, 'exit_plan');
  if (!canFollowPlacement(ctx.actor, factsOf(p)))
    await refuse(root, ctx, {
      action: 'exit_plan',
      entityType: 'placement',
      entityId: id,
      householdId: p.household_id,
    });
  if (p.exited_on !== null) throw ended(p);
  if (input.exitPlanOn > today(ctx))
    throw inputRefused('date_in_future', 'La data del piano di uscita è nel futuro.', 'exitPlanOn');
  await root.transaction().execute(async (db) => {
    const at = ctx.now.toISOString();
    await bumpVersion(db, p, at, { exit_plan: input.exitPlan, exit_plan_on: input.exitPlanOn });
    await insertTimelineEvent(db, {
      id: newId(),
      householdId: p.household_id,
      at,
      kind: 'placement_exit_plan',
      title: `Piano di uscita per ${p.code}`,
      detail: input.exitPlan,
      actorId: ctx.actor.userId,
      sourceType: 'placement',
      sourceId: id,
    });
    await writeAudit(db, ctx, {
      action: 'exit_plan',
      entityType: 'placement',
      entityId: id,
      householdId: p.household_id,
    });
  });
}

export async function recordExit(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  input: { exitedOn: PlainDate; destination: ExitDestination; note: string | null },
): Promise<void> {
  const p = await requirePlacement(root, ctx, id, 'exit');
  if (!canManagePlacement(ctx.actor, factsOf(p)))
    await refuse(root, ctx, { action: 'exit', entityType: 'placement', entityId: id, householdId: p.household_id });
  if (p.exited_on !== null) throw ended(p);
  if (input.exitedOn < p.starts_on)
    throw inputRefused('dates_out_of_order', 'L’uscita precede l’inizio della permanenza.', 'exitedOn');
  if (input.exitedOn > today(ctx))
    throw inputRefused('date_in_future', 'L’uscita è nel futuro: registrarla quando avviene.', 'exitedOn');
  await root.transaction().execute(async (db) => {
    const at = ctx.now.toISOString();
    await bumpVersion(db, p, at, {
      exited_on: input.exitedOn,
      exit_destination: input.destination,
      exit_note: input.note,
    });
    if (p.share_id) await revokeShare(db, p.share_id, at);
    await insertTimelineEvent(db, {
      id: newId(),
      householdId: p.household_id,
      at,
      kind: 'placement_ended',
      title: `Uscita dall’ospitalità ${p.code}: ${EXIT_DESTINATION_LABELS[input.destination].toLowerCase()}`,
      detail: input.note,
      actorId: ctx.actor.userId,
      sourceType: 'placement',
      sourceId: id,
    });
    await writeAudit(db, ctx, {
      action: 'exit',
      entityType: 'placement',
      entityId: id,
      householdId: p.household_id,
      details: { destination: input.destination },
    });
  });
}

// ---- Alerts and selection ------------------------------------------------------------------

export async function placementAlertsFor(db: DbExecutor, scope: ReturnType<typeof placementScope>, on: PlainDate) {
  const windows = (await loadEmergencySettings(db)).alerts;
  const rows = await listPlacementRows(db, scope, {});
  const relevant = rows.filter((r) => r.exited_on === null || unpaidCandidates(r, on));
  const facts = await followUpFacts(
    db,
    relevant.map((r) => r.id),
  );
  const out: (WorkAlert & { householdCode: string })[] = [];
  for (const r of relevant) {
    if (r.starts_on > on) continue;
    for (const a of placementAlerts(
      {
        id: r.id,
        code: r.code,
        householdId: r.household_id,
        startsOn: r.starts_on as PlainDate,
        plannedEndOn: r.planned_end_on as PlainDate,
        exitedOn: r.exited_on as PlainDate | null,
        hasExitPlan: r.exit_plan !== null,
        lastReportOn: (facts.lastReport.get(r.id) as PlainDate | undefined) ?? null,
        monthlyCopaymentCents: Number(r.monthly_copayment_cents),
        paidByMonth: facts.paid.get(r.id) ?? {},
      },
      { today: on, exitWindowDays: windows.exitPlanDays, reportEveryDays: windows.reportEveryDays },
    )) {
      out.push({ ...a, householdCode: r.household_code });
    }
  }
  return out;
}

/** Ended stays still count for unpaid co-payments for a year after the exit. */
function unpaidCandidates(r: PlacementRow, on: PlainDate): boolean {
  return r.exited_on !== null && addMonths(r.exited_on as PlainDate, 12) >= on && Number(r.monthly_copayment_cents) > 0;
}

async function schemeInForce(db: DbExecutor, on: PlainDate): Promise<PointsScheme> {
  const stored = await listVersions(db, TEMPORARY_HOUSING_2026.id);
  const scheme = findSchemeInForce(
    stored.length > 0 ? stored : [TEMPORARY_HOUSING_2026],
    TEMPORARY_HOUSING_2026.id,
    on,
  );
  if (!scheme) {
    throw ruleRefused(
      'SCHEME_NOT_IN_FORCE',
      `Nessuna versione dello schema di punteggio «${TEMPORARY_HOUSING_2026.id}» vale il ${formatPlainDateIt(on)}: pubblicarne una nella sezione Schemi di punteggio.`,
    );
  }
  return scheme;
}

/**
 * Households followed by the agency that fit a free place of the unit, ranked with the points
 * scheme of the temporary-housing selection (core/scoring, the engine of the public-housing area).
 * Ties: more points first, then lower ISEE, then the household code (stable, explainable).
 */
export async function selectionList(
  root: DbExecutor,
  ctx: RequestContext,
  unitId: string,
  asOf: PlainDate = today(ctx),
): Promise<SelectionList> {
  const unit = await requireUnit(root, ctx, unitId, 'selection');
  if (!canManageUnits(ctx.actor))
    await refuse(root, ctx, { action: 'selection', entityType: 'temporary_unit', entityId: unitId });
  const scheme = await schemeInForce(root, asOf);
  const scope = ctx.actor.comuneIds.length === 0 ? 'all' : ctx.actor.comuneIds;
  const followed = await followedHouseholds(root, scope, asOf);
  const reasons = new Map<string, Set<string>>();
  const add = (id: string, why: string) => reasons.set(id, (reasons.get(id) ?? new Set()).add(why));
  for (const e of followed.evictions)
    add(
      e.household_id,
      e.status === 'executed' || e.status === 'released_voluntarily'
        ? 'Sfratto eseguito'
        : 'Procedura di sfratto in corso',
    );
  for (const p of followed.plans) add(p.household_id, 'Progetto di accompagnamento aperto');
  const placed = await householdsInStay(root);
  const ids = [...reasons.keys()].filter((id) => !placed.has(id));
  const records = await loadHouseholdRecords(root, ids, asOf);
  const [codes, names, dto] = await Promise.all([
    ids.length > 0
      ? root.selectFrom('households').select(['id', 'code']).where('id', 'in', ids).execute()
      : Promise.resolve([]),
    applicantNames(root, ids),
    unitDto(root, unit, asOf),
  ]);
  const codeOf = new Map(codes.map((c) => [c.id, c.code]));
  const entries = ids.flatMap((id) => {
    const record = records.get(id);
    if (!record) return [];
    const evs = followed.evictions.filter((e) => e.household_id === id);
    const facts = householdFacts(
      {
        ...record,
        evictionValidated: evs.some((e) => !['reported', 'notice_served', 'hearing_held'].includes(e.status)),
        evictionExecuted: evs.some((e) => e.status === 'executed'),
        followedByAgencyTeam: true,
      },
      asOf,
    );
    const score = scoreWithScheme(facts, scheme, { asOf });
    if (!score.ok) return [];
    const fit = checkTargetGroup(
      unit.target_group as TargetGroup,
      record.members.map((m) => ({ age: ageOn(m.birthDate, asOf), sex: m.sex })),
    );
    return [
      {
        householdId: id,
        householdCode: codeOf.get(id) ?? '',
        applicantName: names.get(id) ?? '',
        membersCount: record.members.length,
        fitsTargetGroup: fit.eligible,
        targetGroupText: fit.text,
        schemeEligibility: score.eligibility.outcome,
        score: score.total,
        scoreText: score.text,
        criteria: score.criteria
          .filter((c) => c.outcome !== 'not_met')
          .map((c) => ({ label: c.label, points: c.points, outcome: c.outcome, source: c.source })),
        followedBecause: [...(reasons.get(id) ?? [])],
        iseeCents: record.iseeCents,
      },
    ];
  });
  const rankable = (e: { fitsTargetGroup: boolean; schemeEligibility: string }) =>
    e.fitsTargetGroup && e.schemeEligibility === 'eligible';
  entries.sort(
    (a, b) =>
      Number(rankable(b)) - Number(rankable(a)) ||
      b.score - a.score ||
      (a.iseeCents ?? Number.MAX_SAFE_INTEGER) - (b.iseeCents ?? Number.MAX_SAFE_INTEGER) ||
      a.householdCode.localeCompare(b.householdCode),
  );
  let rank = 0;
  await writeAudit(root, ctx, {
    action: 'selection',
    entityType: 'temporary_unit',
    entityId: unitId,
    details: { households: entries.map((e) => e.householdId) },
  });
  return {
    unitId,
    unitCode: unit.code,
    placesFree: dto.placesFree,
    asOf,
    scheme: { id: scheme.id, version: scheme.version, name: scheme.name },
    entries: entries.map(({ iseeCents: _isee, ...e }) => ({ ...e, rank: rankable(e) ? ++rank : null })),
  };
}
