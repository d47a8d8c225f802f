import { ambitoSchema, type Ambito } from '../../../shared/ambito.js';
import {
  householdDetailSchema,
  householdSearchResultSchema,
  type HouseholdDetail,
  type HouseholdInput,
  type IseeInput,
} from '../../../shared/households.js';
import { apiFetch, withQuery } from '../../lib/api.js';

export type { Ambito } from '../../../shared/ambito.js';

export function getAmbito(): Promise<Ambito> {
  return apiFetch('GET', '/api/ambito', undefined, ambitoSchema);
}

export interface SearchParams {
  readonly q?: string | undefined;
  readonly comuneId?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

export function searchHouseholds(params: SearchParams) {
  return apiFetch('GET', withQuery('/api/households', { ...params }), undefined, householdSearchResultSchema);
}

const base = (id: string) => `/api/households/${encodeURIComponent(id)}`;

export function getHousehold(id: string): Promise<HouseholdDetail> {
  return apiFetch('GET', base(id), undefined, householdDetailSchema);
}

export function createHousehold(input: HouseholdInput): Promise<HouseholdDetail> {
  return apiFetch('POST', '/api/households', input, householdDetailSchema);
}

export function updateHousehold(id: string, input: HouseholdInput & { version: number }): Promise<HouseholdDetail> {
  return apiFetch('PUT', base(id), input, householdDetailSchema);
}

export function addIsee(id: string, input: IseeInput): Promise<HouseholdDetail> {
  return apiFetch('POST', `${base(id)}/isee`, input, householdDetailSchema);
}

export function addVulnerability(id: string, input: { code: string; note: string | null }): Promise<HouseholdDetail> {
  return apiFetch('POST', `${base(id)}/vulnerabilities`, input, householdDetailSchema);
}

export function removeVulnerability(id: string, vulnerabilityId: string): Promise<HouseholdDetail> {
  return apiFetch(
    'DELETE',
    `${base(id)}/vulnerabilities/${encodeURIComponent(vulnerabilityId)}`,
    {},
    householdDetailSchema,
  );
}

export function addNote(id: string, input: { audience: 'all' | 'social'; body: string }): Promise<HouseholdDetail> {
  return apiFetch('POST', `${base(id)}/notes`, input, householdDetailSchema);
}
