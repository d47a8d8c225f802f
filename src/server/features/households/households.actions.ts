// Use cases of the household file. Each runs in one transaction and writes its audit row inside it.
import { fiscalCodeMismatches, validateFiscalCode } from '../../../core/kernel/fiscal-code.js';
import { ageOn, formatPlainDateIt, plainDateOf, type PlainDate } from '../../../core/kernel/plain-date.js';
import { normalizeForSearch } from '../../../core/kernel/text.js';
import { checkIseeValidity, isIseeInForce, type IseeKind } from '../../../core/households/isee.js';
import { deriveFlags, type VulnerabilityCode } from '../../../core/households/vulnerabilities.js';
import type { ErrorIssue } from '../../../shared/errors.js';
import {
  DERIVED_FLAG_LABELS,
  ISEE_KIND_LABELS,
  VULNERABILITY_LABELS,
  type HouseholdDetail,
  type HouseholdInput,
  type IseeInput,
  type MemberInput,
} from '../../../shared/households.js';
import type { DbExecutor } from '../../db/client.js';
import { nextSequenceValue } from '../../db/sequences.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { AppError, forbidden, notFound, validationFailed } from '../../http/errors.js';
import { newId } from '../../ids.js';
import { writeAudit } from '../audit/audit.queries.js';
import {
  canCreateHousehold,
  canEditHousehold,
  canReadHousehold,
  canReadNote,
  canShareHousehold,
  canWriteNote,
  type HouseholdFacts,
} from './households.access.js';
import {
  comuneExists,
  findFiscalCodeHolders,
  findHouseholdFacts,
  insertTimelineEvent,
  loadHouseholdRows,
} from './households.queries.js';

const TIME_ZONE = 'Europe/Rome';

function today(ctx: RequestContext): PlainDate {
  return plainDateOf(ctx.now, TIME_ZONE);
}

/** Refusals are audited outside the use case's transaction, so that they survive its rollback. */
async function refuse(
  root: DbExecutor,
  ctx: RequestContext,
  entry: { action: string; entityType: string; entityId?: string | null; householdId?: string | null },
): Promise<never> {
  await writeAudit(root, ctx, { ...entry, outcome: 'denied' });
  throw forbidden();
}

function searchText(input: HouseholdInput, code: string): string {
  return normalizeForSearch(
    [
      code,
      input.addressStreet,
      input.addressNumber ?? '',
      input.addressCity,
      ...input.members.flatMap((m) => [m.lastName, m.firstName, m.fiscalCode]),
    ].join(' '),
  );
}

async function checkComune(db: DbExecutor, comuneId: string): Promise<void> {
  if (!(await comuneExists(db, comuneId))) {
    throw validationFailed([
      { path: 'comuneId', code: 'unknown_comune', message: 'Comune non appartenente all’Ambito.' },
    ]);
  }
}

/** A fiscal code already held in another household is flagged, never silently duplicated. */
async function checkDuplicates(db: DbExecutor, input: HouseholdInput, exceptHouseholdId?: string): Promise<void> {
  // On an update only codes new to this household need confirming: the others were confirmed already.
  const known = new Set(
    exceptHouseholdId
      ? (
          await db.selectFrom('members').select('fiscal_code').where('household_id', '=', exceptHouseholdId).execute()
        ).map((m) => m.fiscal_code)
      : [],
  );
  const holders = await findFiscalCodeHolders(
    db,
    input.members.map((m) => m.fiscalCode).filter((code) => !known.has(code)),
    exceptHouseholdId,
  );
  if (holders.length === 0 || input.acknowledgeDuplicates) return;
  const details: ErrorIssue[] = [];
  input.members.forEach((m, i) => {
    const codes = holders.filter((h) => h.fiscal_code === m.fiscalCode).map((h) => h.household_code);
    if (codes.length > 0) {
      details.push({
        path: `members.${i}.fiscalCode`,
        code: 'fiscal_code_in_other_household',
        message: `Il codice fiscale è già presente nel nucleo ${codes.join(', ')}.`,
      });
    }
  });
  throw new AppError(
    409,
    'FISCAL_CODE_DUPLICATE',
    'Uno o più codici fiscali appartengono già a un altro nucleo: verificare e confermare prima di salvare.',
    details,
  );
}

