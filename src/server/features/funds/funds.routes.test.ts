import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/app.js';
import { testDialects } from '../../../../test/db.js';
import { TEST_PASSWORD } from '../../../../test/fixtures.js';
import {
  ARREARS_ANSWERS,
  ARREARS_REQUEST,
  BAD_IBAN,
  householdWithIsee,
  installMeasuresAndFunds,
  measureId,
  PDF_BYTES,
  VALID_IBAN,
} from '../../../../test/measures-fixtures.js';
import { createUser } from '../users/users.actions.js';

interface ErrorBody {
  error: { code: string; message: string; details?: { message: string }[] };
}
interface BatchDetail {
  id: string;
  code: string;
  paymentsCount: number;
  totalCents: number;
  payments: { id: string; applicationId: string; amountCents: number; beneficiaryFiscalCode: string }[];
}

describe.each(testDialects())('funds and payment batches on %s', (dialect) => {
  let t: TestApp;
  let desk: Session;
  let manager: Session;
  let manager2: Session;
  const FUND = 'fund-FIMI-2026';

  beforeAll(async () => {
    t = await createTestApp(dialect, {
      ABITARE_DOCUMENTS_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'abitare-docs-')),
    });
    await installMeasuresAndFunds(t.testDb.db, { FIMI: 2_000_000 });
    const u = await createUser(t.testDb.db.kysely, {
      username: 'dirigente2',
      role: 'manager',
      displayName: 'D2',
      password: TEST_PASSWORD,
      now: t.clock.now,
    });
    if (!u.ok) throw new Error(u.message);
    desk = await t.login('sportello');
    manager = await t.login('dirigente');
    manager2 = await t.login('dirigente2');
  });
  afterAll(async () => {
    await t.close();
  });

  async function approved(): Promise<{ id: string; fiscalCode: string; householdId: string }> {
    const h = await householdWithIsee(desk);
    const fimi = await measureId(t.testDb.db, 'morosita_incolpevole');
    const app = (
      await desk.request('POST', '/api/measure-applications', {
        householdId: h.id,
        measureId: fimi,
        payeeName: 'Proprietario',
        payeeFiscalCode: '01234567890',
        iban: VALID_IBAN,
        answers: ARREARS_ANSWERS,
        request: ARREARS_REQUEST,
      })
    ).json() as { id: string; requiredDocuments: { code: string }[] };
    for (const d of app.requiredDocuments) {
      await desk.request('POST', `/api/measure-applications/${app.id}/documents?category=${d.code}`, PDF_BYTES, {
        'content-type': 'application/pdf',
      });
    }
    expect(
      (
        await manager2.request('POST', `/api/measure-applications/${app.id}/review`, {
          outcome: 'passed',
          reason: 'ok',
        })
      ).statusCode,
    ).toBe(200);
    const res = await manager.request('POST', `/api/measure-applications/${app.id}/decision`, {
      decision: 'approved',
      reason: 'ok',
    });
    expect(res.statusCode, res.body).toBe(200);
    return { id: app.id, fiscalCode: h.fiscalCode, householdId: h.id };
  }
  const fund = async () => {
    const f = await t.testDb.db.kysely.selectFrom('funds').selectAll().where('id', '=', FUND).executeTakeFirstOrThrow();
    return { committed: Number(f.committed_cents), paid: Number(f.paid_cents), budget: Number(f.budget_cents) };
  };
  const payments = async () =>
    Number(
      (
        await t.testDb.db.kysely
          .selectFrom('payments')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('only managers create funds and batches; staff read budgets', async () => {
    expect(
      (await desk.request('POST', '/api/funds', { code: 'X1', year: 2026, name: 'x', legalBasis: 'x', budgetCents: 1 }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await desk.request('POST', '/api/payment-batches', {
          fundId: FUND,
          accountingReference: 'M-1',
          paidOn: '2026-11-26',
        })
      ).statusCode,
    ).toBe(403);
    const list = await desk.request('GET', '/api/funds');
    expect(list.statusCode).toBe(200);
    const created = await manager.request('POST', '/api/funds', {
      code: 'fsa2',
      year: 2027,
      name: 'FSA 2027',
      legalBasis: 'L. 431/1998 art. 11',
      budgetCents: 10_000_000,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(
      (
        await manager.request('POST', '/api/funds', {
          code: 'FSA2',
          year: 2027,
          name: 'dup',
          legalBasis: 'x',
          budgetCents: 1,
        })
      ).statusCode,
    ).toBe(409);
  });

  it('a batch with a wrong IBAN is refused whole (IBAN_INVALID), nothing written', async () => {
    const a = await approved();
    // An IBAN damaged after approval (e.g. a data-entry correction gone wrong) stops the batch.
    await t.testDb.db.kysely
      .updateTable('measure_applications')
      .set({ iban: BAD_IBAN })
      .where('id', '=', a.id)
      .execute();
    const before = { fund: await fund(), payments: await payments() };
    const res = await manager.request('POST', '/api/payment-batches', {
      fundId: FUND,
      accountingReference: 'MANDATO-1',
      paidOn: '2026-11-26',
    });
    expect(res.statusCode).toBe(400);
    const body = res.json() as ErrorBody;
    expect(body.error.code).toBe('IBAN_INVALID');
    expect(body.error.details?.[0]?.message).toContain('cifre di controllo');
    expect({ fund: await fund(), payments: await payments() }).toEqual(before);
    await t.testDb.db.kysely
      .updateTable('measure_applications')
      .set({ iban: VALID_IBAN })
      .where('id', '=', a.id)
      .execute();
  });

  it('pays approved grants in a batch, within the committed budget; corrections are new entries; the export has the reporting fields', async () => {
    const b = await approved();
    const res = await manager.request('POST', '/api/payment-batches', {
      fundId: FUND,
      accountingReference: 'MANDATO-2',
      paidOn: '2026-11-26',
    });
    expect(res.statusCode, res.body).toBe(201);
    const batch = res.json() as BatchDetail;
    expect(batch.code).toMatch(/^LOT-2026-\d{4}$/);
    expect(batch.paymentsCount).toBe(2);
    expect(batch.totalCents).toBe(600_000);
    const f = await fund();
    expect(f.paid).toBe(600_000);
    expect(f.paid).toBeLessThanOrEqual(f.committed);
    // Nothing left to pay.
    const again = await manager.request('POST', '/api/payment-batches', {
      fundId: FUND,
      accountingReference: 'MANDATO-3',
      paidOn: '2026-11-26',
    });
    expect(again.statusCode).toBe(409);
    const paidApp = batch.payments.find((p) => p.applicationId === b.id);
    expect(paidApp?.beneficiaryFiscalCode).toBe(b.fiscalCode);
    // Cancellation: the money did not reach the payee; the grant is payable again.
    const cancel = await manager.request('POST', `/api/payments/${paidApp?.id}/corrections`, {
      kind: 'cancellation',
      reason: 'Bonifico respinto',
      onDate: '2026-11-27',
    });
    expect(cancel.statusCode, cancel.body).toBe(201);
    expect(
      (
        await manager.request('POST', `/api/payments/${paidApp?.id}/corrections`, {
          kind: 'recovery',
          reason: 'x',
          onDate: '2026-11-27',
        })
      ).statusCode,
    ).toBe(409);
    expect((await fund()).paid).toBe(300_000);
    const app = (await manager.request('GET', `/api/measure-applications/${b.id}`)).json() as { status: string };
    expect(app.status).toBe('approved');
    const other = batch.payments.find((p) => p.applicationId !== b.id);
    const recover = await manager.request('POST', `/api/payments/${other?.id}/corrections`, {
      kind: 'recovery',
      reason: 'Requisiti non veritieri',
      onDate: '2026-11-28',
    });
    expect(recover.statusCode).toBe(201);
    const after = await fund();
    expect(after.paid).toBe(0);
    expect(after.committed).toBe(300_000); // the recovered grant freed its commitment
    // The payment rows themselves are never edited (append-only).
    await expect(t.testDb.db.kysely.updateTable('payments').set({ amount_cents: 1 }).execute()).rejects.toThrow();
    const csv = await manager.request('GET', '/api/payments/export.csv');
    expect(csv.statusCode).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('codice_fiscale_beneficiario;codice_prestazione');
    expect(lines).toHaveLength(5); // header, 2 payments, 2 corrections
    expect(lines.some((l) => l.startsWith(`${b.fiscalCode};morosita_incolpevole`) && l.includes(';-3000,00;'))).toBe(
      true,
    );
    expect((await desk.request('GET', '/api/payments/export.csv')).statusCode).toBe(403);
    const benefits = await desk.request('GET', `/api/households/${b.householdId}/benefits`);
    expect(benefits.statusCode).toBe(200);
    expect((benefits.json() as { payments: unknown[] }).payments).toHaveLength(2);
  });
  it('changes a budget by a later act as a new ledger entry, never below what is committed', async () => {
    await approved();
    const before = await fund();
    const free = before.budget - before.committed;
    expect(before.committed).toBeGreaterThan(0);
    const url = `/api/funds/${FUND}/budget-changes`;
    const entries = async () =>
      (await t.testDb.db.kysely.selectFrom('fund_entries').select('id').where('fund_id', '=', FUND).execute()).length;
    const entriesBefore = await entries();

    // Only managers; the refusal is audited.
    const refused = await desk.request('POST', url, { direction: 'increase', amountCents: 100, act: 'Decreto 1' });
    expect(refused.statusCode).toBe(403);
    const denied = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'change_budget')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied).toEqual([{ entity_id: FUND }]);
    // Bad input at its fields.
    const bad = await manager.request('POST', url, { direction: 'up', amountCents: 0, act: '' });
    expect(bad.statusCode).toBe(400);
    expect(((bad.json() as ErrorBody).error.details ?? []).map((d) => (d as { path?: string }).path).sort()).toEqual([
      'act',
      'amountCents',
      'direction',
    ]);
    // A reduction below what is committed: refused, nothing written.
    const over = await manager.request('POST', url, { direction: 'decrease', amountCents: free + 1, act: 'Decreto 2' });
    expect(over.statusCode).toBe(409);
    expect((over.json() as ErrorBody).error.code).toBe('BUDGET_EXCEEDED');
    expect((over.json() as ErrorBody).error.message).toContain('impegnato');
    expect(await fund()).toEqual(before);
    expect(await entries()).toBe(entriesBefore);

    // A regional top-up, then a reduction down to exactly what is committed.
    const up = await manager.request('POST', url, {
      direction: 'increase',
      amountCents: 500_000,
      act: 'Decreto regionale n. 123/2026',
      note: 'Seconda tranche',
    });
    expect(up.statusCode, up.body).toBe(201);
    const upped = up.json() as { budgetCents: number; entries: { kind: string; amountCents: number; note: string }[] };
    expect(upped.budgetCents).toBe(before.budget + 500_000);
    expect(upped.entries).toContainEqual(
      expect.objectContaining({
        kind: 'budget_increase',
        amountCents: 500_000,
        note: 'Decreto regionale n. 123/2026 — Seconda tranche',
      }),
    );
    const down = await manager.request('POST', url, {
      direction: 'decrease',
      amountCents: free + 500_000,
      act: 'Determina n. 45/2026',
    });
    expect(down.statusCode, down.body).toBe(201);
    expect(down.json()).toMatchObject({ budgetCents: before.committed, remainingCents: 0 });
    expect(await fund()).toEqual({ ...before, budget: before.committed });
    expect(await entries()).toBe(entriesBefore + 2);
    const audit = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'change_budget')
      .where('outcome', '=', 'ok')
      .execute();
    // (The test clock stands still: both rows have the same time, so compare them sorted.)
    expect(audit.map((a) => Number(JSON.parse(a.details ?? '{}').deltaCents)).sort((x, y) => x - y)).toEqual([
      -(free + 500_000),
      500_000,
    ]);
    // An unknown fund.
    expect(
      (
        await manager.request('POST', '/api/funds/fondo-inesistente/budget-changes', {
          direction: 'increase',
          amountCents: 1,
          act: 'x',
        })
      ).statusCode,
    ).toBe(404);
  });
});
