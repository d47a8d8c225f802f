import type { DbExecutor } from '../../db/client.js';
import type { OutboxResolution, OutboxTable } from '../../db/schema-communications.js';
import { nextSequenceValue } from '../../db/sequences.js';
import { newId } from '../../ids.js';

// ---- Protocol register ---------------------------------------------------------------------------

export function nextProtocolNumber(db: DbExecutor, year: number): Promise<number> {
  return nextSequenceValue(db, `protocol-${year}`);
}

export async function insertProtocolEntry(
  db: DbExecutor,
  e: {
    year: number;
    number: number;
    protocol: string;
    subject: string;
    correspondent: string;
    householdId: string | null;
    at: string;
    by: string | null;
  },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('protocol_entries')
    .values({
      id,
      year: e.year,
      number: e.number,
      protocol: e.protocol,
      direction: 'out',
      subject: e.subject,
      correspondent: e.correspondent,
      household_id: e.householdId,
      registered_at: e.at,
      registered_by: e.by,
    })
    .execute();
  return id;
}

export async function listProtocolNumbers(db: DbExecutor, year: number) {
  const rows = await db
    .selectFrom('protocol_entries')
    .select('number')
    .where('year', '=', year)
    .orderBy('number')
    .execute();
  return rows.map((r) => Number(r.number));
}

// ---- Households and messages -----------------------------------------------------------------------

/** The household, its Comune and its holder (first member), as a message needs them. */
export async function findHouseholdAddressee(db: DbExecutor, householdId: string) {
  const row = await db
    .selectFrom('households as h')
    .innerJoin('comuni as c', 'c.id', 'h.comune_id')
    .select([
      'h.id',
      'h.code',
      'h.comune_id',
      'c.name as comune_name',
      'h.email',
      'h.address_street',
      'h.address_number',
      'h.address_postcode',
      'h.address_city',
    ])
    .where('h.id', '=', householdId)
    .executeTakeFirst();
  if (!row) return undefined;
  const holder = await db
    .selectFrom('members')
    .select(['fiscal_code', 'first_name', 'last_name'])
    .where('household_id', '=', householdId)
    .orderBy('position')
    .limit(1)
    .executeTakeFirst();
  return { ...row, holder: holder ?? null };
}

export type HouseholdAddressee = NonNullable<Awaited<ReturnType<typeof findHouseholdAddressee>>>;

