// Row types of the tables of front desk, measures, funds and payments (issue 4). Same conventions as schema.ts.
import type { ColumnType } from 'kysely';

type Flag = number;
type Money = ColumnType<number, number, number>;
type MoneyWithDefault = ColumnType<number, number | undefined, number>;

export interface DocumentsTable {
  id: string;
  household_id: string | null;
  owner_kind: string;
  owner_id: string;
  category: string | null;
  original_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  stored_at: string;
  stored_by: string | null;
}
export interface FundsTable {
  id: string;
  code: string;
  year: number;
  name: string;
  legal_basis: string;
  budget_cents: Money;
  committed_cents: MoneyWithDefault;
  paid_cents: MoneyWithDefault;
  created_at: string;
  created_by: string | null;
}
export interface MeasuresTable {
  id: string;
  code: string;
  kind: string;
  name: string;
  legal_basis: string;
  description: string;
  fund_code: string;
  payee: 'tenant' | 'landlord';
  valid_from: string;
  valid_to: string | null;
  active: Flag;
  required_documents: string;
  approval_steps: string;
  created_at: string;
  updated_at: string;
  created_by: string | null;
}
export interface MeasureParameterVersionsTable {
  id: string;
  measure_id: string;
  version: string;
  valid_from: string;
  valid_to: string | null;
  parameters: string;
  note: string | null;
  created_at: string;
  created_by: string | null;
}
export interface LandlordsTable {
  id: string;
  name: string;
  fiscal_code: string;
  iban: string | null;
  email: string | null;
  phone: string | null;
  created_at: string;
  created_by: string | null;
}
export interface AgreedRentContractsTable {
  id: string;
  landlord_id: string;
  household_id: string | null;
  address: string;
  comune_id: string;
  local_agreement: string;
  duration_years: number;
  extension_years: number;
  monthly_rent_cents: Money;
  starts_on: string;
  registered_on: string | null;
  guarantee_cents: number | null;
  guarantee_months: number | null;
  created_at: string;
  created_by: string | null;
}
export interface MeasureApplicationsTable {
  id: string;
  code: string;
  household_id: string;
  measure_id: string;
  parameter_version_id: string;
  status: string;
  applied_on: string;
  channel: string;
  contact_id: string | null;
  applicant_fiscal_code: string;
  applicant_name: string;
  payee_kind: string;
  payee_name: string;
  payee_fiscal_code: string;
  iban: string;
  landlord_id: string | null;
  contract_id: string | null;
  isee_record_id: string | null;
  facts: string;
  request: string;
  amount_cents: number | null;
  breakdown: string | null;
  fund_id: string | null;
  committed_cents: MoneyWithDefault;
  paid_cents: MoneyWithDefault;
  version: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}
export interface MeasureApplicationEventsTable {
  id: string;
  application_id: string;
  kind: string;
  outcome: string | null;
  reason: string | null;
  amount_cents: number | null;
  at: string;
  by_user: string | null;
}
export interface FundEntriesTable {
  id: string;
  fund_id: string;
  kind: string;
  amount_cents: Money;
  application_id: string | null;
  payment_id: string | null;
  note: string | null;
  at: string;
  by_user: string | null;
}
export interface PaymentBatchesTable {
  id: string;
  code: string;
  fund_id: string;
  accounting_reference: string;
  paid_on: string;
  payments_count: number;
  total_cents: Money;
  created_at: string;
  created_by: string | null;
}
export interface PaymentsTable {
  id: string;
  batch_id: string | null;
  kind: 'payment' | 'cancellation' | 'recovery';
  corrects_payment_id: string | null;
  application_id: string;
  household_id: string;
  fund_id: string;
  measure_code: string;
  beneficiary_fiscal_code: string;
  payee_name: string;
  payee_fiscal_code: string;
  iban: string;
  amount_cents: Money;
  on_date: string;
  reason: string | null;
  created_at: string;
  created_by: string | null;
}
export interface FrontdeskContactsTable {
  id: string;
  household_id: string;
  person_name: string;
  at: string;
  channel: string;
  reason: string;
  reason_note: string | null;
  outcome: string | null;
  outcome_note: string | null;
  operator_id: string;
  created_at: string;
}
export interface FrontdeskQuestionnairesTable {
  id: string;
  contact_id: string;
  household_id: string;
  answers: string;
  created_at: string;
  created_by: string | null;
}
export interface FrontdeskScreeningsTable {
  id: string;
  contact_id: string;
  household_id: string;
  as_of: string;
  results: string;
  created_at: string;
  created_by: string | null;
}
export interface FrontdeskReferralsTable {
  id: string;
  contact_id: string;
  household_id: string;
  kind: string;
  measure_id: string | null;
  call_id: string | null;
  partner_id: string | null;
  application_id: string | null;
  note: string | null;
  created_at: string;
  created_by: string | null;
}
export interface AppointmentSlotsTable {
  id: string;
  operator_id: string;
  starts_at: string;
  ends_at: string;
  place: string;
  created_at: string;
  created_by: string | null;
}
export interface AppointmentBookingsTable {
  id: string;
  slot_key: string;
  slot_id: string;
  household_id: string;
  contact_id: string | null;
  purpose: string;
  booked_at: string;
  booked_by: string | null;
  cancelled_at: string | null;
}

export interface MeasuresTables {
  documents: DocumentsTable;
  funds: FundsTable;
  measures: MeasuresTable;
  measure_parameter_versions: MeasureParameterVersionsTable;
  landlords: LandlordsTable;
  agreed_rent_contracts: AgreedRentContractsTable;
  measure_applications: MeasureApplicationsTable;
  measure_application_events: MeasureApplicationEventsTable;
  fund_entries: FundEntriesTable;
  payment_batches: PaymentBatchesTable;
  payments: PaymentsTable;
  frontdesk_contacts: FrontdeskContactsTable;
  frontdesk_questionnaires: FrontdeskQuestionnairesTable;
  frontdesk_screenings: FrontdeskScreeningsTable;
  frontdesk_referrals: FrontdeskReferralsTable;
  appointment_slots: AppointmentSlotsTable;
  appointment_bookings: AppointmentBookingsTable;
}
