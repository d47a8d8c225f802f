// Inserts the housing-emergency demo rows (core/demo/emergency.ts) inside the demo loader's transaction.
import { generateEmergencyDemo } from '../../../core/demo/emergency.js';
import type { DemoData } from '../../../core/demo/generate.js';
import type { PlainDate } from '../../../core/kernel/plain-date.js';
import type { DbExecutor } from '../../db/client.js';
import { insertTimelineEvent } from '../households/households.queries.js';
import { withPartnerExtras } from '../partners/partners.queries.js';
import { insertShare } from '../referrals/referrals.queries.js';

export async function insertEmergencyDemo(
  trx: DbExecutor,
  data: DemoData,
  opts: { readonly seed: number; readonly today: PlainDate; readonly at: string },
): Promise<{ evictions: number; placements: number }> {
  const byRole = (role: string) => data.users.find((u) => u.role === role);
  const socialWorker = byRole('social_worker');
  const manager = byRole('manager');
  const lead = data.comuni.find((c) => c.is_lead === 1) ?? data.comuni[0];
  if (!socialWorker || !manager || !lead) return { evictions: 0, placements: 0 };
  const members = new Map<string, { birthDate: PlainDate; sex: 'F' | 'M'; name: string }[]>();
  for (const m of data.members) {
    const list = members.get(m.household_id) ?? [];
    list.push({ birthDate: m.birth_date as PlainDate, sex: m.sex, name: `${m.last_name} ${m.first_name}` });
    members.set(m.household_id, list);
  }
  const demo = generateEmergencyDemo({
    seed: opts.seed,
    today: opts.today,
    at: opts.at,
    partners: data.partners.map((p) => ({ id: p.id, name: p.name })),
    households: data.households.map((h) => ({
      id: h.id,
      comuneId: h.comune_id,
      address: `${h.address_street}${h.address_number ? ` ${h.address_number}` : ''}, ${h.address_city}`,
      members: members.get(h.id) ?? [],
      sharedWith: data.shares.filter((x) => x.household_id === h.id && x.revoked_at === null).map((x) => x.partner_id),
    })),
    socialWorkerId: socialWorker.id,
    managerId: manager.id,
    partnerUserId: byRole('partner')?.id ?? null,
    leadComuneId: lead.id,
  });
  const at = opts.at;
  const partnerUser = byRole('partner');

  for (const p of demo.partnerExtras) {
    await withPartnerExtras(trx)
      .updateTable('partners')
      .set({ services: p.services, notes: p.notes, updated_at: at })
      .where('id', '=', p.id)
      .execute();
  }
  if (demo.contacts.length > 0) await trx.insertInto('partner_contacts').values(demo.contacts).execute();
  if (demo.agreements.length > 0) await trx.insertInto('agreements').values(demo.agreements).execute();
  if (demo.units.length > 0) await trx.insertInto('temporary_units').values(demo.units).execute();

  for (const p of demo.placements) {
    const alreadyShared = data.shares.some((x) => x.household_id === p.household_id && x.partner_id === p.partner_id);
    const shareId = p.exited_on === null && !alreadyShared ? `${p.id}-share` : null;
    if (shareId) {
      await insertShare(trx, {
        id: shareId,
        householdId: p.household_id,
        partnerId: p.partner_id,
        by: socialWorker.id,
        at,
        reason: `Permanenza ${p.code}`,
      });
    }
    await trx
      .insertInto('placements')
      .values({
        id: p.id,
        code: p.code,
        household_id: p.household_id,
        unit_id: p.unit_id,
        eviction_id: null,
        places_used: p.places_used,
        stay_kind: 'hospitality',
        starts_on: p.starts_on,
        planned_end_on: p.planned_end_on,
        monthly_grant_cents: p.monthly_grant_cents,
        monthly_copayment_cents: p.monthly_copayment_cents,
        educator_name: p.educator_name,
        exit_plan: p.exit_plan,
        exit_plan_on: p.exit_plan_on,
        exited_on: p.exited_on,
        exit_destination: p.exit_destination,
        exit_note: null,
        share_id: shareId,
        version: 1,
        created_at: at,
        created_by: socialWorker.id,
        updated_at: at,
      })
      .execute();
    for (const [i, r] of p.renewals.entries()) {
      await trx
        .insertInto('placement_renewals')
        .values({
          id: `${p.id}-r${i}`,
          placement_id: p.id,
          ...r,
          note: null,
          created_at: at,
          created_by: socialWorker.id,
        })
        .execute();
    }
    // The demo partner account belongs to the first partner: its reports carry its name; the others are recorded by the agency.
    const author = partnerUser && partnerUser.partner_id === p.partner_id ? partnerUser : socialWorker;
    for (const [i, r] of p.reports.entries()) {
      await trx
        .insertInto('placement_reports')
        .values({
          id: `${p.id}-rep${i}`,
          placement_id: p.id,
          ...r,
          author_id: author.id,
          author_partner_id: author.partner_id,
          created_at: at,
        })
        .execute();
    }
    for (const [i, pay] of p.payments.entries()) {
      await trx
        .insertInto('placement_payments')
        .values({ id: `${p.id}-pay${i}`, placement_id: p.id, ...pay, created_at: at, created_by: socialWorker.id })
        .execute();
    }
    for (const [i, c] of p.conflicts.entries()) {
      await trx
        .insertInto('placement_conflicts')
        .values({
          id: `${p.id}-c${i}`,
          placement_id: p.id,
          ...c,
          created_at: at,
          created_by: socialWorker.id,
          updated_at: at,
        })
        .execute();
    }
    await insertTimelineEvent(trx, {
      id: `${p.id}-tl`,
      householdId: p.household_id,
      at,
      kind: 'placement_started',
      title: `Ospitalità temporanea ${p.code}`,
      actorId: socialWorker.id,
      sourceType: 'placement',
      sourceId: p.id,
    });
  }

  const sequences = new Map<string, number>();
  for (const e of demo.evictions) {
    const { events, ...row } = e;
    await trx
      .insertInto('evictions')
      .values({
        ...row,
        unit_id: null,
        notes: null,
        version: events.length + 1,
        created_at: at,
        created_by: socialWorker.id,
        updated_at: at,
      })
      .execute();
    for (const [i, ev] of events.entries()) {
      await trx
        .insertInto('eviction_events')
        .values({
          id: `${e.id}-e${i}`,
          eviction_id: e.id,
          seq: i + 1,
          kind: ev.kind,
          occurred_on: ev.occurredOn,
          planned_on: ev.plannedOn ?? null,
          visit_outcome: ev.visitOutcome ?? null,
          police_present: ev.policePresent === null || ev.policePresent === undefined ? null : ev.policePresent ? 1 : 0,
          hearing_outcome: null,
          note: null,
          created_at: at,
          created_by: socialWorker.id,
        })
        .execute();
    }
    await insertTimelineEvent(trx, {
      id: `${e.id}-tl`,
      householdId: e.household_id,
      at,
      kind: 'eviction_reported',
      title: `Procedura di sfratto ${e.code}`,
      actorId: socialWorker.id,
      sourceType: 'eviction',
      sourceId: e.id,
    });
    const name = `eviction:${e.code.slice(3, 7)}`;
    sequences.set(name, Math.max(sequences.get(name) ?? 0, Number(e.code.slice(8))));
  }
  for (const [name, value] of sequences) {
    await trx
      .insertInto('sequences')
      .values({ name, value })
      .onConflict((oc) => oc.column('name').doUpdateSet({ value }))
      .execute();
  }

  await trx
    .insertInto('eviction_yearly_totals')
    .values(
      demo.history.map((h) => ({
        id: `hist-${h.year}`,
        scope: 'Cinisello Balsamo',
        year: h.year,
        issued: h.issued,
        issued_landlord_need: h.issuedLandlordNeed,
        issued_end_of_lease: h.issuedEndOfLease,
        issued_arrears_other: h.issuedArrearsOther,
        execution_requests: h.executionRequests,
        executed: h.executed,
        source: h.source,
        imported_at: at,
        imported_by: null,
      })),
    )
    .execute();

  for (const p of demo.plans) {
    await trx
      .insertInto('support_plans')
      .values({
        id: p.id,
        household_id: p.household_id,
        title: p.title,
        opened_on: p.opened_on,
        next_review_on: p.next_review_on,
        closed_on: null,
        created_at: at,
        created_by: socialWorker.id,
        updated_at: at,
      })
      .execute();
    const goalIds = p.goals.map((_, i) => `${p.id}-g${i}`);
    for (const [i, g] of p.goals.entries()) {
      await trx
        .insertInto('plan_goals')
        .values({ id: goalIds[i] ?? `${p.id}-g${i}`, plan_id: p.id, position: i + 1, description: g, created_at: at })
        .execute();
    }
    for (const [i, a] of p.actions.entries()) {
      const { goal, ...rest } = a;
      await trx
        .insertInto('plan_actions')
        .values({
          id: `${p.id}-a${i}`,
          plan_id: p.id,
          goal_id: goalIds[goal] ?? null,
          ...rest,
          responsible_partner_id: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
    for (const [i, r] of p.reviews.entries()) {
      await trx
        .insertInto('plan_reviews')
        .values({ id: `${p.id}-rv${i}`, plan_id: p.id, ...r, note: null, created_at: at, created_by: socialWorker.id })
        .execute();
    }
    for (const [i, m] of p.team.entries()) {
      await trx
        .insertInto('plan_team_members')
        .values({ id: `${p.id}-t${i}`, plan_id: p.id, ...m, created_at: at })
        .execute();
    }
    await insertTimelineEvent(trx, {
      id: `${p.id}-tl`,
      householdId: p.household_id,
      at,
      kind: 'plan_opened',
      title: `Progetto di accompagnamento: ${p.title}`,
      actorId: socialWorker.id,
      sourceType: 'support_plan',
      sourceId: p.id,
    });
  }
  // Two referrals to the demo partner, for files already shared with it: one to answer, one accepted.
  const partnerId = partnerUser?.partner_id ?? null;
  const placed = new Set(demo.placements.map((p) => p.household_id));
  const shared = data.shares.filter((x) => x.partner_id === partnerId && !placed.has(x.household_id)).slice(0, 2);
  for (const [i, x] of shared.entries()) {
    await trx
      .insertInto('referrals')
      .values({
        id: `ref-${x.id}`,
        household_id: x.household_id,
        partner_id: x.partner_id,
        direction: 'to_partner',
        service: i === 0 ? 'Accompagnamento educativo' : 'Orientamento al lavoro',
        reason:
          i === 0
            ? 'Sfratto convalidato: sostegno nella ricerca di una soluzione abitativa.'
            : 'Perdita del lavoro, morosità in aumento.',
        legal_basis: 'social_services_law',
        status: i === 0 ? 'pending' : 'accepted',
        share_id: null,
        created_at: at,
        created_by: socialWorker.id,
        decided_at: i === 0 ? null : at,
        decided_by: i === 0 ? null : (partnerUser?.id ?? null),
        decision_note: null,
        revoked_at: null,
        revoked_by: null,
        revocation_reason: null,
      })
      .execute();
  }
  return { evictions: demo.evictions.length, placements: demo.placements.length };
}
