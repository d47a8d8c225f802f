import type { DbExecutor } from '../../db/client.js';

export async function getAmbito(db: DbExecutor) {
  const [ambito, comuni, owners] = await Promise.all([
    db.selectFrom('ambiti').select(['id', 'name']).orderBy('created_at').executeTakeFirst(),
    db.selectFrom('comuni').select(['id', 'name', 'is_lead', 'istat_code', 'population']).orderBy('name').execute(),
    db.selectFrom('owners').select(['id', 'name', 'kind', 'comune_id']).orderBy('name').execute(),
  ]);
  return {
    ambito: ambito ?? null,
    comuni: comuni.map((c) => ({
      id: c.id,
      name: c.name,
      isLead: c.is_lead === 1,
      istatCode: c.istat_code,
      population: c.population,
    })),
    owners: owners.map((o) => ({ id: o.id, name: o.name, kind: o.kind, comuneId: o.comune_id })),
  };
}
