// Referrals between the agency and partners. createReferral runs inside the caller's transaction
// (the front desk calls it while it records an intake); referHousehold is the route's use case.
import {
  canMoveReferral,
  REFERRAL_LEGAL_BASIS_LABELS,
  REFERRAL_STATUS_LABELS,
  type Referral,
  type ReferralInput,
  type ReferralStatus,
} from '../../../shared/referrals.js';
import type { DbExecutor } from '../../db/client.js';
import type { RequestContext } from '../../http/context.js';
import { forbidden, notFound, validationFailed } from '../../http/errors.js';
import { newId } from '../../ids.js';
import { writeAudit } from '../audit/audit.queries.js';
import { findHouseholdFacts, insertTimelineEvent } from '../households/households.queries.js';
import { applicantNames, refuse, ruleRefused } from '../partners/emergency-kit.js';
import {
  canCreateReferral,
  canDecideReferral,
  canReadReferral,
  canRevokeReferral,
  type ReferralFacts,
} from './referrals.access.js';
import { findReferral, insertShare, listReferrals, revokeShare, type ReferralRow } from './referrals.queries.js';

/**
 * Records a referral inside the caller's transaction `trx`, and returns its id. A referral to a
 * partner shares the household file with it (household_shares) until declined or revoked.
 * Throws 403 (without an audit row: the caller's rollback would drop it) when the actor may not
 * refer this household; callers that want the refusal audited check first, as referHousehold does.
 */
export async function createReferral(trx: DbExecutor, ctx: RequestContext, input: ReferralInput): Promise<string> {
  const facts = await findHouseholdFacts(trx, input.householdId, ctx.now.toISOString());
  if (!facts) throw notFound('Il nucleo familiare');
  if (!canCreateReferral(ctx.actor, facts, input)) throw forbidden();
  const partner = await trx
    .selectFrom('partners')
    .select(['id', 'name'])
    .where('id', '=', input.partnerId)
    .executeTakeFirst();
  if (!partner)
    throw validationFailed([{ path: 'partnerId', code: 'unknown_partner', message: 'Ente partner sconosciuto.' }]);
  const at = ctx.now.toISOString();
  const id = newId();
  let shareId: string | null = null;
  if (input.direction === 'to_partner') {
    shareId = newId();
    await insertShare(trx, {
      id: shareId,
      householdId: input.householdId,
      partnerId: partner.id,
      by: ctx.actor.userId,
      at,
      reason: `Invio per «${input.service}» — ${REFERRAL_LEGAL_BASIS_LABELS[input.legalBasis]}`,
    });
  }
  await trx
    .insertInto('referrals')
    .values({
      id,
      household_id: input.householdId,
      partner_id: partner.id,
      direction: input.direction,
      service: input.service,
      reason: input.reason,
      legal_basis: input.legalBasis,
      status: 'pending',
      share_id: shareId,
      created_at: at,
      created_by: ctx.actor.userId,
      decided_at: null,
      decided_by: null,
      decision_note: null,
      revoked_at: null,
      revoked_by: null,
      revocation_reason: null,
    })
    .execute();
  await insertTimelineEvent(trx, {
    id: newId(),
    householdId: input.householdId,
    at,
    kind: 'referral_created',
    title:
      input.direction === 'to_partner'
        ? `Inviato a ${partner.name} per «${input.service}»`
        : `Inviato da ${partner.name} all’Agenzia per «${input.service}»`,
    detail: input.reason,
    actorId: ctx.actor.userId,
    sourceType: 'referral',
    sourceId: id,
  });
  await writeAudit(trx, ctx, {
    action: 'create',
    entityType: 'referral',
    entityId: id,
    householdId: input.householdId,
    details: { partnerId: partner.id, direction: input.direction, legalBasis: input.legalBasis },
  });
  return id;
}

/** The route's use case: checks and audits a refusal, then records the referral in one transaction. */
export async function referHousehold(root: DbExecutor, ctx: RequestContext, input: ReferralInput): Promise<string> {
  const facts = await findHouseholdFacts(root, input.householdId, ctx.now.toISOString());
  if (!facts) {
    // A partner cannot tell a missing household from one not shared with it.
    if (ctx.actor.role === 'partner') await refuse(root, ctx, { action: 'create', entityType: 'referral' });
    throw notFound('Il nucleo familiare');
  }
  if (!canCreateReferral(ctx.actor, facts, input)) {
    await refuse(root, ctx, { action: 'create', entityType: 'referral', householdId: input.householdId });
  }
  return root.transaction().execute((trx) => createReferral(trx, ctx, input));
}

function factsOf(r: ReferralRow): ReferralFacts {
  return { partnerId: r.partner_id, direction: r.direction, householdComuneId: r.household_comune_id };
}

async function requireReferral(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  action: string,
): Promise<ReferralRow> {
  const r = await findReferral(root, id);
  if (!r) {
    if (ctx.actor.role === 'partner') return refuse(root, ctx, { action, entityType: 'referral', entityId: id });
    throw notFound('L’invio');
  }
  if (!canReadReferral(ctx.actor, factsOf(r))) {
    await refuse(root, ctx, { action, entityType: 'referral', entityId: id, householdId: r.household_id });
  }
  return r;
}