function memberRow(m: MemberInput, householdId: string, position: number, at: string) {
  return {
    household_id: householdId,
    position,
    fiscal_code: m.fiscalCode,
    first_name: m.firstName,
    last_name: m.lastName,
    last_name_norm: normalizeForSearch(m.lastName),
    birth_date: m.birthDate,
    sex: m.sex,
    relation: m.relation,
    citizenship: m.citizenship,
    permit_kind: m.citizenship === 'non_eu' ? m.permitKind : null,
    permit_expires_on: m.citizenship === 'non_eu' ? m.permitExpiresOn : null,
    disability_percent: m.disabilityPercent,
    disability_kind: m.disabilityKind,
    created_at: at,
  };
}

function checkBirthDates(input: HouseholdInput, on: PlainDate): void {
  const details: ErrorIssue[] = [];
  input.members.forEach((m, i) => {
    if (m.birthDate > on) {
      details.push({
        path: `members.${i}.birthDate`,
        code: 'birth_date_future',
        message: 'La data di nascita è nel futuro.',
      });
    } else if (ageOn(m.birthDate, on) > 120) {
      details.push({
        path: `members.${i}.birthDate`,
        code: 'birth_date_implausible',
        message: 'Data di nascita non plausibile.',
      });
    }
  });
  if (details.length > 0) throw validationFailed(details);
}

export async function createHousehold(root: DbExecutor, ctx: RequestContext, input: HouseholdInput): Promise<string> {
  if (!canCreateHousehold(ctx.actor, input.comuneId)) {
    await refuse(root, ctx, { action: 'create', entityType: 'household' });
  }
  checkBirthDates(input, today(ctx));
  return root.transaction().execute(async (db) => {
    await checkComune(db, input.comuneId);
    await checkDuplicates(db, input);
    const at = ctx.now.toISOString();
    const id = newId();
    const year = today(ctx).slice(0, 4);
    const seq = await nextSequenceValue(db, `household:${year}`);
    const code = `NF-${year}-${String(seq).padStart(5, '0')}`;
    await db
      .insertInto('households')
      .values({
        id,
        code,
        comune_id: input.comuneId,
        address_street: input.addressStreet,
        address_number: input.addressNumber,
        address_postcode: input.addressPostcode,
        address_city: input.addressCity,
        phone: input.phone,
        email: input.email,
        pec: input.pec,
        lone_parent: input.loneParent ? 1 : 0,
        search_text: searchText(input, code),
        version: 1,
        created_at: at,
        updated_at: at,
        created_by: ctx.actor.userId,
      })
      .execute();
    await db
      .insertInto('members')
      .values(input.members.map((m, i) => ({ id: newId(), ...memberRow(m, id, i + 1, at) })))
      .execute();
    await insertTimelineEvent(db, {
      id: newId(),
      householdId: id,
      at,
      kind: 'household_created',
      title: `Fascicolo aperto (${input.members.length} ${input.members.length === 1 ? 'componente' : 'componenti'})`,
      actorId: ctx.actor.userId,
      sourceType: 'household',
      sourceId: id,
    });
    await writeAudit(db, ctx, {
      action: 'create',
      entityType: 'household',
      entityId: id,
      householdId: id,
      details: { code, members: input.members.length },
    });
    return id;
  });
}

