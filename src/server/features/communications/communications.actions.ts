// Messages to households: rendered from a template, numbered in the protocol register when they
// are letters, queued in the outbox for e-mail and App IO, and shown on the household's timeline.
import { renderMessage, type TemplateParams } from '../../../core/communications/templates.js';
import { afterFailure } from '../../../core/communications/outbox.js';
import type { Db, DbExecutor } from '../../db/client.js';
import { newId } from '../../ids.js';
import { renderPdf } from '../../documents/pdf.js';
import { writeAudit, type AuditSource } from '../audit/audit.queries.js';
import { deny, type App } from '../../http/route-kit.js';
import { AppError, notFound } from '../../http/errors.js';
import type { RequestContext } from '../../http/context.js';
import { openDocument } from '../../documents/store.js';
import type {
  MessageSummary,
  NewDocumentRequestParsed,
  NewMessageParsed,
  OutboxResolutionInput,
  OutboxView,
} from '../../../shared/communications.js';
import { PermanentDeliveryError, type ChannelAdapter } from './channels.js';
import { canReadMessages, canReadOutbox, canWriteMessages } from './communications.access.js';
import {
  claimOutboxRow,
  findHouseholdAddressee,
  findOutboxRow,
  findHouseholdComune,
  findMessage,
  findRequestDocument,
  insertDocumentRequest,
  listDocumentRequests,
  listHouseholdMessages,
  listOutboxProblems,
  outboxSummary,
  insertMessage,
  insertOutboxRows,
  insertTimelineEvent,
  listDueOutbox,
  listStaleSending,
  loadOutboxMessage,
  updateOutboxRow,
} from './communications.queries.js';
import { localProtocolRegister, type ProtocolRegister } from './protocol.js';

export interface MessageSettings {
  readonly office: string;
  readonly timeZone: string;
  readonly register?: ProtocolRegister;
}

export interface NewMessage {
  readonly householdId: string;
  readonly params: TemplateParams;
  /** A letter gets a protocol number and a PDF; a notice (e.g. a reminder) does not. */
  readonly letter: boolean;
  /** Reminders carry a key so that the same reminder is never written twice. */
  readonly dedupeKey?: string | null;
  readonly channels?: readonly ('email' | 'io')[];
}

export const CHANNEL_LABELS = { email: 'e-mail', io: 'app IO' } as const;

/**
 * Writes one message inside the caller's transaction. Returns undefined when a message with the
 * same dedupe key exists already (nothing is written then).
 */
