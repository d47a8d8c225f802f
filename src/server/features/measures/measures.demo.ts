// Demo rows of the front desk and the support measures (issue 4), written inside loadDemoData's
// transaction: the shipped measures (templates active), a fund per measure for the current year,
// contacts with questionnaire and screening, applications in every state with amounts computed by
// the rules, one payment batch, appointment slots, landlords and agreed-rent contracts.
import { generateDeskCases, type DemoApplicationStage } from '../../../core/demo/measures.js';
import { householdFacts } from '../../../core/frontdesk/questionnaire.js';
import { ibanCheckDigits } from '../../../core/kernel/iban.js';
import { formatEuro } from '../../../core/kernel/money.js';
import { addDays, type PlainDate } from '../../../core/kernel/plain-date.js';
import { grantAmount } from '../../../core/measures/amount.js';
import { agreedRentGuarantee } from '../../../core/measures/agreed-rent.js';
import { effectiveParameters, evaluateMeasure, isMeasureKind } from '../../../core/measures/catalogue.js';
import type { DemoData } from '../../../core/demo/rows.js';
import type { DbExecutor } from '../../db/client.js';
import { raiseSequence } from '../demo/demo.queries.js';
import { screenHouseholdOn } from '../frontdesk/frontdesk.actions.js';
import {
  insertContact,
  insertQuestionnaire,
  insertReferral,
  insertScreening,
  insertSlot,
} from '../frontdesk/frontdesk.queries.js';
import { insertBatch, insertFund, insertFundEntries, insertRows } from '../funds/funds.queries.js';
import { insertTimelineEvent } from '../households/households.queries.js';
import { installShippedMeasures } from './measures.install.js';
import {
  findMeasureByCode,
  insertApplication,
  insertApplicationEvent,
  insertContract,
  insertLandlord,
  listVersionRows,
  loadHouseholdSnapshot,
} from './measures.queries.js';

const FUNDS = [
  { code: 'FSA', name: 'Fondo sostegno affitto', basis: 'L. 431/1998 art. 11; riparto regionale', budget: 40_000_000 },
  {
    code: 'FIMI',
    name: 'Fondo morosità incolpevole',
    basis: 'DL 102/2013 art. 6 c.5; DGR di riparto',
    budget: 15_000_000,
  },
  { code: 'COM', name: 'Contributo affitto comunale', basis: 'Bilancio comunale', budget: 6_000_000 },
  { code: 'DGR606', name: 'Misure regionali emergenza abitativa', basis: 'DGR XI/606/2018', budget: 5_000_000 },
  { code: 'CANCON', name: 'Incentivi canone concordato', basis: 'DGR XI/2065/2019', budget: 3_000_000 },
];

function demoIban(n: number): string {
  const bban = `X0306909606${String(100_000_000_000 + n).slice(1)}`;
  return `IT${ibanCheckDigits('IT', bban)}${bban}`;
}

/** Deterministic ids: the demo's uuid-like ids are made from a counter, as the demo generator does. */
function idMaker(prefix: string) {
  let n = 0;
  return () => {
    n += 1;
    return `${prefix}-${String(n).padStart(6, '0')}`;
  };
}

