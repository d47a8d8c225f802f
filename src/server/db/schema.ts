// Row types of the database, as Kysely sees them. Booleans are integers 0/1 on both dialects;
// instants are ISO strings and days 'YYYY-MM-DD' once read (see client.ts).
import type { ColumnType, Generated } from 'kysely';
import type { CommunicationsTables } from './schema-communications.js';
import type { DataProtectionTables } from './schema-data-protection.js';
import type { EmergencyTables } from './schema-emergency.js';
import type { MeasuresTables } from './schema-measures.js';

type Flag = number;

export interface AmbitiTable {
  id: string;
  name: string;
  created_at: string;
}
export interface ComuniTable {
  id: string;
  ambito_id: string;
  name: string;
  istat_code: string;
  belfiore_code: string;
  province: string;
  population: number;
  is_lead: Flag;
  created_at: string;
}
export interface OwnersTable {
  id: string;
  kind: 'comune' | 'aler' | 'other';
  name: string;
  comune_id: string | null;
  created_at: string;
}
export interface PartnersTable {
  id: string;
  name: string;
  kind: string;
  fiscal_code: string | null;
  email: string | null;
  phone: string | null;
  created_at: string;
}
export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  role: string;
  partner_id: string | null;
  active: Flag;
  created_at: string;
  password_changed_at: string;
}
export interface UserComuniTable {
  user_id: string;
  comune_id: string;
}
export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}
export interface LoginAttemptsTable {
  id: string;
  username: string;
  ip: string;
  succeeded: Flag;
  attempted_at: string;
}
export interface AuditLogTable {
  id: string;
  at: string;
  user_id: string | null;
  username: string | null;
  role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  household_id: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  request_id: string | null;
  method: string | null;
  path: string | null;
  ip: string | null;
  details: string | null;
}
export interface HouseholdsTable {
  id: string;
  code: string;
  comune_id: string;
  address_street: string;
  address_number: string | null;
  address_postcode: string | null;
  address_city: string;
  phone: string | null;
  email: string | null;
  pec: string | null;
  lone_parent: Flag;
  search_text: string;
  version: number;
  created_at: string;
  updated_at: string;
  created_by: string | null;
}
export interface MembersTable {
  id: string;
  household_id: string;
  position: number;
  fiscal_code: string;
  first_name: string;
  last_name: string;
  last_name_norm: string;
  birth_date: string;
  sex: 'F' | 'M';
  relation: string;
  /** Null when not known yet (never guessed). */
  citizenship: string | null;
  permit_kind: string | null;
  permit_expires_on: string | null;
  disability_percent: number | null;
  disability_kind: string | null;
  created_at: string;
}
export interface IseeRecordsTable {
  id: string;
  household_id: string;
  kind: string;
  protocol: string;
  value_cents: ColumnType<number, number, number>;
  dsu_submitted_on: string;
  valid_until: string;
  members_count: number;
  isee_members: string | null;
  created_at: string;
  created_by: string | null;
}
export interface VulnerabilitiesTable {
  id: string;
  household_id: string;
  code: string;
  note: string | null;
  created_at: string;
  created_by: string | null;
}
export interface HouseholdNotesTable {
  id: string;
  household_id: string;
  audience: 'all' | 'social';
  body: string;
  author_id: string;
  author_role: string;
  created_at: string;
}
export interface TimelineEventsTable {
  id: string;
  household_id: string;
  at: string;
  kind: string;
  title: string;
  detail: string | null;
  source_type: string | null;
  source_id: string | null;
  actor_id: string | null;
}
export interface UnitsTable {
  id: string;
  code: string;
  owner_id: string;
  comune_id: string;
  programme: 'sap' | 'por' | 'sas' | 'sat' | 'other';
  address_street: string;
  address_number: string | null;
  floor_area_dm2: number;
  rooms: number;
  floor: number;
  has_lift: Flag;
  accessible: Flag;
  state: string;
  created_at: string;
  works_cost_cents: number | null;
  reserve_category: string | null;
  updated_at: string | null;
}
export interface UnitStateChangesTable {
  id: string;
  unit_id: string;
  state: string;
  works_cost_cents: number | null;
  reason: string;
  source: string;
  changed_at: string;
  changed_by: string | null;
}
export interface FileImportsTable {
  id: string;
  kind: string;
  /** The call's id, or '' for imports that belong to no call. */
  call_key: string;
  sha256: string;
  file_name: string;
  rows_count: number;
  summary: string | null;
  imported_at: string;
  imported_by: string | null;
}
export interface CallsTable {
  id: string;
  code: string;
  ambito_id: string;
  name: string;
  kind: string;
  programme: string;
  opens_on: string;
  closes_on: string;
  scoring: string;
  scheme_code: string | null;
  scheme_version: string | null;
  indigent_percent: number;
  tie_break_keys: string;
  draw_seed: number;
  refusal_policy: string;
  created_at: string;
  created_by: string | null;
}
export interface CallOwnerQuotasTable {
  call_id: string;
  owner_id: string;
  reserve_percent: number;
  police_percent: number;
}
export interface CallUnitsTable {
  call_id: string;
  unit_id: string;
  reserve_category: string | null;
  added_at: string;
  import_id: string | null;
}
export interface ApplicationsTable {
  id: string;
  call_id: string;
  platform_id: string;
  protocol: string;
  submitted_at: string;
  household_id: string;
  applicant_fiscal_code: string;
  applicant_last_name: string;
  applicant_first_name: string;
  residence_comune_id: string | null;
  residence_comune_name: string;
  work_comune_id: string | null;
  work_comune_name: string | null;
  members_count: number;
  isee_cents: number;
  isbar_milli: number;
  indigent: Flag;
  indigence_attested: Flag;
  /** Comma-separated reserve category codes ('' when none). */
  reserve_categories: string;
  max_invalidity_percent: number | null;
  choice_1_unit_id: string | null;
  choice_2_unit_id: string | null;
  source: 'platform_import' | 'front_desk';
  import_id: string | null;
  created_at: string;
  created_by: string | null;
}
export interface ApplicationMembersTable {
  id: string;
  application_id: string;
  fiscal_code: string;
  last_name: string;
  first_name: string;
  birth_date: string | null;
  relation: string | null;
  invalidity_percent: number | null;
}
export interface ApplicationReviewsTable {
  id: string;
  application_id: string;
  decision: 'admitted' | 'excluded';
  reason: string;
  /** JSON: the requirement checks as they were when the decision was taken. */
  checks: string;
  decided_at: string;
  decided_by: string;
}
export interface RankingRunsTable {
  id: string;
  call_id: string;
  ruleset_version: string;
  tie_break_keys: string;
  seed: number;
  input_hash: string;
  inputs_snapshot: string;
  supersedes_id: string | null;
  created_at: string;
  created_by: string | null;
  /** The run's single order and each ranking's positions, compact (core/sap/ranking-order.ts); null for older runs. */
  order_index: ColumnType<string | null, string | null | undefined, never>;
}
export interface RankingRunEventsTable {
  id: string;
  run_id: string;
  kind: string;
  on_date: string;
  at: string;
  by_user: string | null;
  note: string | null;
}
export interface RankingEntriesTable {
  run_id: string;
  owner_id: string;
  comune_id: string;
  application_id: string;
  position: number;
  isbar_milli: number;
  indigent: Flag;
  /** JSON array of the unit ids (codes) chosen in this owner and Comune. */
  unit_ids: string;
  /** JSON: the tie-break keys' values, for explanations. */
  sort_keys: string;
  /** JSON: a points scheme's breakdown, for calls scored locally. */
  score_detail: string | null;
}
export interface ScoringSchemesTable {
  id: string;
  code: string;
  version: string;
  name: string;
  /** JSON: the PointsScheme (core/scoring/points-scheme.ts). */
  definition: string;
  valid_from: string;
  valid_to: string | null;
  created_at: string;
  created_by: string | null;
}
export interface CorrectionRequestsTable {
  id: string;
  application_id: string;
  ranking_run_id: string;
  subject: string;
  invalidity_percent: number;
  procedure_started_on: string;
  filed_on: string;
  note: string | null;
  created_at: string;
  created_by: string | null;
}
export interface CorrectionDecisionsTable {
  id: string;
  request_id: string;
  decision: 'granted' | 'rejected';
  reason: string;
  decided_on: string;
  decided_at: string;
  decided_by: string;
}
export interface AssignmentRunsTable {
  id: string;
  call_id: string;
  ranking_run_id: string;
  input_hash: string;
  refusal_policy: string;
  inputs_snapshot: string;
  supersedes_id: string | null;
  created_at: string;
  created_by: string | null;
}
export interface AssignmentProposalsTable {
  run_id: string;
  unit_id: string;
  application_id: string;
  basis: string;
  explanation: string;
}
export interface AssignmentOutcomesTable {
  run_id: string;
  application_id: string;
  code: string;
  explanation: string;
}
export interface AssignmentsTable {
  id: string;
  call_id: string;
  unit_id: string;
  application_id: string;
  run_id: string | null;
  basis: string;
  created_at: string;
  created_by: string | null;
}
export interface AssignmentEventsTable {
  id: string;
  assignment_id: string;
  kind: string;
  on_date: string;
  reason: string | null;
  justified: Flag | null;
  at: string;
  by_user: string | null;
}
export interface UnitClaimsTable {
  unit_id: string;
  assignment_id: string;
}
export interface ApplicationClaimsTable {
  application_id: string;
  assignment_id: string;
}
export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}
export interface HouseholdSharesTable {
  id: string;
  household_id: string;
  partner_id: string;
  granted_by: string;
  granted_at: string;
  revoked_at: string | null;
  reason: string;
}
export interface SequencesTable {
  name: string;
  value: number;
}
export interface MigrationRow {
  name: string;
  timestamp: Generated<string>;
}

