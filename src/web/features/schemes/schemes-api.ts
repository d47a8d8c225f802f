import { z } from 'zod';
import {
  pointsSchemeInputSchema,
  schemeScoreSchema,
  schemeSummarySchema,
  type PointsSchemeInput,
} from '../../../shared/schemes.js';
import { apiFetch, withQuery } from '../../lib/api.js';

export type SchemeSummary = z.infer<typeof schemeSummarySchema>;
export type SchemeScore = z.infer<typeof schemeScoreSchema>;

const base = (code: string, version: string) =>
  `/api/schemes/${encodeURIComponent(code)}/${encodeURIComponent(version)}`;

export function listSchemes(): Promise<SchemeSummary[]> {
  return apiFetch('GET', '/api/schemes', undefined, z.array(schemeSummarySchema));
}

export function getScheme(code: string, version: string): Promise<PointsSchemeInput> {
  return apiFetch('GET', base(code, version), undefined, pointsSchemeInputSchema);
}

export function createScheme(input: PointsSchemeInput) {
  return apiFetch('POST', '/api/schemes', input, z.object({ code: z.string(), version: z.string() }));
}

export function scoreHousehold(code: string, version: string, householdId: string, asOf?: string) {
  return apiFetch(
    'GET',
    withQuery(`${base(code, version)}/households/${encodeURIComponent(householdId)}`, { asOf }),
    undefined,
    schemeScoreSchema,
  );
}