export async function insertMeasuresDemo(
  db: DbExecutor,
  data: DemoData,
  opts: { readonly seed: number; readonly today: PlainDate; readonly at: string },
): Promise<void> {
  const now = new Date(opts.at);
  await installShippedMeasures(db, now, { activateTemplates: true });
  const year = Number(opts.today.slice(0, 4));
  const id = idMaker('demo-mis');
  const staff = (role: string) => data.users.find((u) => u.role === role)?.id ?? null;
  const desk = staff('front_desk') as string;
  const reviewer = staff('social_worker');
  const manager = staff('manager');
  const fundIds = new Map<string, string>();
  for (const f of FUNDS) {
    const fundId = id();
    fundIds.set(f.code, fundId);
    await insertFund(db, {
      id: fundId,
      code: f.code,
      year,
      name: f.name,
      legal_basis: f.basis,
      budget_cents: f.budget,
      created_at: opts.at,
      created_by: manager,
    });
    await insertFundEntries(db, [
      {
        id: id(),
        fund_id: fundId,
        kind: 'budget',
        amount_cents: f.budget,
        application_id: null,
        payment_id: null,
        note: 'Stanziamento iniziale',
        at: opts.at,
        by_user: manager,
      },
    ]);
  }
  // Households with an ISEE in force today: the ones the desk can screen and enter applications for.
  const inForce = new Set(
    data.iseeRecords
      .filter((r) => r.dsu_submitted_on <= opts.today && opts.today <= r.valid_until)
      .map((r) => r.household_id),
  );
  const candidates = data.households.filter((h) => inForce.has(h.id)).map((h) => h.id);
  const cases = generateDeskCases(candidates, opts.seed);
  const committed = new Map<string, number>();
  const toPay: {
    appId: string;
    householdId: string;
    fundId: string;
    amount: number;
    fiscalCode: string;
    payee: string;
    payeeCf: string;
    iban: string;
    measureCode: string;
  }[] = [];
  let seq = 0;
  for (const [i, c] of cases.entries()) {
    const contactAt = new Date(now.getTime() - (cases.length - i) * 3_600_000 * 7).toISOString();
    const on = contactAt.slice(0, 10) as PlainDate;
    const loaded = await loadHouseholdSnapshot(db, c.householdId, on);
    if (!loaded?.iseeInForce || !loaded.applicant) continue;
    const contactId = id();
    await insertContact(db, {
      id: contactId,
      household_id: c.householdId,
      person_name: loaded.applicant.name,
      at: contactAt,
      channel: c.channel,
      reason: c.reason,
      reason_note: null,
      outcome: c.application ? 'application_started' : 'information_given',
      outcome_note: null,
      operator_id: desk,
      created_at: contactAt,
    });
    await insertQuestionnaire(db, {
      id: id(),
      contact_id: contactId,
      household_id: c.householdId,
      answers: JSON.stringify(c.answers),
      created_at: contactAt,
      created_by: desk,
    });
    const results = await screenHouseholdOn(db, c.householdId, c.answers, on);
    await insertScreening(db, {
      id: id(),
      contact_id: contactId,
      household_id: c.householdId,
      as_of: on,
      results: JSON.stringify(results),
      created_at: contactAt,
      created_by: desk,
    });
    await insertTimelineEvent(db, {
      id: id(),
      householdId: c.householdId,
      at: contactAt,
      kind: 'frontdesk_contact',
      title: 'Contatto allo sportello',
      detail: `${results.filter((r) => r.verdict === 'eligible').length} misure accessibili su ${results.length}`,
      actorId: desk,
      sourceType: 'frontdesk_contact',
      sourceId: contactId,
    });
    if (!c.application) continue;
    const measure = await findMeasureByCode(db, c.application.measureCode);
    if (!measure || !isMeasureKind(measure.kind)) continue;
    const version = (await listVersionRows(db, [measure.id]))[0];
    if (!version) continue;
    const params = effectiveParameters(measure.kind, JSON.parse(version.parameters) as Record<string, unknown>);
    const facts = householdFacts(loaded.snapshot, c.answers, on);
    const evaluation = evaluateMeasure(measure.kind, params, facts);
    const amount = grantAmount(measure.kind, params, facts, { arrears: c.application.arrears });
    let stage: DemoApplicationStage = c.application.stage;
    // The rules decide: a household that does not qualify cannot pass the review.
    if (stage !== 'submitted' && (evaluation.verdict !== 'eligible' || !amount.ok || amount.amountCents <= 0))
      stage = 'review_failed';
    const fundId = fundIds.get(measure.fund_code) as string;
    const amountCents = amount.ok ? amount.amountCents : null;
    if ((stage === 'approved' || stage === 'paid') && amountCents !== null) {
      const fund = FUNDS.find((f) => f.code === measure.fund_code);
      const used = committed.get(fundId) ?? 0;
      if (!fund || used + amountCents > fund.budget) stage = 'review_passed';
      else committed.set(fundId, used + amountCents);
    }
    seq += 1;
    const appId = id();
    const code = `MIS-${year}-${String(seq).padStart(5, '0')}`;
    const payee =
      measure.payee === 'landlord' ? `${c.application.payeeSurname} Immobiliare s.r.l.` : loaded.applicant.name;
    const payeeCf =
      measure.payee === 'landlord' ? `0${String(7_000_000_000 + i * 7919).slice(0, 10)}` : loaded.applicant.fiscalCode;
    const iban = demoIban(i + 1);
    const status = stage;
    const approvedAmount = status === 'approved' || status === 'paid' ? (amountCents ?? 0) : 0;
    await insertApplication(db, {
      id: appId,
      code,
      household_id: c.householdId,
      measure_id: measure.id,
      parameter_version_id: version.id,
      status,
      applied_on: on,
      channel: 'desk',
      contact_id: contactId,
      applicant_fiscal_code: loaded.applicant.fiscalCode,
      applicant_name: loaded.applicant.name,
      payee_kind: measure.payee,
      payee_name: payee,
      payee_fiscal_code: payeeCf,
      iban,
      landlord_id: null,
      contract_id: null,
      isee_record_id: loaded.iseeInForce.id,
      facts: JSON.stringify(c.answers),
      request: JSON.stringify(c.application.arrears ? { arrears: c.application.arrears } : {}),
      amount_cents: amountCents,
      breakdown: amount.ok ? JSON.stringify(amount.lines) : null,
      fund_id: approvedAmount > 0 ? fundId : null,
      committed_cents: approvedAmount,
      paid_cents: 0,
      version: 1,
      created_at: contactAt,
      created_by: desk,
      updated_at: contactAt,
    });
    await insertReferral(db, {
      id: id(),
      contact_id: contactId,
      household_id: c.householdId,
      kind: 'application_draft',
      measure_id: measure.id,
      call_id: null,
      partner_id: null,
      application_id: appId,
      note: null,
      created_at: contactAt,
      created_by: desk,
    });
    const event = async (
      kind: string,
      offsetHours: number,
      by: string | null,
      extra: { outcome?: string; reason?: string; amount?: number | null } = {},
    ) => {
      const at = new Date(new Date(contactAt).getTime() + offsetHours * 3_600_000).toISOString();
      await insertApplicationEvent(db, {
        id: id(),
        application_id: appId,
        kind,
        outcome: extra.outcome ?? null,
        reason: extra.reason ?? null,
        amount_cents: extra.amount ?? null,
        at,
        by_user: by,
      });
      return at;
    };
    await event('submitted', 0, desk, { amount: amountCents });
    await insertTimelineEvent(db, {
      id: id(),
      householdId: c.householdId,
      at: contactAt,
      kind: 'measure_application_submitted',
      title: `Domanda ${code} – ${measure.name}`,
      detail: null,
      actorId: desk,
      sourceType: 'measure_application',
      sourceId: appId,
    });
    if (status === 'review_failed') {
      const open = evaluation.checks.filter((x) => x.outcome !== 'met').map((x) => x.evidence);
      await event('review_failed', 2, reviewer, {
        outcome: 'failed',
        reason: open.join(' ') || 'Requisiti non soddisfatti.',
      });
    }
    if (status === 'review_passed' || status === 'approved' || status === 'paid') {
      await event('review_passed', 2, reviewer, {
        outcome: 'passed',
        reason: 'Requisiti e documenti verificati.',
        amount: amountCents,
      });
    }
    if (status === 'approved' || status === 'paid') {
      const at = await event('approved', 4, manager, {
        outcome: 'approved',
        reason: 'Contributo concesso.',
        amount: approvedAmount,
      });
      await insertFundEntries(db, [
        {
          id: id(),
          fund_id: fundId,
          kind: 'commitment',
          amount_cents: approvedAmount,
          application_id: appId,
          payment_id: null,
          note: `Impegno per la domanda ${code}`,
          at,
          by_user: manager,
        },
      ]);
      await insertTimelineEvent(db, {
        id: id(),
        householdId: c.householdId,
        at,
        kind: 'measure_application_approved',
        title: `Domanda ${code} approvata`,
        detail: `Contributo concesso: ${formatEuro(approvedAmount)}`,
        actorId: manager,
        sourceType: 'measure_application',
        sourceId: appId,
      });
    }
    if (status === 'paid') {
      toPay.push({
        appId,
        householdId: c.householdId,
        fundId,
        amount: approvedAmount,
        fiscalCode: loaded.applicant.fiscalCode,
        payee,
        payeeCf,
        iban,
        measureCode: measure.code,
      });
    }
  }
  await raiseSequence(db, `measure_application:${year}`, seq);
  for (const [fundId, cents] of committed) {
    await db.updateTable('funds').set({ committed_cents: cents }).where('id', '=', fundId).execute();
  }
  // One payment batch per fund with paid grants (the demo's "one payment batch" is the largest).
  const byFund = new Map<string, typeof toPay>();
  for (const p of toPay) byFund.set(p.fundId, [...(byFund.get(p.fundId) ?? []), p]);
  let batchSeq = 0;
  for (const [fundId, list] of byFund) {
    batchSeq += 1;
    const batchId = id();
    const code = `LOT-${year}-${String(batchSeq).padStart(4, '0')}`;
    const total = list.reduce((s, p) => s + p.amount, 0);
    const paidOn = addDays(opts.today, -1);
    await insertBatch(db, {
      id: batchId,
      code,
      fund_id: fundId,
      accounting_reference: `MANDATO ${year}/${100 + batchSeq}`,
      paid_on: paidOn,
      payments_count: list.length,
      total_cents: total,
      created_at: opts.at,
      created_by: manager,
    });
    const payments = list.map((p) => ({
      id: id(),
      batch_id: batchId,
      kind: 'payment',
      corrects_payment_id: null,
      application_id: p.appId,
      household_id: p.householdId,
      fund_id: fundId,
      measure_code: p.measureCode,
      beneficiary_fiscal_code: p.fiscalCode,
      payee_name: p.payee,
      payee_fiscal_code: p.payeeCf,
      iban: p.iban,
      amount_cents: p.amount,
      on_date: paidOn,
      reason: null,
      created_at: opts.at,
      created_by: manager,
    }));
    await insertRows(db, 'payments', payments);
    await insertFundEntries(
      db,
      payments.map((p) => ({
        id: id(),
        fund_id: fundId,
        kind: 'payment',
        amount_cents: p.amount_cents,
        application_id: p.application_id,
        payment_id: p.id,
        note: `Lotto ${code}`,
        at: opts.at,
        by_user: manager,
      })),
    );
    for (const p of payments) {
      await db
        .updateTable('measure_applications')
        .set({ paid_cents: p.amount_cents })
        .where('id', '=', p.application_id)
        .execute();
      await insertApplicationEvent(db, {
        id: id(),
        application_id: p.application_id,
        kind: 'paid',
        outcome: null,
        reason: `Lotto ${code}`,
        amount_cents: p.amount_cents,
        at: opts.at,
        by_user: manager,
      });
      await insertTimelineEvent(db, {
        id: id(),
        householdId: p.household_id,
        at: opts.at,
        kind: 'measure_payment',
        title: `Pagamento di ${formatEuro(p.amount_cents)}`,
        detail: `Lotto ${code}`,
        actorId: manager,
        sourceType: 'payment',
        sourceId: p.id,
      });
    }
    await db.updateTable('funds').set({ paid_cents: total }).where('id', '=', fundId).execute();
  }
  await raiseSequence(db, `payment_batch:${year}`, batchSeq);
  // Appointment slots of the desk operator for the next working days, two of them booked.
  for (let d = 1; d <= 5; d++) {
    const day = addDays(opts.today, d);
    for (const hour of [9, 10, 11]) {
      const slotId = id();
      await insertSlot(db, {
        id: slotId,
        operator_id: desk,
        starts_at: `${day}T${String(hour - 1).padStart(2, '0')}:00:00.000Z`,
        ends_at: `${day}T${String(hour - 1).padStart(2, '0')}:30:00.000Z`,
        place: 'Sportello Agenzia per la Casa, vicolo del Gallo',
        created_at: opts.at,
        created_by: desk,
      });
      const booked = cases[d * 3 + hour - 9];
      if (d <= 2 && hour === 10 && booked) {
        await db
          .insertInto('appointment_bookings')
          .values({
            id: id(),
            slot_key: slotId,
            slot_id: slotId,
            household_id: booked.householdId,
            contact_id: null,
            purpose: 'Consegna documenti',
            booked_at: opts.at,
            booked_by: desk,
            cancelled_at: null,
          })
          .execute();
      }
    }
  }
  // Landlords and agreed-rent contracts (canone concordato).
  const comune = data.comuni[0]?.id;
  for (const [i, l] of [
    { name: 'Immobiliare Parco Nord s.r.l.', cf: '08123450963', years: 3 },
    { name: 'Rosa Brambilla', cf: 'BRMRSO60A41C707X', years: 4 },
  ].entries()) {
    const landlordId = id();
    await insertLandlord(db, {
      id: landlordId,
      name: l.name,
      fiscal_code: l.cf,
      iban: demoIban(900 + i),
      email: null,
      phone: null,
      created_at: opts.at,
      created_by: manager,
    });
    if (comune) {
      const rent = 52_000 + i * 8_000;
      const g = agreedRentGuarantee(rent);
      await insertContract(db, {
        id: id(),
        landlord_id: landlordId,
        household_id: null,
        address: `Via Libertà ${10 + i * 7}, Cinisello Balsamo`,
        comune_id: comune,
        local_agreement: 'Accordo locale per la Città di Cinisello Balsamo',
        duration_years: l.years,
        extension_years: 2,
        monthly_rent_cents: rent,
        starts_on: addDays(opts.today, -30 * (i + 1)),
        registered_on: addDays(opts.today, -25 * (i + 1)),
        guarantee_cents: g.cents,
        guarantee_months: g.months,
        created_at: opts.at,
        created_by: manager,
      });
    }
  }
}