/** Each area keeps its tables in its own file (schema-<area>.ts). */
export interface Database extends MeasuresTables, EmergencyTables, CommunicationsTables, DataProtectionTables {
  ambiti: AmbitiTable;
  comuni: ComuniTable;
  owners: OwnersTable;
  partners: PartnersTable;
  users: UsersTable;
  user_comuni: UserComuniTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  households: HouseholdsTable;
  members: MembersTable;
  isee_records: IseeRecordsTable;
  vulnerabilities: VulnerabilitiesTable;
  household_notes: HouseholdNotesTable;
  timeline_events: TimelineEventsTable;
  household_shares: HouseholdSharesTable;
  sequences: SequencesTable;
  units: UnitsTable;
  settings: SettingsTable;
  unit_state_changes: UnitStateChangesTable;
  file_imports: FileImportsTable;
  scoring_schemes: ScoringSchemesTable;
  calls: CallsTable;
  call_owner_quotas: CallOwnerQuotasTable;
  call_units: CallUnitsTable;
  /**
   * latest_decision: the decision of the latest review (application_reviews), kept by a database
   * trigger (migration 202611262100), never written by the application.
   */
  applications: ApplicationsTable & { latest_decision: ColumnType<'admitted' | 'excluded' | null, never, never> };
  application_members: ApplicationMembersTable;
  application_reviews: ApplicationReviewsTable;
  ranking_runs: RankingRunsTable;
  ranking_run_events: RankingRunEventsTable;
  ranking_entries: RankingEntriesTable;
  correction_requests: CorrectionRequestsTable;
  correction_decisions: CorrectionDecisionsTable;
  assignment_runs: AssignmentRunsTable;
  assignment_proposals: AssignmentProposalsTable;
  assignment_outcomes: AssignmentOutcomesTable;
  assignments: AssignmentsTable;
  assignment_events: AssignmentEventsTable;
  unit_claims: UnitClaimsTable;
  application_claims: ApplicationClaimsTable;
}
