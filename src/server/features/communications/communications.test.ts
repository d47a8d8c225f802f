import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlainDate } from '../../../core/kernel/plain-date.js';
import type { Db } from '../../db/client.js';
import { createTestDb, testDialects, type TestDb } from '../../../../test/db.js';
import { seedBasics } from '../../../../test/fixtures.js';
import {
  CITIZEN_CF,
  insertHousehold,
  openSecondConnection,
  startFakeIo,
  startSmtpServer,
  type FakeIo,
  type FakeSmtp,
} from '../../../../test/communications-fixtures.js';
import { createEmailChannel, createIoChannel, type ChannelAdapter } from './channels.js';
import { letterPdf, processOutbox, recordMessage } from './communications.actions.js';
import { listProtocolNumbers } from './communications.queries.js';
import { localProtocolRegister } from './protocol.js';

const settings = { office: 'sportello Agenzia per la Casa, tel. 02 000000', timeZone: 'Europe/Rome' };
const params = {
  template: 'documents_requested' as const,
  documents: ['attestazione ISEE in corso di validità'],
  purpose: 'la domanda di contributo',
  dueOn: '2026-12-10' as PlainDate,
};

describe.each(testDialects())('communications on %s', (dialect) => {
  let t: TestDb;
  let second: Db;
  let io: FakeIo;
  let smtp: FakeSmtp;
  let email: ChannelAdapter;
  let ioChannel: ChannelAdapter;
  const now = new Date('2026-11-26T09:00:00Z');

  beforeAll(async () => {
    t = await createTestDb(dialect);
    await seedBasics(t.db, now);
    await insertHousehold(t.db, { id: 'h1', code: 'N-1', fiscalCode: CITIZEN_CF, email: 'mario.rossi@example.test' });
    second = await openSecondConnection(t);
    io = await startFakeIo();
    smtp = await startSmtpServer();
    email = createEmailChannel({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'agenzia.casa@comune.test' });
    ioChannel = createIoChannel({ baseUrl: io.url, apiKey: io.apiKey, dedupesByKey: true });
  });
  afterAll(async () => {
    await email.close?.();
    await io.close();
    await smtp.close();
    await second.close();
    await t.destroy();
  });

  const record = (db: Db, letter = true, at = now) =>
    db.kysely
      .transaction()
      .execute((trx) => recordMessage(trx, { now: at, actor: null }, settings, { householdId: 'h1', params, letter }));

  it('numbers protocol entries without gaps or duplicates under concurrency, rolled-back ones included', async () => {
    const year = 2031;
    const attempts = Array.from({ length: 24 }, (_, i) => i);
    const outcomes = await Promise.allSettled(
      attempts.map((i) =>
        // better-sqlite3 is synchronous: in one process SQLite has one connection (Kysely queues the
        // transactions); PostgreSQL gets two pools writing at once.
        (i % 2 === 0 || dialect === 'sqlite' ? t.db : second).kysely.transaction().execute(async (trx) => {
          const entry = await localProtocolRegister.register(trx, {
            subject: `prova ${i}`,
            correspondent: 'Mario Rossi',
            householdId: null,
            at: new Date(`${year}-03-01T10:00:00Z`),
            by: null,
            timeZone: 'Europe/Rome',
          });
          // Every fifth document fails after taking its number: the number must come back.
          if (i % 5 === 4) throw new Error('documento non salvato');
          return entry.number;
        }),
      ),
    );
    const committed = outcomes.filter((o) => o.status === 'fulfilled').length;
    expect(committed).toBe(24 - 4);
    const numbers = await listProtocolNumbers(t.db.kysely, year);
    expect(numbers).toEqual(Array.from({ length: committed }, (_, i) => i + 1));
  });

  it('starts the numbering again every year (D.P.R. 445/2000 art. 57)', async () => {
    const register = (iso: string) =>
      t.db.kysely.transaction().execute((trx) =>
        localProtocolRegister.register(trx, {
          subject: 'x',
          correspondent: 'y',
          householdId: null,
          at: new Date(iso),
          by: null,
          timeZone: 'Europe/Rome',
        }),
      );
    // 23:30 UTC on 31 December is already 1 January in Rome.
    expect((await register('2032-12-31T22:00:00Z')).protocol).toBe('2032/0000001');
    expect((await register('2032-12-31T23:30:00Z')).protocol).toBe('2033/0000001');
  });

  it('records a letter with a protocol number, its outbox rows and a timeline event', async () => {
    const result = await record(t.db);
    expect(result?.protocol).toMatch(/^2026\/\d{7}$/);
    const outbox = await t.db.kysely.selectFrom('outbox').selectAll().where('message_id', '=', result!.id).execute();
    expect(outbox.map((o) => o.channel).sort()).toEqual(['email', 'io']);
    const timeline = await t.db.kysely
      .selectFrom('timeline_events')
      .selectAll()
      .where('source_id', '=', result!.id)
      .execute();
    expect(timeline[0]?.title).toContain(`Lettera prot. ${result!.protocol}`);
    const pdf = await letterPdf(t.db.kysely, result!.id, settings);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('never writes the same reminder twice (dedupe key)', async () => {
    const write = () =>
      t.db.kysely.transaction().execute((trx) =>
        recordMessage(trx, { now, actor: null }, settings, {
          householdId: 'h1',
          params,
          letter: false,
          dedupeKey: 'prova:h1:1',
        }),
      );
    expect(await write()).toBeDefined();
    expect(await write()).toBeUndefined();
  });

  it('delivers by e-mail to a real SMTP server and by App IO to the fake, once each', async () => {
    smtp.received.length = 0;
    io.received.length = 0;
    await t.db.kysely.deleteFrom('outbox').execute();
    const m = await record(t.db);
    const clock = { now: new Date('2026-11-26T09:01:00Z') };
    const result = await processOutbox(t.db, { email, io: ioChannel }, { now: () => clock.now });
    expect(result.sent).toBe(2);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.to).toEqual(['mario.rossi@example.test']);
    expect(smtp.received[0]?.raw.replace(/\r\n\s+/g, ' ')).toContain(
      `Message-ID: <abitare-${m!.id}-email@comune.test>`,
    );
    expect(smtp.received[0]?.raw).toMatch(/Subject: Richiesta di documenti/);
    expect(io.received).toHaveLength(1);
    expect(io.received[0]).toMatchObject({ fiscal_code: CITIZEN_CF, subject: 'Richiesta di documenti' });
    expect(io.received[0]?.markdown).toContain('entro il 10 dicembre 2026');
    // Nothing is due any more: a second pass sends nothing.
    expect((await processOutbox(t.db, { email, io: ioChannel }, { now: () => clock.now })).sent).toBe(0);
    expect(smtp.received).toHaveLength(1);
    expect(io.received).toHaveLength(1);
  });

  it('does not send twice after a crash between the send and its record', async () => {
    smtp.received.length = 0;
    io.received.length = 0;
    await t.db.kysely.deleteFrom('outbox').execute();
    await record(t.db);
    const clock = { now: new Date('2026-11-26T10:00:00Z') };
    await expect(
      processOutbox(
        t.db,
        { email, io: ioChannel },
        {
          now: () => clock.now,
          afterSend: () => {
            throw new Error('processo interrotto');
          },
        },
      ),
    ).rejects.toThrow('processo interrotto');
    await expect(
      processOutbox(
        t.db,
        { email, io: ioChannel },
        {
          now: () => clock.now,
          afterSend: () => {
            throw new Error('processo interrotto');
          },
        },
      ),
    ).rejects.toThrow('processo interrotto');
    expect(smtp.received.length + io.received.length).toBe(2);
    const stuck = await t.db.kysely.selectFrom('outbox').select(['channel', 'state']).execute();
    expect(stuck.every((r) => r.state === 'sending')).toBe(true);
    // Before the lease ends, another worker leaves the rows alone.
    expect(await processOutbox(t.db, { email, io: ioChannel }, { now: () => clock.now })).toMatchObject({ sent: 0 });
    clock.now = new Date('2026-11-26T10:10:00Z');
    const after = await processOutbox(t.db, { email, io: ioChannel }, { now: () => clock.now });
    // App IO drops the repeated idempotency key: sent again safely, delivered once.
    // SMTP cannot: the row is left 'uncertain' for an operator, never sent a second time.
    expect(after).toMatchObject({ requeued: 1, uncertain: 1, sent: 1 });
    expect(io.received).toHaveLength(1);
    expect(smtp.received).toHaveLength(1);
    const states = Object.fromEntries(
      (await t.db.kysely.selectFrom('outbox').select(['channel', 'state']).execute()).map((r) => [r.channel, r.state]),
    );
    expect(states).toEqual({ email: 'uncertain', io: 'sent' });
  });

  it('retries a failing delivery with backoff and finally reports it on the timeline', async () => {
    io.received.length = 0;
    await t.db.kysely.deleteFrom('outbox').execute();
    const m = await t.db.kysely.transaction().execute((trx) =>
      recordMessage(trx, { now, actor: null }, settings, {
        householdId: 'h1',
        params,
        letter: false,
        channels: ['io'],
      }),
    );
    io.failNext = 100;
    const clock = { now: new Date('2026-11-26T11:00:00Z') };
    const run = () => processOutbox(t.db, { io: ioChannel }, { now: () => clock.now, maxAttempts: 3 });
    expect(await run()).toMatchObject({ retried: 1 });
    expect(await run()).toMatchObject({ retried: 0, failed: 0 });
    clock.now = new Date('2026-11-26T11:01:00Z');
    expect(await run()).toMatchObject({ retried: 1 });
    // Backoff: 1 minute after the first failure, 5 after the second.
    clock.now = new Date('2026-11-26T11:05:00Z');
    expect(await run()).toMatchObject({ retried: 0, failed: 0 });
    clock.now = new Date('2026-11-26T11:06:00Z');
    expect(await run()).toMatchObject({ failed: 1 });
    io.failNext = 0;
    const row = await t.db.kysely
      .selectFrom('outbox')
      .selectAll()
      .where('message_id', '=', m!.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'failed', attempts: 3 });
    expect(row.last_error).toContain('503');
    const events = await t.db.kysely
      .selectFrom('timeline_events')
      .select('title')
      .where('kind', '=', 'message_delivery')
      .execute();
    expect(events.some((e) => e.title.startsWith('Invio via app IO non riuscito'))).toBe(true);
    expect(io.received).toHaveLength(0);
  });

  it('gives up at once on a permanent refusal (citizen not on App IO, mailbox refused)', async () => {
    await t.db.kysely.deleteFrom('outbox').execute();
    io.notOnIo.add(CITIZEN_CF);
    smtp.rejects.add('mario.rossi@example.test');
    await record(t.db, false);
    const result = await processOutbox(t.db, { email, io: ioChannel }, { now: () => new Date('2026-11-26T12:00:00Z') });
    expect(result).toMatchObject({ failed: 2, retried: 0 });
    io.notOnIo.clear();
    smtp.rejects.clear();
  });
});
