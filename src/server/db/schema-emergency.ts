// Row types of the tables of evictions, temporary housing, accompaniment plans, partner network (issue 5). Same conventions as schema.ts.
import type { ColumnType } from 'kysely';

type Flag = number;
type Cents = ColumnType<number, number, number>;

/**
 * Columns the emergency migration adds to the foundation's `partners` table. Queries that read them
 * use `db.withTables<{ partners: PartnerExtraColumns }>()` (schema.ts keeps the foundation's shape).
 */
export interface PartnerExtraColumns {
  /** Services offered, one per line. */
  services: string | null;
  notes: string | null;
  updated_at: string | null;
}

export interface PartnerContactsTable {
  id: string;
  partner_id: string;
  name: string;
  role_label: string | null;
  email: string | null;
  phone: string | null;
  created_at: string;
}
export interface PartnerLocationsTable {
  id: string;
  partner_id: string;
  label: string;
  address: string;
  comune_id: string | null;
  created_at: string;
}
export interface AgreementsTable {
  id: string;
  partner_id: string;
  subject: string;
  starts_on: string;
  ends_on: string;
  places: number;
  cost_per_place_month_cents: Cents;
  notes: string | null;
  created_at: string;
  created_by: string | null;
}
export interface ReferralsTable {
  id: string;
  household_id: string;
  partner_id: string;
  direction: 'to_partner' | 'to_agency';
  service: string;
  reason: string;
  legal_basis: string;
  status: 'pending' | 'accepted' | 'declined' | 'revoked';
  share_id: string | null;
  created_at: string;
  created_by: string;
  decided_at: string | null;
  decided_by: string | null;
  decision_note: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  revocation_reason: string | null;
}
export interface EvictionsTable {
  id: string;
  code: string;
  household_id: string;
  comune_id: string;
  unit_id: string | null;
  address: string;
  court: string;
  case_number: string | null;
  landlord_name: string;
  landlord_kind: 'private' | 'aler' | 'comune' | 'other_public' | 'company';
  motive: 'landlord_need' | 'end_of_lease' | 'arrears' | 'other';
  arrears_cents: ColumnType<number | null, number | null, number | null>;
  reported_by: 'court' | 'landlord' | 'household' | 'social_services' | 'other';
  reported_on: string;
  social_worker_id: string | null;
  notes: string | null;
  status: string;
  planned_release_on: string | null;
  version: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}
export interface EvictionEventsTable {
  id: string;
  eviction_id: string;
  seq: number;
  kind: string;
  occurred_on: string;
  planned_on: string | null;
  visit_outcome: string | null;
  police_present: Flag | null;
  hearing_outcome: string | null;
  note: string | null;
  created_at: string;
  created_by: string | null;
}
export interface EvictionYearlyTotalsTable {
  id: string;
  scope: string;
  year: number;
  issued: number;
  issued_landlord_need: number | null;
  issued_end_of_lease: number | null;
  issued_arrears_other: number | null;
  execution_requests: number | null;
  executed: number | null;
  source: string;
  imported_at: string;
  imported_by: string | null;
}
export interface TemporaryUnitsTable {
  id: string;
  code: string;
  partner_id: string;
  agreement_id: string | null;
  comune_id: string;
  address: string;
  capacity_places: number;
  rooms: number;
  shared: Flag;
  target_group: string;
  stay_kind: 'hospitality' | 'sat';
  active: Flag;
  notes: string | null;
  created_at: string;
}
export interface PlacementsTable {
  id: string;
  code: string;
  household_id: string;
  unit_id: string;
  eviction_id: string | null;
  places_used: number;
  stay_kind: 'hospitality' | 'sat';
  starts_on: string;
  planned_end_on: string;
  monthly_grant_cents: Cents;
  monthly_copayment_cents: Cents;
  educator_name: string | null;
  exit_plan: string | null;
  exit_plan_on: string | null;
  exited_on: string | null;
  exit_destination: string | null;
  exit_note: string | null;
  share_id: string | null;
  version: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}
export interface PlacementRenewalsTable {
  id: string;
  placement_id: string;
  decided_on: string;
  previous_end_on: string;
  new_end_on: string;
  note: string | null;
  created_at: string;
  created_by: string | null;
}
export interface PlacementPaymentsTable {
  id: string;
  placement_id: string;
  period_month: string;
  amount_cents: Cents;
  paid_on: string;
  created_at: string;
  created_by: string | null;
}
export interface PlacementReportsTable {
  id: string;
  placement_id: string;
  reported_on: string;
  period_from: string;
  period_to: string;
  body: string;
  author_id: string;
  author_partner_id: string | null;
  created_at: string;
}
export interface PlacementConflictsTable {
  id: string;
  placement_id: string;
  occurred_on: string;
  severity: 'low' | 'medium' | 'high';
  description: string;
  follow_up: string | null;
  resolved_on: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}
export interface SupportPlansTable {
  id: string;
  household_id: string;
  title: string;
  opened_on: string;
  next_review_on: string | null;
  closed_on: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}
export interface PlanGoalsTable {
  id: string;
  plan_id: string;
  position: number;
  description: string;
  created_at: string;
}
export interface PlanActionsTable {
  id: string;
  plan_id: string;
  goal_id: string | null;
  description: string;
  responsible_kind: 'agency' | 'social_worker' | 'partner' | 'educator' | 'household';
  responsible_name: string;
  responsible_partner_id: string | null;
  due_on: string | null;
  status: 'planned' | 'in_progress' | 'done' | 'cancelled';
  done_on: string | null;
  created_at: string;
  updated_at: string;
}
export interface PlanReviewsTable {
  id: string;
  plan_id: string;
  reviewed_on: string;
  outcome: string;
  note: string | null;
  created_at: string;
  created_by: string | null;
}
export interface PlanTeamMembersTable {
  id: string;
  plan_id: string;
  user_id: string | null;
  partner_id: string | null;
  name: string;
  role_label: string;
  created_at: string;
}

export interface EmergencySettingsTable {
  key: string;
  /** JSON of the setting's value. */
  value: string;
  version: number;
  updated_at: string;
  updated_by: string | null;
}

export interface EmergencyTables {
  emergency_settings: EmergencySettingsTable;
  partner_contacts: PartnerContactsTable;
  partner_locations: PartnerLocationsTable;
  agreements: AgreementsTable;
  referrals: ReferralsTable;
  evictions: EvictionsTable;
  eviction_events: EvictionEventsTable;
  eviction_yearly_totals: EvictionYearlyTotalsTable;
  temporary_units: TemporaryUnitsTable;
  placements: PlacementsTable;
  placement_renewals: PlacementRenewalsTable;
  placement_payments: PlacementPaymentsTable;
  placement_reports: PlacementReportsTable;
  placement_conflicts: PlacementConflictsTable;
  support_plans: SupportPlansTable;
  plan_goals: PlanGoalsTable;
  plan_actions: PlanActionsTable;
  plan_reviews: PlanReviewsTable;
  plan_team_members: PlanTeamMembersTable;
}