export async function recordMessage(
  trx: DbExecutor,
  source: AuditSource,
  settings: MessageSettings,
  input: NewMessage,
): Promise<{ id: string; protocol: string | null } | undefined> {
  const household = await findHouseholdAddressee(trx, input.householdId);
  if (!household) throw new Error(`household not found: ${input.householdId}`);
  const recipientName = household.holder
    ? `${household.holder.first_name} ${household.holder.last_name}`
    : `nucleo ${household.code}`;
  const rendered = renderMessage(input.params, {
    recipientName,
    comuneName: household.comune_name,
    office: settings.office,
  });
  const id = newId();
  const at = source.now.toISOString();
  const by = source.actor?.userId ?? null;
  // The dedupe check goes first, so that a duplicate reminder consumes no protocol number.
  if (input.dedupeKey) {
    const exists = await trx
      .selectFrom('messages')
      .select('id')
      .where('dedupe_key', '=', input.dedupeKey)
      .executeTakeFirst();
    if (exists) return undefined;
  }
  const protocol = input.letter
    ? await (settings.register ?? localProtocolRegister).register(trx, {
        subject: rendered.subject,
        correspondent: recipientName,
        householdId: household.id,
        at: source.now,
        by,
        timeZone: settings.timeZone,
      })
    : null;
  const inserted = await insertMessage(trx, {
    id,
    householdId: household.id,
    template: input.params.template,
    subject: rendered.subject,
    body: rendered.text,
    markdown: rendered.markdown,
    params: JSON.stringify(input.params),
    recipientName,
    recipientFiscalCode: household.holder?.fiscal_code ?? null,
    comuneId: household.comune_id,
    protocolEntryId: protocol?.id ?? null,
    dedupeKey: input.dedupeKey ?? null,
    at,
    by,
  });
  if (!inserted) return undefined;
  const wanted = input.channels ?? ['email', 'io'];
  const deliveries: { messageId: string; channel: 'email' | 'io'; recipient: string; at: string }[] = [];
  if (wanted.includes('email') && household.email) {
    deliveries.push({ messageId: id, channel: 'email', recipient: household.email, at });
  }
  if (wanted.includes('io') && household.holder) {
    deliveries.push({ messageId: id, channel: 'io', recipient: household.holder.fiscal_code, at });
  }
  await insertOutboxRows(trx, deliveries);
  const how = deliveries.map((d) => CHANNEL_LABELS[d.channel]);
  await insertTimelineEvent(trx, {
    householdId: household.id,
    at,
    kind: 'message',
    title: protocol ? `Lettera prot. ${protocol.protocol}: ${rendered.subject}` : `Comunicazione: ${rendered.subject}`,
    detail: how.length > 0 ? `Inviata via ${how.join(' e ')}.` : 'Nessun recapito elettronico: solo lettera.',
    sourceType: 'message',
    sourceId: id,
    actorId: by,
  });
  await writeAudit(trx, source, {
    action: 'create',
    entityType: 'message',
    entityId: id,
    householdId: household.id,
    details: { template: input.params.template, protocol: protocol?.protocol ?? null },
  });
  return { id, protocol: protocol?.protocol ?? null };
}

