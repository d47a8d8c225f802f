import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/app.js';
import { testDialects } from '../../../../test/db.js';
import { COMUNI } from '../../../../test/fixtures.js';
import type { RequestContext } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { importUnits } from './units.actions.js';

const HEADER =
  'id_alloggio;ente_proprietario;comune;indirizzo;superficie_mq;vani;piano;ascensore;accessibile;stato;riserva';

function csv(...rows: string[]): string {
  return `${[HEADER, ...rows].join('\r\n')}\r\n`;
}

const FIRST_FILE = csv(
  'TST-0001;Comune di Cinisello Balsamo;Cinisello Balsamo;Via Frova 12;45,50;2;1;S;N;disponibile;',
  'TST-0002;ALER Milano;Bresso;Via Vittorio Veneto, 3/B;62.00;3;T;N;S;lavori;anziani',
  'TST-0003;aler milano ; CORMANO ;Piazza Scurati;38;2;4;S;S;non_assegnabile;',
  'TST-0004;Comune di Cusano Milanino;Cusano Milanino;Viale Matteotti 20;75,8;4;2;N;N;disponibile;',
);

interface Report {
  dryRun: boolean;
  alreadyImported: boolean;
  importId: string | null;
  created: number;
  updated: number;
  unchanged: number;
  stateChanges: number;
  linkedToCall: number;
  problems: { line: number; column: string | null; value: string | null; code: string; message: string }[];
  message: string;
}
interface Detail {
  id: string;
  code: string;
  state: string;
  floorAreaDm2: number;
  address: string;
  addressStreet: string;
  addressNumber: string | null;
  worksCostCents: number | null;
  history: { state: string; source: string; reason: string; worksCostCents: number | null; changedByName: string }[];
  calls: { code: string }[];
}
interface ErrorResponse {
  error: { code: string; message: string; details: { path: string; code: string; message: string }[] };
}

