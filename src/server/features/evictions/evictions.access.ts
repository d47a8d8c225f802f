// Who may read and change eviction procedures. Partners never see them: a procedure is not shared.
import {
  roleReadsEvictions,
  roleWritesEvictions,
  roleImportsEvictionHistory,
  roleReadsEvictionStatistics,
} from '../../../shared/evictions.js';
import type { Actor } from '../../http/context.js';
import { inComuneScope } from '../households/households.access.js';

type ActorFacts = Pick<Actor, 'role' | 'comuneIds' | 'partnerId'>;

export function canListEvictions(a: ActorFacts): boolean {
  return roleReadsEvictions(a.role);
}
export function canReadEviction(a: ActorFacts, e: { comuneId: string }): boolean {
  return roleReadsEvictions(a.role) && inComuneScope(a, e.comuneId);
}
export function canWriteEviction(a: ActorFacts, e: { comuneId: string }): boolean {
  return roleWritesEvictions(a.role) && inComuneScope(a, e.comuneId);
}
export function canReadEvictionStatistics(a: ActorFacts): boolean {
  return roleReadsEvictionStatistics(a.role);
}
export function canImportEvictionHistory(a: ActorFacts): boolean {
  return roleImportsEvictionHistory(a.role);
}
