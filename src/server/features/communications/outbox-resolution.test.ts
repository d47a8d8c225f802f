import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/app.js';
import { CITIZEN_CF, insertHousehold } from '../../../../test/communications-fixtures.js';
import { testDialects } from '../../../../test/db.js';
import type { OutboxView } from '../../../shared/communications.js';

describe.each(testDialects())('resolving failed and uncertain deliveries on %s', (dialect) => {
  let t: TestApp;
  let manager: Session;
  let outboxIds: string[];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await insertHousehold(t.testDb.db, { id: 'h1', code: 'N-1', fiscalCode: CITIZEN_CF });
    manager = await t.login('dirigente');
    // Three letters, each with its e-mail delivery; the outbox job is not running in tests.
    for (let i = 0; i < 3; i++) {
      const res = await manager.request('POST', '/api/households/h1/messages', {
        letter: true,
        params: {
          template: 'appointment_reminder',
          on: '2026-12-03',
          time: '10:00',
          place: 'Sportello',
          purpose: `Colloquio ${i}`,
        },
      });
      expect(res.statusCode).toBe(201);
    }
    const rows = await t.testDb.db.kysely
      .selectFrom('outbox')
      .select('id')
      .where('channel', '=', 'email')
      .orderBy('created_at')
      .execute();
    outboxIds = rows.map((r) => r.id);
    expect(outboxIds).toHaveLength(3);
    // What the outbox job leaves after a crash between sending and recording, and after the last retry.
    const set = (id: string, state: 'uncertain' | 'failed') =>
      t.testDb.db.kysely
        .updateTable('outbox')
        .set({ state, attempts: 5, last_error: 'prova' })
        .where('id', '=', id)
        .execute();
    await set(outboxIds[0] as string, 'uncertain');
    await set(outboxIds[1] as string, 'uncertain');
    await set(outboxIds[2] as string, 'failed');
  });
  afterAll(async () => {
    await t.close();
  });

  const resolve = (s: Session, id: string, outcome: string, note = 'Verificato al telefono con la famiglia') =>
    s.request('POST', `/api/communications/outbox/${id}/resolution`, { outcome, note });
  const problems = async () =>
    ((await manager.request('GET', '/api/communications/outbox')).json() as OutboxView).problems.map((p) => p.id);

  it('lists the deliveries to decide on', async () => {
    expect((await problems()).sort()).toEqual([...outboxIds].sort());
  });

  it('records an uncertain delivery as delivered after the operator checked it, on the timeline and in the audit log', async () => {
    const res = await resolve(manager, outboxIds[0] as string, 'delivered');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'sent', resolution: 'delivered' });
    const row = await t.testDb.db.kysely
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', outboxIds[0] as string)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      state: 'sent',
      resolution: 'delivered',
      resolution_note: 'Verificato al telefono con la famiglia',
    });
    expect(row.resolved_by).not.toBeNull();
    const events = await t.testDb.db.kysely
      .selectFrom('timeline_events')
      .select('title')
      .where('source_id', '=', outboxIds[0] as string)
      .execute();
    expect(events.map((e) => e.title).join(' ')).toContain('consegna verificata');
    const audit = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'resolve_delivery')
      .execute();
    expect(audit).toHaveLength(1);
    expect(await problems()).not.toContain(outboxIds[0]);
  });

  it('puts a delivery back in the queue with fresh attempts when it must be sent again', async () => {
    const res = await resolve(manager, outboxIds[1] as string, 'resend');
    expect(res.json()).toMatchObject({ state: 'pending', resolution: 'resend' });
    const row = await t.testDb.db.kysely
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', outboxIds[1] as string)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'pending', attempts: 0 });
    // Queued: no longer something to decide, and not decided twice.
    expect(await problems()).not.toContain(outboxIds[1]);
    expect((await resolve(manager, outboxIds[1] as string, 'abandoned')).statusCode).toBe(409);
  });

  it('does not let a failed delivery be called delivered; abandoning takes it off the list', async () => {
    const wrong = await resolve(manager, outboxIds[2] as string, 'delivered');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ path: 'outcome' }] } });
    const noNote = await resolve(manager, outboxIds[2] as string, 'abandoned', ' ');
    expect(noNote.statusCode).toBe(400);
    const abandoned = await resolve(
      manager,
      outboxIds[2] as string,
      'abandoned',
      'Indirizzo e-mail cessato; lettera consegnata a mano',
    );
    expect(abandoned.json()).toMatchObject({ state: 'failed', resolution: 'abandoned' });
    expect(await problems()).toEqual([]);
  });

  it('refuses the decision to other roles, with an audit row, and answers 404 for an unknown delivery', async () => {
    const desk = await t.login('sportello');
    expect((await resolve(desk, outboxIds[2] as string, 'resend')).statusCode).toBe(403);
    const denied = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'resolve_delivery')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied).toHaveLength(1);
    expect((await resolve(manager, 'no-such-delivery', 'resend')).statusCode).toBe(404);
  });
});
