import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/app.js';
import { ANNA, householdInput, LUCA, syntheticFiscalCode } from '../../../../test/builders.js';
import {
  applicationsCsv,
  importBody,
  insertUnit,
  membersCsv,
  type ApplicationCells,
} from '../../../../test/calls-fixtures.js';
import { testDialects } from '../../../../test/db.js';
import { COMUNI } from '../../../../test/fixtures.js';
import type { ApplicationDetail, ImportReport } from '../../../shared/applications.js';
import type { CallDetail } from '../../../shared/calls.js';
import type { HouseholdDetail } from '../../../shared/households.js';

const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../docs/formats');

const PIETRO = syntheticFiscalCode({ surname3: 'BNC', name3: 'PTR', birthDate: '1975-05-20', sex: 'M' });
const PAOLA = syntheticFiscalCode({ surname3: 'BNC', name3: 'PLA', birthDate: '1978-09-02', sex: 'F' });
const KID1 = syntheticFiscalCode({ surname3: 'BNC', name3: 'MRC', birthDate: '2012-01-15', sex: 'M' });
const KID2 = syntheticFiscalCode({ surname3: 'BNC', name3: 'SRA', birthDate: '2016-06-30', sex: 'F' });
// Born abroad (Albania, Z100): the file opened for her asks for a permit.
const GIULIA = syntheticFiscalCode({
  surname3: 'HXH',
  name3: 'GLI',
  birthDate: '1990-02-11',
  sex: 'F',
  place: 'Z100',
});
const ELDER = syntheticFiscalCode({ surname3: 'NRE', name3: 'CRL', birthDate: '1950-12-03', sex: 'M' });
const MARIO = syntheticFiscalCode({ surname3: 'RSS', name3: 'MRA', birthDate: '1970-04-04', sex: 'M' });

function cf(i: number): string {
  const names = ['LNG', 'FRR', 'MRN', 'RCC', 'BRN', 'CST', 'GLL', 'CLM', 'PRT', 'DNT', 'SPN', 'TRV'];
  return syntheticFiscalCode({ surname3: names[i] ?? 'XXX', name3: 'NDR', birthDate: '1980-01-10', sex: 'M' });
}

const A1: ApplicationCells = {
  id_domanda: 'P-0001',
  protocollo: 'RL-2026-000101',
  data_presentazione: '2026-10-05T10:15:00',
  codice_fiscale: ANNA.fiscalCode,
  cognome: 'Verdi',
  nome: 'Anna',
  comune_residenza: 'Cinisello Balsamo',
  comune_lavoro: 'Milano',
  componenti: '2',
  isee: '8.000,00',
  isbar: '12,5',
  indigente: 'N',
  categorie: '',
  invalidita: '',
  alloggio_1: 'AVV-CIN-0001',
  alloggio_2: '',
};
const A2: ApplicationCells = {
  id_domanda: 'P-0002',
  protocollo: 'RL-2026-000102',
  data_presentazione: '2026-10-06T09:00:00+02:00',
  codice_fiscale: PIETRO.toLowerCase(),
  cognome: 'Bianchi',
  nome: 'Pietro',
  comune_residenza: 'comune di cinisello balsamo',
  comune_lavoro: '',
  componenti: '4',
  isee: '2500.50',
  isbar: '18.75',
  indigente: 'S',
  categorie: 'Disabili, anziani',
  invalidita: '75',
  alloggio_1: 'AVV-CIN-0003',
  alloggio_2: 'AVV-BRE-0001',
};
const A3: ApplicationCells = {
  id_domanda: 'P-0003',
  protocollo: 'RL-2026-000103',
  data_presentazione: '2026-10-07T16:40:12Z',
  codice_fiscale: GIULIA,
  cognome: 'Hoxha',
  nome: 'Giulia',
  comune_residenza: 'Milano',
  comune_lavoro: 'Cusano Milanino',
  componenti: '1',
  isee: '11999',
  isbar: '9',
  indigente: 'N',
  categorie: '',
  invalidita: '',
  alloggio_1: 'AVV-CUS-0002',
  alloggio_2: '',
};
const A4: ApplicationCells = {
  ...A3,
  id_domanda: 'P-0004',
  protocollo: 'RL-2026-000104',
  codice_fiscale: ELDER,
  cognome: 'Neri',
  nome: 'Carlo',
  comune_residenza: 'Bresso',
  isbar: '7,125',
};
const MEMBERS = membersCsv([
  { id_domanda: 'P-0001', codice_fiscale: ANNA.fiscalCode, cognome: 'Verdi', nome: 'Anna', relazione: 'richiedente' },
  { id_domanda: 'P-0001', codice_fiscale: LUCA.fiscalCode, cognome: 'Verdi', nome: 'Luca', relazione: 'figlio' },
  {
    id_domanda: 'P-0002',
    codice_fiscale: PIETRO,
    cognome: 'Bianchi',
    nome: 'Pietro',
    data_nascita: '1975-05-20',
    relazione: 'Richiedente',
  },
  {
    id_domanda: 'P-0002',
    codice_fiscale: PAOLA,
    cognome: 'Bianchi',
    nome: 'Paola',
    data_nascita: '02/09/1978',
    relazione: 'coniuge',
    invalidita: '75',
  },
  { id_domanda: 'P-0002', codice_fiscale: KID1, cognome: 'Bianchi', nome: 'Marco', relazione: 'figlio' },
  { id_domanda: 'P-0002', codice_fiscale: KID2, cognome: 'Bianchi', nome: 'Sara', relazione: 'figlia' },
  { id_domanda: 'P-0003', codice_fiscale: GIULIA, cognome: 'Hoxha', nome: 'Giulia', relazione: 'richiedente' },
]);

