// Use cases of the partner network: organisations, contacts, locations, agreements.
import { addMonths, daysBetween, type PlainDate } from '../../../core/kernel/plain-date.js';
import type { AgreementInput, PartnerDetail, PartnerInput } from '../../../shared/partners.js';
import type { DbExecutor } from '../../db/client.js';
import type { RequestContext } from '../../http/context.js';
import { AppError, notFound, validationFailed } from '../../http/errors.js';
import { newId } from '../../ids.js';
import { writeAudit } from '../audit/audit.queries.js';
import { canListPartners, canManagePartners, canReadPartner } from './partners.access.js';
import {
  findPartnerRow,
  listPartnerRows,
  partnerChildren,
  partnerCounts,
  withPartnerExtras,
} from './partners.queries.js';
import { inputRefused, refuse, today } from './emergency-kit.js';

const servicesOf = (text: string | null) => (text ? text.split('\n').filter((s) => s.trim() !== '') : []);

/** Whole months of an agreement (a started month counts), for its total value. */
export function agreementMonths(startsOn: PlainDate, endsOn: PlainDate): number {
  let months = 0;
  let d = startsOn;
  while (d <= endsOn && months < 1200) {
    months += 1;
    d = addMonths(startsOn, months);
  }
  return months;
}

export async function listPartners(root: DbExecutor, ctx: RequestContext) {
  if (!canListPartners(ctx.actor)) return refuse(root, ctx, { action: 'list', entityType: 'partner' });
  const rows = await listPartnerRows(root, ctx.actor.role === 'partner' ? (ctx.actor.partnerId ?? '') : undefined);
  const counts = await partnerCounts(root, today(ctx));
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind,
    services: servicesOf(p.services),
    agreementsInForce: counts.agreements.get(p.id) ?? 0,
    temporaryUnits: counts.units.get(p.id) ?? 0,
  }));
}

export async function readPartner(root: DbExecutor, ctx: RequestContext, id: string): Promise<PartnerDetail> {
  const p = await findPartnerRow(root, id);
  if (!p || !canReadPartner(ctx.actor, id)) {
    if (!p && ctx.actor.role !== 'partner') throw notFound('L’ente partner');
    return refuse(root, ctx, { action: 'read', entityType: 'partner', entityId: id });
  }
  const c = await partnerChildren(root, id);
  const on = today(ctx);
  const counts = await partnerCounts(root, on);
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    services: servicesOf(p.services),
    agreementsInForce: counts.agreements.get(p.id) ?? 0,
    temporaryUnits: counts.units.get(p.id) ?? 0,
    fiscalCode: p.fiscal_code,
    email: p.email,
    phone: p.phone,
    notes: p.notes,
    contacts: c.contacts.map((x) => ({
      id: x.id,
      name: x.name,
      roleLabel: x.role_label,
      email: x.email,
      phone: x.phone,
    })),
    locations: c.locations.map((x) => ({ id: x.id, label: x.label, address: x.address, comuneId: x.comune_id })),
    agreements: c.agreements.map((a) => ({
      id: a.id,
      partnerId: a.partner_id,
      subject: a.subject,
      startsOn: a.starts_on,
      endsOn: a.ends_on,
      places: a.places,
      costPerPlaceMonthCents: Number(a.cost_per_place_month_cents),
      totalCostCents:
        Number(a.cost_per_place_month_cents) *
        a.places *
        agreementMonths(a.starts_on as PlainDate, a.ends_on as PlainDate),
      inForce: a.starts_on <= on && on <= a.ends_on,
      notes: a.notes,
    })),
    units: c.units.map((u) => ({
      id: u.id,
      code: u.code,
      address: u.address,
      capacityPlaces: u.capacity_places,
      targetGroup: u.target_group,
    })),
  };
}

async function requireManager(root: DbExecutor, ctx: RequestContext, action: string, id?: string) {
  if (!canManagePartners(ctx.actor)) await refuse(root, ctx, { action, entityType: 'partner', entityId: id ?? null });
}

async function requirePartnerExists(db: DbExecutor, id: string) {
  if (!(await findPartnerRow(db, id))) throw notFound('L’ente partner');
}