export async function insertMessage(
  db: DbExecutor,
  m: {
    id: string;
    householdId: string;
    template: string;
    subject: string;
    body: string;
    markdown: string;
    params: string;
    recipientName: string;
    recipientFiscalCode: string | null;
    comuneId: string;
    protocolEntryId: string | null;
    dedupeKey: string | null;
    at: string;
    by: string | null;
  },
): Promise<boolean> {
  const inserted = await db
    .insertInto('messages')
    .values({
      id: m.id,
      household_id: m.householdId,
      template: m.template,
      subject: m.subject,
      body: m.body,
      markdown: m.markdown,
      params: m.params,
      recipient_name: m.recipientName,
      recipient_fiscal_code: m.recipientFiscalCode,
      comune_id: m.comuneId,
      protocol_entry_id: m.protocolEntryId,
      dedupe_key: m.dedupeKey,
      created_at: m.at,
      created_by: m.by,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function messageExists(db: DbExecutor, dedupeKey: string): Promise<boolean> {
  const row = await db.selectFrom('messages').select('id').where('dedupe_key', '=', dedupeKey).executeTakeFirst();
  return row !== undefined;
}

export async function insertOutboxRows(
  db: DbExecutor,
  rows: readonly { messageId: string; channel: 'email' | 'io'; recipient: string; at: string }[],
) {
  if (rows.length === 0) return;
  await db
    .insertInto('outbox')
    .values(
      rows.map((r) => ({
        id: newId(),
        message_id: r.messageId,
        channel: r.channel,
        recipient: r.recipient,
        // The key the provider sees: one per message and channel, the same at every attempt.
        idempotency_key: `abitare-${r.messageId}-${r.channel}`,
        state: 'pending' as const,
        attempts: 0,
        next_attempt_at: r.at,
        lease_until: null,
        provider_id: null,
        last_error: null,
        sent_at: null,
        created_at: r.at,
        updated_at: r.at,
      })),
    )
    .execute();
}

export async function insertTimelineEvent(
  db: DbExecutor,
  e: {
    householdId: string;
    at: string;
    kind: string;
    title: string;
    detail: string | null;
    sourceType: string;
    sourceId: string;
    actorId: string | null;
  },
) {
  await db
    .insertInto('timeline_events')
    .values({
      id: newId(),
      household_id: e.householdId,
      at: e.at,
      kind: e.kind,
      title: e.title,
      detail: e.detail,
      source_type: e.sourceType,
      source_id: e.sourceId,
      actor_id: e.actorId,
    })
    .execute();
}

export async function listHouseholdMessages(db: DbExecutor, householdId: string) {
  const messages = await db
    .selectFrom('messages as m')
    .leftJoin('protocol_entries as p', 'p.id', 'm.protocol_entry_id')
    .select([
      'm.id',
      'm.template',
      'm.subject',
      'm.body',
      'm.created_at',
      'm.recipient_name',
      'p.protocol',
      'p.registered_at as protocol_at',
    ])
    .where('m.household_id', '=', householdId)
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id', 'desc')
    .execute();
  const ids = messages.map((m) => m.id);
  const deliveries =
    ids.length === 0
      ? []
      : await db
          .selectFrom('outbox')
          .select(['message_id', 'channel', 'state', 'attempts', 'sent_at', 'last_error'])
          .where('message_id', 'in', ids)
          .execute();
  return messages.map((m) => ({ ...m, deliveries: deliveries.filter((d) => d.message_id === m.id) }));
}

export async function findMessage(db: DbExecutor, messageId: string) {
  return db
    .selectFrom('messages as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .innerJoin('comuni as c', 'c.id', 'm.comune_id')
    .leftJoin('protocol_entries as p', 'p.id', 'm.protocol_entry_id')
    .select([
      'm.id',
      'm.household_id',
      'm.template',
      'm.subject',
      'm.params',
      'm.recipient_name',
      'm.created_at',
      'm.comune_id',
      'c.name as comune_name',
      'h.address_street',
      'h.address_number',
      'h.address_postcode',
      'h.address_city',
      'p.protocol',
      'p.registered_at as protocol_at',
    ])
    .where('m.id', '=', messageId)
    .executeTakeFirst();
}

// ---- Outbox -------------------------------------------------------------------------------------------

export async function listDueOutbox(db: DbExecutor, now: string, limit: number, channels: readonly ('email' | 'io')[]) {
  if (channels.length === 0) return [];
  return db
    .selectFrom('outbox')
    .select('id')
    .where('state', '=', 'pending')
    .where('channel', 'in', channels)
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
}

/** Moves a due row to 'sending' (committed before the provider is called); undefined if another worker took it. */
export async function claimOutboxRow(db: DbExecutor, id: string, now: string, leaseUntil: string) {
  return db
    .updateTable('outbox')
    .set((eb) => ({ state: 'sending', attempts: eb('attempts', '+', 1), lease_until: leaseUntil, updated_at: now }))
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .returningAll()
    .executeTakeFirst();
}

export async function loadOutboxMessage(db: DbExecutor, messageId: string) {
  return db
    .selectFrom('messages')
    .select(['id', 'household_id', 'subject', 'body', 'markdown', 'template'])
    .where('id', '=', messageId)
    .executeTakeFirstOrThrow();
}

export async function updateOutboxRow(
  db: DbExecutor,
  id: string,
  fromState: OutboxTable['state'],
  set: Partial<
    Pick<
      OutboxTable,
      'state' | 'next_attempt_at' | 'provider_id' | 'last_error' | 'sent_at' | 'lease_until' | 'attempts'
    >
  > & {
    resolution?: OutboxResolution;
    resolution_note?: string;
    resolved_by?: string | null;
    resolved_at?: string;
    updated_at: string;
  },
) {
  const r = await db
    .updateTable('outbox')
    .set(set)
    .where('id', '=', id)
    .where('state', '=', fromState)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Rows left in 'sending' by a process that stopped between the provider's answer and the record. */
export async function listStaleSending(db: DbExecutor, now: string) {
  return db.selectFrom('outbox').selectAll().where('state', '=', 'sending').where('lease_until', '<', now).execute();
}

export async function outboxSummary(db: DbExecutor) {
  const rows = await db
    .selectFrom('outbox')
    .select(['channel', 'state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['channel', 'state'])
    .execute();
  return rows.map((r) => ({ channel: r.channel, state: r.state, count: Number(r.n) }));
}

export async function listOutboxProblems(db: DbExecutor, limit: number) {
  return (
    db
      .selectFrom('outbox as o')
      .innerJoin('messages as m', 'm.id', 'o.message_id')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select([
        'o.id',
        'o.channel',
        'o.state',
        'o.attempts',
        'o.last_error',
        'o.updated_at',
        'm.subject',
        'm.household_id',
        'h.code as household_code',
        'h.comune_id',
      ])
      .where('o.state', 'in', ['failed', 'uncertain'])
      // An abandoned delivery was decided by an operator: it is no longer a problem to look at.
      .where((eb) => eb.or([eb('o.resolution', 'is', null), eb('o.resolution', '!=', 'abandoned')]))
      .orderBy('o.updated_at', 'desc')
      .limit(limit)
      .execute()
  );
}

export async function findOutboxRow(db: DbExecutor, id: string) {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

// ---- Document requests -----------------------------------------------------------------------------

export async function insertDocumentRequest(
  db: DbExecutor,
  r: {
    id: string;
    householdId: string;
    messageId: string | null;
    description: string;
    dueOn: string;
    at: string;
    by: string | null;
  },
) {
  await db
    .insertInto('document_requests')
    .values({
      id: r.id,
      household_id: r.householdId,
      message_id: r.messageId,
      description: r.description,
      due_on: r.dueOn,
      created_at: r.at,
      created_by: r.by,
    })
    .execute();
}

export async function listDocumentRequests(db: DbExecutor, householdId: string) {
  const requests = await db
    .selectFrom('document_requests')
    .selectAll()
    .where('household_id', '=', householdId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const ids = requests.map((r) => r.id);
  const uploads =
    ids.length === 0
      ? []
      : await db
          .selectFrom('documents')
          .select(['id', 'owner_id', 'original_name', 'media_type', 'size_bytes', 'stored_at'])
          .where('owner_kind', '=', 'document_request')
          .where('owner_id', 'in', ids)
          .orderBy('stored_at')
          .execute();
  return requests.map((r) => ({
    id: r.id,
    description: r.description,
    dueOn: String(r.due_on),
    createdAt: r.created_at,
    uploads: uploads
      .filter((u) => u.owner_id === r.id)
      .map((u) => ({
        id: u.id,
        fileName: u.original_name,
        mediaType: u.media_type,
        sizeBytes: Number(u.size_bytes),
        uploadedAt: u.stored_at,
      })),
  }));
}

export async function findDocumentRequest(db: DbExecutor, id: string) {
  return db.selectFrom('document_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findHouseholdComune(db: DbExecutor, householdId: string) {
  const row = await db.selectFrom('households').select('comune_id').where('id', '=', householdId).executeTakeFirst();
  return row?.comune_id;
}

export async function findRequestDocument(db: DbExecutor, documentId: string) {
  return db
    .selectFrom('documents')
    .select(['id', 'household_id', 'owner_id'])
    .where('id', '=', documentId)
    .where('owner_kind', '=', 'document_request')
    .executeTakeFirst();
}
