import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { ANNA, householdInput, syntheticFiscalCode } from '../../../../test/builders.js';
import { testDialects } from '../../../../test/db.js';
import { COMUNI, PARTNER_ID } from '../../../../test/fixtures.js';

interface Detail {
  id: string;
  code: string;
  version: number;
  members: { id: string; fiscalCode: string; alsoInHouseholds: { code: string }[]; relation: string }[];
  isee: { validUntil: string; inForce: boolean }[];
  notes: { audience: string; body: string }[];
  timeline: { kind: string; title: string }[];
  derivedFlags: { flag: string; source: string }[];
}

describe.each(testDialects())('household file on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  async function auditRows(householdId: string) {
    return t.testDb.db.kysely.selectFrom('audit_log').selectAll().where('household_id', '=', householdId).execute();
  }

  it('creates a household with two members, finds it by fiscal code and surname, and reads its file', async () => {
    const s = await t.login('sportello');
    const created = await s.request('POST', '/api/households', householdInput());
    expect(created.statusCode).toBe(201);
    const detail = created.json() as Detail;
    expect(detail.code).toMatch(/^NF-2026-\d{5}$/);
    expect(detail.members.map((m) => m.relation)).toEqual(['applicant', 'child']);
    expect(detail.derivedFlags.map((f) => f.flag)).toContain('lone_parent_with_minors');
    expect(detail.timeline[0]?.kind).toBe('household_created');

    const byCf = await s.request('GET', `/api/households?q=${ANNA.fiscalCode.toLowerCase()}`);
    expect(byCf.statusCode).toBe(200);
    expect((byCf.json() as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([detail.id]);
    const bySurname = await s.request('GET', '/api/households?q=verdi');
    expect((bySurname.json() as { total: number }).total).toBe(1);
    const none = await s.request('GET', '/api/households?q=zzzz');
    expect((none.json() as { total: number }).total).toBe(0);

    const read = await s.request('GET', `/api/households/${detail.id}`);
    expect(read.statusCode).toBe(200);
    const rows = await auditRows(detail.id);
    expect(rows.map((r) => `${r.action}:${r.outcome}`)).toEqual(expect.arrayContaining(['create:ok', 'read:ok']));
    const reads = rows.filter((r) => r.action === 'read');
    // One read row for the response to the creation, one for the GET.
    expect(reads).toHaveLength(2);
    expect(reads.every((r) => r.username === 'sportello' && r.request_id && r.ip)).toBe(true);
    const searches = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'search')
      .execute();
    expect(searches.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses an invalid fiscal code with a 400 naming the field, and writes nothing', async () => {
    const s = await t.login('sportello');
    const before = await t.testDb.db.kysely
      .selectFrom('households')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const bad = householdInput({
      members: [
        {
          ...ANNA,
          fiscalCode: `${ANNA.fiscalCode.slice(0, 15)}${ANNA.fiscalCode.endsWith('A') ? 'B' : 'A'}`,
          relation: 'applicant',
          citizenship: 'italian',
        },
      ],
    });
    const res = await s.request('POST', '/api/households', bad);
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: { code: string; details: { path: string; message: string }[] } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details).toContainEqual(
      expect.objectContaining({
        path: 'members.0.fiscalCode',
        message: expect.stringContaining('carattere di controllo'),
      }),
    );
    const after = await t.testDb.db.kysely
      .selectFrom('households')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('reports every missing required field with its path', async () => {
    const s = await t.login('sportello');
    const res = await s.request('POST', '/api/households', { comuneId: COMUNI.cinisello, members: [{}] });
    expect(res.statusCode).toBe(400);
    const paths = (res.json() as { error: { details: { path: string }[] } }).error.details.map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['addressStreet', 'addressCity', 'members.0.fiscalCode', 'members.0.birthDate']),
    );
  });

  it('flags a fiscal code already in another household and saves only when the operator confirms', async () => {
    const s = await t.login('sociale');
    const other = householdInput({
      addressStreet: 'Via Libertà',
      loneParent: false,
      members: [{ ...ANNA, relation: 'applicant', citizenship: 'italian' }],
    });
    const refused = await s.request('POST', '/api/households', other);
    expect(refused.statusCode).toBe(409);
    const body = refused.json() as { error: { code: string; details: { path: string; message: string }[] } };
    expect(body.error.code).toBe('FISCAL_CODE_DUPLICATE');
    expect(body.error.details[0]?.path).toBe('members.0.fiscalCode');
    expect(body.error.details[0]?.message).toMatch(/NF-2026-/);
    const accepted = await s.request('POST', '/api/households', { ...other, acknowledgeDuplicates: true });
    expect(accepted.statusCode).toBe(201);
    const saved = accepted.json() as Detail;
    expect(saved.members[0]?.alsoInHouseholds).toHaveLength(1);
    // Once confirmed, editing the household does not ask again for the same person.
    const edit = await s.request('PUT', `/api/households/${saved.id}`, {
      ...other,
      addressNumber: '99',
      members: [{ ...other.members[0], id: saved.members[0]?.id }],
      version: saved.version,
    });
    expect(edit.statusCode).toBe(200);
  });

  it('accepts a valid ISEE and refuses one whose validity is in the past', async () => {
    const s = await t.login('erp');
    const h = (await (
      await s.request(
        'POST',
        '/api/households',
        householdInput({
          members: [
            {
              fiscalCode: syntheticFiscalCode({ surname3: 'BNC', name3: 'GNN', birthDate: '1950-01-20', sex: 'M' }),
              firstName: 'Giovanni',
              lastName: 'Bianchi',
              birthDate: '1950-01-20',
              sex: 'M',
              relation: 'applicant',
              citizenship: 'italian',
            },
          ],
        }),
      )
    ).json()) as Detail;
    const ok = await s.request('POST', `/api/households/${h.id}/isee`, {
      kind: 'ordinario',
      protocol: 'INPS-ISEE-2026-00001234A-00',
      valueCents: 812_345,
      dsuSubmittedOn: '2026-03-02',
      membersCount: 1,
    });
    expect(ok.statusCode).toBe(201);
    // DL 34/2019: a DSU submitted in 2026 is valid until 31 December 2026.
    expect((ok.json() as Detail).isee[0]).toMatchObject({ validUntil: '2026-12-31', inForce: true });
    const expired = await s.request('POST', `/api/households/${h.id}/isee`, {
      kind: 'ordinario',
      protocol: 'INPS-ISEE-2025-00009999A-00',
      valueCents: 700_000,
      dsuSubmittedOn: '2025-02-01',
      membersCount: 1,
    });
    expect(expired.statusCode).toBe(400);
    expect((expired.json() as { error: { code: string; details: { path: string }[] } }).error).toMatchObject({
      code: 'ISEE_EXPIRED',
      details: [{ path: 'dsuSubmittedOn' }],
    });
    const pastDate = await s.request('POST', `/api/households/${h.id}/isee`, {
      kind: 'corrente',
      protocol: 'INPS-ISEE-2026-00001235A-00',
      valueCents: 500_000,
      dsuSubmittedOn: '2026-06-01',
      validUntil: '2026-11-01',
      membersCount: 1,
    });
    expect(pastDate.statusCode).toBe(400);
    expect((pastDate.json() as { error: { code: string; details: { path: string }[] } }).error).toMatchObject({
      code: 'ISEE_EXPIRED',
      details: [{ path: 'validUntil' }],
    });
    const count = await t.testDb.db.kysely
      .selectFrom('isee_records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('household_id', '=', h.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('updates members with optimistic concurrency: a stale version is refused and nothing changes', async () => {
    const s = await t.login('sportello');
    const h = (await (
      await s.request(
        'POST',
        '/api/households',
        householdInput({ addressStreet: 'Via Verdi', acknowledgeDuplicates: true }),
      )
    ).json()) as Detail;
    const [applicant, child] = h.members;
    const input = householdInput({
      addressStreet: 'Via Giuseppe Verdi',
      acknowledgeDuplicates: true,
      members: [{ ...ANNA, id: applicant?.id, relation: 'applicant', citizenship: 'italian' }],
    });
    const res = await s.request('PUT', `/api/households/${h.id}`, { ...input, version: h.version });
    expect(res.statusCode).toBe(200);
    const updated = res.json() as Detail;
    expect(updated.version).toBe(h.version + 1);
    expect(updated.members.map((m) => m.id)).toEqual([applicant?.id]);
    expect(updated.members.some((m) => m.id === child?.id)).toBe(false);
    const stale = await s.request('PUT', `/api/households/${h.id}`, {
      ...input,
      addressStreet: 'Via Sbagliata',
      version: h.version,
    });
    expect(stale.statusCode).toBe(409);
    expect((stale.json() as { error: { code: string } }).error.code).toBe('STALE_VERSION');
    const row = await t.testDb.db.kysely
      .selectFrom('households')
      .select(['address_street', 'version'])
      .where('id', '=', h.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ address_street: 'Via Giuseppe Verdi', version: h.version + 1 });
  });

  it('requires a session (401), the CSRF token (403) and the right role (403, audited)', async () => {
    const anon = await t.app.fastify.inject({ method: 'GET', url: '/api/households' });
    expect(anon.statusCode).toBe(401);
    expect((anon.json() as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');

    const s = await t.login('sportello');
    const noCsrf = await s.request('POST', '/api/households', householdInput(), { 'x-csrf-token': 'wrong' });
    expect(noCsrf.statusCode).toBe(403);
    expect((noCsrf.json() as { error: { code: string } }).error.code).toBe('CSRF_TOKEN_INVALID');

    const h = (await (await s.request('GET', '/api/households?q=verdi')).json()) as { items: { id: string }[] };
    const target = h.items[0]?.id as string;
    for (const username of ['osservatore', 'admin', 'partner', 'sportello_bresso']) {
      const other = await t.login(username);
      const res = await other.request('GET', `/api/households/${target}`);
      expect(res.statusCode, username).toBe(403);
    }
    const denied = (await auditRows(target)).filter((r) => r.outcome === 'denied');
    expect(denied.map((r) => r.username).sort()).toEqual(['admin', 'osservatore', 'partner', 'sportello_bresso']);
  });

  it('lets a partner see only the households shared with its organisation', async () => {
    const social = await t.login('sociale');
    const h = (await (
      await social.request(
        'POST',
        '/api/households',
        householdInput({ addressStreet: 'Via Condivisa', acknowledgeDuplicates: true }),
      )
    ).json()) as Detail;
    const partner = await t.login('partner');
    expect((await partner.request('GET', `/api/households/${h.id}`)).statusCode).toBe(403);
    const shared = await social.request('POST', `/api/households/${h.id}/shares`, {
      partnerId: PARTNER_ID,
      reason: 'Ospitalità temporanea',
    });
    expect(shared.statusCode).toBe(201);
    expect((await partner.request('GET', `/api/households/${h.id}`)).statusCode).toBe(200);
    const list = (await (await partner.request('GET', '/api/households')).json()) as { items: { id: string }[] };
    expect(list.items.map((i) => i.id)).toEqual([h.id]);
    const other = await t.login('partner2');
    expect((await other.request('GET', `/api/households/${h.id}`)).statusCode).toBe(403);
    expect(((await (await other.request('GET', '/api/households')).json()) as { total: number }).total).toBe(0);
    // A partner cannot edit the file.
    expect(
      (await partner.request('POST', `/api/households/${h.id}/vulnerabilities`, { code: 'job_loss' })).statusCode,
    ).toBe(403);
  });

  it('shows social-service notes only to social workers and managers', async () => {
    const social = await t.login('sociale');
    const h = (await (await social.request('GET', '/api/households?q=condivisa')).json()) as {
      items: { id: string }[];
    };
    const id = h.items[0]?.id as string;
    expect(
      (
        await social.request('POST', `/api/households/${id}/notes`, {
          audience: 'social',
          body: 'Valutazione riservata',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await social.request('POST', `/api/households/${id}/notes`, { audience: 'all', body: 'Colloquio fissato' }))
        .statusCode,
    ).toBe(201);
    const desk = await t.login('sportello');
    const seen = ((await (await desk.request('GET', `/api/households/${id}`)).json()) as Detail).notes.map(
      (n) => n.body,
    );
    expect(seen).toEqual(['Colloquio fissato']);
    const manager = await t.login('dirigente');
    expect(((await (await manager.request('GET', `/api/households/${id}`)).json()) as Detail).notes).toHaveLength(2);
    expect(
      (await desk.request('POST', `/api/households/${id}/notes`, { audience: 'social', body: 'x' })).statusCode,
    ).toBe(403);
  });

  it('returns 404 for an unknown household and for unknown API routes', async () => {
    const s = await t.login('sportello');
    expect((await s.request('GET', '/api/households/does-not-exist')).statusCode).toBe(404);
    expect((await s.request('GET', '/api/nothing-here')).statusCode).toBe(404);
  });
});