/** The letter of a message as PDF/A: the Comune's heading, protocol number, address, text. */
export async function letterPdf(db: DbExecutor, messageId: string, settings: MessageSettings): Promise<Buffer> {
  const m = await findMessage(db, messageId);
  if (!m) throw new Error(`message not found: ${messageId}`);
  const rendered = renderMessage(JSON.parse(m.params) as TemplateParams, {
    recipientName: m.recipient_name,
    comuneName: m.comune_name,
    office: settings.office,
  });
  const on = new Intl.DateTimeFormat('it-IT', {
    timeZone: settings.timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(m.protocol_at ?? m.created_at));
  const address = [
    `${m.address_street}${m.address_number ? ` ${m.address_number}` : ''}`,
    `${m.address_postcode ? `${m.address_postcode} ` : ''}${m.address_city}`,
  ];
  return renderPdf({
    title: rendered.subject,
    subject: m.protocol ? `Prot. n. ${m.protocol}` : rendered.subject,
    content: [
      { text: `COMUNE DI ${m.comune_name.toUpperCase()}`, style: 'h1' },
      { text: 'Agenzia per la Casa – Ambito di Cinisello Balsamo', style: 'small', margin: [0, 0, 0, 12] },
      {
        columns: [
          { text: m.protocol ? `Prot. n. ${m.protocol} del ${on}` : `Data: ${on}`, width: '*' },
          { text: [m.recipient_name, ...address].join('\n'), width: 200 },
        ],
        margin: [0, 0, 0, 18],
      },
      { text: `Oggetto: ${rendered.subject}`, bold: true, margin: [0, 0, 0, 10] },
      { text: rendered.greeting, margin: [0, 0, 0, 6] },
      { text: rendered.paragraphs[0] ?? '', margin: [0, 0, 0, 6] },
      ...(rendered.items.length > 0 ? [{ ul: rendered.items, margin: [0, 0, 0, 6] }] : []),
      ...rendered.paragraphs.slice(1).map((p) => ({ text: p, margin: [0, 0, 0, 6] })),
      { text: rendered.closing, margin: [0, 12, 0, 0] },
      ...(rendered.source
        ? [{ text: `Riferimenti normativi: ${rendered.source}.`, style: 'small', margin: [0, 18, 0, 0] }]
        : []),
    ],
  });
}

// ---- The outbox worker ------------------------------------------------------------------------------

export interface OutboxRunOptions {
  readonly now: () => Date;
  readonly limit?: number;
  /** How long a row stays 'sending' before reconciliation treats its process as dead. */
  readonly leaseMs?: number;
  readonly maxAttempts?: number;
  /** Tests: called after the provider accepted and before the outcome is recorded (a crash there). */
  readonly afterSend?: (outboxId: string) => void;
}

export interface OutboxRunResult {
  sent: number;
  retried: number;
  failed: number;
  uncertain: number;
  requeued: number;
}

const SYSTEM_SOURCE = (now: Date): AuditSource => ({ now, actor: null });

async function reportFailure(
  db: Db,
  row: { id: string; message_id: string; channel: 'email' | 'io' },
  reason: string,
  now: Date,
  state: 'failed' | 'uncertain',
) {
  await db.kysely.transaction().execute(async (trx) => {
    const message = await loadOutboxMessage(trx, row.message_id);
    await insertTimelineEvent(trx, {
      householdId: message.household_id,
      at: now.toISOString(),
      kind: 'message_delivery',
      title:
        state === 'failed'
          ? `Invio via ${CHANNEL_LABELS[row.channel]} non riuscito: ${message.subject}`
          : `Invio via ${CHANNEL_LABELS[row.channel]} da verificare: ${message.subject}`,
      detail: reason,
      sourceType: 'outbox',
      sourceId: row.id,
      actorId: null,
    });
    await writeAudit(trx, SYSTEM_SOURCE(now), {
      action: state === 'failed' ? 'delivery_failed' : 'delivery_uncertain',
      entityType: 'message',
      entityId: row.message_id,
      householdId: message.household_id,
      outcome: 'failed',
      details: { channel: row.channel, reason },
    });
  });
}

/**
 * Rows found in 'sending' after their lease: the process stopped between the provider's answer and
 * the record. Sending again is safe only when the provider drops a repeated idempotency key;
 * otherwise the row becomes 'uncertain' and waits for an operator — never a second delivery.
 */
async function reconcile(db: Db, adapters: Partial<Record<'email' | 'io', ChannelAdapter>>, now: Date) {
  let requeued = 0;
  let uncertain = 0;
  const at = now.toISOString();
  for (const row of await listStaleSending(db.kysely, at)) {
    const adapter = adapters[row.channel];
    if (adapter?.dedupesByKey) {
      if (
        await updateOutboxRow(db.kysely, row.id, 'sending', {
          state: 'pending',
          next_attempt_at: at,
          lease_until: null,
          updated_at: at,
        })
      )
        requeued += 1;
    } else if (
      await updateOutboxRow(db.kysely, row.id, 'sending', {
        state: 'uncertain',
        last_error: 'Interruzione durante l’invio: non è noto se il messaggio sia stato consegnato.',
        lease_until: null,
        updated_at: at,
      })
    ) {
      uncertain += 1;
      await reportFailure(
        db,
        row,
        'Interruzione durante l’invio: verificare con il destinatario prima di reinviare.',
        now,
        'uncertain',
      );
    }
  }
  return { requeued, uncertain };
}

export async function processOutbox(
  db: Db,
  adapters: Partial<Record<'email' | 'io', ChannelAdapter>>,
  options: OutboxRunOptions,
): Promise<OutboxRunResult> {
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const result: OutboxRunResult = { sent: 0, retried: 0, failed: 0, uncertain: 0, requeued: 0 };
  const rec = await reconcile(db, adapters, options.now());
  result.requeued = rec.requeued;
  result.uncertain = rec.uncertain;
  // Rows of a channel not configured here wait (pending) until it is.
  const channels = (['email', 'io'] as const).filter((c) => adapters[c] !== undefined);
  const due = await listDueOutbox(db.kysely, options.now().toISOString(), options.limit ?? 100, channels);
  for (const { id } of due) {
    const now = options.now();
    const at = now.toISOString();
    // Committed before the provider is called: a crash from here on leaves a 'sending' row.
    const row = await claimOutboxRow(db.kysely, id, at, new Date(now.getTime() + leaseMs).toISOString());
    if (!row) continue;
    const adapter = adapters[row.channel];
    const message = await loadOutboxMessage(db.kysely, row.message_id);
    let providerId: string | null = null;
    let error: unknown = null;
    if (!adapter) error = new PermanentDeliveryError(`Canale ${CHANNEL_LABELS[row.channel]} non configurato.`);
    else {
      try {
        providerId = (
          await adapter.send({
            recipient: row.recipient,
            subject: message.subject,
            text: message.body,
            markdown: message.markdown,
            idempotencyKey: row.idempotency_key,
          })
        ).providerId;
      } catch (e) {
        error = e;
      }
    }
    if (error === null) {
      options.afterSend?.(row.id);
      const end = options.now().toISOString();
      await updateOutboxRow(db.kysely, row.id, 'sending', {
        state: 'sent',
        provider_id: providerId,
        sent_at: end,
        lease_until: null,
        updated_at: end,
      });
      result.sent += 1;
      continue;
    }
    const reason = error instanceof Error ? error.message : String(error);
    const decision =
      error instanceof PermanentDeliveryError
        ? ({ next: 'give_up' } as const)
        : afterFailure(row.attempts, options.maxAttempts);
    const end = options.now();
    if (decision.next === 'retry') {
      await updateOutboxRow(db.kysely, row.id, 'sending', {
        state: 'pending',
        last_error: reason,
        lease_until: null,
        next_attempt_at: new Date(end.getTime() + decision.afterMinutes * 60_000).toISOString(),
        updated_at: end.toISOString(),
      });
      result.retried += 1;
    } else {
      await updateOutboxRow(db.kysely, row.id, 'sending', {
        state: 'failed',
        last_error: reason,
        lease_until: null,
        updated_at: end.toISOString(),
      });
      await reportFailure(db, row, reason, end, 'failed');
      result.failed += 1;
    }
  }
  return result;
}

// ---- Staff use cases ----------------------------------------------------------------------------------

async function householdInScope(
  app: App,
  ctx: RequestContext,
  householdId: string,
  allowed: (comuneId: string) => boolean,
  action: string,
): Promise<void> {
  const comuneId = await findHouseholdComune(app.deps.db.kysely, householdId);
  if (comuneId === undefined) {
    if (!allowed('')) await deny(app, ctx, { action, entityType: 'household', entityId: householdId });
    throw notFound('Il nucleo familiare');
  }
  if (!allowed(comuneId)) await deny(app, ctx, { action, entityType: 'household', entityId: householdId, householdId });
}

export function toMessageSummary(m: Awaited<ReturnType<typeof listHouseholdMessages>>[number]): MessageSummary {
  return {
    id: m.id,
    template: m.template,
    subject: m.subject,
    body: m.body,
    createdAt: m.created_at,
    protocol: m.protocol ?? null,
    deliveries: m.deliveries.map((d) => ({
      channel: d.channel,
      state: d.state,
      attempts: d.attempts,
      sentAt: d.sent_at,
      lastError: d.last_error,
    })),
  };
}

export async function readHouseholdMessages(app: App, ctx: RequestContext, householdId: string) {
  const db = app.deps.db.kysely;
  await householdInScope(app, ctx, householdId, (c) => canReadMessages(ctx.actor, c), 'read_messages');
  const items = (await listHouseholdMessages(db, householdId)).map(toMessageSummary);
  await writeAudit(db, ctx, { action: 'read', entityType: 'messages', householdId, entityId: householdId });
  return { items };
}

export async function sendStaffMessage(app: App, ctx: RequestContext, householdId: string, input: NewMessageParsed) {
  const { db, config } = app.deps;
  await householdInScope(app, ctx, householdId, (c) => canWriteMessages(ctx.actor, c), 'send_message');
  const result = await db.kysely.transaction().execute((trx) =>
    recordMessage(
      trx,
      ctx,
      { office: config.communications.office, timeZone: config.timeZone },
      {
        householdId,
        letter: input.letter,
        params: input.params,
      },
    ),
  );
  if (!result) throw new Error('message not written');
  return result;
}

export async function requestDocuments(
  app: App,
  ctx: RequestContext,
  householdId: string,
  input: NewDocumentRequestParsed,
) {
  const { db, config } = app.deps;
  await householdInScope(app, ctx, householdId, (c) => canWriteMessages(ctx.actor, c), 'request_documents');
  return db.kysely.transaction().execute(async (trx) => {
    const message = await recordMessage(
      trx,
      ctx,
      { office: config.communications.office, timeZone: config.timeZone },
      {
        householdId,
        letter: true,
        params: {
          template: 'documents_requested',
          documents: input.documents,
          purpose: input.purpose,
          dueOn: input.dueOn,
        },
      },
    );
    const ids: string[] = [];
    for (const description of input.documents) {
      const id = newId();
      ids.push(id);
      await insertDocumentRequest(trx, {
        id,
        householdId,
        messageId: message?.id ?? null,
        description,
        dueOn: input.dueOn,
        at: ctx.now.toISOString(),
        by: ctx.actor.userId,
      });
    }
    return { messageId: message?.id ?? null, protocol: message?.protocol ?? null, requestIds: ids };
  });
}

export async function readDocumentRequests(app: App, ctx: RequestContext, householdId: string) {
  const db = app.deps.db.kysely;
  await householdInScope(app, ctx, householdId, (c) => canReadMessages(ctx.actor, c), 'read_document_requests');
  const items = await listDocumentRequests(db, householdId);
  await writeAudit(db, ctx, { action: 'read', entityType: 'document_requests', householdId, entityId: householdId });
  return { items };
}

export async function downloadRequestDocument(app: App, ctx: RequestContext, documentId: string) {
  const { db, config } = app.deps;
  const doc = await findRequestDocument(db.kysely, documentId);
  if (!doc || !doc.household_id) {
    await deny(app, ctx, { action: 'download', entityType: 'document', entityId: documentId });
    throw notFound('Il documento');
  }
  await householdInScope(app, ctx, doc.household_id, (c) => canReadMessages(ctx.actor, c), 'download_document');
  const opened = await openDocument(db.kysely, { dir: config.documentsDir }, documentId);
  if (!opened) throw notFound('Il documento');
  await writeAudit(db.kysely, ctx, {
    action: 'download',
    entityType: 'document',
    entityId: documentId,
    householdId: doc.household_id,
  });
  return opened;
}

export async function readLetter(app: App, ctx: RequestContext, messageId: string) {
  const { db, config } = app.deps;
  const m = await findMessage(db.kysely, messageId);
  if (!m) {
    await deny(app, ctx, { action: 'read_letter', entityType: 'message', entityId: messageId });
    throw notFound('La comunicazione');
  }
  await householdInScope(app, ctx, m.household_id, (c) => canReadMessages(ctx.actor, c), 'read_letter');
  const pdf = await letterPdf(db.kysely, messageId, {
    office: config.communications.office,
    timeZone: config.timeZone,
  });
  await writeAudit(db.kysely, ctx, {
    action: 'read',
    entityType: 'letter',
    entityId: messageId,
    householdId: m.household_id,
  });
  return { pdf, protocol: m.protocol };
}

export async function readOutbox(app: App, ctx: RequestContext): Promise<OutboxView> {
  const db = app.deps.db.kysely;
  if (!canReadOutbox(ctx.actor)) await deny(app, ctx, { action: 'read', entityType: 'outbox' });
  const [summary, problems] = await Promise.all([outboxSummary(db), listOutboxProblems(db, 200)]);
  await writeAudit(db, ctx, { action: 'read', entityType: 'outbox' });
  return {
    summary,
    problems: problems.map((p) => ({
      id: p.id,
      channel: p.channel,
      state: p.state,
      attempts: p.attempts,
      lastError: p.last_error,
      updatedAt: p.updated_at,
      subject: p.subject,
      householdId: p.household_id,
      householdCode: p.household_code,
    })),
  };
}

/**
 * An operator's decision on a delivery that failed for good or whose outcome is unknown. Never a
 * second delivery without a decision: `delivered` records what the operator checked with the
 * recipient (uncertain rows only), `resend` puts the row back in the queue with fresh attempts,
 * `abandoned` takes it off the list of problems. Written on the row, the timeline and the audit log.
 */
export async function resolveOutboxDelivery(
  app: App,
  ctx: RequestContext,
  outboxId: string,
  input: OutboxResolutionInput,
): Promise<{ id: string; state: string; resolution: OutboxResolutionInput['outcome'] }> {
  const db = app.deps.db.kysely;
  if (!canReadOutbox(ctx.actor)) {
    await deny(app, ctx, { action: 'resolve_delivery', entityType: 'outbox', entityId: outboxId });
  }
  const row = await findOutboxRow(db, outboxId);
  if (!row) throw notFound('L’invio');
  if (row.state !== 'failed' && row.state !== 'uncertain') {
    throw new AppError(409, 'CONFLICT', 'Questo invio non è da verificare: è in coda, in corso o già consegnato.');
  }
  if (input.outcome === 'delivered' && row.state !== 'uncertain') {
    throw new AppError(
      400,
      'VALIDATION_FAILED',
      'Un invio non riuscito non può essere segnato come consegnato: inviarlo di nuovo o non inviarlo più.',
      [{ path: 'outcome', code: 'OUTCOME_NOT_ALLOWED', message: 'Esito non possibile per un invio non riuscito.' }],
    );
  }
  const at = ctx.now.toISOString();
  const state = input.outcome === 'delivered' ? 'sent' : input.outcome === 'resend' ? 'pending' : 'failed';
  return db.transaction().execute(async (trx) => {
    const changed = await updateOutboxRow(trx, row.id, row.state, {
      state,
      ...(input.outcome === 'delivered' ? { sent_at: at } : {}),
      ...(input.outcome === 'resend' ? { attempts: 0, next_attempt_at: at, lease_until: null } : {}),
      resolution: input.outcome,
      resolution_note: input.note,
      resolved_by: ctx.actor.userId,
      resolved_at: at,
      updated_at: at,
    });
    if (!changed) throw new AppError(409, 'CONFLICT', 'L’invio è cambiato nel frattempo: ricaricare la pagina.');
    const message = await loadOutboxMessage(trx, row.message_id);
    const what =
      input.outcome === 'delivered'
        ? 'consegna verificata'
        : input.outcome === 'resend'
          ? 'nuovo invio disposto'
          : 'invio annullato';
    await insertTimelineEvent(trx, {
      householdId: message.household_id,
      at,
      kind: 'message_delivery',
      title: `Invio via ${CHANNEL_LABELS[row.channel]}: ${what} — ${message.subject}`,
      detail: input.note,
      sourceType: 'outbox',
      sourceId: row.id,
      actorId: ctx.actor.userId,
    });
    await writeAudit(trx, ctx, {
      action: 'resolve_delivery',
      entityType: 'message',
      entityId: row.message_id,
      householdId: message.household_id,
      details: { outbox: row.id, channel: row.channel, from: row.state, outcome: input.outcome },
    });
    return { id: row.id, state, resolution: input.outcome };
  });
}
