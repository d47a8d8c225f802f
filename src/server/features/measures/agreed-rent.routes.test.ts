// Canone concordato through the API: landlords and agreed-rent contracts (L. 431/1998 art. 2 c.3), the
// incentive (DGR XI/2065/2019: 1,000 € for 3+2, 1,500 € longer) and the 12-month guarantee.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/app.js';
import { testDialects } from '../../../../test/db.js';
import { TEST_PASSWORD } from '../../../../test/fixtures.js';
import {
  BAD_IBAN,
  householdWithIsee,
  installMeasuresAndFunds,
  VALID_IBAN,
} from '../../../../test/measures-fixtures.js';
import { createUser } from '../users/users.actions.js';

interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; code: string; message: string }[] };
}
interface Landlord {
  id: string;
  name: string;
  fiscalCode: string;
  iban: string | null;
  contracts: {
    id: string;
    durationYears: number;
    extensionYears: number;
    householdId: string | null;
    incentiveCents: number | null;
    incentiveNote: string;
    guaranteeCents: number | null;
    guaranteeMonths: number | null;
  }[];
}

describe.each(testDialects())('agreed-rent landlords and contracts on %s', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let desk: Session;
  let landlordId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await installMeasuresAndFunds(t.testDb.db);
    const u = await createUser(t.testDb.db.kysely, {
      username: 'erp_bresso',
      role: 'housing_officer',
      displayName: 'ERP Bresso',
      password: TEST_PASSWORD,
      comuneIds: ['comune-bresso'],
      now: t.clock.now,
    });
    if (!u.ok) throw new Error(u.message);
    officer = await t.login('erp');
    desk = await t.login('sportello');
  });
  afterAll(async () => {
    await t.close();
  });

  const contract = (overrides: Record<string, unknown> = {}) => ({
    landlordId,
    address: 'Via Giolitti 12, Cinisello Balsamo',
    comuneId: 'comune-cinisello',
    localAgreement: 'Accordo locale per la Città di Cinisello Balsamo',
    durationYears: 3,
    extensionYears: 2,
    monthlyRentCents: 55_000,
    startsOn: '2026-10-01',
    registeredOn: '2026-10-15',
    ...overrides,
  });
  const landlords = async () =>
    ((await officer.request('GET', '/api/landlords')).json() as { items: Landlord[] }).items;

  it('registers a landlord; a repeated fiscal code, a wrong IBAN or fiscal code is refused at its field', async () => {
    const created = await officer.request('POST', '/api/landlords', {
      name: 'Immobiliare Concordia srl',
      fiscalCode: '01234567890',
      iban: VALID_IBAN,
      email: 'info@concordia.example',
    });
    expect(created.statusCode, created.body).toBe(201);
    landlordId = (created.json() as { id: string }).id;

    const again = await officer.request('POST', '/api/landlords', { name: 'Altro nome', fiscalCode: '01234567890' });
    expect(again.statusCode).toBe(409);
    expect((again.json() as ErrorBody).error.details?.[0]).toMatchObject({ path: 'fiscalCode', code: 'duplicate' });
    expect((again.json() as ErrorBody).error.message).toContain('Immobiliare Concordia srl');
    const iban = await officer.request('POST', '/api/landlords', {
      name: 'X',
      fiscalCode: '09876543210',
      iban: BAD_IBAN,
    });
    expect(iban.statusCode).toBe(400);
    expect((iban.json() as ErrorBody).error.code).toBe('IBAN_INVALID');
    const fc = await officer.request('POST', '/api/landlords', { name: 'X', fiscalCode: '123' });
    expect(fc.statusCode).toBe(400);
    expect((fc.json() as ErrorBody).error.details?.[0]?.path).toBe('fiscalCode');
    expect((await landlords()).map((l) => l.name)).toEqual(['Immobiliare Concordia srl']);
  });

  it('registers contracts with the incentive by duration and the guarantee on 12 months of rent', async () => {
    const household = await householdWithIsee(officer);
    for (const body of [
      contract({ householdId: household.id }),
      contract({ durationYears: 4, monthlyRentCents: 70_000 }),
      contract({ durationYears: 2 }),
    ]) {
      const res = await officer.request('POST', '/api/agreed-rent-contracts', body);
      expect(res.statusCode, res.body).toBe(201);
    }
    const [l] = await landlords();
    const byTerms = Object.fromEntries(l!.contracts.map((c) => [`${c.durationYears}+${c.extensionYears}`, c]));
    // DGR XI/2065/2019: 1,000 € for 3+2, 1,500 € for longer; shorter than 3 years is no agreed-rent contract.
    expect(byTerms['3+2']).toMatchObject({ incentiveCents: 100_000, householdId: household.id });
    expect(byTerms['4+2']).toMatchObject({ incentiveCents: 150_000 });
    expect(byTerms['2+2']?.incentiveCents).toBeNull();
    expect(byTerms['2+2']?.incentiveNote).toContain('almeno 3 anni');
    // The guarantee covers 12 months of rent, up to 7,200 €.
    expect(byTerms['3+2']).toMatchObject({ guaranteeCents: 660_000, guaranteeMonths: 12 });
    expect(byTerms['4+2']).toMatchObject({ guaranteeCents: 720_000 });
    // On the household's timeline.
    const timeline = await t.testDb.db.kysely
      .selectFrom('timeline_events')
      .select('title')
      .where('household_id', '=', household.id)
      .where('kind', '=', 'agreed_rent_contract')
      .execute();
    expect(timeline).toEqual([{ title: 'Contratto a canone concordato 3+2' }]);
  });

  it('refuses an unknown Comune, household or landlord clearly, and writes nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.testDb.db.kysely
            .selectFrom('agreed_rent_contracts')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const comune = await officer.request(
      'POST',
      '/api/agreed-rent-contracts',
      contract({ comuneId: 'comune-atlantide' }),
    );
    expect(comune.statusCode).toBe(400);
    expect((comune.json() as ErrorBody).error.details?.[0]).toMatchObject({ path: 'comuneId', code: 'unknown_comune' });
    const household = await officer.request(
      'POST',
      '/api/agreed-rent-contracts',
      contract({ householdId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(household.statusCode).toBe(400);
    expect((household.json() as ErrorBody).error.details?.[0]?.path).toBe('householdId');
    const landlord = await officer.request(
      'POST',
      '/api/agreed-rent-contracts',
      contract({ landlordId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(landlord.statusCode).toBe(404);
    const zero = await officer.request('POST', '/api/agreed-rent-contracts', contract({ monthlyRentCents: 0 }));
    expect(zero.statusCode).toBe(400);
    expect((zero.json() as ErrorBody).error.details?.[0]?.path).toBe('monthlyRentCents');
    expect(await count()).toBe(before);
  });

  it('only managers, administrators and the housing office register; a household outside one’s Comuni is refused', async () => {
    const refused = await desk.request('POST', '/api/landlords', { name: 'X', fiscalCode: '11111111111' });
    expect(refused.statusCode).toBe(403);
    expect((await desk.request('POST', '/api/agreed-rent-contracts', contract())).statusCode).toBe(403);
    // A Cinisello household, an officer of Bresso only.
    const household = await householdWithIsee(officer);
    const bresso = await t.login('erp_bresso');
    const out = await bresso.request('POST', '/api/agreed-rent-contracts', contract({ householdId: household.id }));
    expect(out.statusCode).toBe(403);
    const denied = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select(['username', 'entity_type'])
      .where('outcome', '=', 'denied')
      .where('action', '=', 'create')
      .where('entity_type', 'in', ['landlord', 'agreed_rent_contract'])
      .execute();
    expect(denied).toEqual(
      expect.arrayContaining([
        { username: 'sportello', entity_type: 'landlord' },
        { username: 'sportello', entity_type: 'agreed_rent_contract' },
        { username: 'erp_bresso', entity_type: 'agreed_rent_contract' },
      ]),
    );
    // Without a household, the Bresso officer may register a contract.
    expect((await bresso.request('POST', '/api/agreed-rent-contracts', contract())).statusCode).toBe(201);
  });
});
