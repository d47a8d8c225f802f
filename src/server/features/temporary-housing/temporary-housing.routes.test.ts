import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/app.js';
import { testDialects } from '../../../../test/db.js';
import { createHousehold, evictionInput, placementInput, unitInput } from '../../../../test/emergency-fixtures.js';
import { OTHER_PARTNER_ID, PARTNER_ID } from '../../../../test/fixtures.js';

interface ErrorBody {
  error: { code: string; message: string; details?: { code: string; path: string }[] };
}
interface Placement {
  id: string;
  code: string;
  status: string;
  version: number;
  plannedEndOn: string;
  renewals: number;
  reports: unknown[];
  alerts: { code: string }[];
  unpaid: { month: string }[];
  eligibility: { eligible: boolean };
}
const detailCode = (res: { json(): unknown }) => (res.json() as ErrorBody).error.details?.[0]?.code;

describe.each(testDialects())('temporary housing on %s', (dialect) => {
  let t: TestApp;
  let social: Session;
  let partner: Session;
  let partner2: Session;
  let unitId: string;
  let mother: string;
  let mother2: string;
  let couple: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    social = await t.login('sociale');
    partner = await t.login('partner');
    partner2 = await t.login('partner2');
    mother = await createHousehold(social, 'mother', 'BNC');
    mother2 = await createHousehold(social, 'mother', 'VLA');
    couple = await createHousehold(social, 'couple', 'CPP');
    const unit = await social.request('POST', '/api/temporary-units', unitInput(PARTNER_ID));
    expect(unit.statusCode, unit.body).toBe(201);
    unitId = (unit.json() as { id: string }).id;
  });
  afterAll(async () => {
    await t.close();
  });

  async function count(table: 'placements' | 'placement_reports' | 'placement_renewals' | 'household_shares') {
    return (await t.testDb.db.kysely.selectFrom(table).select('id').execute()).length;
  }

  it('places a household, shares its file with the partner, and checks the unit’s target group with an explanation', async () => {
    const res = await social.request('POST', '/api/placements', placementInput(mother, unitId));
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json() as Placement;
    expect(p.code).toBe('OSP-2026-0001');
    expect(p.status).toBe('active');
    expect(p.eligibility.eligible).toBe(true);
    expect((await partner.request('GET', `/api/households/${mother}`)).statusCode).toBe(200);

    const before = await count('placements');
    const wrong = await social.request('POST', '/api/placements', placementInput(couple, unitId, { placesUsed: 1 }));
    expect(wrong.statusCode).toBe(409);
    expect(detailCode(wrong)).toBe('TARGET_GROUP_MISMATCH');
    expect((wrong.json() as ErrorBody).error.message).toContain('un solo adulto');
    expect(await count('placements')).toBe(before);
  });

  it('refuses a placement beyond the capacity, dates out of order and a stay longer than the contract; nothing written', async () => {
    const before = [await count('placements'), await count('household_shares')];
    const full = await social.request('POST', '/api/placements', placementInput(mother2, unitId, { placesUsed: 3 }));
    expect(full.statusCode).toBe(409);
    expect(detailCode(full)).toBe('CAPACITY_EXCEEDED');
    expect((full.json() as ErrorBody).error.message).toContain('restano liberi 2, non 3');
    const order = await social.request(
      'POST',
      '/api/placements',
      placementInput(mother2, unitId, { startsOn: '2026-06-01', plannedEndOn: '2026-05-01' }),
    );
    expect(order.statusCode).toBe(400);
    expect(detailCode(order)).toBe('DATES_OUT_OF_ORDER');
    const long = await social.request(
      'POST',
      '/api/placements',
      placementInput(mother2, unitId, { plannedEndOn: '2026-12-02' }),
    );
    expect(detailCode(long)).toBe('STAY_TOO_LONG');
    expect([await count('placements'), await count('household_shares')]).toEqual(before);
  });

  it('renews once for 6 months; a second renewal is refused with the rule', async () => {
    const p = ((await social.request('GET', '/api/placements')).json() as { items: Placement[] }).items[0];
    const first = await social.request('POST', `/api/placements/${p?.id}/renewals`, { decidedOn: '2026-11-20' });
    expect(first.statusCode, first.body).toBe(201);
    expect((first.json() as Placement).plannedEndOn).toBe('2027-06-01');
    const before = await count('placement_renewals');
    const second = await social.request('POST', `/api/placements/${p?.id}/renewals`, { decidedOn: '2026-11-21' });
    expect(second.statusCode).toBe(409);
    expect(detailCode(second)).toBe('RENEWAL_LIMIT_REACHED');
    expect((second.json() as ErrorBody).error.message).toContain('un solo rinnovo');
    expect(await count('placement_renewals')).toBe(before);
  });

  it('partner scoping: the partner files a report on its stay; another organisation cannot read or guess it (403, audited)', async () => {
    const own = (await partner.request('GET', '/api/placements')).json() as { items: Placement[] };
    expect(own.items).toHaveLength(1);
    const id = own.items[0]?.id ?? '';
    const report = await partner.request('POST', `/api/placements/${id}/reports`, {
      reportedOn: '2026-11-25',
      periodFrom: '2026-10-25',
      periodTo: '2026-11-24',
      body: 'La signora partecipa al percorso; cerca lavoro.',
    });
    expect(report.statusCode, report.body).toBe(201);
    expect((report.json() as Placement).reports).toHaveLength(1);

    expect(((await partner2.request('GET', '/api/placements')).json() as { items: unknown[] }).items).toEqual([]);
    for (const url of [
      `/api/placements/${id}`,
      `/api/temporary-units/${unitId}`,
      `/api/households/${mother}`,
      '/api/placements/00000000-0000-7000-8000-000000000000',
    ]) {
      expect((await partner2.request('GET', url)).statusCode, url).toBe(403);
    }
    const post = await partner2.request('POST', `/api/placements/${id}/reports`, {
      reportedOn: '2026-11-25',
      periodFrom: '2026-10-25',
      periodTo: '2026-11-24',
      body: 'x',
    });
    expect(post.statusCode).toBe(403);
    const denied = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('username', '=', 'partner2')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied).toEqual(
      expect.arrayContaining([
        { action: 'read', entity_id: id },
        { action: 'report', entity_id: id },
      ]),
    );
    expect(
      ((await partner2.request('GET', '/api/temporary-housing/occupancy')).json() as { units: unknown[] }).units,
    ).toEqual([]);
    expect((await partner2.request('GET', `/api/partners/${PARTNER_ID}`)).statusCode).toBe(403);
    expect((await partner2.request('GET', `/api/partners/${OTHER_PARTNER_ID}`)).statusCode).toBe(200);
  });

  it('alerts on the work list with the clock as a parameter: overdue report, unpaid co-payment, stay ending without an exit plan', async () => {
    const list = (await social.request('GET', '/api/worklist?on=2026-11-26')).json() as {
      items: { code: string; subjectType: string }[];
    };
    const codes = list.items.filter((i) => i.subjectType === 'placement').map((i) => i.code);
    expect(codes).toContain('copayment_unpaid');
    expect(codes).not.toContain('educator_report_overdue');
    const later = (await social.request('GET', '/api/worklist?on=2027-05-10')).json() as { items: { code: string }[] };
    expect(later.items.map((i) => i.code)).toEqual(
      expect.arrayContaining(['stay_ending_without_exit_plan', 'educator_report_overdue']),
    );
    const p = ((await social.request('GET', '/api/placements')).json() as { items: Placement[] }).items[0];
    const paid = await social.request('POST', `/api/placements/${p?.id}/payments`, {
      periodMonth: '2026-06',
      amountEuros: 50,
      paidOn: '2026-06-30',
    });
    expect(paid.statusCode, paid.body).toBe(201);
    expect((paid.json() as Placement).unpaid.map((u) => u.month)).not.toContain('2026-06');
    expect((await partner.request('GET', '/api/worklist')).statusCode).toBe(200);
  });

  it('ranks followed households for a free place with the temporary-housing points scheme', async () => {
    await social.request('POST', '/api/evictions', evictionInput(mother2));
    await social.request('POST', '/api/evictions', evictionInput(couple));
    const res = await social.request('GET', `/api/temporary-units/${unitId}/selection?asOf=2026-11-26`);
    expect(res.statusCode, res.body).toBe(200);
    const sel = res.json() as {
      placesFree: number;
      scheme: { id: string };
      entries: { householdId: string; rank: number | null; fitsTargetGroup: boolean; score: number }[];
    };
    expect(sel.scheme.id).toBe('temporary-housing');
    expect(sel.placesFree).toBe(2);
    // The placed household is not listed; the couple does not fit the target group and is not ranked.
    expect(sel.entries.map((e) => e.householdId)).not.toContain(mother);
    expect(sel.entries.find((e) => e.householdId === couple)).toMatchObject({ fitsTargetGroup: false, rank: null });
    expect((await partner.request('GET', `/api/temporary-units/${unitId}/selection`)).statusCode).toBe(403);
  });

  it('records the exit; a report filed for an ended stay is refused with a clear message; the partner loses the file', async () => {
    const p = ((await social.request('GET', '/api/placements')).json() as { items: Placement[] }).items[0];
    const future = await social.request('POST', `/api/placements/${p?.id}/exit`, {
      exitedOn: '2026-12-20',
      destination: 'private_rent',
    });
    expect(future.statusCode).toBe(400);
    const exit = await social.request('POST', `/api/placements/${p?.id}/exit`, {
      exitedOn: '2026-11-26',
      destination: 'sap_assignment',
      note: 'Assegnato alloggio ERP',
    });
    expect(exit.statusCode, exit.body).toBe(201);
    expect((exit.json() as Placement).status).toBe('ended');
    const before = await count('placement_reports');
    const late = await partner.request('POST', `/api/placements/${p?.id}/reports`, {
      reportedOn: '2026-11-26',
      periodFrom: '2026-11-01',
      periodTo: '2026-11-26',
      body: 'Ultima relazione',
    });
    expect(late.statusCode).toBe(409);
    expect(detailCode(late)).toBe('STAY_ENDED');
    expect((late.json() as ErrorBody).error.message).toContain('si è conclusa il 26/11/2026');
    expect(await count('placement_reports')).toBe(before);
    expect((await partner.request('GET', `/api/households/${mother}`)).statusCode).toBe(403);
    expect((await partner.request('GET', `/api/placements/${p?.id}`)).statusCode).toBe(200);
    const occ = (await social.request('GET', '/api/temporary-housing/occupancy')).json() as {
      units: { placesTaken: number }[];
      partners: { placesTaken: number }[];
    };
    expect(occ.units[0]?.placesTaken).toBe(0);
  });
  it('applies the durations and alert windows a manager sets; inconsistent values and other roles are refused', async () => {
    const manager = await t.login('dirigente');
    const read = async () =>
      (await social.request('GET', '/api/emergency-settings')).json() as {
        version: number;
        stayRules: { hospitality: { initialMonths: number; source: string } };
        alerts: { releaseWithinDays: number };
        defaults: { stayRules: Record<string, unknown>; alerts: Record<string, number> };
      };
    const initial = await read();
    expect(initial.version).toBe(0);
    expect(initial.stayRules.hospitality.initialMonths).toBe(6);
    const body = {
      stayRules: {
        hospitality: { initialMonths: 3, renewalMonths: 3, maxRenewals: 2, maxTotalMonths: 9 },
        sat: { initialMonths: 12, renewalMonths: 12, maxRenewals: 4, maxTotalMonths: 60 },
      },
      alerts: { releaseWithinDays: 60, exitPlanDays: 30, reportEveryDays: 30 },
      version: 0,
    };

    // Only managers and administrators; the refusal is audited.
    expect((await social.request('PUT', '/api/emergency-settings', body)).statusCode).toBe(403);
    const denied = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select('username')
      .where('entity_type', '=', 'emergency_settings')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied).toEqual([{ username: 'sociale' }]);
    // A SAT stay past 5 years, a window of 0 days: refused at their paths, nothing stored.
    const bad = await manager.request('PUT', '/api/emergency-settings', {
      ...body,
      stayRules: {
        ...body.stayRules,
        sat: { initialMonths: 12, renewalMonths: 12, maxRenewals: 6, maxTotalMonths: 72 },
      },
      alerts: { ...body.alerts, exitPlanDays: 0 },
    });
    expect(bad.statusCode).toBe(400);
    expect(((bad.json() as ErrorBody).error.details ?? []).map((d) => d.path)).toEqual([
      'stayRules.sat.maxTotalMonths',
      'alerts.exitPlanDays',
    ]);
    expect((await read()).version).toBe(0);

    const saved = await manager.request('PUT', '/api/emergency-settings', body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, stayRules: { hospitality: { initialMonths: 3 } } });
    expect((await read()).stayRules.hospitality.source).toContain('impostate dall’Agenzia');
    const stale = await manager.request('PUT', '/api/emergency-settings', body);
    expect(stale.statusCode).toBe(409);
    expect((stale.json() as ErrorBody).error.code).toBe('STALE_VERSION');

    // New stays follow the new first period (3 months instead of 6).
    const long = await social.request('POST', '/api/placements', placementInput(mother2, unitId));
    expect(long.statusCode).toBe(400);
    expect(detailCode(long)).toBe('STAY_TOO_LONG');
    expect((long.json() as ErrorBody).error.message).toContain('al massimo 3 mesi');
    const short = await social.request(
      'POST',
      '/api/placements',
      placementInput(mother2, unitId, { startsOn: '2026-11-01', plannedEndOn: '2027-02-01' }),
    );
    expect(short.statusCode, short.body).toBe(201);

    // The work list warns of a release 45 days ahead with a 60-day window (it did not with 30).
    const eviction = (await social.request('POST', '/api/evictions', evictionInput(couple))).json() as {
      id: string;
      version: number;
    };
    for (const step of [
      { kind: 'notice_served', occurredOn: '2026-02-01' },
      { kind: 'validated', occurredOn: '2026-03-01' },
      { kind: 'release_date_set', occurredOn: '2026-03-01', plannedOn: '2027-01-10' },
    ]) {
      const current = (await social.request('GET', `/api/evictions/${eviction.id}`)).json() as { version: number };
      const res = await social.request('POST', `/api/evictions/${eviction.id}/events`, {
        ...step,
        version: current.version,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const alerts = (await social.request('GET', '/api/worklist?on=2026-11-26')).json() as {
      items: { code: string; subjectId: string }[];
    };
    expect(alerts.items).toContainEqual(
      expect.objectContaining({ code: 'release_within_window', subjectId: eviction.id }),
    );

    const audit = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select('details')
      .where('entity_type', '=', 'emergency_settings')
      .where('outcome', '=', 'ok')
      .where('action', '=', 'change')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details ?? '{}')).toMatchObject({
      before: 'default',
      after: { alerts: { releaseWithinDays: 60 } },
    });
  });
});
