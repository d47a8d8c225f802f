// Row types of the tables of data-protection duties and idempotency (issue 7). Same conventions as schema.ts.
type Flag = number;

export interface IdempotencyKeysTable {
  user_id: string;
  idempotency_key: string;
  method: string;
  route: string;
  request_hash: string;
  status_code: number | null;
  content_type: string | null;
  response_body: string | null;
  created_at: string;
  completed_at: string | null;
}
export interface RetentionRunsTable {
  id: string;
  started_at: string;
  finished_at: string;
  dry_run: Flag;
  years: number;
  cutoff_on: string;
  households_count: number;
  /** JSON: counts per table, the cut-off rule. */
  summary: string;
  run_by: string | null;
}
export interface PseudonymisedHouseholdsTable {
  household_id: string;
  run_id: string;
  pseudonym: string;
  pseudonymised_at: string;
}

export interface DataProtectionTables {
  idempotency_keys: IdempotencyKeysTable;
  retention_runs: RetentionRunsTable;
  pseudonymised_households: PseudonymisedHouseholdsTable;
}
