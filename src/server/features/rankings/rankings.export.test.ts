import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/app.js';
import { testDialects } from '../../../../test/db.js';
import { seedSapCall, type SapApplicationSpec } from '../../../../test/sap-builders.js';
import { publicationData } from './rankings.actions.js';
import { rankingCsv, rankingCsvStream, rankingPdf, rankingPdfStream } from './rankings.export.js';

/** The CSV as it was built from the whole ranking in memory: the streamed one must be byte for byte the same. */
async function referenceCsv(t: TestApp, callId: string): Promise<string> {
  const data = await publicationData(t.testDb.db.kysely, callId);
  const cell = (v: string) => (/[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = ['ente_proprietario;comune;stato;posizione;id_domanda;isbar;indigente;alloggio_1;alloggio_2'];
  for (const e of data.entries) {
    lines.push(
      [
        e.owner,
        e.comune,
        data.state,
        String(e.position),
        e.applicationId,
        e.isbar.toLocaleString('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 3, useGrouping: false }),
        e.indigent ? 'S' : 'N',
        e.unitIds[0] ?? '',
        e.unitIds[1] ?? '',
      ]
        .map(cell)
        .join(';'),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe.each(testDialects())('publication of a ranking as streams on %s', (dialect) => {
  let t: TestApp;
  let erp: Session;
  let callId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const units = [
      { code: 'U-ALER-CIN-1', owner: 'aler' as const, comune: 'cinisello' as const, areaM2: 50 },
      { code: 'U-ALER-BRE-1', owner: 'aler' as const, comune: 'bresso' as const, areaM2: 60 },
      { code: 'U-COM-CIN-1', owner: 'comune' as const, comune: 'cinisello' as const, areaM2: 40 },
    ];
    const applications: SapApplicationSpec[] = Array.from({ length: 37 }, (_, i) => ({
      platformId: `D-${String(i + 1).padStart(3, '0')}`,
      // Scores with up to three decimals, and ties.
      isbar: 10 + ((i * 7) % 23) + (i % 4) * 0.125,
      iseeEuro: 2000 + ((i * 997) % 9000),
      submittedAt: `2026-10-${String(2 + (i % 20)).padStart(2, '0')}T09:00:00Z`,
      members: 1 + (i % 3),
      indigent: i % 5 === 0,
      choices: [units[i % 3]!.code, units[(i + 1) % 3]!.code],
    }));
    callId = (await seedSapCall(t.testDb.db, { opensOn: '2026-10-01', closesOn: '2026-11-20', units, applications }))
      .callId;
    erp = await t.login('erp');
    expect((await erp.request('POST', `/api/calls/${callId}/rankings`, {})).statusCode).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('streams the CSV page by page with the same bytes as the whole ranking in memory', async () => {
    const expected = await referenceCsv(t, callId);
    expect(expected.split('\r\n')).toHaveLength(1 + 2 * 37 + 1);
    const db = t.testDb.db.kysely;
    // Pages of 1, of 5 (a ranking ends inside a page) and of 500 rows (one page per ranking).
    for (const pageRows of [1, 5, 500]) {
      const { stream } = await rankingCsvStream(db, callId, { pageRows });
      expect((await collect(stream)).toString('utf8')).toBe(expected);
    }
    expect((await rankingCsv(db, callId)).text).toBe(expected);
    const res = await erp.request('GET', `/api/calls/${callId}/rankings/publication.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(expected);
  });

  it('streams the PDF whatever the page size of the reads, and answers errors before streaming', async () => {
    const db = t.testDb.db.kysely;
    const small = await collect((await rankingPdfStream(db, callId, { pageRows: 3 })).stream);
    const whole = (await rankingPdf(db, callId)).pdf;
    const pages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\n/g)?.length;
    expect(pages(small)).toBe(pages(whole));
    expect(small.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(small.toString('latin1')).not.toMatch(/Cognome|Bench/);
    const res = await erp.request('GET', `/api/calls/${callId}/rankings/publication.pdf`);
    expect(res.statusCode).toBe(200);
    expect(pages(res.rawPayload)).toBe(pages(whole));
    const missing = await erp.request(
      'GET',
      `/api/calls/01900000-0000-7000-8000-000000000000/rankings/publication.pdf`,
    );
    expect(missing.statusCode).toBe(404);
  });
});
