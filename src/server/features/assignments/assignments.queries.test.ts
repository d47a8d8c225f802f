import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../../../../test/db.js';
import { seedBasics } from '../../../../test/fixtures.js';
import { seedSapCall } from '../../../../test/sap-builders.js';
import { newId } from '../../ids.js';
import { loadApplicationText, loadComuneCodes } from './assignments.queries.js';
import { FIELD_SEPARATOR, LINE_SEPARATOR, parseApplicationLines } from './assignments.snapshot.js';

describe.each(testDialects())('application lines of the assignment run on %s', (dialect) => {
  let t: TestDb;
  let call: Awaited<ReturnType<typeof seedSapCall>>;
  beforeAll(async () => {
    t = await createTestDb(dialect);
    await seedBasics(t.db);
    call = await seedSapCall(t.db, {
      opensOn: '2026-01-01',
      closesOn: '2026-02-15',
      units: [
        { code: 'U-CIN-1', owner: 'comune', comune: 'cinisello', areaM2: 50 },
        { code: 'U-BRE-1', owner: 'aler', comune: 'bresso', areaM2: 60 },
      ],
      applications: [
        {
          platformId: 'D-2',
          isbar: 10,
          iseeEuro: 2000,
          submittedAt: '2026-01-10T09:00:00Z',
          members: 2,
          indigent: true,
          choices: ['U-CIN-1', 'U-BRE-1'],
        },
        {
          platformId: 'D-1',
          isbar: 12,
          iseeEuro: 9000,
          submittedAt: '2026-01-11T09:00:00Z',
          members: 3,
          choices: ['U-BRE-1'],
          residence: 'bresso',
          reserveCategories: ['anziani'],
        },
        { platformId: 'D-3', isbar: 8, iseeEuro: 9000, submittedAt: '2026-01-12T09:00:00Z', members: 1, choices: [] },
      ],
    });
  });
  afterAll(async () => {
    await t.destroy();
  });

  const review = (platformId: string, decision: 'admitted' | 'excluded', decidedAt: string) =>
    t.db.kysely
      .insertInto('application_reviews')
      .values({
        id: newId(),
        application_id: call.applicationIds.get(platformId) as string,
        decision,
        reason: 'prova',
        checks: '[]',
        decided_at: decidedAt,
        decided_by: 'system',
      })
      .execute();

  it('keeps each application’s latest review decision on it, whatever order the reviews are recorded in', async () => {
    await review('D-1', 'excluded', '2026-03-01T10:00:00.000Z');
    await review('D-1', 'admitted', '2026-03-02T10:00:00.000Z');
    // Recorded later but decided earlier: not the latest.
    await review('D-1', 'excluded', '2026-02-28T10:00:00.000Z');
    await review('D-2', 'admitted', '2026-03-01T10:00:00.000Z');
    const rows = await t.db.kysely
      .selectFrom('applications')
      .select(['platform_id', 'latest_decision'])
      .where('call_id', '=', call.callId)
      .orderBy('platform_id')
      .execute();
    expect(rows).toEqual([
      { platform_id: 'D-1', latest_decision: 'admitted' },
      { platform_id: 'D-2', latest_decision: 'admitted' },
      { platform_id: 'D-3', latest_decision: null },
    ]);
  });

  it('reads every application as one line, by platform id, naming units by code and Comuni by Belfiore code', async () => {
    const text = await loadApplicationText(t.db.kysely, call.callId);
    expect(text.split(LINE_SEPARATOR).map((l) => l.split(FIELD_SEPARATOR))).toEqual([
      ['D-1', '3', '', '0', '0', 'B162', 'anziani', 'U-BRE-1', '', 'a'],
      ['D-2', '2', '', '1', '1', 'C707', '', 'U-CIN-1', 'U-BRE-1', 'a'],
      ['D-3', '1', '', '0', '0', 'C707', '', '', '', ''],
    ]);
    const parsed = parseApplicationLines(text, {
      comuneIdByCode: await loadComuneCodes(t.db.kysely),
      held: new Set(),
      order: ['D-2', 'D-1', 'D-3'],
    });
    expect(parsed.applications.ids).toEqual(['D-2', 'D-1', 'D-3']);
    expect([...parsed.applications.status]).toEqual([0, 0, 2]);
    // In order of first use in the lines.
    expect(parsed.applications.comuni).toEqual(['comune-bresso', 'comune-cinisello']);
  });

  it('reads an empty text for a call without applications', async () => {
    expect(await loadApplicationText(t.db.kysely, 'no-such-call')).toBe('');
  });
});
