// The API calls of the housing-emergency pages (evictions, temporary housing, partners, referrals, plans).
import { z } from 'zod';
import {
  evictionDetailSchema,
  evictionListSchema,
  evictionStatisticsSchema,
  worklistSchema,
  type EvictionDetailsInputRaw,
  type EvictionEventInputRaw,
  type EvictionInputRaw,
  type HistoryImportRaw,
} from '../../../shared/evictions.js';
import {
  partnerDetailSchema,
  partnerListSchema,
  type AgreementInputRaw,
  type PartnerInputRaw,
} from '../../../shared/partners.js';
import { planDetailSchema, planListSchema, type PlanInputRaw } from '../../../shared/plans.js';
import { referralListSchema, referralSchema, type ReferralInputRaw } from '../../../shared/referrals.js';
import {
  emergencySettingsSchema,
  occupancyViewSchema,
  placementDetailSchema,
  placementListSchema,
  selectionListSchema,
  temporaryUnitSchema,
  type EmergencySettingsInput,
  type PlacementInputRaw,
  type TemporaryUnitInputRaw,
} from '../../../shared/temporary-housing.js';
import { apiFetch, withQuery } from '../../lib/api.js';

const enc = encodeURIComponent;

export const getWorklist = (on?: string) =>
  apiFetch('GET', withQuery('/api/worklist', { on }), undefined, worklistSchema);

export const listEvictions = (q: { stage?: string; q?: string; householdId?: string }) =>
  apiFetch('GET', withQuery('/api/evictions', q), undefined, evictionListSchema);
export const getEviction = (id: string) =>
  apiFetch('GET', `/api/evictions/${enc(id)}`, undefined, evictionDetailSchema);
export const createEviction = (input: EvictionInputRaw) =>
  apiFetch('POST', '/api/evictions', input, evictionDetailSchema);
export const addEvictionEvent = (id: string, input: EvictionEventInputRaw) =>
  apiFetch('POST', `/api/evictions/${enc(id)}/events`, input, evictionDetailSchema);
export const correctEvictionDetails = (id: string, input: EvictionDetailsInputRaw) =>
  apiFetch('PUT', `/api/evictions/${enc(id)}/details`, input, evictionDetailSchema);
export const assignSocialWorker = (id: string, socialWorkerId: string | null, version: number) =>
  apiFetch('PUT', `/api/evictions/${enc(id)}/social-worker`, { socialWorkerId, version }, evictionDetailSchema);
export const getEvictionStatistics = () =>
  apiFetch('GET', '/api/evictions/statistics', undefined, evictionStatisticsSchema);
export const importEvictionHistory = (input: HistoryImportRaw) =>
  apiFetch('POST', '/api/evictions/history', input, evictionStatisticsSchema);

export const getEmergencySettings = () =>
  apiFetch('GET', '/api/emergency-settings', undefined, emergencySettingsSchema);
export const saveEmergencySettings = (input: EmergencySettingsInput) =>
  apiFetch('PUT', '/api/emergency-settings', input, emergencySettingsSchema);
export const getOccupancy = (on?: string) =>
  apiFetch('GET', withQuery('/api/temporary-housing/occupancy', { on }), undefined, occupancyViewSchema);
const unitWithStays = z.object({ unit: temporaryUnitSchema, placements: placementListSchema.shape.items });
export const getTemporaryUnit = (id: string) =>
  apiFetch('GET', `/api/temporary-units/${enc(id)}`, undefined, unitWithStays);
export const createTemporaryUnit = (input: TemporaryUnitInputRaw) =>
  apiFetch('POST', '/api/temporary-units', input, z.object({ id: z.string() }));
export const getSelection = (id: string) =>
  apiFetch('GET', `/api/temporary-units/${enc(id)}/selection`, undefined, selectionListSchema);
export const listPlacements = (q: { status?: string; householdId?: string } = {}) =>
  apiFetch('GET', withQuery('/api/placements', q), undefined, placementListSchema);
export const getPlacement = (id: string) =>
  apiFetch('GET', `/api/placements/${enc(id)}`, undefined, placementDetailSchema);
export const createPlacement = (input: PlacementInputRaw) =>
  apiFetch('POST', '/api/placements', input, placementDetailSchema);
export const placementAction = (
  id: string,
  what: 'renewals' | 'payments' | 'reports' | 'conflicts' | 'exit-plan' | 'exit',
  body: unknown,
) => apiFetch('POST', `/api/placements/${enc(id)}/${what}`, body, placementDetailSchema);
export const followUpConflict = (id: string, conflictId: string, body: unknown) =>
  apiFetch('PUT', `/api/placements/${enc(id)}/conflicts/${enc(conflictId)}`, body, placementDetailSchema);

export const listPartners = () => apiFetch('GET', '/api/partners', undefined, partnerListSchema);
export const getPartner = (id: string) => apiFetch('GET', `/api/partners/${enc(id)}`, undefined, partnerDetailSchema);
export const createPartner = (input: PartnerInputRaw) => apiFetch('POST', '/api/partners', input, partnerDetailSchema);
export const addAgreement = (id: string, input: AgreementInputRaw) =>
  apiFetch('POST', `/api/partners/${enc(id)}/agreements`, input, partnerDetailSchema);
export const addContact = (id: string, input: unknown) =>
  apiFetch('POST', `/api/partners/${enc(id)}/contacts`, input, partnerDetailSchema);

export const listReferrals = (q: { householdId?: string; status?: string } = {}) =>
  apiFetch('GET', withQuery('/api/referrals', q), undefined, referralListSchema);
export const createReferral = (input: ReferralInputRaw) => apiFetch('POST', '/api/referrals', input, referralSchema);
export const decideReferral = (id: string, decision: 'accepted' | 'declined', note: string) =>
  apiFetch('POST', `/api/referrals/${enc(id)}/decision`, { decision, note }, referralSchema);
export const revokeReferral = (id: string, reason: string) =>
  apiFetch('POST', `/api/referrals/${enc(id)}/revocation`, { reason }, referralSchema);

export const listPlans = (q: { householdId?: string } = {}) =>
  apiFetch('GET', withQuery('/api/plans', q), undefined, planListSchema);
export const getPlan = (id: string) => apiFetch('GET', `/api/plans/${enc(id)}`, undefined, planDetailSchema);
export const createPlan = (input: PlanInputRaw) => apiFetch('POST', '/api/plans', input, planDetailSchema);
export const planAction = (id: string, what: 'goals' | 'actions' | 'reviews' | 'close', body: unknown) =>
  apiFetch('POST', `/api/plans/${enc(id)}/${what}`, body, planDetailSchema);
export const movePlanAction = (id: string, actionId: string, status: string) =>
  apiFetch('PUT', `/api/plans/${enc(id)}/actions/${enc(actionId)}`, { status }, planDetailSchema);
