import type { UnitState } from '../../../shared/units.js';

/** Badge colours of Bootstrap Italia, all with AA contrast for their white text. */
export const UNIT_STATE_BADGES: Record<UnitState, string> = {
  available: 'bg-success',
  works_needed: 'bg-warning',
  assigned: 'bg-primary',
  reserved_sat: 'bg-secondary',
  not_assignable: 'bg-danger',
};

const areaFormat = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 });

/** 4550 dm² → '45,5 m²'. */
export function formatArea(dm2: number): string {
  return `${areaFormat.format(dm2 / 100)} m²`;
}

export function formatFloor(floor: number): string {
  if (floor === 0) return 'Terra';
  return floor < 0 ? `${floor} (interrato)` : `${floor}°`;
}

/** '45,5' or '45.5' as typed → 45.5; empty → undefined; anything else → null. */
export function parseArea(text: string): number | undefined | null {
  const v = text.trim().replace(',', '.');
  if (v === '') return undefined;
  if (!/^\d{1,4}(\.\d{1,2})?$/.test(v)) return null;
  return Number(v);
}