async function nameTaken(db: DbExecutor, name: string, exceptId?: string) {
  let q = db.selectFrom('partners').select('id').where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function createPartner(root: DbExecutor, ctx: RequestContext, input: PartnerInput): Promise<string> {
  await requireManager(root, ctx, 'create');
  return root.transaction().execute(async (db) => {
    if (await nameTaken(db, input.name))
      throw new AppError(409, 'CONFLICT', `Esiste già un ente con il nome «${input.name}».`);
    const id = newId();
    const at = ctx.now.toISOString();
    await withPartnerExtras(db)
      .insertInto('partners')
      .values({
        id,
        name: input.name,
        kind: input.kind,
        fiscal_code: input.fiscalCode,
        email: input.email,
        phone: input.phone,
        services: input.services.join('\n'),
        notes: input.notes,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await writeAudit(db, ctx, { action: 'create', entityType: 'partner', entityId: id, details: { name: input.name } });
    return id;
  });
}

export async function updatePartner(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  input: PartnerInput,
): Promise<void> {
  await requireManager(root, ctx, 'update', id);
  await root.transaction().execute(async (db) => {
    await requirePartnerExists(db, id);
    if (await nameTaken(db, input.name, id))
      throw new AppError(409, 'CONFLICT', `Esiste già un ente con il nome «${input.name}».`);
    await withPartnerExtras(db)
      .updateTable('partners')
      .set({
        name: input.name,
        kind: input.kind,
        fiscal_code: input.fiscalCode,
        email: input.email,
        phone: input.phone,
        services: input.services.join('\n'),
        notes: input.notes,
        updated_at: ctx.now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await writeAudit(db, ctx, { action: 'update', entityType: 'partner', entityId: id });
  });
}

export async function addContact(
  root: DbExecutor,
  ctx: RequestContext,
  partnerId: string,
  input: { name: string; roleLabel: string | null; email: string | null; phone: string | null },
): Promise<void> {
  await requireManager(root, ctx, 'add_contact', partnerId);
  await root.transaction().execute(async (db) => {
    await requirePartnerExists(db, partnerId);
    const id = newId();
    await db
      .insertInto('partner_contacts')
      .values({
        id,
        partner_id: partnerId,
        name: input.name,
        role_label: input.roleLabel,
        email: input.email,
        phone: input.phone,
        created_at: ctx.now.toISOString(),
      })
      .execute();
    await writeAudit(db, ctx, {
      action: 'add_contact',
      entityType: 'partner',
      entityId: partnerId,
      details: { contactId: id },
    });
  });
}

export async function addLocation(
  root: DbExecutor,
  ctx: RequestContext,
  partnerId: string,
  input: { label: string; address: string; comuneId: string | null },
): Promise<void> {
  await requireManager(root, ctx, 'add_location', partnerId);
  await root.transaction().execute(async (db) => {
    await requirePartnerExists(db, partnerId);
    if (
      input.comuneId &&
      !(await db.selectFrom('comuni').select('id').where('id', '=', input.comuneId).executeTakeFirst())
    ) {
      throw validationFailed([{ path: 'comuneId', code: 'unknown_comune', message: 'Comune sconosciuto.' }]);
    }
    await db
      .insertInto('partner_locations')
      .values({
        id: newId(),
        partner_id: partnerId,
        label: input.label,
        address: input.address,
        comune_id: input.comuneId,
        created_at: ctx.now.toISOString(),
      })
      .execute();
    await writeAudit(db, ctx, { action: 'add_location', entityType: 'partner', entityId: partnerId });
  });
}

export async function addAgreement(
  root: DbExecutor,
  ctx: RequestContext,
  partnerId: string,
  input: AgreementInput,
): Promise<string> {
  await requireManager(root, ctx, 'add_agreement', partnerId);
  if (input.endsOn < input.startsOn) {
    throw inputRefused('dates_out_of_order', 'La fine della convenzione precede il suo inizio.', 'endsOn');
  }
  if (daysBetween(input.startsOn, input.endsOn) > 366 * 10) {
    throw inputRefused('agreement_too_long', 'Una convenzione dura al massimo 10 anni.', 'endsOn');
  }
  return root.transaction().execute(async (db) => {
    await requirePartnerExists(db, partnerId);
    const id = newId();
    await db
      .insertInto('agreements')
      .values({
        id,
        partner_id: partnerId,
        subject: input.subject,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        places: input.places,
        cost_per_place_month_cents: input.costPerPlaceMonthEuros,
        notes: input.notes,
        created_at: ctx.now.toISOString(),
        created_by: ctx.actor.userId,
      })
      .execute();
    await writeAudit(db, ctx, {
      action: 'add_agreement',
      entityType: 'partner',
      entityId: partnerId,
      details: { agreementId: id },
    });
    return id;
  });
}
