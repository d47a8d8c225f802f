import { TARGET_GROUP_LABELS, type TargetGroup } from '../../../core/temporary-housing/placement-rules.js';
export {
  CONFLICT_SEVERITY_LABELS,
  EXIT_DESTINATION_LABELS,
  PLACEMENT_STATUS_LABELS,
} from '../../../shared/temporary-housing.js';
export const targetGroupLabel = (g: string) => TARGET_GROUP_LABELS[g as TargetGroup] ?? g;
export const STAY_KIND_LABELS = { hospitality: 'Ospitalità temporanea', sat: 'SAT' } as const;
