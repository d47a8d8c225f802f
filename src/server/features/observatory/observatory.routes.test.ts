import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/app.js';
import { insertHousehold } from '../../../../test/communications-fixtures.js';
import { testDialects } from '../../../../test/db.js';
import { seedSapCall } from '../../../../test/sap-builders.js';
import { syntheticFiscalCode } from '../../../../test/builders.js';
import type { Dashboard } from '../../../shared/observatory.js';

async function readXlsx(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

describe.each(testDialects())('observatory on %s', (dialect) => {
  let t: TestApp;
  let observer: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const applications = Array.from({ length: 7 }, (_, i) => ({
      platformId: `O-${i}`,
      isbar: 10 + i,
      iseeEuro: 5000 + i * 1000,
      submittedAt: `2026-10-0${1 + (i % 5)}T09:00:00Z`,
      members: 2,
      choices: ['U-O-1'],
      residence: (i < 6 ? 'cinisello' : 'bresso') as 'cinisello' | 'bresso',
    }));
    await seedSapCall(t.testDb.db, {
      opensOn: '2026-10-01',
      closesOn: '2026-11-20',
      units: [
        { code: 'U-O-1', owner: 'aler', comune: 'cinisello', areaM2: 50 },
        { code: 'U-O-2', owner: 'comune', comune: 'cinisello', areaM2: 40 },
      ],
      applications,
    });
    for (let i = 0; i < 3; i++) {
      await insertHousehold(t.testDb.db, {
        id: `hh-o-${i}`,
        code: `N-O-${i}`,
        fiscalCode: syntheticFiscalCode({ surname3: 'OSS', name3: 'RVA', birthDate: `197${i}-02-02`, sex: 'F' }),
      });
    }
    observer = await t.login('osservatore');
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets the observer read the observatory and nothing else (403 and an audit row elsewhere)', async () => {
    expect((await observer.request('GET', '/api/observatory/dashboards/demand')).statusCode).toBe(200);
    expect((await observer.request('GET', '/api/households')).statusCode).toBe(403);
    expect((await observer.request('GET', '/api/calls')).statusCode).toBe(403);
    const manager = await t.login('dirigente');
    expect((await manager.request('GET', '/api/observatory/dashboards/supply')).statusCode).toBe(200);
    const desk = await t.login('sportello');
    expect((await desk.request('GET', '/api/observatory/dashboards/demand')).statusCode).toBe(403);
    const denied = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'entity_type'])
      .where('username', '=', 'sportello')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied).toContainEqual({ action: 'read_dashboard', entity_type: 'observatory' });
  });

  it('counts demand per call and Comune, filtered by Comune and year', async () => {
    const res = await observer.request('GET', '/api/observatory/dashboards/demand');
    const d = res.json() as Dashboard;
    const byCall = d.datasets.find((x) => x.id === 'applications-by-call')!;
    expect(byCall.rows.map((r) => [r.comune, r.applications, r.households])).toEqual([
      ['Bresso', 1, 1],
      ['Cinisello Balsamo', 6, 6],
    ]);
    const filtered = (
      await observer.request('GET', '/api/observatory/dashboards/demand?comuneId=comune-bresso&year=2026')
    ).json() as Dashboard;
    expect(filtered.datasets.find((x) => x.id === 'applications-by-call')!.rows).toHaveLength(1);
    const none = (await observer.request('GET', '/api/observatory/dashboards/demand?year=2020')).json() as Dashboard;
    expect(none.datasets.find((x) => x.id === 'applications-by-call')!.rows).toHaveLength(0);
    expect(d.comuni.map((c) => c.id)).toContain('comune-bresso');
  });

  it('shows pre-aggregated figures, rebuilt on demand and by the scheduled job', async () => {
    const before = (await observer.request('GET', '/api/observatory/dashboards/demand')).json() as Dashboard;
    const count = (d: Dashboard) =>
      d.datasets.find((x) => x.id === 'households-followed')!.rows.reduce((s, r) => s + Number(r.households), 0);
    await insertHousehold(t.testDb.db, {
      id: 'hh-o-new',
      code: 'N-O-NEW',
      fiscalCode: syntheticFiscalCode({ surname3: 'NVO', name3: 'NCL', birthDate: '1990-05-05', sex: 'M' }),
    });
    expect(count((await observer.request('GET', '/api/observatory/dashboards/demand')).json() as Dashboard)).toBe(
      count(before),
    );
    t.clock.now = new Date('2026-11-26T09:10:00Z');
    expect((await observer.request('POST', '/api/observatory/refresh', {})).statusCode).toBe(200);
    const after = (await observer.request('GET', '/api/observatory/dashboards/demand')).json() as Dashboard;
    expect(count(after)).toBe(count(before) + 1);
    expect(after.refreshedAt).toBe('2026-11-26T09:10:00.000Z');
  });

  it('shows supply, emergency and measures dashboards on the tables that exist', async () => {
    for (const group of ['supply', 'emergency', 'measures']) {
      const res = await observer.request('GET', `/api/observatory/dashboards/${group}`);
      expect(res.statusCode).toBe(200);
    }
    const supply = (await observer.request('GET', '/api/observatory/dashboards/supply')).json() as Dashboard;
    const stock = supply.datasets.find((x) => x.id === 'stock')!;
    expect(stock.rows).toContainEqual({
      owner: 'ALER Milano',
      comune: 'Cinisello Balsamo',
      state: 'Disponibile',
      units: 1,
    });
    expect((await observer.request('GET', '/api/observatory/dashboards/nothing')).statusCode).toBe(404);
  });

  it('exports a table as CSV, and as open data with cells under 5 households suppressed', async () => {
    const csv = await observer.request('GET', '/api/observatory/datasets/applications-by-call.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Bresso,1,1');
    const open = await observer.request('GET', '/api/observatory/datasets/applications-by-call.csv?open=1');
    expect(open.body).not.toContain('Bresso,1,1');
    expect(open.body).toContain('dato oscurato: meno di 5 nuclei');
    // Cinisello alone would give Bresso away from the year's total: hidden as well (secondary suppression).
    expect(open.body).toContain('Cinisello Balsamo,,,dato oscurato per non rendere ricavabile');
    // The stock counts units, not households: published as it is.
    const stock = await observer.request('GET', '/api/observatory/datasets/stock.csv?open=1');
    expect(stock.body).toContain('ALER Milano,Cinisello Balsamo,Disponibile,1,');
    expect(open.body).not.toMatch(/[A-Z]{6}\d\d[A-Z]\d\d[A-Z]\d{3}[A-Z]/);
  });

  it('exports XLSX: a table, the applications without personal data, the draft offer plan', async () => {
    const table = await observer.request('GET', '/api/observatory/datasets/stock.xlsx');
    expect(table.statusCode).toBe(200);
    const wb = await readXlsx(table.rawPayload);
    expect(wb.worksheets[0]?.getRow(1).getCell(1).value).toBe('Proprietario');
    const micro = await observer.request('GET', '/api/observatory/exports/applications.xlsx');
    const mw = await readXlsx(micro.rawPayload);
    expect(mw.worksheets[0]?.rowCount).toBe(8);
    expect(JSON.stringify(mw.worksheets[0]?.getSheetValues())).not.toContain('Cognome');
    const plan = await observer.request(
      'GET',
      '/api/observatory/offer-plan.xlsx?year=2027&reservePercent=20&satPercent=10',
    );
    expect(plan.statusCode).toBe(200);
    const pw = await readXlsx(plan.rawPayload);
    expect(pw.worksheets.map((w) => w.name)).toEqual(['Alloggi attesi', 'Quote', 'Parametri']);
    const quotas = pw.getWorksheet('Quote')!;
    expect(String(quotas.getRow(2).getCell(1).value)).toContain('Indigenti');
    const tooMuchSat = await observer.request('GET', '/api/observatory/offer-plan.xlsx?year=2027&satPercent=15');
    expect(tooMuchSat.statusCode).toBe(400);
    expect(tooMuchSat.body).toContain('SAT_ABOVE_CAP');
  });
});
