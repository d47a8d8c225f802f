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

/** The SAP call of the demo, as the calls feature writes it with its defaults (calls.actions.ts createCall). */
export interface DemoCallRow {
  id: string;
  code: string;
  ambito_id: string;
  name: string;
  kind: 'ordinary';
  programme: 'sap';
  opens_on: string;
  closes_on: string;
  scoring: 'platform_isbar';
  scheme_code: string | null;
  scheme_version: string | null;
  indigent_percent: number;
  /** JSON array of tie-break keys. */
  tie_break_keys: string;
  draw_seed: number;
  refusal_policy: string;
  created_at: string;
  created_by: string | null;
}

export interface DemoCallQuotaRow {
  call_id: string;
  owner_id: string;
  reserve_percent: number;
  police_percent: number;
}

export interface DemoCallUnitRow {
  call_id: string;
  unit_id: string;
  reserve_category: string | null;
  added_at: string;
  import_id: string | null;
}

/** An application as the platform import writes it (applications.actions.ts buildRows). */
export interface DemoApplicationRow {
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
  indigent: number;
  indigence_attested: number;
  /** Comma-separated reserve category codes ('' when none). */
  reserve_categories: string;
  max_invalidity_percent: number | null;
  choice_1_unit_id: string | null;
  choice_2_unit_id: string | null;
  source: 'platform_import';
  import_id: string | null;
  created_at: string;
  created_by: string | null;
}

/**
 * An officer's decision on an application's requirements, without the snapshot of the checks: the loader
 * adds the one the review would store (applications.actions.ts requirementChecksOf).
 */
export interface DemoReviewRow {
  id: string;
  application_id: string;
  decision: 'admitted' | 'excluded';
  reason: string;
  decided_at: string;
  decided_by: string;
}

/** The value a named sequence must have once the demo households and calls hold their codes. */
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
  readonly calls: DemoCallRow[];
  readonly callQuotas: DemoCallQuotaRow[];
  readonly callUnits: DemoCallUnitRow[];
  readonly applications: DemoApplicationRow[];
  readonly reviews: DemoReviewRow[];
  readonly sequences: DemoSequenceRow[];
}
