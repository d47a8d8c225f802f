// The demo data as rows of the database tables (column names as in the foundation migration), so that the
// loader inserts them as they are. Booleans are 0/1, instants UTC ISO strings, days 'YYYY-MM-DD', money cents.

export type DemoRole =
  'admin' | 'manager' | 'front_desk' | 'social_worker' | 'housing_officer' | 'partner' | 'observer';

export interface DemoAmbitoRow {
  id: string;
  name: string;
  created_at: string;
}

export interface DemoComuneRow {
  id: string;
  ambito_id: string;
  name: string;
  istat_code: string;
  belfiore_code: string;
  province: string;
  population: number;
  is_lead: number;
  created_at: string;
}

export interface DemoOwnerRow {
  id: string;
  kind: 'comune' | 'aler';
  name: string;
  comune_id: string | null;
  created_at: string;
}

export interface DemoPartnerRow {
  id: string;
  name: string;
  kind: string;
  fiscal_code: string | null;
  email: string | null;
  phone: string | null;
  created_at: string;
}

/** A staff account without its password hash: the loader hashes the password it is given. */
export interface DemoUserRow {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  role: DemoRole;
  partner_id: string | null;
  active: number;
  created_at: string;
  password_changed_at: string;
}

export interface DemoUnitRow {
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
  has_lift: number;
  accessible: number;
  state: string;
  created_at: string;
}

export interface DemoHouseholdRow {
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
  lone_parent: number;
  search_text: string;
  version: number;
  created_at: string;
  updated_at: string;
  created_by: string | null;
}

export interface DemoMemberRow {
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

export interface DemoIseeRow {
  id: string;
  household_id: string;
  kind: string;
  protocol: string;
  value_cents: number;
  dsu_submitted_on: string;
  valid_until: string;
  members_count: number;
  isee_members: string | null;
  created_at: string;
  created_by: string | null;
}

export interface DemoVulnerabilityRow {
  id: string;
  household_id: string;
  code: string;
  note: string | null;
  created_at: string;
  created_by: string | null;
}

export interface DemoNoteRow {
  id: string;
  household_id: string;
  audience: 'all' | 'social';
  body: string;
  author_id: string;
  author_role: string;
  created_at: string;
}

export interface DemoTimelineEventRow {
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

export interface DemoShareRow {
  id: string;
  household_id: string;
  partner_id: string;
  granted_by: string;
  granted_at: string;
  revoked_at: string | null;
  reason: string;
}

/** The value a named sequence must have once the demo households hold their codes. */
export interface DemoSequenceRow {
  name: string;
  value: number;
}

export interface DemoData {
  readonly ambiti: DemoAmbitoRow[];
  readonly comuni: DemoComuneRow[];
  readonly owners: DemoOwnerRow[];
  readonly partners: DemoPartnerRow[];
  readonly users: DemoUserRow[];
  readonly units: DemoUnitRow[];
  readonly households: DemoHouseholdRow[];
  readonly members: DemoMemberRow[];
  readonly iseeRecords: DemoIseeRow[];
  readonly vulnerabilities: DemoVulnerabilityRow[];
  readonly notes: DemoNoteRow[];
  readonly timelineEvents: DemoTimelineEventRow[];
  readonly shares: DemoShareRow[];
  readonly sequences: DemoSequenceRow[];
}
