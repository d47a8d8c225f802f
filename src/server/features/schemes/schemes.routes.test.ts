import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/app.js';
import { ANNA, householdInput, LUCA, syntheticFiscalCode } from '../../../../test/builders.js';
import { testDialects } from '../../../../test/db.js';
import { seedSapCall } from '../../../../test/sap-builders.js';
import { TEMPORARY_HOUSING_2026 } from '../../../core/scoring/schemes/temporary-housing-2026.js';
import type { RankingsView } from '../../../shared/rankings.js';

describe.each(testDialects())('points schemes and calls scored locally on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let erp: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin');
    erp = await t.login('erp');
  });
  afterAll(async () => {
    await t.close();
  });

  it('stores a valid scheme version, refuses a changed copy of an existing version and invalid schemes', async () => {
    const created = await admin.request('POST', '/api/schemes', TEMPORARY_HOUSING_2026);
    expect(created.statusCode).toBe(201);
    expect((await admin.request('POST', '/api/schemes', { ...TEMPORARY_HOUSING_2026, name: 'Altro' })).statusCode).toBe(
      409,
    );
    const badFact = await admin.request('POST', '/api/schemes', {
      ...TEMPORARY_HOUSING_2026,
      version: '2027.1',
      validFrom: '2027-01-01',
      validTo: null,
      criteria: [
        {
          code: 'x',
          label: 'X',
          condition: { fact: 'shoe_size', op: '>', value: 40 },
          points: 1,
          source: 'prova',
          basis: 'municipal_choice',
        },
      ],
    });
    expect(badFact.statusCode).toBe(400);
    expect(JSON.stringify(badFact.json())).toContain('shoe_size');
    const negative = await admin.request('POST', '/api/schemes', {
      ...TEMPORARY_HOUSING_2026,
      version: '2027.2',
      criteria: [
        {
          code: 'x',
          label: 'X',
          condition: { fact: 'has_minors', op: '=', value: true },
          points: -3,
          source: 'prova',
          basis: 'law',
        },
      ],
    });
    expect(negative.statusCode).toBe(400);
    const list = (await erp.request('GET', '/api/schemes')).json() as { code: string; version: string }[];
    expect(list).toEqual([expect.objectContaining({ code: 'temporary-housing', version: '2026.1' })]);
    const stored = await erp.request('GET', '/api/schemes/temporary-housing/2026.1');
    expect(stored.statusCode).toBe(200);
    expect(stored.json()).toEqual(JSON.parse(JSON.stringify(TEMPORARY_HOUSING_2026)));
  });

  it('lets only administrators and managers write schemes, and keeps partners out', async () => {
    expect((await erp.request('POST', '/api/schemes', { ...TEMPORARY_HOUSING_2026, version: '9' })).statusCode).toBe(
      403,
    );
    const partner = await t.login('partner');
    expect((await partner.request('GET', '/api/schemes')).statusCode).toBe(403);
  });

  it('scores a household criterion by criterion, with sources', async () => {
    const social = await t.login('sociale');
    const h = (await (await social.request('POST', '/api/households', householdInput())).json()) as { id: string };
    const res = await social.request('GET', `/api/schemes/temporary-housing/2026.1/households/${h.id}?asOf=2026-11-26`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { eligibility: { outcome: string }; total: number; criteria: { source: string }[] };
    expect(body.eligibility.outcome).not.toBe('not_eligible');
    expect(body.criteria.every((c) => c.source.length > 0)).toBe(true);
  });

  it('ranks a call by the scheme instead of ISBAR and leaves ineligible households out', async () => {
    const call = await seedSapCall(t.testDb.db, {
      opensOn: '2026-09-01',
      closesOn: '2026-10-31',
      units: [{ code: 'TMP-1', owner: 'comune', comune: 'cinisello', areaM2: 45 }],
      applications: [
        {
          platformId: 'T-MOTHER',
          isbar: 1,
          iseeEuro: 5000,
          submittedAt: '2026-09-02T09:00:00Z',
          members: 2,
          choices: ['TMP-1'],
        },
        {
          platformId: 'T-MAN',
          isbar: 99,
          iseeEuro: 5000,
          submittedAt: '2026-09-03T09:00:00Z',
          members: 1,
          choices: ['TMP-1'],
        },
      ],
    });
    const k = t.testDb.db.kysely;
    await k
      .updateTable('calls')
      .set({ scoring: 'points_scheme', scheme_code: 'temporary-housing', scheme_version: '2026.1' })
      .where('id', '=', call.callId)
      .execute();
    const apps = await k
      .selectFrom('applications')
      .select(['platform_id', 'household_id'])
      .where('call_id', '=', call.callId)
      .execute();
    const householdOf = Object.fromEntries(apps.map((a) => [a.platform_id, a.household_id]));
    const at = new Date().toISOString();
    const member = (
      householdId: string,
      p: { fiscalCode: string; firstName: string; lastName: string; birthDate: string; sex: 'F' | 'M' },
      relation: string,
      position: number,
    ) => ({
      id: `${householdId}-${position}`,
      household_id: householdId,
      position,
      fiscal_code: p.fiscalCode,
      first_name: p.firstName,
      last_name: p.lastName,
      last_name_norm: p.lastName.toLowerCase(),
      birth_date: p.birthDate,
      sex: p.sex,
      relation,
      citizenship: 'italian',
      permit_kind: null,
      permit_expires_on: null,
      disability_percent: null,
      disability_kind: null,
      created_at: at,
    });
    const man = {
      fiscalCode: syntheticFiscalCode({ surname3: 'RSS', name3: 'PLA', birthDate: '1970-01-01', sex: 'M' }),
      firstName: 'Paolo',
      lastName: 'Rossi',
      birthDate: '1970-01-01',
      sex: 'M' as const,
    };
    await k
      .insertInto('members')
      .values([
        member(householdOf['T-MOTHER'] as string, ANNA, 'applicant', 1),
        member(householdOf['T-MOTHER'] as string, LUCA, 'child', 2),
        member(householdOf['T-MAN'] as string, man, 'applicant', 1),
      ])
      .execute();
    const ranked = await erp.request('POST', `/api/calls/${call.callId}/rankings`, {});
    expect(ranked.statusCode).toBe(201);
    const view = (await erp.request('GET', `/api/calls/${call.callId}/rankings`)).json() as RankingsView;
    // The man has the higher ISBAR, but the scheme is for women alone or with minors.
    expect(view.rankings.flatMap((r) => r.entries.map((e) => e.platformId))).toEqual(['T-MOTHER']);
    const detail = await k.selectFrom('ranking_entries').select('score_detail').executeTakeFirstOrThrow();
    expect(JSON.parse(detail.score_detail ?? '{}')).toMatchObject({ scheme: 'temporary-housing@2026.1' });
  });
});
