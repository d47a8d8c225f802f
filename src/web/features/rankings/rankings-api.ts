import { z } from 'zod';
import {
  explanationSchema,
  type correctionRequestInputSchema,
  rankingsViewSchema,
  rankRunResultSchema,
  type RankingsView,
} from '../../../shared/rankings.js';
import { apiFetch } from '../../lib/api.js';

export type { RankingsView } from '../../../shared/rankings.js';
export type Explanation = z.infer<typeof explanationSchema>;
export type CorrectionRequestBody = z.output<typeof correctionRequestInputSchema>;

const callBase = (callId: string) => `/api/calls/${encodeURIComponent(callId)}/rankings`;

export function getRankings(callId: string): Promise<RankingsView> {
  return apiFetch('GET', callBase(callId), undefined, rankingsViewSchema);
}

export function computeRanking(callId: string) {
  return apiFetch('POST', callBase(callId), {}, rankRunResultSchema);
}

const publishedSchema = z.object({ runId: z.string(), state: z.string(), publishedOn: z.string() });
const finalisedSchema = z.object({ runId: z.string(), state: z.string(), finalisedOn: z.string() });

export function publishProvisional(callId: string, onDate: string) {
  return apiFetch('POST', `${callBase(callId)}/publish`, { onDate }, publishedSchema);
}

export function finaliseRanking(callId: string) {
  return apiFetch('POST', `${callBase(callId)}/finalise`, {}, finalisedSchema);
}

/** The publication file: platform ids, positions, scores and chosen units, never names. */
export function publicationCsvHref(callId: string): string {
  return `${callBase(callId)}/publication.csv`;
}

export function publicationPdfHref(callId: string): string {
  return `${callBase(callId)}/publication.pdf`;
}

export function fileCorrection(applicationId: string, body: CorrectionRequestBody) {
  return apiFetch(
    'POST',
    `/api/applications/${encodeURIComponent(applicationId)}/corrections`,
    body,
    z.object({ id: z.string() }),
  );
}

export function decideCorrection(requestId: string, body: { decision: 'granted' | 'rejected'; reason: string }) {
  return apiFetch(
    'POST',
    `/api/corrections/${encodeURIComponent(requestId)}/decision`,
    body,
    z.object({ id: z.string(), decision: z.string() }),
  );
}

export function getExplanation(applicationId: string): Promise<Explanation> {
  return apiFetch(
    'GET',
    `/api/applications/${encodeURIComponent(applicationId)}/explanation`,
    undefined,
    explanationSchema,
  );
}