export async function updateHousehold(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  input: HouseholdInput & { version: number },
): Promise<void> {
  const facts = await findHouseholdFacts(root, id, ctx.now.toISOString());
  if (!facts) throw notFound('Il nucleo familiare');
  if (!canEditHousehold(ctx.actor, facts) || !canEditHousehold(ctx.actor, { ...facts, comuneId: input.comuneId })) {
    await refuse(root, ctx, { action: 'update', entityType: 'household', entityId: id, householdId: id });
  }
  checkBirthDates(input, today(ctx));
  await root.transaction().execute(async (db) => {
    await checkComune(db, input.comuneId);
    await checkDuplicates(db, input, id);
    const at = ctx.now.toISOString();
    const current = await db
      .selectFrom('households')
      .select(['code', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    // Optimistic concurrency: the update applies only to the version the user saw.
    const updated = await db
      .updateTable('households')
      .set({
        comune_id: input.comuneId,
        address_street: input.addressStreet,
        address_number: input.addressNumber,
        address_postcode: input.addressPostcode,
        address_city: input.addressCity,
        phone: input.phone,
        email: input.email,
        pec: input.pec,
        lone_parent: input.loneParent ? 1 : 0,
        search_text: searchText(input, current.code),
        version: input.version + 1,
        updated_at: at,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new AppError(
        409,
        'STALE_VERSION',
        'Il nucleo è stato modificato da un’altra persona dopo che lo hai aperto: i tuoi dati restano nel modulo.',
      );
    }
    const existing = await db
      .selectFrom('members')
      .select(['id', 'fiscal_code'])
      .where('household_id', '=', id)
      .execute();
    const existingIds = new Set(existing.map((m) => m.id));
    const unknown: ErrorIssue[] = [];
    input.members.forEach((m, i) => {
      if (m.id !== undefined && !existingIds.has(m.id)) {
        unknown.push({
          path: `members.${i}.id`,
          code: 'unknown_member',
          message: 'Componente non appartenente al nucleo.',
        });
      }
    });
    if (unknown.length > 0) throw validationFailed(unknown);
    const keep = new Set(input.members.map((m) => m.id).filter((x): x is string => x !== undefined));
    const removed = existing.filter((m) => !keep.has(m.id));
    if (removed.length > 0) {
      await db
        .deleteFrom('members')
        .where(
          'id',
          'in',
          removed.map((m) => m.id),
        )
        .execute();
    }
    let added = 0;
    for (const [i, m] of input.members.entries()) {
      const row = memberRow(m, id, i + 1, at);
      if (m.id !== undefined) {
        const { created_at: _createdAt, household_id: _householdId, ...changes } = row;
        await db.updateTable('members').set(changes).where('id', '=', m.id).where('household_id', '=', id).execute();
      } else {
        added += 1;
        await db
          .insertInto('members')
          .values({ id: newId(), ...row })
          .execute();
      }
    }
    const parts = ['Dati del nucleo aggiornati'];
    if (added > 0) parts.push(`${added} ${added === 1 ? 'componente aggiunto' : 'componenti aggiunti'}`);
    if (removed.length > 0)
      parts.push(`${removed.length} ${removed.length === 1 ? 'componente rimosso' : 'componenti rimossi'}`);
    await insertTimelineEvent(db, {
      id: newId(),
      householdId: id,
      at,
      kind: 'household_updated',
      title: parts.join(', '),
      actorId: ctx.actor.userId,
      sourceType: 'household',
      sourceId: id,
    });
    await writeAudit(db, ctx, {
      action: 'update',
      entityType: 'household',
      entityId: id,
      householdId: id,
      details: { version: input.version + 1, membersAdded: added, membersRemoved: removed.length },
    });
  });
}

async function requireFacts(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
): Promise<HouseholdFacts & { id: string }> {
  const facts = await findHouseholdFacts(root, id, ctx.now.toISOString());
  if (!facts) throw notFound('Il nucleo familiare');
  return facts;
}

export async function addIsee(
  root: DbExecutor,
  ctx: RequestContext,
  householdId: string,
  input: IseeInput,
): Promise<void> {
  const facts = await requireFacts(root, ctx, householdId);
  if (!canEditHousehold(ctx.actor, facts)) {
    await refuse(root, ctx, { action: 'create', entityType: 'isee_record', householdId });
  }
  // DSU validity per DL 34/2019 and DL 101/2019; ISEE corrente per d.lgs. 147/2017 art. 10 c.5 (rules.md §7.2).
  const check = checkIseeValidity({
    kind: input.kind,
    dsuSubmittedOn: input.dsuSubmittedOn,
    validUntil: input.validUntil,
    today: today(ctx),
  });
  if (!check.ok) {
    const field = input.validUntil ? 'validUntil' : 'dsuSubmittedOn';
    switch (check.problem) {
      case 'expired':
        throw new AppError(400, 'ISEE_EXPIRED', 'L’attestazione ISEE è scaduta: serve un ISEE in corso di validità.', [
          { path: field, code: 'isee_expired', message: 'La data di validità è già passata: l’ISEE è scaduto.' },
        ]);
      case 'dsu_in_future':
        throw new AppError(400, 'ISEE_INVALID_DATES', 'Date dell’ISEE non valide.', [
          {
            path: 'dsuSubmittedOn',
            code: 'dsu_in_future',
            message: 'La data di presentazione della DSU è nel futuro.',
          },
        ]);
      case 'beyond_legal_validity':
        throw new AppError(400, 'ISEE_INVALID_DATES', 'Date dell’ISEE non valide.', [
          {
            path: 'validUntil',
            code: 'beyond_legal_validity',
            message:
              input.kind === 'corrente'
                ? 'L’ISEE corrente vale al massimo 6 mesi dalla presentazione.'
                : 'La DSU vale al massimo fino al 31 dicembre dell’anno di presentazione.',
          },
        ]);
      case 'before_submission':
        throw new AppError(400, 'ISEE_INVALID_DATES', 'Date dell’ISEE non valide.', [
          {
            path: 'validUntil',
            code: 'before_submission',
            message: 'La validità termina prima della presentazione della DSU.',
          },
        ]);
    }
  }
  await root.transaction().execute(async (db) => {
    const at = ctx.now.toISOString();
    const id = newId();
    await db
      .insertInto('isee_records')
      .values({
        id,
        household_id: householdId,
        kind: input.kind,
        protocol: input.protocol,
        value_cents: input.valueCents,
        dsu_submitted_on: input.dsuSubmittedOn,
        valid_until: check.validUntil,
        members_count: input.membersCount,
        isee_members: null,
        created_at: at,
        created_by: ctx.actor.userId,
      })
      .execute();
    await insertTimelineEvent(db, {
      id: newId(),
      householdId,
      at,
      kind: 'isee_added',
      title: `ISEE ${ISEE_KIND_LABELS[input.kind].toLowerCase()} registrato (valido fino al ${formatPlainDateIt(check.validUntil)})`,
      actorId: ctx.actor.userId,
      sourceType: 'isee_record',
      sourceId: id,
    });
    await writeAudit(db, ctx, { action: 'create', entityType: 'isee_record', entityId: id, householdId });
  });
}

export async function addVulnerability(
  root: DbExecutor,
  ctx: RequestContext,
  householdId: string,
  input: { code: VulnerabilityCode; note: string | null },
): Promise<void> {
  const facts = await requireFacts(root, ctx, householdId);
  if (!canEditHousehold(ctx.actor, facts)) {
    await refuse(root, ctx, { action: 'create', entityType: 'vulnerability', householdId });
  }
  await root.transaction().execute(async (db) => {
    const at = ctx.now.toISOString();
    const id = newId();
    await db
      .insertInto('vulnerabilities')
      .values({
        id,
        household_id: householdId,
        code: input.code,
        note: input.note,
        created_at: at,
        created_by: ctx.actor.userId,
      })
      .execute();
    await insertTimelineEvent(db, {
      id: newId(),
      householdId,
      at,
      kind: 'vulnerability_added',
      title: `Fragilità registrata: ${VULNERABILITY_LABELS[input.code]}`,
      actorId: ctx.actor.userId,
      sourceType: 'vulnerability',
      sourceId: id,
    });
    await writeAudit(db, ctx, { action: 'create', entityType: 'vulnerability', entityId: id, householdId });
  });
}

export async function removeVulnerability(
  root: DbExecutor,
  ctx: RequestContext,
  householdId: string,
  vulnerabilityId: string,
): Promise<void> {
  const facts = await requireFacts(root, ctx, householdId);
  if (!canEditHousehold(ctx.actor, facts)) {
    await refuse(root, ctx, { action: 'delete', entityType: 'vulnerability', entityId: vulnerabilityId, householdId });
  }
  await root.transaction().execute(async (db) => {
    const row = await db
      .selectFrom('vulnerabilities')
      .select(['id', 'code'])
      .where('id', '=', vulnerabilityId)
      .where('household_id', '=', householdId)
      .executeTakeFirst();
    if (!row) throw notFound('La fragilità');
    await db.deleteFrom('vulnerabilities').where('id', '=', vulnerabilityId).execute();
    const at = ctx.now.toISOString();
    const label = VULNERABILITY_LABELS[row.code as VulnerabilityCode] ?? row.code;
    await insertTimelineEvent(db, {
      id: newId(),
      householdId,
      at,
      kind: 'vulnerability_removed',
      title: `Fragilità non più presente: ${label}`,
      actorId: ctx.actor.userId,
      sourceType: 'vulnerability',
      sourceId: vulnerabilityId,
    });
    await writeAudit(db, ctx, {
      action: 'delete',
      entityType: 'vulnerability',
      entityId: vulnerabilityId,
      householdId,
      details: { code: row.code },
    });
  });
}

export async function addNote(
  root: DbExecutor,
  ctx: RequestContext,
  householdId: string,
  input: { audience: 'all' | 'social'; body: string },
): Promise<void> {
  const facts = await requireFacts(root, ctx, householdId);
  if (!canWriteNote(ctx.actor, facts, input.audience)) {
    await refuse(root, ctx, { action: 'create', entityType: 'note', householdId });
  }
  await root.transaction().execute(async (db) => {
    const at = ctx.now.toISOString();
    const id = newId();
    await db
      .insertInto('household_notes')
      .values({
        id,
        household_id: householdId,
        audience: input.audience,
        body: input.body,
        author_id: ctx.actor.userId,
        author_role: ctx.actor.role,
        created_at: at,
      })
      .execute();
    // The timeline says a note exists, never what it says: its readers may differ.
    await insertTimelineEvent(db, {
      id: newId(),
      householdId,
      at,
      kind: 'note_added',
      title: input.audience === 'social' ? 'Nota riservata al servizio sociale' : 'Nota aggiunta',
      actorId: ctx.actor.userId,
      sourceType: 'note',
      sourceId: id,
    });
    await writeAudit(db, ctx, { action: 'create', entityType: 'note', entityId: id, householdId });
  });
}

export async function shareWithPartner(
  root: DbExecutor,
  ctx: RequestContext,
  householdId: string,
  input: { partnerId: string; reason: string },
): Promise<void> {
  const facts = await requireFacts(root, ctx, householdId);
  if (!canShareHousehold(ctx.actor, facts)) {
    await refuse(root, ctx, { action: 'share', entityType: 'household', entityId: householdId, householdId });
  }
  await root.transaction().execute(async (db) => {
    const partner = await db
      .selectFrom('partners')
      .select(['id', 'name'])
      .where('id', '=', input.partnerId)
      .executeTakeFirst();
    if (!partner)
      throw validationFailed([{ path: 'partnerId', code: 'unknown_partner', message: 'Ente partner sconosciuto.' }]);
    if (facts.sharedWithPartnerIds.includes(partner.id)) return;
    const at = ctx.now.toISOString();
    const id = newId();
    await db
      .insertInto('household_shares')
      .values({
        id,
        household_id: householdId,
        partner_id: partner.id,
        granted_by: ctx.actor.userId,
        granted_at: at,
        revoked_at: null,
        reason: input.reason,
      })
      .execute();
    await insertTimelineEvent(db, {
      id: newId(),
      householdId,
      at,
      kind: 'shared_with_partner',
      title: `Fascicolo condiviso con ${partner.name}`,
      detail: input.reason,
      actorId: ctx.actor.userId,
      sourceType: 'household_share',
      sourceId: id,
    });
    await writeAudit(db, ctx, {
      action: 'share',
      entityType: 'household',
      entityId: householdId,
      householdId,
      details: { partnerId: partner.id },
    });
  });
}

/** The file as the actor may see it (notes filtered by audience). Writes the read to the audit log. */
export async function readHousehold(root: DbExecutor, ctx: RequestContext, id: string): Promise<HouseholdDetail> {
  const facts = await requireFacts(root, ctx, id);
  if (!canReadHousehold(ctx.actor, facts)) {
    await refuse(root, ctx, { action: 'read', entityType: 'household', entityId: id, householdId: id });
  }
  const detail = await householdDetail(root, ctx.actor, id, today(ctx));
  await writeAudit(root, ctx, { action: 'read', entityType: 'household', entityId: id, householdId: id });
  return detail;
}

export async function householdDetail(
  db: DbExecutor,
  actor: Actor,
  id: string,
  on: PlainDate,
): Promise<HouseholdDetail> {
  const rows = await loadHouseholdRows(db, id);
  if (!rows) throw notFound('Il nucleo familiare');
  const { household: h } = rows;
  const holders = await findFiscalCodeHolders(
    db,
    rows.members.map((m) => m.fiscal_code),
    id,
  );
  const members = rows.members.map((m) => {
    const warnings: string[] = [];
    const cf = validateFiscalCode(m.fiscal_code);
    if (cf.ok) {
      const mismatches = fiscalCodeMismatches(cf.decoded, { birthDate: m.birth_date, sex: m.sex });
      if (mismatches.includes('birth_date'))
        warnings.push('Il codice fiscale non corrisponde alla data di nascita indicata.');
      if (mismatches.includes('sex')) warnings.push('Il codice fiscale non corrisponde al sesso indicato.');
    }
    if (m.permit_expires_on && m.permit_expires_on < on) {
      warnings.push(`Permesso di soggiorno scaduto il ${formatPlainDateIt(m.permit_expires_on)}.`);
    }
    return {
      id: m.id,
      position: m.position,
      fiscalCode: m.fiscal_code,
      firstName: m.first_name,
      lastName: m.last_name,
      birthDate: m.birth_date,
      age: ageOn(m.birth_date as PlainDate, on),
      sex: m.sex,
      relation: m.relation as HouseholdDetail['members'][number]['relation'],
      citizenship: (m.citizenship ?? null) as HouseholdDetail['members'][number]['citizenship'],
      permitKind: m.permit_kind as HouseholdDetail['members'][number]['permitKind'],
      permitExpiresOn: m.permit_expires_on,
      disabilityPercent: m.disability_percent,
      disabilityKind: m.disability_kind,
      alsoInHouseholds: holders
        .filter((x) => x.fiscal_code === m.fiscal_code)
        .map((x) => ({ id: x.household_id, code: x.household_code })),
      warnings,
    };
  });
  const flags = deriveFlags(
    rows.members.map((m) => ({ birthDate: m.birth_date as PlainDate, disabilityPercent: m.disability_percent })),
    { loneParent: h.lone_parent === 1 },
    on,
  );
  return {
    id: h.id,
    code: h.code,
    comuneId: h.comune_id,
    comuneName: h.comune_name,
    addressStreet: h.address_street,
    addressNumber: h.address_number,
    addressPostcode: h.address_postcode,
    addressCity: h.address_city,
    phone: h.phone,
    email: h.email,
    pec: h.pec,
    loneParent: h.lone_parent === 1,
    version: h.version,
    createdAt: h.created_at,
    updatedAt: h.updated_at,
    members,
    isee: rows.isee.map((r) => ({
      id: r.id,
      kind: r.kind as IseeKind,
      protocol: r.protocol,
      valueCents: Number(r.value_cents),
      dsuSubmittedOn: r.dsu_submitted_on,
      validUntil: r.valid_until,
      membersCount: r.members_count,
      inForce: isIseeInForce(
        { dsuSubmittedOn: r.dsu_submitted_on as PlainDate, validUntil: r.valid_until as PlainDate },
        on,
      ),
      createdAt: r.created_at,
    })),
    vulnerabilities: rows.vulnerabilities.map((v) => ({
      id: v.id,
      code: v.code as VulnerabilityCode,
      note: v.note,
      createdAt: v.created_at,
    })),
    derivedFlags: flags.map((f) => ({ flag: f.flag, label: DERIVED_FLAG_LABELS[f.flag], source: f.source })),
    notes: rows.notes
      .filter((n) => canReadNote(actor, n.audience))
      .map((n) => ({
        id: n.id,
        audience: n.audience,
        body: n.body,
        authorName: n.author_name,
        authorRole: n.author_role,
        createdAt: n.created_at,
      })),
    timeline: rows.timeline.map((e) => ({
      id: e.id,
      at: e.at,
      kind: e.kind,
      title: e.title,
      detail: e.detail,
      actorName: e.actor_name ?? null,
    })),
  };
}
