import {
  calendarSchema,
  contactDetailSchema,
  contactListSchema,
  partnerListSchema,
  referralListSchema,
  screeningSchema,
  type BookingInput,
  type ContactInput,
  type QuestionnaireAnswersInput,
  type ReferralInput,
  slotsCreatedSchema,
  type SlotInput,
} from '../../../shared/frontdesk.js';
import {
  batchDetailSchema,
  batchListSchema,
  fundDetailSchema,
  fundListSchema,
  type BatchInput,
  type CorrectionInput,
  type BudgetChangeInputRaw,
  type FundInput,
} from '../../../shared/funds.js';
import {
  applicationDetailSchema,
  applicationListSchema,
  benefitsSchema,
  documentSchema,
  landlordListSchema,
  measureDetailSchema,
  measureListSchema,
  type ApplicationInput,
  type ApprovalInput,
  type ContractInput,
  type LandlordInput,
  type ParameterVersionInput,
  type ReviewInput,
} from '../../../shared/measures.js';
import { apiFetch, RawBody, withQuery } from '../../lib/api.js';
import { z } from 'zod';

const enc = encodeURIComponent;
const idResult = z.object({ id: z.string() });

// Front desk
export const listContacts = (householdId?: string) =>
  apiFetch('GET', withQuery('/api/frontdesk/contacts', { householdId, limit: 50 }), undefined, contactListSchema);
export const createContact = (input: ContactInput) =>
  apiFetch('POST', '/api/frontdesk/contacts', input, contactDetailSchema);
export const getContact = (id: string) =>
  apiFetch('GET', `/api/frontdesk/contacts/${enc(id)}`, undefined, contactDetailSchema);
export const saveQuestionnaire = (id: string, answers: QuestionnaireAnswersInput) =>
  apiFetch('PUT', `/api/frontdesk/contacts/${enc(id)}/questionnaire`, answers, contactDetailSchema);
export const screen = (id: string) =>
  apiFetch('POST', `/api/frontdesk/contacts/${enc(id)}/screening`, {}, screeningSchema);
export const refer = (id: string, input: ReferralInput) =>
  apiFetch('POST', `/api/frontdesk/contacts/${enc(id)}/referrals`, input, contactDetailSchema);
export const listReferrals = () => apiFetch('GET', '/api/frontdesk/referrals', undefined, referralListSchema);
export const listPartners = () => apiFetch('GET', '/api/frontdesk/partners', undefined, partnerListSchema);
export const getCalendar = (from: string, to: string) =>
  apiFetch('GET', withQuery('/api/frontdesk/calendar', { from, to }), undefined, calendarSchema);
export const createSlot = (input: SlotInput) => apiFetch('POST', '/api/frontdesk/slots', input, slotsCreatedSchema);
export const book = (input: BookingInput) => apiFetch('POST', '/api/frontdesk/bookings', input, idResult);
export const cancelBooking = (id: string) => apiFetch('DELETE', `/api/frontdesk/bookings/${enc(id)}`);

// Measures
export const listMeasures = () => apiFetch('GET', '/api/measures', undefined, measureListSchema);
export const getMeasure = (id: string) => apiFetch('GET', `/api/measures/${enc(id)}`, undefined, measureDetailSchema);
export const updateMeasure = (id: string, active: boolean) =>
  apiFetch('PUT', `/api/measures/${enc(id)}`, { active }, measureDetailSchema);
export const addVersion = (id: string, input: ParameterVersionInput) =>
  apiFetch('POST', `/api/measures/${enc(id)}/parameter-versions`, input, measureDetailSchema);
export const listApplications = (q: { status?: string | undefined; householdId?: string | undefined }) =>
  apiFetch('GET', withQuery('/api/measure-applications', { ...q, limit: 200 }), undefined, applicationListSchema);
export const createApplication = (input: ApplicationInput) =>
  apiFetch('POST', '/api/measure-applications', input, applicationDetailSchema);
export const getApplication = (id: string) =>
  apiFetch('GET', `/api/measure-applications/${enc(id)}`, undefined, applicationDetailSchema);
export const uploadDocument = (id: string, file: File, category: string) =>
  apiFetch(
    'POST',
    withQuery(`/api/measure-applications/${enc(id)}/documents`, { fileName: file.name, category }),
    new RawBody(file, file.type || 'application/octet-stream'),
    documentSchema,
  );
export const review = (id: string, input: ReviewInput) =>
  apiFetch('POST', `/api/measure-applications/${enc(id)}/review`, input, applicationDetailSchema);
export const decide = (id: string, input: ApprovalInput) =>
  apiFetch('POST', `/api/measure-applications/${enc(id)}/decision`, input, applicationDetailSchema);
export const getBenefits = (householdId: string) =>
  apiFetch('GET', `/api/households/${enc(householdId)}/benefits`, undefined, benefitsSchema);
export const listLandlords = () => apiFetch('GET', '/api/landlords', undefined, landlordListSchema);
export const createLandlord = (input: LandlordInput) => apiFetch('POST', '/api/landlords', input, idResult);
export const createContract = (input: ContractInput) => apiFetch('POST', '/api/agreed-rent-contracts', input, idResult);

// Funds
export const listFunds = () => apiFetch('GET', '/api/funds', undefined, fundListSchema);
export const getFund = (id: string) => apiFetch('GET', `/api/funds/${enc(id)}`, undefined, fundDetailSchema);
export const createFund = (input: FundInput) => apiFetch('POST', '/api/funds', input, fundDetailSchema);
export const changeFundBudget = (id: string, input: BudgetChangeInputRaw) =>
  apiFetch('POST', `/api/funds/${enc(id)}/budget-changes`, input, fundDetailSchema);
export const listBatches = () => apiFetch('GET', '/api/payment-batches', undefined, batchListSchema);
export const getBatch = (id: string) =>
  apiFetch('GET', `/api/payment-batches/${enc(id)}`, undefined, batchDetailSchema);
export const createBatch = (input: BatchInput) => apiFetch('POST', '/api/payment-batches', input, batchDetailSchema);
export const correctPayment = (id: string, input: CorrectionInput) =>
  apiFetch('POST', `/api/payments/${enc(id)}/corrections`, input, idResult);
