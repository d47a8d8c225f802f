// The stored input of an assignment run (assignment_runs.inputs_snapshot), from which `abitare sap
// verify` recomputes the proposal and each application's outcome is explained on request.
// Format 2 (current): the applications as arrays of their values in a fixed order, the object's
// keys in a fixed order (so JSON.stringify is canonical by construction) and a SHA-256 hash
// prefixed "sha256:". Format 1 (runs made before): objects in canonical JSON, FNV-1a 64 hash.
import { createHash } from 'node:crypto';
import type {
  ApplicationStatus,
  AssignmentApplication,
  AssignmentUnit,
  Refusal,
} from '../../../core/sap/assignment.js';
import { fnv1a64Hex } from '../../../core/sap/fingerprint.js';
import type { QuotaFigure } from '../../../core/sap/quotas.js';

export interface AssignmentSnapshot {
  readonly units: readonly AssignmentUnit[];
  readonly applications: readonly AssignmentApplication[];
  readonly rankingRunId: string;
  readonly rankingHash: string;
  readonly quotas: { readonly indigent: readonly QuotaFigure[]; readonly reserve: readonly QuotaFigure[] };
  readonly refusals: readonly Refusal[];
  readonly policy: string;
  /** Applications that held a unit when the run was made: in it as not available, not explained. */
  readonly held: readonly string[];
}

/**
 * One application, compact: repeated texts (Comuni, unit codes, reserve categories) are indexes
 * into `strings`, and the status a letter (a admitted, e excluded, r under review). A call of
 * 100,000 applications stores about half the bytes of plain objects, and hashes them in half the time.
 */
type ApplicationTuple = [
  id: string,
  status: 'a' | 'e' | 'r',
  membersCount: number,
  highestInvalidityPercent: number | null,
  indigent: 0 | 1,
  residenceComune: number | null,
  reserveCategories: number[],
  unitIds: number[],
];

const STATUS_LETTER: Record<ApplicationStatus, ApplicationTuple[1]> = {
  admitted: 'a',
  excluded: 'e',
  under_review: 'r',
};
const LETTER_STATUS: Record<ApplicationTuple[1], ApplicationStatus> = {
  a: 'admitted',
  e: 'excluded',
  r: 'under_review',
};

interface SnapshotV2 {
  readonly format: 2;
  readonly rankingRunId: string;
  readonly rankingHash: string;
  readonly policy: string;
  readonly units: readonly AssignmentUnit[];
  readonly quotas: AssignmentSnapshot['quotas'];
  readonly refusals: readonly Refusal[];
  readonly held: readonly string[];
  /** The texts the applications refer to by index, in order of first use. */
  readonly strings: readonly string[];
  readonly applications: readonly ApplicationTuple[];
}

/** The snapshot text of a new run. Units, quotas and refusals are built by the caller with fixed keys. */
export function encodeAssignmentSnapshot(s: AssignmentSnapshot): string {
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const ref = (text: string): number => {
    let i = indexOf.get(text);
    if (i === undefined) {
      i = strings.length;
      strings.push(text);
      indexOf.set(text, i);
    }
    return i;
  };
  const applications = s.applications.map((a): ApplicationTuple => [
    a.id,
    STATUS_LETTER[a.status],
    a.membersCount,
    a.highestInvalidityPercent,
    a.indigent ? 1 : 0,
    a.residenceComune === null ? null : ref(a.residenceComune),
    a.reserveCategories.map(ref),
    a.unitIds.map(ref),
  ]);
  const body: SnapshotV2 = {
    format: 2,
    rankingRunId: s.rankingRunId,
    rankingHash: s.rankingHash,
    policy: s.policy,
    units: s.units.map((u) => ({
      id: u.id,
      ownerId: u.ownerId,
      ownerKind: u.ownerKind,
      comune: u.comune,
      usableAreaDm2: u.usableAreaDm2,
      accessible: u.accessible,
      reserveCategory: u.reserveCategory,
    })),
    // Built by computeCallQuotas (core/sap/quotas.ts) with its keys always in the same order.
    quotas: s.quotas,
    refusals: s.refusals.map((r) => ({ applicationId: r.applicationId, unitId: r.unitId, justified: r.justified })),
    held: s.held,
    strings,
    applications,
  };
  return JSON.stringify(body);
}

export function decodeAssignmentSnapshot(text: string): AssignmentSnapshot {
  const parsed = JSON.parse(text) as Partial<SnapshotV2> & Partial<AssignmentSnapshot>;
  if (parsed.format === 2) {
    const v2 = parsed as SnapshotV2;
    return {
      rankingRunId: v2.rankingRunId,
      rankingHash: v2.rankingHash,
      policy: v2.policy,
      units: v2.units,
      quotas: v2.quotas,
      refusals: v2.refusals,
      held: v2.held,
      applications: v2.applications.map(
        ([
          id,
          status,
          membersCount,
          highestInvalidityPercent,
          indigent,
          residenceComune,
          reserveCategories,
          unitIds,
        ]) => ({
          id,
          status: LETTER_STATUS[status],
          membersCount,
          highestInvalidityPercent,
          indigent: indigent === 1,
          residenceComune: residenceComune === null ? null : (v2.strings[residenceComune] as string),
          reserveCategories: reserveCategories.map((i) => v2.strings[i] as string),
          unitIds: unitIds.map((i) => v2.strings[i] as string),
        }),
      ),
    };
  }
  // Format 1: the objects as the rules take them, in canonical JSON; its runs stored their outcomes.
  const v1 = parsed as Omit<AssignmentSnapshot, 'held'>;
  return { ...v1, held: [] };
}

/** The hash of a snapshot text, in the algorithm its format uses. */
export function snapshotHash(text: string, format: 1 | 2 = 2): string {
  return format === 2 ? `sha256:${createHash('sha256').update(text).digest('hex')}` : fnv1a64Hex(text);
}
