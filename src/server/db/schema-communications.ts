// Row types of the tables of communications, citizen portal, observatory (issue 6). Same conventions as schema.ts.
import type { ColumnType } from 'kysely';

export interface ScheduledJobsTable {
  name: string;
  schedule: string;
  registered_at: string;
  last_slot: string | null;
  last_status: string | null;
  last_finished_at: string | null;
}
export interface JobRunsTable {
  id: string;
  job_name: string;
  slot: string;
  runner_id: string;
  status: 'running' | 'done' | 'failed';
  attempts: number;
  started_at: string;
  lease_until: string;
  finished_at: string | null;
  error: string | null;
}
export interface ProtocolEntriesTable {
  id: string;
  year: number;
  number: number;
  protocol: string;
  direction: 'out' | 'in';
  subject: string;
  correspondent: string;
  household_id: string | null;
  registered_at: string;
  registered_by: string | null;
}
export interface MessagesTable {
  id: string;
  household_id: string;
  template: string;
  subject: string;
  body: string;
  markdown: string;
  /** JSON: the template parameters, so that the letter can be rendered again identically. */
  params: string;
  recipient_name: string;
  recipient_fiscal_code: string | null;
  comune_id: string;
  protocol_entry_id: string | null;
  dedupe_key: string | null;
  created_at: string;
  created_by: string | null;
}
export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed' | 'uncertain';
export interface OutboxTable {
  id: string;
  message_id: string;
  channel: 'email' | 'io';
  recipient: string;
  idempotency_key: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  provider_id: string | null;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
  updated_at: string;
  /** An operator's decision on a failed or uncertain delivery (migration 202611262110). */
  resolution: ColumnType<OutboxResolution | null, OutboxResolution | null | undefined, OutboxResolution | null>;
  resolution_note: ColumnType<string | null, string | null | undefined, string | null>;
  resolved_by: ColumnType<string | null, string | null | undefined, string | null>;
  resolved_at: ColumnType<string | null, string | null | undefined, string | null>;
}
export type OutboxResolution = 'delivered' | 'resend' | 'abandoned';
export interface CitizenSessionsTable {
  id: string;
  fiscal_code: string;
  display_name: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
}
export interface PortalLoginRequestsTable {
  state: string;
  nonce: string;
  code_verifier: string;
  redirect_uri: string;
  created_at: string;
}
export interface DocumentRequestsTable {
  id: string;
  household_id: string;
  message_id: string | null;
  description: string;
  due_on: string;
  created_at: string;
  created_by: string | null;
}
export interface ObservatoryCellsTable {
  dataset: string;
  comune_id: string;
  year: string;
  key1: string;
  key2: string;
  n1: number;
  n2: number;
  n3: ColumnType<number, number | undefined, number>;
}

export interface CommunicationsTables {
  scheduled_jobs: ScheduledJobsTable;
  job_runs: JobRunsTable;
  protocol_entries: ProtocolEntriesTable;
  messages: MessagesTable;
  outbox: OutboxTable;
  citizen_sessions: CitizenSessionsTable;
  portal_login_requests: PortalLoginRequestsTable;
  document_requests: DocumentRequestsTable;
  observatory_cells: ObservatoryCellsTable;
}