describe.each(testDialects())('housing stock on %s', (dialect) => {
  let t: TestApp;
  let erp: Session;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    erp = await t.login('erp');
  });
  afterAll(async () => {
    await t.close();
  });

  const k = () => t.testDb.db.kysely;
  async function count(table: 'units' | 'unit_state_changes' | 'file_imports' | 'audit_log' | 'call_units') {
    const row = await k()
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
  async function counts() {
    return {
      units: await count('units'),
      changes: await count('unit_state_changes'),
      imports: await count('file_imports'),
      audit: await count('audit_log'),
    };
  }
  function upload(s: Session, body: string, query = '') {
    return s.request('POST', `/api/units/import?fileName=alloggi.csv${query}`, body, { 'content-type': 'text/csv' });
  }
  async function unitId(code: string): Promise<string> {
    return (await k().selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  }

  it('imports a valid file: units, their first state in the history, the file and an audit row', async () => {
    const dry = await upload(erp, FIRST_FILE, '&dryRun=1');
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, created: 4, updated: 0, problems: [], importId: null });
    expect(await count('units')).toBe(0);

    const res = await upload(erp, `\uFEFF${FIRST_FILE}`);
    expect(res.statusCode, res.body).toBe(201);
    const report = res.json() as Report;
    expect(report).toMatchObject({ dryRun: false, alreadyImported: false, created: 4, updated: 0, unchanged: 0 });
    expect(report.message).toContain('4 alloggi nuovi');

    const units = await k().selectFrom('units').selectAll().orderBy('code').execute();
    expect(units.map((u) => [u.code, u.state, u.floor_area_dm2, u.programme])).toEqual([
      ['TST-0001', 'available', 4550, 'sap'],
      ['TST-0002', 'works_needed', 6200, 'sap'],
      ['TST-0003', 'not_assignable', 3800, 'sap'],
      ['TST-0004', 'available', 7580, 'sap'],
    ]);
    expect(units[1]).toMatchObject({
      owner_id: 'owner-aler',
      comune_id: COMUNI.bresso,
      address_street: 'Via Vittorio Veneto',
      address_number: '3/B',
      floor: 0,
      has_lift: 0,
      accessible: 1,
      reserve_category: 'anziani',
    });
    expect(units[2]).toMatchObject({ owner_id: 'owner-aler', comune_id: COMUNI.cormano, address_number: null });
    expect(await count('unit_state_changes')).toBe(4);
    const imports = await k().selectFrom('file_imports').selectAll().execute();
    expect(imports).toHaveLength(1);
    expect(imports[0]).toMatchObject({ kind: 'units', call_key: '', file_name: 'alloggi.csv', rows_count: 4 });
    const audit = await k().selectFrom('audit_log').selectAll().where('action', '=', 'import').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_type: 'unit_import', entity_id: report.importId, username: 'erp' });
  });

  it('re-importing the same file changes nothing and says so', async () => {
    const before = await counts();
    const res = await upload(erp, `\uFEFF${FIRST_FILE}`);
    expect(res.statusCode).toBe(200);
    const report = res.json() as Report;
    expect(report.alreadyImported).toBe(true);
    expect(report.created + report.updated).toBe(0);
    expect(report.message).toMatch(/già stato importato.*nessuna modifica/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a file with bad rows with a 400 that lists every problem, and writes nothing', async () => {
    const bad = csv(
      'TST-0101;ALER Roma;Bresso;Via Roma 1;45;2;1;S;N;disponibile;',
      'TST-0102;Comune di Bresso;Cormano;Via Roma 2;45;2;1;S;N;disponibile;',
      'TST-0103;ALER Milano;Bresso;Via Roma 3;quarantacinque;2;1;S;N;disponibile;',
      'TST-0104;ALER Milano;Bresso;Via Roma 4;1000;2;1;S;N;disponibile;',
      'TST-0105;ALER Milano;Bresso;Via Roma 5;45;2,5;primo;S;N;disponibile;',
      'TST-0106;ALER Milano;Bresso;Via Roma 6;45;2;1;X;N;occupato;',
      'TST-0101;ALER Milano;Milano;Via Roma 7;45;2;1;S;N;disponibile;',
      'TST-0108;ALER Milano;Bresso;Via Roma 8;45;2;1;S;N;disponibile;',
    );
    const before = await counts();
    const res = await upload(erp, bad);
    expect(res.statusCode).toBe(400);
    const body = res.json() as ErrorResponse;
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toBe('Il file contiene 10 errori: nessun alloggio è stato importato.');
    expect(body.error.details.map((d) => `${d.path}:${d.code}`)).toEqual(
      [
        'rows.2.ente_proprietario:owner_unknown',
        'rows.3.comune:comune_not_owner',
        'rows.4.superficie_mq:area_not_number',
        'rows.5.superficie_mq:area_implausible',
        'rows.6.vani:rooms_not_integer',
        'rows.6.piano:floor_not_integer',
        'rows.7.ascensore:yes_no_invalid',
        'rows.7.stato:state_unknown',
        'rows.8.id_alloggio:code_duplicate',
        // Row 8 has two problems: its Comune is unknown too.
        'rows.8.comune:comune_unknown',
      ].sort(byLineThenColumnOrder),
    );
    expect(body.error.details[2]?.message).toBe(
      'Riga 4, colonna superficie_mq («quarantacinque»): La superficie non è un numero: scrivere ad esempio 45,50.',
    );
    expect(await counts()).toEqual(before);

    const dry = await upload(erp, bad, '&dryRun=1');
    expect(dry.statusCode).toBe(200);
    const report = dry.json() as Report;
    expect(report.problems).toHaveLength(10);
    expect(report.problems[0]).toMatchObject({ line: 2, column: 'ente_proprietario', value: 'ALER Roma' });
    expect(await counts()).toEqual(before);
  });

  it('accepts the documented example file (dry run)', async () => {
    const example = fs.readFileSync(new URL('../../../../docs/formats/example-units.csv', import.meta.url), 'utf8');
    const res = await upload(erp, example, '&dryRun=1');
    expect(res.json()).toMatchObject({ problems: [], created: 10, updated: 0 });
  });

  it('refuses a file with a wrong header, or that is not CSV', async () => {
    const res = await upload(erp, 'codice;comune\nX;Bresso\n');
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorResponse).error.details[0]?.message).toMatch(
      /Intestazione non valida.*colonne mancanti/,
    );
    const json = await erp.request('POST', '/api/units/import', { a: 1 });
    expect(json.statusCode).toBe(400);
    // The text/csv parser belongs to the units routes only.
    const elsewhere = await erp.request('POST', '/api/households', 'a;b', { 'content-type': 'text/csv' });
    expect(elsewhere.statusCode).toBe(415);
  });

  it('a new file updates the units it names, records a state change, and creates the new ones; a dry run writes nothing', async () => {
    const second = csv(
      'TST-0001;Comune di Cinisello Balsamo;Cinisello Balsamo;Via Frova 12;45,50;2;1;S;N;lavori;',
      'TST-0002;ALER Milano;Bresso;Via Vittorio Veneto, 3/B;62.00;3;T;N;S;lavori;anziani',
      'TST-0003;ALER Milano;Cormano;Piazza Scurati;38,2;2;4;S;S;non_assegnabile;',
      'TST-0005;ALER Milano;Cusano Milanino;Via Azalee 7;52;3;3;S;N;disponibile;',
    );
    const before = await counts();
    const dry = await upload(erp, second, '&dryRun=1');
    expect(dry.json()).toMatchObject({ created: 1, updated: 2, unchanged: 1, stateChanges: 1, problems: [] });
    expect(await counts()).toEqual(before);

    const res = await upload(erp, second);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ created: 1, updated: 2, unchanged: 1, stateChanges: 1 });
    const detail = (await erp.request('GET', `/api/units/${await unitId('TST-0001')}`)).json() as Detail;
    expect(detail.state).toBe('works_needed');
    expect(detail.history.map((h) => [h.state, h.source])).toEqual([
      ['works_needed', 'import'],
      ['available', 'import'],
    ]);
    expect(detail.history[0]?.reason).toContain('riga 2');
    const area = (await erp.request('GET', `/api/units/${await unitId('TST-0003')}`)).json() as Detail;
    expect(area.floorAreaDm2).toBe(3820);
    expect(area.history).toHaveLength(1);
    expect(await count('unit_state_changes')).toBe(before.changes + 2);
  });

  it('lists the stock with filters and pagination', async () => {
    const list = async (query: string) => {
      const res = await erp.request('GET', `/api/units${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { total: number; items: { code: string; comuneName: string; ownerName: string }[] };
    };
    expect((await list('')).total).toBe(5);
    expect((await list(`?comuneId=${COMUNI.bresso}`)).items.map((i) => i.code)).toEqual(['TST-0002']);
    expect((await list('?ownerId=owner-aler')).total).toBe(3);
    expect((await list('?state=works_needed')).items.map((i) => i.code).sort()).toEqual(['TST-0001', 'TST-0002']);
    expect((await list('?accessible=true')).items.map((i) => i.code).sort()).toEqual(['TST-0002', 'TST-0003']);
    expect((await list('?minAreaM2=45.5&maxAreaM2=62')).items.map((i) => i.code).sort()).toEqual([
      'TST-0001',
      'TST-0002',
      'TST-0005',
    ]);
    expect((await list('?q=frova')).items.map((i) => i.code)).toEqual(['TST-0001']);
    expect((await list('?q=tst-0004')).items[0]).toMatchObject({ comuneName: 'Cusano Milanino' });
    expect((await list('?programme=por')).total).toBe(0);
    const page2 = await list('?limit=2&offset=2');
    expect(page2.total).toBe(5);
    expect(page2.items).toHaveLength(2);
    const bad = await erp.request('GET', '/api/units?state=occupato&minAreaM2=-1');
    expect(bad.statusCode).toBe(400);
    expect((await erp.request('GET', '/api/units/no-such-unit')).statusCode).toBe(404);
  });

  it('changes a state: history appended, the state column follows, works cost required, audited', async () => {
    const id = await unitId('TST-0004');
    const missingCost = await erp.request('POST', `/api/units/${id}/state`, {
      state: 'works_needed',
      reason: 'Infiltrazioni dal tetto',
    });
    expect(missingCost.statusCode).toBe(400);
    expect((missingCost.json() as ErrorResponse).error.details.map((d) => d.path)).toEqual(['worksCostCents']);

    const res = await erp.request('POST', `/api/units/${id}/state`, {
      state: 'works_needed',
      worksCostCents: 6_500_00,
      reason: 'Infiltrazioni dal tetto',
      fromState: 'available',
    });
    expect(res.statusCode, res.body).toBe(201);
    const detail = res.json() as Detail;
    expect(detail).toMatchObject({ state: 'works_needed', worksCostCents: 6_500_00 });
    expect(detail.history[0]).toMatchObject({
      state: 'works_needed',
      worksCostCents: 6_500_00,
      source: 'manual',
      reason: 'Infiltrazioni dal tetto',
      changedByName: 'Utente erp',
    });
    expect(detail.history).toHaveLength(2);
    const row = await k()
      .selectFrom('units')
      .select(['state', 'works_cost_cents'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect([row.state, Number(row.works_cost_cents)]).toEqual(['works_needed', 6_500_00]);

    // Someone saw the old state: refused, not overwritten.
    const stale = await erp.request('POST', `/api/units/${id}/state`, {
      state: 'not_assignable',
      reason: 'Prova',
      fromState: 'available',
    });
    expect(stale.statusCode).toBe(409);
    const same = await erp.request('POST', `/api/units/${id}/state`, {
      state: 'works_needed',
      worksCostCents: 6_500_00,
      reason: 'Di nuovo',
    });
    expect(same.statusCode).toBe(400);

    const back = await erp.request('POST', `/api/units/${id}/state`, { state: 'available', reason: 'Lavori finiti' });
    expect(back.statusCode).toBe(201);
    expect((back.json() as Detail).worksCostCents).toBeNull();
    const audit = await k()
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', id)
      .where('action', '=', 'change_state')
      .execute();
    expect(audit.map((a) => a.outcome)).toEqual(['ok', 'ok']);
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({ from: 'available', to: 'works_needed' });
  });

  it('lets front desk and social workers read the stock; refuses changes to them and everything to partners and observers, audited', async () => {
    const id = await unitId('TST-0001');
    for (const username of ['sportello', 'sociale']) {
      const s = await t.login(username);
      expect((await s.request('GET', '/api/units')).statusCode, username).toBe(200);
      expect((await s.request('GET', `/api/units/${id}`)).statusCode, username).toBe(200);
    }
    const before = await count('unit_state_changes');
    for (const username of ['sportello', 'partner', 'osservatore']) {
      const s = await t.login(username);
      const change = await s.request('POST', `/api/units/${id}/state`, { state: 'available', reason: 'Prova' });
      expect(change.statusCode, username).toBe(403);
      expect((await upload(s, FIRST_FILE)).statusCode, username).toBe(403);
    }
    for (const username of ['partner', 'osservatore']) {
      const s = await t.login(username);
      expect((await s.request('GET', '/api/units')).statusCode, username).toBe(403);
      expect((await s.request('GET', `/api/units/${id}`)).statusCode, username).toBe(403);
    }
    expect(await count('unit_state_changes')).toBe(before);
    const denied = await k()
      .selectFrom('audit_log')
      .select(['username', 'action'])
      .where('outcome', '=', 'denied')
      .where('entity_type', '=', 'unit')
      .execute();
    const seen = new Set(denied.map((d) => `${d.username}:${d.action}`));
    for (const expected of [
      'sportello:change_state',
      'sportello:import',
      'partner:change_state',
      'partner:import',
      'partner:search',
      'partner:read',
      'osservatore:change_state',
      'osservatore:import',
      'osservatore:search',
      'osservatore:read',
    ]) {
      expect(seen.has(expected), expected).toBe(true);
    }
    const anonymous = await t.app.fastify.inject({ method: 'GET', url: '/api/units' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('offers the units of a file in a call, idempotently, by the call id or its code', async () => {
    const at = t.clock.now.toISOString();
    await k()
      .insertInto('calls')
      .values({
        id: 'call-test',
        code: 'AVV-2026-01',
        ambito_id: 'ambito-cinisello',
        name: 'Avviso SAP 2026',
        kind: 'ordinary',
        programme: 'sap',
        opens_on: '2026-12-01',
        closes_on: '2027-01-15',
        scoring: 'isbar',
        scheme_code: null,
        scheme_version: null,
        indigent_percent: 20,
        tie_break_keys: '[]',
        draw_seed: 1,
        refusal_policy: 'default',
        created_at: at,
        created_by: null,
      })
      .execute();
    const unknown = await upload(erp, FIRST_FILE, '&callId=AVV-1999-99');
    expect(unknown.statusCode).toBe(400);
    expect((unknown.json() as ErrorResponse).error.details[0]?.code).toBe('unknown_call');

    // The same file as the first import: the stock does not change, the units join the call.
    const res = await upload(erp, FIRST_FILE, '&callId=AVV-2026-01');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ created: 0, linkedToCall: 4, call: { id: 'call-test', code: 'AVV-2026-01' } });
    expect(await count('call_units')).toBe(4);

    // The command line's use case, by id, with a file that adds a unit: only the new one joins the call.
    // (The call's import above put TST-0001 back to available, as the first file says.)
    const ctx: RequestContext = {
      actor: {
        userId: 'system',
        username: 'system',
        displayName: 'CLI',
        role: 'admin',
        partnerId: null,
        comuneIds: [],
      },
      requestId: 'test',
      ip: 'cli',
      method: 'CLI',
      path: 'sap import-units',
      now: t.clock.now,
    };
    const file = csv(
      'TST-0001;Comune di Cinisello Balsamo;Cinisello Balsamo;Via Frova 12;45,50;2;1;S;N;lavori;',
      'TST-0006;Comune di Bresso;Bresso;Via Centrale 1;30;1;0;N;S;disponibile;',
    );
    const progress: number[] = [];
    const report = await importUnits(k(), ctx, Buffer.from(file), {
      fileName: 'cli.csv',
      callId: 'call-test',
      onProgress: (done) => progress.push(done),
    });
    expect(report).toMatchObject({ created: 1, updated: 1, stateChanges: 1, linkedToCall: 1 });
    expect(progress.at(-1)).toBe(2);
    const again = await importUnits(k(), ctx, Buffer.from(file), { fileName: 'cli.csv', callId: 'AVV-2026-01' });
    expect(again.alreadyImported).toBe(true);
    expect(await count('call_units')).toBe(5);
    const detail = (await erp.request('GET', `/api/units/${await unitId('TST-0006')}`)).json() as Detail;
    expect(detail.calls.map((c) => c.code)).toEqual(['AVV-2026-01']);

    await expect(
      importUnits(k(), ctx, Buffer.from(file), { fileName: 'cli.csv', callId: 'nessuno' }),
    ).rejects.toBeInstanceOf(AppError);
  });
});

const COLUMNS = HEADER.split(';');
function byLineThenColumnOrder(a: string, b: string): number {
  const [, la = '0', ca = ''] = /^rows\.(\d+)\.([^:]+)/.exec(a) ?? [];
  const [, lb = '0', cb = ''] = /^rows\.(\d+)\.([^:]+)/.exec(b) ?? [];
  return Number(la) - Number(lb) || COLUMNS.indexOf(ca) - COLUMNS.indexOf(cb);
}
