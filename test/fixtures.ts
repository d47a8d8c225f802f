// The smallest Ambito the tests need: four Comuni, their owners, a partner and one user per role.
import type { Role } from '../src/shared/auth.js';
import type { Db } from '../src/server/db/client.js';
import { createUser } from '../src/server/features/users/users.actions.js';

export const TEST_PASSWORD = 'password-di-prova-1';

export const COMUNI = {
  cinisello: 'comune-cinisello',
  bresso: 'comune-bresso',
  cormano: 'comune-cormano',
  cusano: 'comune-cusano',
} as const;

export const PARTNER_ID = 'partner-rondine';
export const OTHER_PARTNER_ID = 'partner-altro';

export const USERS: Record<string, { role: Role; comuneIds?: string[]; partnerId?: string }> = {
  admin: { role: 'admin' },
  dirigente: { role: 'manager' },
  sportello: { role: 'front_desk' },
  sociale: { role: 'social_worker' },
  erp: { role: 'housing_officer' },
  partner: { role: 'partner', partnerId: PARTNER_ID },
  partner2: { role: 'partner', partnerId: OTHER_PARTNER_ID },
  osservatore: { role: 'observer' },
  sportello_bresso: { role: 'front_desk', comuneIds: [COMUNI.bresso] },
};

export async function seedBasics(db: Db, now = new Date('2026-11-26T09:00:00Z')): Promise<void> {
  const at = now.toISOString();
  const k = db.kysely;
  await k
    .insertInto('ambiti')
    .values({ id: 'ambito-cinisello', name: 'Ambito di Cinisello Balsamo', created_at: at })
    .execute();
  const comuni = [
    {
      id: COMUNI.cinisello,
      name: 'Cinisello Balsamo',
      istat_code: '015077',
      belfiore_code: 'C707',
      population: 75855,
      is_lead: 1,
    },
    { id: COMUNI.bresso, name: 'Bresso', istat_code: '015032', belfiore_code: 'B162', population: 26000, is_lead: 0 },
    { id: COMUNI.cormano, name: 'Cormano', istat_code: '015086', belfiore_code: 'D013', population: 20000, is_lead: 0 },
    {
      id: COMUNI.cusano,
      name: 'Cusano Milanino',
      istat_code: '015096',
      belfiore_code: 'D231',
      population: 19000,
      is_lead: 0,
    },
  ];
  await k
    .insertInto('comuni')
    .values(comuni.map((c) => ({ ...c, ambito_id: 'ambito-cinisello', province: 'MI', created_at: at })))
    .execute();
  await k
    .insertInto('owners')
    .values([
      ...comuni.map((c) => ({
        id: `owner-${c.id}`,
        kind: 'comune' as const,
        name: `Comune di ${c.name}`,
        comune_id: c.id,
        created_at: at,
      })),
      { id: 'owner-aler', kind: 'aler' as const, name: 'ALER Milano', comune_id: null, created_at: at },
    ])
    .execute();
  await k
    .insertInto('partners')
    .values([
      {
        id: PARTNER_ID,
        name: 'Cooperativa La Rondine',
        kind: 'third_sector',
        fiscal_code: null,
        email: null,
        phone: null,
        created_at: at,
      },
      {
        id: OTHER_PARTNER_ID,
        name: 'Associazione Altra',
        kind: 'third_sector',
        fiscal_code: null,
        email: null,
        phone: null,
        created_at: at,
      },
    ])
    .execute();
  for (const [username, u] of Object.entries(USERS)) {
    const result = await createUser(k, {
      username,
      role: u.role,
      displayName: `Utente ${username}`,
      password: TEST_PASSWORD,
      partnerId: u.partnerId ?? null,
      comuneIds: u.comuneIds ?? [],
      now,
    });
    if (!result.ok) throw new Error(result.message);
  }
}