const ENTRY = {
  platformId: 'SP-0001',
  protocol: 'RL-2026-000900',
  submittedAt: '2026-10-20T11:30',
  fiscalCode: MARIO,
  lastName: 'Rossi',
  firstName: 'Mario',
  residenceComune: 'Cinisello Balsamo',
  workComune: null,
  membersCount: 2,
  iseeCents: 950_000,
  isbar: 10.4,
  indigent: false,
  reserveCategories: [],
  invalidityPercent: null,
  choice1: 'AVV-CIN-0001',
  choice2: null,
};

describe.each(testDialects())('SAP applications on %s', (dialect) => {
  let t: TestApp;
  let erp: Session;
  let call: CallDetail;
  let annaHousehold: HouseholdDetail;
  let chosenUnitId: string;
  const k = () => t.testDb.db.kysely;

  async function count(table: 'applications' | 'households' | 'file_imports' | 'application_members') {
    const row = await k()
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
  const importUrl = (dryRun = false) => `/api/calls/${call.id}/applications/import${dryRun ? '?dryRun=1' : ''}`;
  async function appByPlatformId(platformId: string) {
    return k().selectFrom('applications').selectAll().where('platform_id', '=', platformId).executeTakeFirstOrThrow();
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    erp = await t.login('erp');
    call = (await (
      await erp.request('POST', '/api/calls', {
        name: 'Avviso SAP 2026',
        opensOn: '2026-10-01',
        closesOn: '2026-11-10',
      })
    ).json()) as CallDetail;
    const db = t.testDb.db;
    chosenUnitId = await insertUnit(db, { code: 'AVV-CIN-0001', areaM2: 42.5 });
    const ids = [
      chosenUnitId,
      await insertUnit(db, { code: 'AVV-CIN-0003', owner: 'aler', areaM2: 68 }),
      await insertUnit(db, { code: 'AVV-CUS-0002', owner: 'aler', comune: 'cusano', areaM2: 33.15, accessible: true }),
      await insertUnit(db, { code: 'AVV-BRE-0001', comune: 'bresso', areaM2: 61.2 }),
    ];
    await insertUnit(db, { code: 'NOT-OFFERED', areaM2: 50 });
    const added = await erp.request('POST', `/api/calls/${call.id}/units`, { unitIds: ids });
    expect(added.statusCode).toBe(200);
    annaHousehold = (await (await erp.request('POST', '/api/households', householdInput())).json()) as HouseholdDetail;
    // Anna is also a member (not the applicant) of a file updated later: the match prefers her own.
    const other = await erp.request('POST', '/api/households', {
      ...householdInput({
        addressStreet: 'Via Roma',
        loneParent: false,
        members: [
          {
            fiscalCode: MARIO,
            firstName: 'Mario',
            lastName: 'Rossi',
            birthDate: '1970-04-04',
            sex: 'M',
            relation: 'applicant',
            citizenship: 'italian',
          },
          { ...ANNA, relation: 'sibling', citizenship: 'italian' },
        ],
      }),
      acknowledgeDuplicates: true,
    });
    expect(other.statusCode).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('validates a file in a dry run without writing anything', async () => {
    const households = await count('households');
    const res = await erp.request('POST', importUrl(true), importBody(applicationsCsv([A1, A2, A3]), MEMBERS));
    expect(res.statusCode).toBe(200);
    const report = res.json() as ImportReport;
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({
      ok: true,
      dryRun: true,
      imported: false,
      rows: 3,
      created: 3,
      householdsMatched: 1,
      householdsCreated: 2,
    });
    expect(report.items.find((i) => i.platformId === 'P-0001')).toMatchObject({
      household: 'matched',
      householdCode: annaHousehold.code,
    });
    expect(await count('applications')).toBe(0);
    expect(await count('file_imports')).toBe(0);
    expect(await count('households')).toBe(households);
  });

  it('reports every problem of a bad file with line, column and reason, and writes nothing', async () => {
    const households = await count('households');
    const row = (i: number, cells: ApplicationCells): ApplicationCells => ({
      ...A3,
      id_domanda: `B-${i}`,
      codice_fiscale: cf(i),
      ...cells,
    });
    const csv = applicationsCsv([
      row(2, { alloggio_1: 'ZZZ-999' }),
      row(3, { alloggio_1: 'NOT-OFFERED', componenti: '2' }),
      row(4, { alloggio_1: 'AVV-CIN-0001', alloggio_2: 'AVV-CIN-0003,AVV-BRE-0001' }),
      row(5, { componenti: '3' }),
      row(6, { codice_fiscale: 'RSSMRA80A01F205Y' }),
      row(7, { id_domanda: 'B-2', codice_fiscale: cf(7) }),
      row(8, { isee: 'dodicimila', isbar: '-3' }),
      row(9, { indigente: 'S', isee: '3.500,00' }),
      row(10, { data_presentazione: '2026-12-15T10:00:00' }),
      row(11, { data_presentazione: '15/10/2026', componenti: 'due', invalidita: '120' }),
    ]);
    const res = await erp.request('POST', importUrl(), importBody(csv));
    expect(res.statusCode).toBe(200);
    const report = res.json() as ImportReport;
    expect(report).toMatchObject({ ok: false, imported: false, created: 0 });
    const at = (line: number, column: string) =>
      report.problems.filter((p) => p.line === line && p.column === column).map((p) => p.message);
    expect(at(2, 'alloggio_1')[0]).toMatch(/Alloggio sconosciuto/);
    expect(at(3, 'alloggio_1')[0]).toMatch(/non è offerto dall’avviso AVV-2026-001/);
    expect(at(4, 'alloggio_2')[0]).toMatch(/Più di due alloggi.*art\. 9 c\.3/);
    expect(at(5, 'alloggio_1')[0]).toMatch(/non è adeguato a un nucleo di 3 persone.*troppo piccolo/);
    expect(at(6, 'codice_fiscale')[0]).toMatch(/carattere di controllo/);
    expect(at(7, 'id_domanda')[0]).toMatch(/ripetuto.*riga 2/);
    expect(at(8, 'isee')[0]).toMatch(/ISEE non valido/);
    expect(at(8, 'isbar')[0]).toMatch(/negativo/);
    expect(at(9, 'indigente')[0]).toMatch(/oltre la soglia.*art\. 13/);
    expect(at(10, 'data_presentazione')[0]).toMatch(/fuori dal periodo/);
    expect(at(11, 'data_presentazione')).toHaveLength(1);
    expect(at(11, 'componenti')).toHaveLength(1);
    expect(at(11, 'invalidita')).toHaveLength(1);
    expect(report.problems.every((p) => p.message.length > 0 && p.file === 'applications')).toBe(true);
    expect(await count('applications')).toBe(0);
    expect(await count('file_imports')).toBe(0);
    expect(await count('households')).toBe(households);
    const audit = await k()
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'file_import')
      .where('outcome', '=', 'failed')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it('reports a file without rows, a wrong header or a file not in UTF-8 as one problem', async () => {
    const empty = (await (
      await erp.request('POST', importUrl(true), applicationsCsv([]), { 'content-type': 'text/csv' })
    ).json()) as ImportReport;
    expect(empty.problems).toEqual([
      expect.objectContaining({ line: 1, message: expect.stringMatching(/non contiene domande/) as string }),
    ]);
    const header = (await (
      await erp.request('POST', importUrl(true), 'id_domanda;protocollo\n1;2\n', { 'content-type': 'text/csv' })
    ).json()) as ImportReport;
    expect(header.problems[0]?.message).toMatch(/colonne mancanti/);
    const latin1 = Buffer.from(applicationsCsv([{ ...A1, cognome: 'Verdì' }]), 'latin1');
    const encoding = (await (
      await erp.request('POST', importUrl(true), latin1, { 'content-type': 'text/csv' })
    ).json()) as ImportReport;
    expect(encoding.problems[0]?.message).toMatch(/UTF-8/);
    expect(await count('file_imports')).toBe(0);
  });

  it('refuses a third choice given as an extra cell, and a members file that does not match', async () => {
    const extra = `${applicationsCsv([A1]).trimEnd()};AVV-BRE-0001\r\n`;
    const res = await erp.request('POST', importUrl(true), extra, { 'content-type': 'text/csv' });
    const report = res.json() as ImportReport;
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ line: 2, column: null });
    expect(report.problems[0]?.message).toMatch(/17 celle.*terzo alloggio/);

    const badMembers = membersCsv([
      {
        id_domanda: 'P-0001',
        codice_fiscale: ANNA.fiscalCode,
        cognome: 'Verdi',
        nome: 'Anna',
        relazione: 'richiedente',
      },
      { id_domanda: 'P-0009', codice_fiscale: LUCA.fiscalCode, cognome: 'Verdi', nome: 'Luca', relazione: 'figlio' },
      { id_domanda: 'P-0003', codice_fiscale: GIULIA, cognome: 'Hoxha', nome: 'Giulia', relazione: 'cugina' },
    ]);
    const mismatch = (await (
      await erp.request('POST', importUrl(true), importBody(applicationsCsv([A1, A3]), badMembers))
    ).json()) as ImportReport;
    expect(mismatch.ok).toBe(false);
    expect(mismatch.problems).toContainEqual(
      expect.objectContaining({ file: 'applications', line: 2, column: 'componenti' }),
    );
    expect(mismatch.problems).toContainEqual(
      expect.objectContaining({ file: 'members', line: 3, column: 'id_domanda' }),
    );
    expect(mismatch.problems).toContainEqual(
      expect.objectContaining({ file: 'members', line: 4, column: 'relazione' }),
    );
  });

  it('imports applications with their members, matches or opens household files, and puts them on the timeline', async () => {
    const res = await erp.request('POST', importUrl(), importBody(applicationsCsv([A1, A2, A3]), MEMBERS));
    const report = res.json() as ImportReport;
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, imported: true, created: 3, householdsMatched: 1, householdsCreated: 2 });
    expect(report.items.every((i) => i.householdCode?.startsWith('NF-2026-'))).toBe(true);
    expect(await count('applications')).toBe(3);
    expect(await count('application_members')).toBe(7);
    expect(await count('file_imports')).toBe(2);

    const a1 = await appByPlatformId('P-0001');
    expect(a1.household_id).toBe(annaHousehold.id);
    expect(Number(a1.isee_cents)).toBe(800_000);
    expect(a1.isbar_milli).toBe(12_500);
    expect(new Date(a1.submitted_at).toISOString()).toBe('2026-10-05T08:15:00.000Z');
    const a2 = await appByPlatformId('P-0002');
    expect(a2).toMatchObject({
      applicant_fiscal_code: PIETRO,
      residence_comune_id: COMUNI.cinisello,
      residence_comune_name: 'Cinisello Balsamo',
      indigent: 1,
      indigence_attested: 1,
      reserve_categories: 'anziani,disabili',
      max_invalidity_percent: 75,
      isbar_milli: 18_750,
    });
    expect(Number(a2.isee_cents)).toBe(250_050);
    const created = await k()
      .selectFrom('households')
      .selectAll()
      .where('id', '=', a2.household_id)
      .executeTakeFirstOrThrow();
    expect(created).toMatchObject({ comune_id: COMUNI.cinisello, address_street: 'Da completare', version: 1 });
    const members = await k()
      .selectFrom('members')
      .selectAll()
      .where('household_id', '=', a2.household_id)
      .orderBy('position')
      .execute();
    expect(members.map((m) => [m.relation, m.birth_date, m.sex])).toEqual([
      ['applicant', '1975-05-20', 'M'],
      ['spouse', '1978-09-02', 'F'],
      ['child', '2012-01-15', 'M'],
      ['child', '2016-06-30', 'F'],
    ]);
    const a3 = await appByPlatformId('P-0003');
    // Resident outside the Ambito: the file is kept by the lead Comune.
    expect(a3).toMatchObject({ residence_comune_id: null, residence_comune_name: 'Milano' });
    const h3 = await k()
      .selectFrom('households')
      .selectAll()
      .where('id', '=', a3.household_id)
      .executeTakeFirstOrThrow();
    expect(h3).toMatchObject({ comune_id: COMUNI.cinisello, address_city: 'Milano' });

    for (const a of [a1, a2, a3]) {
      const events = await k()
        .selectFrom('timeline_events')
        .selectAll()
        .where('household_id', '=', a.household_id)
        .where('kind', '=', 'application_imported')
        .execute();
      expect(events).toHaveLength(1);
    }
    const file = (await (await erp.request('GET', `/api/households/${annaHousehold.id}`)).json()) as HouseholdDetail;
    expect(file.timeline.map((e) => e.title)).toContain(
      'Domanda P-0001 all’avviso AVV-2026-001 importata (ISBAR 12,50)',
    );
    const audit = await k()
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'application')
      .where('action', '=', 'create')
      .execute();
    expect(audit.map((r) => r.household_id).sort()).toEqual([a1.household_id, a2.household_id, a3.household_id].sort());
    expect(
      (
        await k()
          .selectFrom('audit_log')
          .selectAll()
          .where('entity_type', '=', 'household')
          .where('action', '=', 'create')
          .where('household_id', 'in', [a2.household_id, a3.household_id])
          .execute()
      ).length,
    ).toBe(2);
  });

  it('changes nothing when the same file comes again, and imports only what is new in another file', async () => {
    const before = { applications: await count('applications'), households: await count('households') };
    const same = (await (
      await erp.request('POST', importUrl(), importBody(applicationsCsv([A1, A2, A3]), MEMBERS))
    ).json()) as ImportReport;
    expect(same).toMatchObject({ ok: true, alreadyImported: true, created: 0, unchanged: 3 });
    const sameAsCsv = (await (
      await erp.request('POST', `${importUrl()}?fileName=domande.csv`, applicationsCsv([A1, A2, A3]), {
        'content-type': 'text/csv',
      })
    ).json()) as ImportReport;
    expect(sameAsCsv.alreadyImported).toBe(true);
    expect(await count('applications')).toBe(before.applications);
    expect(await count('households')).toBe(before.households);

    const changed = (await (
      await erp.request('POST', importUrl(), applicationsCsv([{ ...A1, isbar: '13' }]), { 'content-type': 'text/csv' })
    ).json()) as ImportReport;
    expect(changed.ok).toBe(false);
    expect(changed.problems[0]).toMatchObject({ line: 2, column: 'isbar' });
    expect(changed.problems[0]?.message).toMatch(/già stata importata.*dati diversi/);
    expect(await count('applications')).toBe(before.applications);

    const next = (await (
      await erp.request('POST', importUrl(), applicationsCsv([A3, A4, A1, A2]), { 'content-type': 'text/csv' })
    ).json()) as ImportReport;
    expect(next.problems).toEqual([]);
    expect(next).toMatchObject({ ok: true, imported: true, created: 1, unchanged: 3, householdsCreated: 1 });
    const a4 = await appByPlatformId('P-0004');
    const elder = await k().selectFrom('members').selectAll().where('household_id', '=', a4.household_id).execute();
    // The applicant alone, with birth date and sex read from the fiscal code ('50' → 1950, not 2050).
    expect(elder.map((m) => [m.fiscal_code, m.birth_date, m.sex, m.relation])).toEqual([
      [ELDER, '1950-12-03', 'M', 'applicant'],
    ]);
    const h4 = await k()
      .selectFrom('households')
      .selectAll()
      .where('id', '=', a4.household_id)
      .executeTakeFirstOrThrow();
    expect(h4.comune_id).toBe(COMUNI.bresso);
  });

  it('lists the applications of a call with filters and counts per state', async () => {
    const all = await erp.request('GET', `/api/calls/${call.id}/applications`);
    expect(all.statusCode).toBe(200);
    const body = all.json() as {
      items: { platformId: string; choices: string[]; state: string; isbar: number }[];
      total: number;
      counts: Record<string, number>;
    };
    expect(body.total).toBe(4);
    expect(body.items.map((i) => i.platformId)).toEqual(['P-0002', 'P-0001', 'P-0003', 'P-0004']);
    expect(body.items[0]?.choices).toEqual(['AVV-CIN-0003', 'AVV-BRE-0001']);
    expect(body.counts).toEqual({ to_review: 4, admitted: 0, excluded: 0 });
    const byName = (await (await erp.request('GET', `/api/calls/${call.id}/applications?q=verdi`)).json()) as {
      total: number;
    };
    expect(byName.total).toBe(1);
    const byComune = (await (
      await erp.request('GET', `/api/calls/${call.id}/applications?comuneId=${COMUNI.bresso}`)
    ).json()) as { items: { platformId: string }[] };
    expect(byComune.items.map((i) => i.platformId)).toEqual(['P-0004']);
    const searches = await k()
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'application')
      .where('action', '=', 'search')
      .execute();
    expect(searches.length).toBeGreaterThanOrEqual(3);
  });

  it('lists the applications of one household file across calls, with the same access rules', async () => {
    const a2 = await appByPlatformId('P-0002');
    const expected = (
      await k().selectFrom('applications').select('id').where('household_id', '=', a2.household_id).execute()
    )
      .map((a) => a.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    const res = await erp.request('GET', `/api/applications?householdId=${a2.household_id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: { id: string; householdId: string }[]; total: number };
    expect(body.items.map((i) => i.id).sort()).toEqual(expected);
    expect(body.items.every((i) => i.householdId === a2.household_id)).toBe(true);
    expect(body.total).toBe(expected.length);
    // The list of a call takes the same filter.
    const inCall = (await (
      await erp.request('GET', `/api/calls/${call.id}/applications?householdId=${a2.household_id}`)
    ).json()) as { items: { id: string }[] };
    expect(inCall.items.map((i) => i.id).sort()).toEqual(expected);
    // The read is audited on the file.
    const audit = await k()
      .selectFrom('audit_log')
      .select(['username', 'outcome'])
      .where('action', '=', 'search')
      .where('entity_type', '=', 'application')
      .where('household_id', '=', a2.household_id)
      .execute();
    expect(audit).toContainEqual({ username: 'erp', outcome: 'ok' });
    // The household filter is required on this route.
    expect((await erp.request('GET', '/api/applications')).statusCode).toBe(400);
    // A user of another Comune sees none of them; partners and observers are refused and recorded.
    const bresso = await t.login('sportello_bresso');
    const scoped = await bresso.request('GET', `/api/applications?householdId=${a2.household_id}`);
    expect(scoped.statusCode).toBe(200);
    expect((scoped.json() as { items: unknown[] }).items).toEqual([]);
    for (const username of ['partner', 'osservatore']) {
      const s = await t.login(username);
      expect((await s.request('GET', `/api/applications?householdId=${a2.household_id}`)).statusCode).toBe(403);
      const denied = await k()
        .selectFrom('audit_log')
        .select('household_id')
        .where('username', '=', username)
        .where('outcome', '=', 'denied')
        .where('action', '=', 'search')
        .where('household_id', '=', a2.household_id)
        .execute();
      expect(denied).toHaveLength(1);
    }
  });

  it('shows an application with its household, choices and the requirement checks of art. 7', async () => {
    const a1 = await appByPlatformId('P-0001');
    const res = await erp.request('GET', `/api/applications/${a1.id}`);
    expect(res.statusCode).toBe(200);
    const d = res.json() as ApplicationDetail;
    expect(d).toMatchObject({
      platformId: 'P-0001',
      callCode: 'AVV-2026-001',
      state: 'to_review',
      household: { id: annaHousehold.id, incomplete: false },
      isbar: 12.5,
    });
    expect(d.choices).toEqual([expect.objectContaining({ code: 'AVV-CIN-0001', adequate: true })]);
    const outcome = (code: string) => d.checks.find((c) => c.code === code)?.outcome;
    expect(outcome('isee')).toBe('met');
    expect(outcome('citizenship')).toBe('met');
    expect(outcome('assets')).toBe('missing_information');
    expect(outcome('no_illegal_occupation')).toBe('missing_information');
    expect(d.checks.every((c) => c.source.startsWith('R.R.') || c.source.startsWith('L.R.'))).toBe(true);
    expect(d.verdict.code).toBe('missing_information');
    const reads = await k()
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', a1.id)
      .where('action', '=', 'read')
      .execute();
    expect(reads.map((r) => r.household_id)).toEqual([annaHousehold.id]);

    const a2 = (await (
      await erp.request('GET', `/api/applications/${(await appByPlatformId('P-0002')).id}`)
    ).json()) as ApplicationDetail;
    expect(a2.members).toHaveLength(4);
    expect(a2.checks.find((c) => c.code === 'indigence')).toMatchObject({ outcome: 'met' });
    // Invalidity 75%: the units of the choices are not declared accessible.
    expect(a2.choices.every((c) => c.accessibilityCheck)).toBe(true);
    const a3 = (await (
      await erp.request('GET', `/api/applications/${(await appByPlatformId('P-0003')).id}`)
    ).json()) as ApplicationDetail;
    // A file the import opened is to complete: citizenship is not known yet.
    expect(a3.household.incomplete).toBe(true);
    expect(a3.checks.find((c) => c.code === 'citizenship')?.outcome).toBe('missing_information');
  });

  it('keeps every review decision with who and when; the latest is in force', async () => {
    const a1 = await appByPlatformId('P-0001');
    const missing = await erp.request('POST', `/api/applications/${a1.id}/review`, { decision: 'admitted' });
    expect(missing.statusCode).toBe(400);
    expect(
      (missing.json() as { error: { details: { path: string; message: string }[] } }).error.details,
    ).toContainEqual(expect.objectContaining({ path: 'reason', message: 'Motivazione: campo obbligatorio.' }));
    const blank = await erp.request('POST', `/api/applications/${a1.id}/review`, {
      decision: 'admitted',
      reason: '  ',
    });
    expect(blank.statusCode).toBe(400);
    const admitted = await erp.request('POST', `/api/applications/${a1.id}/review`, {
      decision: 'admitted',
      reason: 'Requisiti verificati sui documenti presentati.',
    });
    expect(admitted.statusCode).toBe(201);
    expect((admitted.json() as ApplicationDetail).state).toBe('admitted');
    const boss = await t.login('dirigente');
    const excluded = await boss.request('POST', `/api/applications/${a1.id}/review`, {
      decision: 'excluded',
      reason: 'Proprietà di un alloggio adeguato accertata dal catasto.',
    });
    const d = excluded.json() as ApplicationDetail;
    expect(d.state).toBe('excluded');
    expect(d.reviews.map((r) => [r.decision, r.decidedByName, r.inForce])).toEqual([
      ['excluded', 'Utente dirigente', true],
      ['admitted', 'Utente erp', false],
    ]);
    const rows = await k().selectFrom('application_reviews').selectAll().where('application_id', '=', a1.id).execute();
    expect(rows).toHaveLength(2);
    expect(JSON.parse(rows[0]?.checks ?? '{}')).toHaveProperty('checks');
    // Append-only: the database refuses to change or delete a decision.
    await expect(
      k().updateTable('application_reviews').set({ reason: 'altro' }).where('application_id', '=', a1.id).execute(),
    ).rejects.toThrow();
    await expect(k().deleteFrom('application_reviews').where('application_id', '=', a1.id).execute()).rejects.toThrow();
    const events = await k()
      .selectFrom('timeline_events')
      .selectAll()
      .where('household_id', '=', a1.household_id)
      .where('kind', '=', 'application_reviewed')
      .execute();
    expect(events).toHaveLength(2);
    const reviews = await k()
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', a1.id)
      .where('action', '=', 'review')
      .execute();
    expect(reviews.map((r) => r.household_id)).toEqual([a1.household_id, a1.household_id]);
    const list = (await (await erp.request('GET', `/api/calls/${call.id}/applications?state=excluded`)).json()) as {
      items: { platformId: string }[];
      counts: Record<string, number>;
    };
    expect(list.items.map((i) => i.platformId)).toEqual(['P-0001']);
    expect(list.counts).toEqual({ to_review: 3, admitted: 0, excluded: 1 });
  });

  it('takes an application at the front desk with the same checks as the file', async () => {
    const desk = await t.login('sportello');
    const entry = ENTRY;
    const inadequate = await desk.request('POST', `/api/calls/${call.id}/applications`, {
      ...entry,
      membersCount: 3,
    });
    expect(inadequate.statusCode).toBe(400);
    expect((inadequate.json() as { error: { details: { path: string }[] } }).error.details[0]?.path).toBe('choice1');
    const wrongHousehold = await desk.request('POST', `/api/calls/${call.id}/applications`, {
      ...entry,
      householdId: (await appByPlatformId('P-0002')).household_id,
    });
    expect(wrongHousehold.statusCode).toBe(400);
    expect((wrongHousehold.json() as { error: { details: { path: string }[] } }).error.details[0]?.path).toBe(
      'householdId',
    );
    const ok = await desk.request('POST', `/api/calls/${call.id}/applications`, entry);
    expect(ok.statusCode).toBe(201);
    const d = ok.json() as ApplicationDetail;
    expect(d).toMatchObject({ source: 'front_desk', platformId: 'SP-0001', isbar: 10.4 });
    // Mario is the applicant of the file where Anna is a member.
    const mario = await k().selectFrom('members').select('household_id').where('fiscal_code', '=', MARIO).execute();
    expect(mario.map((m) => m.household_id)).toEqual([d.household.id]);
    expect(d.submittedAt).toBe('2026-10-20T09:30:00.000Z');
    const again = await desk.request('POST', `/api/calls/${call.id}/applications`, entry);
    expect(again.statusCode).toBe(409);
    const events = await k()
      .selectFrom('timeline_events')
      .select('title')
      .where('household_id', '=', d.household.id)
      .where('kind', '=', 'application_entered')
      .execute();
    expect(events.map((e) => e.title)).toEqual([
      'Domanda SP-0001 all’avviso AVV-2026-001 registrata allo sportello (ISBAR 10,40)',
    ]);
    // A desk limited to Bresso cannot open a file in Cinisello.
    const bresso = await t.login('sportello_bresso');
    const outside = await bresso.request('POST', `/api/calls/${call.id}/applications`, {
      ...entry,
      platformId: 'SP-0002',
      fiscalCode: cf(11),
    });
    expect(outside.statusCode).toBe(403);
  });

  it('refuses a unit chosen by an application to be taken out of the call', async () => {
    const res = await erp.request('DELETE', `/api/calls/${call.id}/units/${chosenUnitId}`);
    expect(res.statusCode).toBe(409);
  });

  it('lets the front desk and social workers read but not import or review; refuses partners and observers', async () => {
    const a2 = await appByPlatformId('P-0002');
    const desk = await t.login('sportello');
    expect((await desk.request('GET', `/api/applications/${a2.id}`)).statusCode).toBe(200);
    expect((await desk.request('POST', importUrl(true), importBody(applicationsCsv([A1])))).statusCode).toBe(403);
    expect(
      (await desk.request('POST', `/api/applications/${a2.id}/review`, { decision: 'admitted', reason: 'ok' }))
        .statusCode,
    ).toBe(403);
    const social = await t.login('sociale');
    expect((await social.request('GET', `/api/calls/${call.id}/applications`)).statusCode).toBe(200);
    for (const username of ['partner', 'osservatore']) {
      const s = await t.login(username);
      expect((await s.request('GET', `/api/calls/${call.id}/applications`)).statusCode).toBe(403);
      expect((await s.request('GET', `/api/applications/${a2.id}`)).statusCode).toBe(403);
      expect((await s.request('POST', importUrl(true), importBody(applicationsCsv([A1])))).statusCode).toBe(403);
      expect(
        (await s.request('POST', `/api/applications/${a2.id}/review`, { decision: 'admitted', reason: 'ok' }))
          .statusCode,
      ).toBe(403);
      const entry = { ...ENTRY, platformId: `X-${username}`, fiscalCode: cf(10) };
      expect((await s.request('POST', `/api/calls/${call.id}/applications`, entry)).statusCode).toBe(403);
    }
    const denied = await k()
      .selectFrom('audit_log')
      .select(['username', 'action', 'household_id'])
      .where('outcome', '=', 'denied')
      .where('entity_type', '=', 'application')
      .execute();
    const seen = new Set(denied.map((d) => `${d.username}:${d.action}`));
    for (const expected of [
      'sportello:import',
      'sportello:review',
      'partner:search',
      'partner:read',
      'partner:import',
      'partner:review',
      'osservatore:search',
      'osservatore:read',
      'osservatore:import',
      'osservatore:review',
      'partner:create',
      'osservatore:create',
    ]) {
      expect(seen.has(expected), expected).toBe(true);
    }
    expect(
      denied
        .filter((d) => d.action === 'read' && d.username === 'partner')
        .every((d) => d.household_id === a2.household_id),
    ).toBe(true);
  });
});

describe.each(testDialects())('the documented example files on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it('imports docs/formats/example-applications.csv with its members file into a call offering the example units', async () => {
    const erp = await t.login('erp');
    const call = (await (
      await erp.request('POST', '/api/calls', {
        name: 'Avviso di esempio',
        opensOn: '2026-10-01',
        closesOn: '2026-11-10',
      })
    ).json()) as CallDetail;
    const units = await erp.request(
      'POST',
      `/api/units/import?callId=${call.id}&fileName=example-units.csv`,
      fs.readFileSync(path.join(DOCS, 'example-units.csv')),
      { 'content-type': 'text/csv' },
    );
    expect(units.statusCode).toBeLessThan(300);
    const report = (await (
      await erp.request(
        'POST',
        `/api/calls/${call.id}/applications/import`,
        importBody(
          fs.readFileSync(path.join(DOCS, 'example-applications.csv'), 'utf8'),
          fs.readFileSync(path.join(DOCS, 'example-application-members.csv'), 'utf8'),
        ),
      )
    ).json()) as ImportReport;
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, imported: true, created: 6, householdsCreated: 6 });
  });
});
