// The retention job across every area (issue 7 item 8): closed files lose every name, fiscal code,
// IBAN and free text in the tables of issues 3–6, the statistics stay the same, and a file with an
// open procedure (eviction, stay, plan, measure application, referral) is not touched.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../../../../test/db.js';
import type { Db } from '../../db/client.js';
import { openDocument, storeDocument } from '../../documents/store.js';
import { loadDemoData } from '../demo/demo.actions.js';
import { beneficiariesByMeasure, fundsByYear, refreshObservatoryCells } from '../observatory/observatory.queries.js';
import { runRetention } from './privacy.actions.js';
import { listColumns } from './privacy.queries.js';
import { suspendAppendOnly } from './retention-areas.queries.js';

const LOADED = new Date('2026-11-26T09:30:00Z');
/** Far enough ahead that every demo row is older than the cut-off: only open procedures keep a file. */
const LATER = new Date('2040-03-01T02:30:00Z');
const PDF = Buffer.from('%PDF-1.4\n% documento di prova\n%%EOF\n');
const year = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v)).slice(0, 4);

/** The aggregates the observatory and the reports read; they must not change. */
async function aggregates(db: Db) {
  const k = db.kysely;
  await refreshObservatoryCells(k, db.dialect, LOADED.toISOString());
  const cells = await k
    .selectFrom('observatory_cells')
    .select(['dataset', 'comune_id', 'year', 'key1', 'key2', 'n1', 'n2', 'n3'])
    .orderBy('dataset')
    .orderBy('comune_id')
    .orderBy('year')
    .orderBy('key1')
    .orderBy('key2')
    .execute();
  const tally = (
    rows: Record<string, unknown>[],
    key: (r: Record<string, unknown>) => string,
    value = (_: Record<string, unknown>) => 1,
  ) => {
    const out: Record<string, number> = {};
    for (const r of rows) out[key(r)] = (out[key(r)] ?? 0) + value(r);
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  };
  const evictions = await k
    .selectFrom('evictions')
    .select(['reported_on', 'motive', 'comune_id', 'status', 'arrears_cents'])
    .execute();
  const payments = await k.selectFrom('payments').select(['on_date', 'amount_cents', 'kind', 'measure_code']).execute();
  const placements = await k
    .selectFrom('placements')
    .select(['starts_on', 'places_used', 'stay_kind', 'monthly_grant_cents'])
    .execute();
  const applications = await k
    .selectFrom('measure_applications')
    .select(['measure_id', 'status', 'applied_on', 'amount_cents', 'paid_cents'])
    .execute();
  const members = await k
    .selectFrom('members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['h.comune_id', 'm.birth_date'])
    .execute();
  return {
    cells: cells.map((c) => ({ ...c, n1: Number(c.n1), n2: Number(c.n2), n3: Number(c.n3) })),
    beneficiaries: await beneficiariesByMeasure(k, db.dialect, {}),
    funds: await fundsByYear(k, db.dialect, {}),
    evictionsByYearAndCategory: tally(
      evictions,
      (r) => `${year(r.reported_on)} ${String(r.motive)} ${String(r.comune_id)}`,
    ),
    evictionsByStatus: tally(evictions, (r) => String(r.status)),
    arrearsByYear: tally(
      evictions,
      (r) => year(r.reported_on),
      (r) => Number(r.arrears_cents ?? 0),
    ),
    paymentsTotalByYear: tally(
      payments,
      (r) => `${year(r.on_date)} ${String(r.kind)} ${String(r.measure_code)}`,
      (r) => Number(r.amount_cents),
    ),
    placementsCount: placements.length,
    placesByYear: tally(
      placements,
      (r) => `${year(r.starts_on)} ${String(r.stay_kind)}`,
      (r) => Number(r.places_used),
    ),
    grantsByYear: tally(
      placements,
      (r) => year(r.starts_on),
      (r) => Number(r.monthly_grant_cents),
    ),
    applicationsByMeasure: tally(
      applications,
      (r) => `${String(r.measure_id)} ${String(r.status)} ${year(r.applied_on)}`,
    ),
    amountsByMeasure: tally(
      applications,
      (r) => String(r.measure_id),
      (r) => Number(r.amount_cents ?? 0) + Number(r.paid_cents),
    ),
    membersByBirthYear: tally(members, (r) => `${String(r.comune_id)} ${year(r.birth_date)}`),
    messagesByTemplate: tally(
      await k.selectFrom('messages').select(['template', 'created_at']).execute(),
      (r) => `${String(r.template)} ${year(r.created_at)}`,
    ),
    documentsByCategory: tally(await k.selectFrom('documents').select(['category']).execute(), (r) =>
      String(r.category),
    ),
  };
}

/** Every text value of every table, per table (numbers and dates are not where names hide). */
async function allText(db: Db): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [table] of await listColumns(db)) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db.kysely);
    const parts: string[] = [];
    for (const row of rows.rows) for (const v of Object.values(row)) if (typeof v === 'string') parts.push(v);
    out.set(table, parts.join('\n'));
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.each(testDialects())('retention across the areas of issues 4–6 on %s', (dialect) => {
  let t: TestDb;
  let docsDir: string;
  beforeAll(async () => {
    t = await createTestDb(dialect);
    docsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'abitare-retention-docs-'));
    await loadDemoData(t.db, { households: 120, password: 'password-demo-2026', now: LOADED });
  }, 120_000);
  afterAll(async () => {
    await t.destroy();
    fs.rmSync(docsDir, { recursive: true, force: true });
  });

  it('pseudonymises closed files everywhere, keeps open ones and every statistic', async () => {
    const k = t.db.kysely;
    // Which files have a procedure open, computed here from the definition (not by the code under test).
    const open = new Set<string>();
    for (const r of await k.selectFrom('evictions').select(['household_id', 'status']).execute()) {
      if (!['executed', 'released_voluntarily', 'closed'].includes(r.status)) open.add(r.household_id);
    }
    for (const r of await k.selectFrom('placements').select(['household_id', 'exited_on']).execute()) {
      if (r.exited_on === null) open.add(r.household_id);
    }
    for (const r of await k.selectFrom('support_plans').select(['household_id', 'closed_on']).execute()) {
      if (r.closed_on === null) open.add(r.household_id);
    }
    for (const r of await k.selectFrom('measure_applications').select(['household_id', 'status']).execute()) {
      if (!['not_approved', 'paid', 'revoked'].includes(r.status)) open.add(r.household_id);
    }
    for (const r of await k.selectFrom('referrals').select(['household_id', 'status']).execute()) {
      if (r.status === 'pending') open.add(r.household_id);
    }
    for (const r of await sql<{ household_id: string }>`
      select a.household_id from application_claims c join applications a on a.id = c.application_id`
      .execute(k)
      .then((x) => x.rows)) {
      open.add(r.household_id);
    }
    const all = (await k.selectFrom('households').select('id').execute()).map((h) => h.id);
    const closed = all.filter((h) => !open.has(h)).sort();
    expect(open.size).toBeGreaterThan(5);
    expect(closed.length).toBeGreaterThan(20);

    // Closed files with rows in the other areas, so that the test covers them.
    const closedSet = new Set(closed);
    const withClosedEviction = (await k.selectFrom('evictions').select('household_id').execute()).find((e) =>
      closedSet.has(e.household_id),
    );
    const withPaidGrant = (await k.selectFrom('payments').select('household_id').execute()).find((p) =>
      closedSet.has(p.household_id),
    );
    const withMessage = (await k.selectFrom('messages').select('household_id').execute()).find((m) =>
      closedSet.has(m.household_id),
    );
    expect(withClosedEviction).toBeDefined();
    expect(withPaidGrant).toBeDefined();
    expect(withMessage).toBeDefined();
    const exitedStay = (await k.selectFrom('placements').select(['id', 'household_id']).execute()).find((p) =>
      closedSet.has(p.household_id),
    );

    // Free text naming the people, in several areas and in append-only tables, and stored files.
    const nameOf = async (householdId: string) => {
      const m = await k
        .selectFrom('members')
        .select(['first_name', 'last_name', 'fiscal_code'])
        .where('household_id', '=', householdId)
        .orderBy('position')
        .executeTakeFirstOrThrow();
      return m;
    };
    const at = '2026-06-01T10:00:00.000Z';
    const evicted = await nameOf(withClosedEviction!.household_id);
    await k
      .updateTable('evictions')
      .set({
        notes: `Colloquio con ${evicted.first_name} ${evicted.last_name} (${evicted.fiscal_code}).`,
        case_number: 'R.G. 1234/2025',
      })
      .where('household_id', '=', withClosedEviction!.household_id)
      .execute();
    const evictionId = (
      await k
        .selectFrom('evictions')
        .select('id')
        .where('household_id', '=', withClosedEviction!.household_id)
        .executeTakeFirstOrThrow()
    ).id;
    const seq = await k
      .selectFrom('eviction_events')
      .select((e) => e.fn.max('seq').as('s'))
      .where('eviction_id', '=', evictionId)
      .executeTakeFirst();
    await k
      .insertInto('eviction_events')
      .values({
        id: 'evt-retention-test',
        eviction_id: evictionId,
        seq: Number(seq?.s ?? 0) + 100,
        kind: 'note',
        occurred_on: '2026-06-01',
        planned_on: null,
        visit_outcome: null,
        police_present: null,
        hearing_outcome: null,
        note: `Telefonata di ${evicted.first_name} ${evicted.last_name}`,
        created_at: at,
        created_by: null,
      })
      .execute();
    if (exitedStay) {
      const guest = await nameOf(exitedStay.household_id);
      await k
        .insertInto('placement_reports')
        .values({
          id: 'rep-retention-test',
          placement_id: exitedStay.id,
          reported_on: '2026-06-01',
          period_from: '2026-05-01',
          period_to: '2026-05-31',
          body: `${guest.first_name} ${guest.last_name} partecipa al progetto.`,
          author_id: (await k.selectFrom('users').select('id').executeTakeFirstOrThrow()).id,
          author_partner_id: null,
          created_at: at,
        })
        .execute();
    }
    const settings = { dir: docsDir, maxBytes: 1_000_000 };
    const closedDoc = await storeDocument(k, settings, {
      bytes: PDF,
      originalName: `Contratto ${evicted.first_name} ${evicted.last_name}.pdf`,
      householdId: withClosedEviction!.household_id,
      ownerKind: 'household',
      ownerId: withClosedEviction!.household_id,
      category: 'contratto',
      by: null,
      now: new Date(at),
    });
    const openHousehold = [...open].sort()[0]!;
    const openDoc = await storeDocument(k, settings, {
      bytes: PDF,
      originalName: 'Contratto aperto.pdf',
      householdId: openHousehold,
      ownerKind: 'household',
      ownerId: openHousehold,
      category: 'contratto',
      by: null,
      now: new Date(at),
    });
    const storedFiles = await k.selectFrom('documents').select(['id', 'storage_key']).execute();
    const fileOf = (id: string) => path.join(docsDir, storedFiles.find((d) => d.id === id)!.storage_key);
    expect(fs.existsSync(fileOf(closedDoc.id))).toBe(true);

    // What identifies the people of the closed files, minus what also belongs to a kept file.
    const people = await k
      .selectFrom('members')
      .select(['household_id', 'fiscal_code', 'first_name', 'last_name'])
      .execute();
    const kept = new Set<string>();
    for (const p of people.filter((p) => !closedSet.has(p.household_id))) {
      kept.add(p.fiscal_code);
      kept.add(`${p.first_name} ${p.last_name}`);
    }
    const ibans = await k.selectFrom('measure_applications').select(['household_id', 'iban']).execute();
    for (const a of ibans.filter((a) => !closedSet.has(a.household_id))) kept.add(a.iban);
    const needles = new Set<string>();
    for (const p of people.filter((p) => closedSet.has(p.household_id))) {
      needles.add(p.fiscal_code);
      // "Nome Cognome" (as letters and lists write it); "Cognome Nome" would also match
      // "Gentile Rosa …" in a kept file's letter.
      needles.add(`${p.first_name} ${p.last_name}`);
    }
    for (const a of ibans.filter((a) => closedSet.has(a.household_id))) needles.add(a.iban);
    for (const n of kept) needles.delete(n);
    expect(needles.size).toBeGreaterThan(50);
    const pattern = new RegExp([...needles].map(escape).join('|'));
    // Before the run the database holds them, outside the seeded free text too.
    const before = await allText(t.db);
    const holdingBefore = [...before].filter(([, text]) => pattern.test(text)).map(([table]) => table);
    expect(holdingBefore).toEqual(
      expect.arrayContaining([
        'members',
        'measure_applications',
        'payments',
        'evictions',
        'eviction_events',
        'documents',
      ]),
    );
    const beforeAggregates = await aggregates(t.db);

    // A file no row names (a process killed between writing it and committing its row).
    const orphan = path.join(docsDir, '2026-11', `${'ab'.repeat(16)}.pdf`);
    fs.mkdirSync(path.dirname(orphan), { recursive: true });
    fs.writeFileSync(orphan, PDF);

    const source = { now: LATER, actor: null, method: 'TEST', path: 'retention' };
    const run = await runRetention(t.db, source, {
      years: 10,
      dryRun: false,
      timeZone: 'Europe/Rome',
      documentsDir: docsDir,
    });
    // Exactly the closed files, none with an open procedure.
    const done = (await k.selectFrom('pseudonymised_households').select('household_id').execute())
      .map((r) => r.household_id)
      .sort();
    expect(done).toEqual(closed);
    expect(run.households).toBe(closed.length);
    expect(run.appendOnlyRewritten).toEqual(
      expect.arrayContaining(['payments', 'eviction_events', 'placement_reports']),
    );

    // Every statistic is the same.
    expect(await aggregates(t.db)).toEqual(beforeAggregates);

    // No name, fiscal code or IBAN of a closed file is left in any text column of any table, except
    // the protocol register (a registration may not be modified, art. 53 c. 3 DPR 445/2000).
    const after = await allText(t.db);
    const leaks = [...after]
      .filter(([table]) => table !== 'protocol_entries')
      .flatMap(([table, text]) => {
        const m = pattern.exec(text);
        return m ? [`${table}: ${m[0]}`] : [];
      });
    expect(leaks).toEqual([]);
    // The seeded free text is gone too; the open file still has its people.
    expect(after.get('evictions')).not.toContain('R.G. 1234/2025');
    const openPeople = await k
      .selectFrom('members')
      .select('first_name')
      .where('household_id', '=', openHousehold)
      .execute();
    expect(openPeople.every((p) => p.first_name !== 'Omissis')).toBe(true);

    // The document file of the closed file is deleted, its metadata row stays without the name.
    expect(fs.existsSync(fileOf(closedDoc.id))).toBe(false);
    expect(fs.existsSync(fileOf(openDoc.id))).toBe(true);
    expect(run.documentFilesDeleted).toBe(1);
    // The orphan goes too, and the audit log names it.
    expect(fs.existsSync(orphan)).toBe(false);
    expect(run.orphanFilesDeleted).toBe(1);
    const sweep = await k
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'delete_orphan_files')
      .executeTakeFirstOrThrow();
    expect(sweep.details).toContain(`2026-11/${'ab'.repeat(16)}.pdf`);
    const doc = await k.selectFrom('documents').selectAll().where('id', '=', closedDoc.id).executeTakeFirstOrThrow();
    expect(doc).toMatchObject({
      category: 'contratto',
      size_bytes: PDF.length,
      original_name: 'documento-rimosso-contratto',
    });
    await expect(openDocument(k, settings, closedDoc.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await openDocument(k, settings, openDoc.id))?.bytes.equals(PDF)).toBe(true);

    // The append-only rule is back in force after the run.
    await expect(k.updateTable('payments').set({ reason: 'x' }).execute()).rejects.toThrow(/append-only/);
    await expect(k.updateTable('placement_reports').set({ body: 'x' }).execute()).rejects.toThrow(/append-only/);
    // The run names the exception in its summary and audit row.
    const audit = await k
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'retention')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details ?? '{}')).toMatchObject({
      appendOnlyRewritten: expect.arrayContaining(['payments']),
    });
  }, 240_000);

  it('a failing run leaves the triggers and the data as they were', async () => {
    const k = t.db.kysely;
    const before = await k.selectFrom('payments').select(['id', 'payee_name']).orderBy('id').execute();
    await expect(
      t.db.kysely.transaction().execute(async (trx) => {
        await suspendAppendOnly(trx, ['payments']);
        await trx.updateTable('payments').set({ payee_name: 'cambiato' }).execute();
        throw new Error('interrotto');
      }),
    ).rejects.toThrow('interrotto');
    expect(await k.selectFrom('payments').select(['id', 'payee_name']).orderBy('id').execute()).toEqual(before);
    await expect(k.updateTable('payments').set({ reason: 'x' }).execute()).rejects.toThrow(/append-only/);
  });
});
