import type { ApplicationState } from '../../../shared/applications.js';

/** Badge colours of Bootstrap Italia, all with AA contrast for their text. */
export const APPLICATION_STATE_BADGES: Record<ApplicationState, string> = {
  to_review: 'bg-secondary',
  admitted: 'bg-success',
  excluded: 'bg-danger',
};

export const CHECK_OUTCOME_BADGES: Record<'met' | 'not_met' | 'missing_information', string> = {
  met: 'bg-success',
  not_met: 'bg-danger',
  missing_information: 'bg-warning',
};

const ISBAR = new Intl.NumberFormat('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 3 });

export function formatIsbar(value: number): string {
  return ISBAR.format(value);
}

/** '10,4' or '10.4' as typed → 10.4; empty → undefined; anything else → NaN (the schema says why). */
export function parseDecimal(text: string): number | undefined {
  const v = text.trim().replace(/\s/g, '');
  if (v === '') return undefined;
  if (!/^-?\d+([.,]\d+)?$/.test(v)) return Number.NaN;
  return Number(v.replace(',', '.'));
}

/** '12' → 12; empty → undefined; anything else → NaN. */
export function parseInteger(text: string): number | undefined {
  const v = text.trim();
  if (v === '') return undefined;
  return /^-?\d+$/.test(v) ? Number(v) : Number.NaN;
}
