import { z } from 'zod';
import {
  assignmentBoardSchema,
  assignmentRunResultSchema,
  assignmentStateSchema,
  type AssignmentBoard,
  type assignmentEventInputSchema,
} from '../../../shared/assignments.js';
import { apiFetch } from '../../lib/api.js';

export type { AssignmentBoard } from '../../../shared/assignments.js';
export type AssignmentEventBody = z.input<typeof assignmentEventInputSchema>;

const stateResult = z.object({ id: z.string(), state: assignmentStateSchema });

export function getAssignmentBoard(callId: string): Promise<AssignmentBoard> {
  return apiFetch('GET', `/api/calls/${encodeURIComponent(callId)}/assignments`, undefined, assignmentBoardSchema);
}

export function computeProposal(callId: string) {
  return apiFetch('POST', `/api/calls/${encodeURIComponent(callId)}/assignment-runs`, {}, assignmentRunResultSchema);
}

export function confirmProposal(runId: string, unitId: string) {
  return apiFetch(
    'POST',
    `/api/assignment-runs/${encodeURIComponent(runId)}/units/${encodeURIComponent(unitId)}/confirm`,
    {},
    stateResult,
  );
}

export function recordAssignmentEvent(assignmentId: string, body: AssignmentEventBody) {
  return apiFetch('POST', `/api/assignments/${encodeURIComponent(assignmentId)}/events`, body, stateResult);
}