async function move(
  root: DbExecutor,
  ctx: RequestContext,
  r: ReferralRow,
  to: ReferralStatus,
  note: string | null,
): Promise<void> {
  if (!canMoveReferral(r.status, to)) {
    throw ruleRefused(
      'REFERRAL_TRANSITION_NOT_ALLOWED',
      `L’invio è «${REFERRAL_STATUS_LABELS[r.status]}»: non può diventare «${REFERRAL_STATUS_LABELS[to]}».`,
      'status',
    );
  }
  await root.transaction().execute(async (trx) => {
    const at = ctx.now.toISOString();
    const changes =
      to === 'revoked'
        ? { status: to, revoked_at: at, revoked_by: ctx.actor.userId, revocation_reason: note }
        : { status: to, decided_at: at, decided_by: ctx.actor.userId, decision_note: note };
    // The status guard makes two concurrent answers impossible: the second finds nothing to update.
    const updated = await trx
      .updateTable('referrals')
      .set(changes)
      .where('id', '=', r.id)
      .where('status', '=', r.status)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw ruleRefused(
        'REFERRAL_CHANGED',
        'L’invio è stato modificato da un’altra persona: ricarica la pagina.',
        'status',
      );
    }
    if ((to === 'declined' || to === 'revoked') && r.share_id) await revokeShare(trx, r.share_id, at);
    await insertTimelineEvent(trx, {
      id: newId(),
      householdId: r.household_id,
      at,
      kind: `referral_${to}`,
      title: `Invio a ${r.partner_name} per «${r.service}»: ${REFERRAL_STATUS_LABELS[to].toLowerCase()}`,
      detail: note,
      actorId: ctx.actor.userId,
      sourceType: 'referral',
      sourceId: r.id,
    });
    await writeAudit(trx, ctx, {
      action: to === 'revoked' ? 'revoke' : 'decide',
      entityType: 'referral',
      entityId: r.id,
      householdId: r.household_id,
      details: { status: to },
    });
  });
}

export async function decideReferral(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  input: { decision: 'accepted' | 'declined'; note: string | null },
): Promise<void> {
  const r = await requireReferral(root, ctx, id, 'decide');
  if (!canDecideReferral(ctx.actor, factsOf(r))) {
    await refuse(root, ctx, { action: 'decide', entityType: 'referral', entityId: id, householdId: r.household_id });
  }
  await move(root, ctx, r, input.decision, input.note);
}

export async function revokeReferral(root: DbExecutor, ctx: RequestContext, id: string, reason: string): Promise<void> {
  const r = await requireReferral(root, ctx, id, 'revoke');
  if (!canRevokeReferral(ctx.actor, factsOf(r))) {
    await refuse(root, ctx, { action: 'revoke', entityType: 'referral', entityId: id, householdId: r.household_id });
  }
  await move(root, ctx, r, 'revoked', reason);
}

async function toReferrals(db: DbExecutor, rows: readonly ReferralRow[]): Promise<Referral[]> {
  const names = await applicantNames(
    db,
    rows.map((r) => r.household_id),
  );
  return rows.map((r) => ({
    id: r.id,
    householdId: r.household_id,
    householdCode: r.household_code,
    applicantName: names.get(r.household_id) ?? '',
    partnerId: r.partner_id,
    partnerName: r.partner_name,
    direction: r.direction,
    service: r.service,
    reason: r.reason,
    legalBasis: r.legal_basis as Referral['legalBasis'],
    status: r.status,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    revokedAt: r.revoked_at,
    revocationReason: r.revocation_reason,
  }));
}

export async function readReferral(root: DbExecutor, ctx: RequestContext, id: string): Promise<Referral> {
  const r = await requireReferral(root, ctx, id, 'read');
  await writeAudit(root, ctx, { action: 'read', entityType: 'referral', entityId: id, householdId: r.household_id });
  const [out] = await toReferrals(root, [r]);
  if (!out) throw notFound('L’invio');
  return out;
}

export async function listReferralsFor(
  root: DbExecutor,
  ctx: RequestContext,
  q: { status?: ReferralStatus | undefined; partnerId?: string | undefined; householdId?: string | undefined },
): Promise<Referral[]> {
  const a = ctx.actor;
  if (a.role === 'partner') {
    if (!a.partnerId || (q.partnerId && q.partnerId !== a.partnerId)) {
      return refuse(root, ctx, { action: 'list', entityType: 'referral' });
    }
  } else if (!canReadReferral(a, { partnerId: '', direction: 'to_partner', householdComuneId: a.comuneIds[0] ?? '' })) {
    return refuse(root, ctx, { action: 'list', entityType: 'referral' });
  }
  const rows = await listReferrals(root, {
    ...q,
    partnerId: a.role === 'partner' ? (a.partnerId ?? '') : q.partnerId,
    comuneIds: a.role === 'partner' || a.comuneIds.length === 0 ? 'all' : a.comuneIds,
  });
  await writeAudit(root, ctx, {
    action: 'list',
    entityType: 'referral',
    details: { returned: rows.map((r) => r.id), householdId: q.householdId ?? null },
  });
  return toReferrals(root, rows);
}
