// Who may see and change temporary units and stays. A partner user sees only the units its
// organisation runs and the stays in them; staff see stays of households in their Comuni.
import {
  roleFilesEducatorReports,
  roleManagesTemporaryHousing,
  roleReadsTemporaryHousing,
} from '../../../shared/temporary-housing.js';
import type { Actor } from '../../http/context.js';
import { inComuneScope } from '../households/households.access.js';

type ActorFacts = Pick<Actor, 'role' | 'comuneIds' | 'partnerId'>;

export interface PlacementFacts {
  readonly unitPartnerId: string;
  readonly householdComuneId: string;
}

export function canReadUnits(a: ActorFacts): boolean {
  return roleReadsTemporaryHousing(a.role) && (a.role !== 'partner' || a.partnerId !== null);
}
export function canReadUnit(a: ActorFacts, unitPartnerId: string): boolean {
  if (a.role === 'partner') return a.partnerId !== null && a.partnerId === unitPartnerId;
  return roleReadsTemporaryHousing(a.role);
}
export function canManageUnits(a: ActorFacts): boolean {
  return roleManagesTemporaryHousing(a.role);
}
export function canReadPlacement(a: ActorFacts, p: PlacementFacts): boolean {
  if (a.role === 'partner') return a.partnerId !== null && a.partnerId === p.unitPartnerId;
  return roleReadsTemporaryHousing(a.role) && inComuneScope(a, p.householdComuneId);
}
export function canManagePlacement(a: ActorFacts, p: PlacementFacts): boolean {
  return roleManagesTemporaryHousing(a.role) && inComuneScope(a, p.householdComuneId);
}
/** Educator reports, conflicts and the exit plan: the partner running the unit, or the agency's team. */
export function canFollowPlacement(a: ActorFacts, p: PlacementFacts): boolean {
  if (a.role === 'partner') return canReadPlacement(a, p);
  return roleFilesEducatorReports(a.role) && inComuneScope(a, p.householdComuneId);
}

export type PlacementScope =
  | { readonly kind: 'none' }
  | { readonly kind: 'partner'; readonly partnerId: string }
  | { readonly kind: 'comuni'; readonly comuneIds: readonly string[] | 'all' };

export function placementScope(a: ActorFacts): PlacementScope {
  if (a.role === 'partner') return a.partnerId ? { kind: 'partner', partnerId: a.partnerId } : { kind: 'none' };
  if (!roleReadsTemporaryHousing(a.role)) return { kind: 'none' };
  return { kind: 'comuni', comuneIds: a.comuneIds.length === 0 ? 'all' : a.comuneIds };
}
