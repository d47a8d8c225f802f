import {
  callDetailSchema,
  callListSchema,
  candidateUnitsSchema,
  type CallDetail,
  type CallInput,
} from '../../../shared/calls.js';
import { apiFetch, withQuery } from '../../lib/api.js';

const base = (id: string) => `/api/calls/${encodeURIComponent(id)}`;

export function listCalls() {
  return apiFetch('GET', '/api/calls', undefined, callListSchema);
}

export function getCall(id: string): Promise<CallDetail> {
  return apiFetch('GET', base(id), undefined, callDetailSchema);
}

export function createCall(input: CallInput): Promise<CallDetail> {
  return apiFetch('POST', '/api/calls', input, callDetailSchema);
}

export function listCandidateUnits(
  id: string,
  params: { comuneId?: string | undefined; q?: string | undefined; limit: number; offset: number },
) {
  return apiFetch('GET', withQuery(`${base(id)}/candidate-units`, { ...params }), undefined, candidateUnitsSchema);
}

export function addCallUnits(id: string, unitIds: readonly string[]): Promise<CallDetail> {
  return apiFetch('POST', `${base(id)}/units`, { unitIds }, callDetailSchema);
}

export function removeCallUnit(id: string, unitId: string): Promise<CallDetail> {
  return apiFetch('DELETE', `${base(id)}/units/${encodeURIComponent(unitId)}`, {}, callDetailSchema);
}
