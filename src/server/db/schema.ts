// Row types of the database, as Kysely sees them. Booleans are integers 0/1 on both dialects;
// instants are ISO strings and days 'YYYY-MM-DD' once read (see client.ts).
import type { ColumnType, Generated } from 'kysely';

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
  citizenship: string;
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

export interface Database {
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
}
