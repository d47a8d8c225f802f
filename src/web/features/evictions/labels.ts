import {
  EVICTION_EVENT_LABELS,
  EVICTION_STATUS_LABELS,
  type EvictionStatus,
} from '../../../core/evictions/eviction-state.js';
import { EVICTION_MOTIVE_LABELS, type EvictionMotive } from '../../../core/evictions/statistics.js';

export { EVICTION_EVENT_LABELS, EVICTION_MOTIVE_LABELS, EVICTION_STATUS_LABELS };
export const statusLabel = (s: string) => EVICTION_STATUS_LABELS[s as EvictionStatus] ?? s;
export const motiveLabel = (m: string) => EVICTION_MOTIVE_LABELS[m as EvictionMotive] ?? m;
export const SEVERITY_LABELS = { high: 'Urgente', medium: 'Da fare', low: 'Da verificare' } as const;
export const SEVERITY_BADGES = { high: 'bg-danger', medium: 'bg-warning text-dark', low: 'bg-secondary' } as const;
