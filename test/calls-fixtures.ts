// Units written straight into the stock and applications files built cell by cell, for the tests
// of calls and of the applications import (synthetic data, never real people).
import { APPLICATION_COLUMNS, APPLICATION_MEMBER_COLUMNS } from '../src/shared/applications.js';
import type { Db } from '../src/server/db/client.js';
import { newId } from '../src/server/ids.js';
import { COMUNI } from './fixtures.js';

export interface UnitSpec {
  readonly code: string;
  readonly owner?: 'aler' | 'comune';
  readonly comune?: keyof typeof COMUNI;
  readonly areaM2: number;
  readonly state?: string;
  readonly programme?: 'sap' | 'por' | 'sas' | 'sat' | 'other';
  readonly accessible?: boolean;
  readonly comuneId?: string;
  readonly ownerId?: string;
}

export async function insertUnit(db: Db, u: UnitSpec): Promise<string> {
  const id = newId();
  const comune = u.comune ?? 'cinisello';
  await db.kysely
    .insertInto('units')
    .values({
      id,
      code: u.code,
      owner_id: u.ownerId ?? ((u.owner ?? 'comune') === 'aler' ? 'owner-aler' : `owner-${COMUNI[comune]}`),
      comune_id: u.comuneId ?? COMUNI[comune],
      programme: u.programme ?? 'sap',
      address_street: 'Via di Prova',
      address_number: '1',
      floor_area_dm2: Math.round(u.areaM2 * 100),
      rooms: 2,
      floor: 1,
      has_lift: 1,
      accessible: u.accessible ? 1 : 0,
      state: u.state ?? 'available',
      created_at: '2026-01-10T09:00:00.000Z',
      works_cost_cents: null,
      reserve_category: null,
      updated_at: null,
    })
    .execute();
  return id;
}

export type ApplicationCells = Partial<Record<(typeof APPLICATION_COLUMNS)[number], string>>;
export type MemberCells = Partial<Record<(typeof APPLICATION_MEMBER_COLUMNS)[number], string>>;

/** A CSV as the platform exports it: ';' separated, a header row, CRLF line ends. */
export function applicationsCsv(rows: readonly ApplicationCells[]): string {
  const lines = [
    APPLICATION_COLUMNS.join(';'),
    ...rows.map((r) => APPLICATION_COLUMNS.map((c) => r[c] ?? '').join(';')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

export function membersCsv(rows: readonly MemberCells[]): string {
  const lines = [
    APPLICATION_MEMBER_COLUMNS.join(';'),
    ...rows.map((r) => APPLICATION_MEMBER_COLUMNS.map((c) => r[c] ?? '').join(';')),
  ];
  return `${lines.join('\n')}\n`;
}

/** The JSON body of the import route, as the web wizard sends it. */
export function importBody(applications: string, members?: string) {
  return {
    applications: { name: 'domande.csv', contentBase64: Buffer.from(applications, 'utf8').toString('base64') },
    members:
      members === undefined ? null : { name: 'componenti.csv', contentBase64: Buffer.from(members).toString('base64') },
  };
}
