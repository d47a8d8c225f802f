// A small SAP call built through the HTTP API, as an office would: create the call, import its
// units and the platform's applications, admit them. No test-only routes: the e2e server runs in
// another process, so everything goes through the API of the calls, units and applications.
import type { APIRequestContext } from 'playwright-core';
import { syntheticFiscalCode } from '../builders.js';
import { TEST_PASSWORD } from '../fixtures.js';

export interface SeededCall {
  readonly id: string;
  readonly code: string;
  readonly opensOn: string;
  readonly closesOn: string;
  readonly unitCodes: readonly string[];
  /** Internal application ids by platform id. */
  readonly applicationIds: ReadonlyMap<string, string>;
}

/** 'YYYY-MM-DD' of today plus `days` (UTC; the e2e project runs with TZ=UTC). */
export function isoDay(days: number, from = new Date()): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

async function expectOk(response: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<unknown> {
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok()) {
    throw new Error(`${what}: HTTP ${response.status()} ${JSON.stringify(body)}`);
  }
  return body;
}

/** Signs the request context in (its cookies are the browser context's) and returns the CSRF token. */
export async function apiLogin(
  request: APIRequestContext,
  baseUrl: string,
  username: string,
  password = TEST_PASSWORD,
): Promise<string> {
  const body = (await expectOk(
    await request.post(`${baseUrl}/api/auth/login`, { data: { username, password } }),
    'login',
  )) as { csrfToken: string };
  return body.csrfToken;
}

const SURNAMES = ['RSS', 'BNC', 'VRD', 'GLL', 'NRE', 'CLM'];
const LAST_NAMES = ['Rossi', 'Bianchi', 'Verdi', 'Galli', 'Neri', 'Colombo'];

/**
 * A call of the Comune di Cinisello Balsamo that opened `openedDaysAgo` and closed `closedDaysAgo`,
 * with three units of 45 m² and four admitted applications of two members each (one indigent).
 */
export async function seedSapCall(
  request: APIRequestContext,
  baseUrl: string,
  csrf: string,
  opts: { readonly name: string; readonly openedDaysAgo: number; readonly closedDaysAgo: number },
): Promise<SeededCall> {
  const headers = { 'x-csrf-token': csrf };
  const opensOn = isoDay(-opts.openedDaysAgo);
  const closesOn = isoDay(-opts.closedDaysAgo);
  const call = (await expectOk(
    await request.post(`${baseUrl}/api/calls`, { headers, data: { name: opts.name, opensOn, closesOn } }),
    'create call',
  )) as { id: string; code: string };

  // Unit codes are unique in the stock, which every e2e test shares.
  const tag = call.code.replace(/[^A-Z0-9]/gi, '');
  const unitCodes = [1, 2, 3].map((n) => `E2E-${tag}-${n}`);
  const unitsCsv = [
    'id_alloggio;ente_proprietario;comune;indirizzo;superficie_mq;vani;piano;ascensore;accessibile;stato;riserva',
    ...unitCodes.map(
      (code, i) =>
        `${code};Comune di Cinisello Balsamo;Cinisello Balsamo;Via Frova ${i + 10};45,00;2;1;S;N;disponibile;`,
    ),
  ].join('\n');
  await expectOk(
    await request.post(`${baseUrl}/api/units/import?callId=${encodeURIComponent(call.id)}&fileName=alloggi-e2e.csv`, {
      headers: { ...headers, 'content-type': 'text/csv' },
      data: unitsCsv,
    }),
    'import units',
  );

  const submitted = `${isoDay(-opts.openedDaysAgo + 2)}T10:00:00`;
  const rows = [0, 1, 2, 3].map((i) => {
    const platformId = `${tag}-D${i + 1}`;
    const fiscalCode = syntheticFiscalCode({
      surname3: SURNAMES[i] ?? 'RSS',
      name3: 'MRA',
      birthDate: `19${70 + i}-0${i + 1}-1${i}`,
      sex: 'M',
    });
    const choices = [unitCodes[i % 3] ?? '', unitCodes[(i + 1) % 3] ?? ''];
    return [
      platformId,
      `PROT-${platformId}`,
      submitted,
      fiscalCode,
      LAST_NAMES[i] ?? 'Rossi',
      'Mario',
      'Cinisello Balsamo',
      '',
      '2',
      // The indigent applicant's ISEE stays within the indigence threshold (3,000 €, RR art. 13).
      i === 3 ? '2500,00' : `${8000 + i * 500},00`,
      `${(30 - i * 2.5).toFixed(1).replace('.', ',')}`,
      i === 3 ? 'S' : 'N',
      '',
      '',
      choices[0],
      choices[1],
    ].join(';');
  });
  const applicationsCsv = [
    'id_domanda;protocollo;data_presentazione;codice_fiscale;cognome;nome;comune_residenza;comune_lavoro;componenti;isee;isbar;indigente;categorie;invalidita;alloggio_1;alloggio_2',
    ...rows,
  ].join('\n');
  const report = (await expectOk(
    await request.post(`${baseUrl}/api/calls/${encodeURIComponent(call.id)}/applications/import?fileName=domande.csv`, {
      headers: { ...headers, 'content-type': 'text/csv' },
      data: applicationsCsv,
    }),
    'import applications',
  )) as { imported: boolean; problems: unknown[] };
  if (!report.imported) throw new Error(`import applications: ${JSON.stringify(report.problems)}`);

  const list = (await expectOk(
    await request.get(`${baseUrl}/api/calls/${encodeURIComponent(call.id)}/applications?limit=200`),
    'list applications',
  )) as { items: { id: string; platformId: string }[] };
  const applicationIds = new Map(list.items.map((a) => [a.platformId, a.id]));
  for (const a of list.items) {
    await expectOk(
      await request.post(`${baseUrl}/api/applications/${encodeURIComponent(a.id)}/review`, {
        headers,
        data: { decision: 'admitted', reason: 'Requisiti verificati sui documenti allegati.' },
      }),
      `review ${a.platformId}`,
    );
  }
  return { id: call.id, code: call.code, opensOn, closesOn, unitCodes, applicationIds };
}
