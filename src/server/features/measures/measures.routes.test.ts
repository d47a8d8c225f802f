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

interface Detail {
  id: string;
  code: string;
  status: string;
  amountCents: number | null;
  breakdown: { code: string; amountCents: number }[];
  requiredDocuments: { code: string; present: boolean }[];
  canApprove: boolean;
  committedCents: number;
}
interface ErrorBody {
  error: { code: string; message: string };
}

describe.each(testDialects())('measures: applications, review, approval, payments on %s', (dialect) => {
  let t: TestApp;
  let docsDir: string;
  let desk: Session;
  let social: Session;
  let manager: Session;
  let manager2: Session;
  let fimi: string;

  beforeAll(async () => {
    docsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'abitare-docs-'));
    t = await createTestApp(dialect, { ABITARE_DOCUMENTS_DIR: docsDir, ABITARE_DOCUMENT_MAX_BYTES: '4096' });
    await installMeasuresAndFunds(t.testDb.db, { FIMI: 1_000_000 });
    const u = await createUser(t.testDb.db.kysely, {
      username: 'dirigente2',
      role: 'manager',
      displayName: 'Seconda dirigente',
      password: TEST_PASSWORD,
      now: t.clock.now,
    });
    if (!u.ok) throw new Error(u.message);
    desk = await t.login('sportello');
    social = await t.login('sociale');
    manager = await t.login('dirigente');
    manager2 = await t.login('dirigente2');
    fimi = await measureId(t.testDb.db, 'morosita_incolpevole');
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(docsDir, { recursive: true, force: true });
  });

  const counts = async () => {
    const k = t.testDb.db.kysely;
    const n = async (
      table: 'measure_applications' | 'measure_application_events' | 'fund_entries' | 'payments' | 'documents',
    ) =>
      Number(
        (
          await k
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const fund = await k
      .selectFrom('funds')
      .select(['committed_cents', 'paid_cents'])
      .where('id', '=', 'fund-FIMI-2026')
      .executeTakeFirstOrThrow();
    return {
      apps: await n('measure_applications'),
      events: await n('measure_application_events'),
      entries: await n('fund_entries'),
      payments: await n('payments'),
      documents: await n('documents'),
      committed: Number(fund.committed_cents),
      paid: Number(fund.paid_cents),
    };
  };

  async function apply(householdId: string, overrides: Record<string, unknown> = {}) {
    return desk.request('POST', '/api/measure-applications', {
      householdId,
      measureId: fimi,
      payeeName: 'Proprietario Rossi',
      payeeFiscalCode: '01234567890',
      iban: VALID_IBAN,
      answers: ARREARS_ANSWERS,
      request: ARREARS_REQUEST,
      ...overrides,
    });
  }
  async function upload(s: Session, id: string, category: string, bytes: Buffer = PDF_BYTES, type = 'application/pdf') {
    return s.request(
      'POST',
      `/api/measure-applications/${id}/documents?fileName=${encodeURIComponent(`../${category}.pdf`)}&category=${category}`,
      bytes,
      {
        'content-type': type,
      },
    );
  }
  async function readyForApproval(reviewer: Session = social): Promise<Detail> {
    const h = await householdWithIsee(desk);
    const created = await apply(h.id);
    expect(created.statusCode).toBe(201);
    const app = created.json() as Detail;
    for (const d of app.requiredDocuments) expect((await upload(desk, app.id, d.code)).statusCode).toBe(201);
    const reviewed = await reviewer.request('POST', `/api/measure-applications/${app.id}/review`, {
      outcome: 'passed',
      reason: 'Requisiti verificati.',
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    return reviewed.json() as Detail;
  }

  it('front desk enters an application: amount computed with its breakdown (DM 30/3/2016 art. 5)', async () => {
    const h = await householdWithIsee(desk);
    const res = await apply(h.id);
    expect(res.statusCode, res.body).toBe(201);
    const app = res.json() as Detail;
    expect(app.code).toMatch(/^MIS-2026-\d{5}$/);
    expect(app.status).toBe('submitted');
    expect(app.amountCents).toBe(300_000);
    expect(app.breakdown.map((l) => l.code)).toEqual(['arrears_settlement']);
  });

  it('refuses an ISEE expired at the application date (ISEE_EXPIRED), writing nothing', async () => {
    const h = await householdWithIsee(desk);
    // The household's only attestation is the 2025 one (DSU 2025: valid until 31/12/2025, DL 34/2019).
    await t.testDb.db.kysely.deleteFrom('isee_records').where('household_id', '=', h.id).execute();
    await t.testDb.db.kysely
      .insertInto('isee_records')
      .values({
        id: `isee-old-${h.id}`,
        household_id: h.id,
        kind: 'ordinario',
        protocol: 'INPS-ISEE-2025-OLD000001',
        value_cents: 900_000,
        dsu_submitted_on: '2025-03-01',
        valid_until: '2025-12-31',
        members_count: 1,
        isee_members: null,
        created_at: '2025-03-02T10:00:00.000Z',
        created_by: null,
      })
      .execute();
    const before = await counts();
    const res = await apply(h.id);
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).error.code).toBe('ISEE_EXPIRED');
    expect((res.json() as ErrorBody).error.message).toContain('scaduto il 31/12/2025');
    expect(await counts()).toEqual(before);
  });

  it('refuses an IBAN with a wrong check digit (IBAN_INVALID) and an amount over the cap (AMOUNT_OVER_CAP)', async () => {
    const h = await householdWithIsee(desk);
    const before = await counts();
    const bad = await apply(h.id, { iban: BAD_IBAN });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as ErrorBody).error).toMatchObject({
      code: 'IBAN_INVALID',
      message: expect.stringContaining('cifre di controllo'),
    });
    const over = await apply(h.id, {
      request: {
        arrears: { purposes: { arrears_settlement: 800_001 }, remainingLeaseYears: 3, landlordRenouncesEviction: true },
      },
    });
    expect(over.statusCode).toBe(400);
    expect((over.json() as ErrorBody).error.code).toBe('AMOUNT_OVER_CAP');
    const total = await apply(h.id, {
      request: { arrears: { purposes: { eviction_deferral: 600_000, deposit: 600_001 } } },
    });
    expect((total.json() as ErrorBody).error.code).toBe('AMOUNT_OVER_CAP');
    expect(await counts()).toEqual(before);
  });

  it('documents: PDF accepted and stored under a random name; other types and oversize refused', async () => {
    const h = await householdWithIsee(desk);
    const app = (await apply(h.id)).json() as Detail;
    const ok = await upload(desk, app.id, 'identity');
    expect(ok.statusCode, ok.body).toBe(201);
    const doc = ok.json() as { id: string; originalName: string; mediaType: string; sha256: string };
    expect(doc.originalName).toBe('identity.pdf');
    expect(doc.mediaType).toBe('application/pdf');
    const stored = await t.testDb.db.kysely
      .selectFrom('documents')
      .select('storage_key')
      .where('id', '=', doc.id)
      .executeTakeFirstOrThrow();
    expect(stored.storage_key).not.toContain('identity');
    expect(fs.existsSync(path.join(docsDir, stored.storage_key))).toBe(true);
    // An executable disguised as a PDF by its declared type is refused by its content.
    const exe = await upload(desk, app.id, 'lease', Buffer.from('MZ\x90\x00 not a pdf'));
    expect(exe.statusCode).toBe(415);
    expect((exe.json() as ErrorBody).error.code).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
    const big = await upload(desk, app.id, 'lease', Buffer.concat([PDF_BYTES, Buffer.alloc(4096)]));
    expect(big.statusCode).toBe(413);
    expect((big.json() as ErrorBody).error.code).toBe('DOCUMENT_TOO_LARGE');
    const dl = await social.request('GET', `/api/documents/${doc.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toContain('application/pdf');
    expect(dl.headers['content-disposition']).toContain('attachment');
    expect((await (await t.login('partner')).request('GET', `/api/documents/${doc.id}`)).statusCode).toBe(403);
  });

  it('a positive review needs every required document (DOCUMENT_MISSING)', async () => {
    const h = await householdWithIsee(desk);
    const app = (await apply(h.id)).json() as Detail;
    await upload(desk, app.id, 'identity');
    const res = await social.request('POST', `/api/measure-applications/${app.id}/review`, {
      outcome: 'passed',
      reason: 'ok',
    });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).error).toMatchObject({
      code: 'DOCUMENT_MISSING',
      message: expect.stringContaining('Intimazione di sfratto'),
    });
    const after = (await social.request('GET', `/api/measure-applications/${app.id}`)).json() as Detail;
    expect(after.status).toBe('submitted');
  });

  it('roles: front desk cannot review; a social worker cannot approve; the reviewer cannot approve (SEPARATION_OF_DUTIES)', async () => {
    const h = await householdWithIsee(desk);
    const app = (await apply(h.id)).json() as Detail;
    expect(
      (await desk.request('POST', `/api/measure-applications/${app.id}/review`, { outcome: 'passed', reason: 'x' }))
        .statusCode,
    ).toBe(403);
    const reviewedByManager = await readyForApproval(manager);
    expect(reviewedByManager.canApprove).toBe(false);
    const before = await counts();
    const self = await manager.request('POST', `/api/measure-applications/${reviewedByManager.id}/decision`, {
      decision: 'approved',
      reason: 'ok',
    });
    expect(self.statusCode).toBe(403);
    expect((self.json() as ErrorBody).error.code).toBe('SEPARATION_OF_DUTIES');
    expect(await counts()).toEqual(before);
    const bySocial = await social.request('POST', `/api/measure-applications/${reviewedByManager.id}/decision`, {
      decision: 'approved',
      reason: 'ok',
    });
    expect(bySocial.statusCode).toBe(403);
    const ok = await manager2.request('POST', `/api/measure-applications/${reviewedByManager.id}/decision`, {
      decision: 'approved',
      reason: 'Concesso.',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as Detail).status).toBe('approved');
    const denied = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', reviewedByManager.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(2);
    const erp = await t.login('erp');
    const h2 = await householdWithIsee(desk);
    const app2 = (await apply(h2.id)).json() as Detail;
    expect(
      (
        await erp.request('POST', `/api/measure-applications/${app2.id}/review`, {
          outcome: 'failed',
          reason: 'Manca il requisito c).',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await (await t.login('osservatore')).request('GET', `/api/measure-applications/${app2.id}`)).statusCode,
    ).toBe(403);
  });

  it('approval commits the budget; the letter is a PDF; over the remaining budget is refused (BUDGET_EXCEEDED)', async () => {
    const app = await readyForApproval();
    const res = await manager.request('POST', `/api/measure-applications/${app.id}/decision`, {
      decision: 'approved',
      reason: 'Concesso.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Detail).committedCents).toBe(300_000);
    const letter = await manager.request('GET', `/api/measure-applications/${app.id}/letter.pdf`);
    expect(letter.statusCode).toBe(200);
    expect(letter.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Fill the fund to the last euros, then one approval too many.
    const fund = await t.testDb.db.kysely
      .selectFrom('funds')
      .selectAll()
      .where('id', '=', 'fund-FIMI-2026')
      .executeTakeFirstOrThrow();
    const left = Number(fund.budget_cents) - Number(fund.committed_cents);
    expect(left).toBeLessThan(300_000 * 3);
    const pending: Detail[] = [];
    for (let i = 0; i < Math.floor(left / 300_000) + 1; i++) pending.push(await readyForApproval());
    const results = [];
    for (const p of pending) {
      results.push(
        await manager.request('POST', `/api/measure-applications/${p.id}/decision`, {
          decision: 'approved',
          reason: 'ok',
        }),
      );
    }
    const refused = results.filter((r) => r.statusCode === 409);
    expect(refused).toHaveLength(1);
    expect((refused[0]?.json() as ErrorBody).error).toMatchObject({
      code: 'BUDGET_EXCEEDED',
      message: expect.stringContaining('Fondo insufficiente'),
    });
    const after = await t.testDb.db.kysely
      .selectFrom('funds')
      .selectAll()
      .where('id', '=', 'fund-FIMI-2026')
      .executeTakeFirstOrThrow();
    expect(Number(after.committed_cents)).toBeLessThanOrEqual(Number(after.budget_cents));
  });
});

describe.each(testDialects())('measures: two approvals racing for the last euros on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, {
      ABITARE_DOCUMENTS_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'abitare-docs-')),
    });
    // Room for exactly one grant of 3,000 €.
    await installMeasuresAndFunds(t.testDb.db, { FIMI: 450_000 });
    const u = await createUser(t.testDb.db.kysely, {
      username: 'dirigente2',
      role: 'manager',
      displayName: 'D2',
      password: TEST_PASSWORD,
      now: t.clock.now,
    });
    if (!u.ok) throw new Error(u.message);
  });
  afterAll(async () => {
    await t.close();
  });

  it('exactly one of two simultaneous approvals wins; the fund never goes over budget', async () => {
    const desk = await t.login('sportello');
    const social = await t.login('sociale');
    const fimi = await measureId(t.testDb.db, 'morosita_incolpevole');
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const h = await householdWithIsee(desk);
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
      ).json() as Detail;
      for (const d of app.requiredDocuments) {
        await desk.request('POST', `/api/measure-applications/${app.id}/documents?category=${d.code}`, PDF_BYTES, {
          'content-type': 'application/pdf',
        });
      }
      expect(
        (
          await social.request('POST', `/api/measure-applications/${app.id}/review`, {
            outcome: 'passed',
            reason: 'ok',
          })
        ).statusCode,
      ).toBe(200);
      ids.push(app.id);
    }
    const [m1, m2] = [await t.login('dirigente'), await t.login('dirigente2')];
    const results = await Promise.all([
      m1.request('POST', `/api/measure-applications/${ids[0]}/decision`, { decision: 'approved', reason: 'ok' }),
      m2.request('POST', `/api/measure-applications/${ids[1]}/decision`, { decision: 'approved', reason: 'ok' }),
    ]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409]);
    expect(results.map((r) => (r.statusCode === 409 ? (r.json() as ErrorBody).error.code : 'ok')).sort()).toEqual([
      'BUDGET_EXCEEDED',
      'ok',
    ]);
    const fund = await t.testDb.db.kysely
      .selectFrom('funds')
      .selectAll()
      .where('id', '=', 'fund-FIMI-2026')
      .executeTakeFirstOrThrow();
    expect(Number(fund.committed_cents)).toBe(300_000);
    const entries = await t.testDb.db.kysely
      .selectFrom('fund_entries')
      .select('kind')
      .where('fund_id', '=', 'fund-FIMI-2026')
      .where('kind', '=', 'commitment')
      .execute();
    expect(entries).toHaveLength(1);
  });
});
